/// One entry of a flat `key: text` file (a theme's UI strings), as the content's settings reader gives it.
public struct StringsEntry: Sendable {
    public var key: String
    /// Nil when the value is not text (a list, a map); `kindName` then says what it is.
    public var text: String?
    public var kindName: String
    public var location: SourceLocation

    public init(key: String, text: String?, kindName: String, location: SourceLocation) {
        self.key = key
        self.text = text
        self.kindName = kindName
        self.location = location
    }
}

/// Reads a flat `key: text` file from its bytes, or says where it stops making sense. Themes read their UI
/// strings with it without knowing the content formats.
public typealias StringsFileReader = @Sendable ([UInt8]) throws(SyntaxError) -> [StringsEntry]
