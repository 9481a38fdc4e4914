import PasserelleCore

/// A value read from YAML or JSON, with the place it came from.
///
/// Both formats are read into this one tree so that the loaders validate talents, vacancies and pages
/// the same way whatever the file format, and every error points at a line and column.
public struct DataNode: Sendable {
    public enum Value: Sendable {
        /// A YAML scalar or a JSON string. `plain` is false for quoted YAML scalars and JSON strings.
        case scalar(String, plain: Bool)
        case number(Double, text: String)
        case bool(Bool)
        case null
        case list([DataNode])
        case map([Entry])
    }

    public struct Entry: Sendable {
        public var key: String
        public var keyLocation: SourceLocation
        public var value: DataNode
    }

    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }

    /// A short name of the value's kind for error messages ("a list", "a string"...).
    public var kindName: String {
        switch value {
        case .scalar: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "nothing (null)"
        case .list: return "a list"
        case .map: return "a mapping"
        }
    }

    /// The text of a scalar, number or boolean; nil for lists, mappings and null.
    public var scalarText: String? {
        switch value {
        case let .scalar(text, _): return text
        case let .number(_, text): return text
        case let .bool(flag): return flag ? "true" : "false"
        default: return nil
        }
    }

    public var entries: [Entry]? {
        if case let .map(entries) = value { return entries }
        return nil
    }

    public var items: [DataNode]? {
        if case let .list(items) = value { return items }
        return nil
    }

    public subscript(key: String) -> DataNode? {
        entries?.first { $0.key == key }?.value
    }
}
