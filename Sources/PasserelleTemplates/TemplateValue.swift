/// What a template reads: a closed set of values, so that a lookup is a switch, never a dynamic cast.
public enum TemplateValue {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([TemplateValue])
    case object(any TemplateObject)
}

/// A value with named fields (`{{name}}`, `{{a.b}}`): view models answer through a generated switch.
public protocol TemplateObject: TemplateValueConvertible {
    /// The field's value; `.null` when there is no such field or it is absent, so that the lookup goes on
    /// down the context stack.
    func value(forKey key: String) -> TemplateValue
}

/// Anything a view model holds that a template can read.
public protocol TemplateValueConvertible {
    var templateValue: TemplateValue { get }
}

extension TemplateObject {
    public var templateValue: TemplateValue { .object(self) }
}

extension TemplateValue: TemplateValueConvertible {
    public var templateValue: TemplateValue { self }
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
}

extension Array: TemplateValueConvertible where Element: TemplateValueConvertible {
    public var templateValue: TemplateValue { .list(map(\.templateValue)) }
}

/// A keyed table as an object: for data read from JSON or YAML.
public struct TemplateDictionary: TemplateObject {
    public let values: [String: TemplateValue]
    public init(_ values: [String: TemplateValue]) { self.values = values }
    public func value(forKey key: String) -> TemplateValue { values[key] ?? .null }
}
