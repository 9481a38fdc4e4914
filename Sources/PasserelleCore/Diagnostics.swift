/// A position in a source file, 1-based, counted in Unicode scalars like libyaml does.
public struct SourceLocation: Hashable, Sendable, Comparable, Codable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static let start = SourceLocation(line: 1, column: 1)

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// One problem found in the content, with the place a user must look at to fix it.
///
/// Errors fail the build; warnings are printed and the build goes on.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible, Codable {
    public enum Severity: String, Sendable, Codable { case error, warning }

    public var severity: Severity
    public var file: String
    public var location: SourceLocation
    public var message: String
    /// What was expected instead, shown in parentheses; nil when the message says it all.
    public var expected: String?

    public init(_ severity: Severity, file: String, at location: SourceLocation, _ message: String, expected: String? = nil) {
        self.severity = severity
        self.file = file
        self.location = location
        self.message = message
        self.expected = expected
    }

    /// `path:line:column: error: what is wrong (what was expected)`
    public var description: String {
        var text = "\(file):\(location.line):\(location.column): \(severity.rawValue): \(message)"
        if let expected { text += " (\(expected))" }
        return text
    }
}

/// Collects every diagnostic of a build so that all problems are reported at once.
public struct DiagnosticLog: Sendable {
    public private(set) var all: [Diagnostic] = []

    public init() {}

    /// A log holding these diagnostics, in this order.
    public init(_ all: [Diagnostic]) { self.all = all }

    public mutating func error(_ file: String, _ location: SourceLocation, _ message: String, expected: String? = nil) {
        all.append(Diagnostic(.error, file: file, at: location, message, expected: expected))
    }

    public mutating func warning(_ file: String, _ location: SourceLocation, _ message: String, expected: String? = nil) {
        all.append(Diagnostic(.warning, file: file, at: location, message, expected: expected))
    }

    public mutating func append(contentsOf other: DiagnosticLog) {
        all.append(contentsOf: other.all)
    }

    /// Drops repeats of the same message at the same place (a text rendered in several languages warns once).
    public mutating func removeDuplicates() {
        var seen = Set<String>()
        all = all.filter { seen.insert("\($0.severity)|\($0.file)|\($0.location.line):\($0.location.column)|\($0.message)").inserted }
    }

    public var errors: [Diagnostic] { all.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { all.filter { $0.severity == .warning } }
    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    /// Sorted by file, then position, so that output is the same from run to run.
    public var sorted: [Diagnostic] {
        all.sorted { ($0.file, $0.location, $0.message) < ($1.file, $1.location, $1.message) }
    }
}

/// A diagnostic bound to one file: the loaders write through it so that every message carries its path.
public struct FileDiagnostics {
    public let file: String
    public private(set) var log = DiagnosticLog()

    public init(file: String) { self.file = file }

    public mutating func error(_ at: SourceLocation, _ message: String, expected: String? = nil) {
        log.error(file, at, message, expected: expected)
    }

    public mutating func warning(_ at: SourceLocation, _ message: String, expected: String? = nil) {
        log.warning(file, at, message, expected: expected)
    }
}
