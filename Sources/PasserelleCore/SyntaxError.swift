/// Why a document could not be read at all, with the place the reader stopped.
public struct SyntaxError: Error, Sendable {
    public var location: SourceLocation
    public var message: String
    public var expected: String?

    public init(at location: SourceLocation, _ message: String, expected: String? = nil) {
        self.location = location
        self.message = message
        self.expected = expected
    }
}
