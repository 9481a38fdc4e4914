/// What a template reads: a closed set of values, so that a lookup is a switch, never a dynamic cast.
public enum TemplateValue {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    /// Read an item at a time: a view model's array is not converted whole for `{{#empty(list)}}` or a section.
    case list(any TemplateList)
    case object(any TemplateObject)
}

/// The items of a list value, turned into `TemplateValue`s one at a time as a section reaches them.
public protocol TemplateList {
    var count: Int { get }
    func item(_ index: Int) -> TemplateValue
}

extension TemplateList {
    /// Every item, converted.
    public var values: [TemplateValue] { (0..<count).map { item($0) } }
}

/// A value with named fields (`{{name}}`, `{{a.b}}`): view models answer through a generated switch.
public protocol TemplateObject: TemplateValueConvertible {
    /// The field's value; `.null` when there is no such field or it is absent, so that the lookup goes on
    /// down the context stack.
    func value(forKey key: String) -> TemplateValue

    /// The value at `path` (`a.b.c`) read through the fields' own types, so that no object on the way is
    /// turned into a `TemplateValue`; nil when the first field is absent (the lookup goes on down the stack),
    /// `.null` when it is present but holds nothing at the rest of the path.
    func field(_ path: ArraySlice<String>) -> TemplateValue?
}

/// Anything a view model holds that a template can read.
public protocol TemplateValueConvertible {
    var templateValue: TemplateValue { get }

    /// The value at `path` below this one (itself for an empty path); nil when this value is absent or null.
    func templateValue(at path: ArraySlice<String>) -> TemplateValue?
}

extension TemplateValueConvertible {
    public func templateValue(at path: ArraySlice<String>) -> TemplateValue? {
        templateValue.templateValue(at: path)
    }
}

extension TemplateObject {
    public var templateValue: TemplateValue { .object(self) }

    public func templateValue(at path: ArraySlice<String>) -> TemplateValue? {
        path.isEmpty ? .object(self) : field(path) ?? .null
    }

    public func field(_ path: ArraySlice<String>) -> TemplateValue? {
        guard let key = path.first else { return .object(self) }
        return value(forKey: key).templateValue(at: path.dropFirst())
    }
}

extension TemplateValue: TemplateValueConvertible {
    public var templateValue: TemplateValue { self }

    public func templateValue(at path: ArraySlice<String>) -> TemplateValue? {
        if case .null = self { return nil }
        if path.isEmpty { return self }
        if case let .object(object) = self { return object.field(path) ?? .null }
        return .null
    }
}

extension String: TemplateValueConvertible {
    public var templateValue: TemplateValue { .string(self) }
}

extension Int: TemplateValueConvertible {
    public var templateValue: TemplateValue { .int(self) }
}

extension Double: TemplateValueConvertible {
    public var templateValue: TemplateValue { .double(self) }
}

extension Bool: TemplateValueConvertible {
    public var templateValue: TemplateValue { .bool(self) }
}

extension Optional: TemplateValueConvertible where Wrapped: TemplateValueConvertible {
    public var templateValue: TemplateValue { self?.templateValue ?? .null }
    public func templateValue(at path: ArraySlice<String>) -> TemplateValue? { self?.templateValue(at: path) }
}

extension Array: TemplateValueConvertible where Element: TemplateValueConvertible {
    public var templateValue: TemplateValue { .list(self) }
}

extension Array: TemplateList where Element: TemplateValueConvertible {
    public func item(_ index: Int) -> TemplateValue { self[index].templateValue }
}

/// A keyed table as an object: for data read from JSON or YAML.
public struct TemplateDictionary: TemplateObject {
    public let values: [String: TemplateValue]
    public init(_ values: [String: TemplateValue]) { self.values = values }
    public func value(forKey key: String) -> TemplateValue { values[key] ?? .null }
}
