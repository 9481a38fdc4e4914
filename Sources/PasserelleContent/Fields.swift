import PasserelleCore

/// Reads the keys of one YAML or JSON mapping with types checked, reporting every problem with its location.
///
/// Loaders ask for each key they know; `finish()` then warns about the keys nobody asked for, with a
/// suggestion when one is a near miss ("nmae" → "name").
public final class Fields {
    public let node: DataNode
    /// Path of this mapping inside the document, for messages ("salary.", "basics.location.").
    public let prefix: String
    private(set) var diagnostics: FileDiagnostics
    private var asked: Set<String> = []
    /// The files under media/ this document names (only the outermost `Fields` keeps them).
    public private(set) var mediaReferences: [MediaReference] = []
    private let parent: Fields?
    /// Keys that are private wherever they appear in the document (site.yml's `private:`): accepted, never read.
    public let withheld: Set<String>
    /// occupations.yml's occupations, which `occupation:` names.
    public let occupations: OccupationVocabulary

    public init(_ node: DataNode, file: String, prefix: String = "", withheld: Set<String> = [],
                occupations: OccupationVocabulary = OccupationVocabulary()) {
        self.node = node
        self.prefix = prefix
        self.diagnostics = FileDiagnostics(file: file)
        self.parent = nil
        self.withheld = withheld
        self.occupations = occupations
    }

    private init(_ node: DataNode, parent: Fields, prefix: String) {
        self.node = node
        self.prefix = prefix
        self.diagnostics = FileDiagnostics(file: parent.diagnostics.file)
        self.parent = parent
        self.withheld = parent.withheld
        self.occupations = parent.occupations
    }

    public var file: String { diagnostics.file }
    public var log: DiagnosticLog { diagnostics.log }

    public func error(_ at: SourceLocation, _ message: String, expected: String? = nil) {
        if let parent { parent.error(at, message, expected: expected) } else { diagnostics.error(at, message, expected: expected) }
    }

    public func warning(_ at: SourceLocation, _ message: String, expected: String? = nil) {
        if let parent { parent.warning(at, message, expected: expected) } else { diagnostics.warning(at, message, expected: expected) }
    }

    /// Notes a file under media/ that the document names, to be checked once media/ is listed.
    public func refer(to path: String, at location: SourceLocation, role: String) {
        if let parent { parent.refer(to: path, at: location, role: role) }
        else { mediaReferences.append(MediaReference(file: file, location: location, path: path, role: role)) }
    }

    /// The value under `key`, marking the key as known. Null counts as absent.
    public func value(_ key: String, required: Bool = false, expected: String) -> DataNode? {
        asked.insert(key)
        if withheld.contains(key) { return nil }
        guard let value = node[key] else {
            if required { error(node.location, "missing required key '\(prefix)\(key)'", expected: expected) }
            return nil
        }
        if case .null = value.value {
            if required { error(value.location, "'\(prefix)\(key)' is empty", expected: expected) }
            return nil
        }
        return value
    }

    /// Marks keys as known without reading them (private keys that are accepted and never kept).
    public func accept(_ keys: String...) {
        asked.formUnion(keys)
    }

    public func string(_ key: String, required: Bool = false, expected: String = "text") -> String? {
        guard let value = value(key, required: required, expected: expected) else { return nil }
        return text(of: value, key: key, expected: expected)
    }

    /// The trimmed text of a scalar, or an error; empty text counts as missing.
    public func text(of value: DataNode, key: String, expected: String = "text") -> String? {
        guard let raw = value.scalarText else {
            error(value.location, "'\(prefix)\(key)' is \(value.kindName)", expected: expected)
            return nil
        }
        let text = raw.trimmed
        if text.isEmpty {
            error(value.location, "'\(prefix)\(key)' is empty", expected: expected)
            return nil
        }
        return text
    }

    public func bool(_ key: String, required: Bool = false) -> Bool? {
        guard let value = value(key, required: required, expected: "true or false") else { return nil }
        if case let .bool(flag) = value.value { return flag }
        error(value.location, "'\(prefix)\(key)' is \(value.describe)", expected: "true or false")
        return nil
    }

    /// A number in `range` (a whole one when `whole`), or an error at the value that gives the allowed range:
    /// every number a user types is checked where it is read, so that no page, sum or conversion meets 1e300.
    public func number(_ key: String, in range: ClosedRange<Double>, whole: Bool = false) -> Double? {
        let expected = "\(whole ? "a whole number" : "a number") from \(NumberText.plain(range.lowerBound)) to \(NumberText.plain(range.upperBound))"
        guard let value = value(key, expected: expected) else { return nil }
        guard case let .number(number, text) = value.value else {
            error(value.location, "'\(prefix)\(key)' is \(value.describe)", expected: expected)
            return nil
        }
        guard range.contains(number), !whole || number == number.rounded() else {
            error(value.location, "'\(prefix)\(key)' is \(text.count > 40 ? text.prefix(40) + "…" : text)", expected: expected)
            return nil
        }
        return number
    }

    /// A whole number in `range`.
    public func int(_ key: String, in range: ClosedRange<Int>) -> Int? {
        number(key, in: Double(range.lowerBound)...Double(range.upperBound), whole: true).flatMap { Int(exactly: $0) }
    }

    public func day(_ key: String, required: Bool = false) -> Day? {
        guard let value = value(key, required: required, expected: "a date YYYY-MM-DD") else { return nil }
        return day(of: value, key: key)
    }

    public func day(of value: DataNode, key: String) -> Day? {
        guard let text = text(of: value, key: key, expected: "a date YYYY-MM-DD") else { return nil }
        guard let day = Day(text) else {
            error(value.location, "'\(prefix)\(key)' is not a valid date: '\(text)'", expected: "a date YYYY-MM-DD")
            return nil
        }
        return day
    }

    public func country(_ key: String, required: Bool = false) -> String? {
        guard let value = value(key, required: required, expected: "an ISO 3166-1 alpha-2 country code such as BE or MA") else { return nil }
        return country(of: value, key: key)
    }

    public func country(of value: DataNode, key: String) -> String? {
        let expected = "an ISO 3166-1 alpha-2 country code such as BE or MA"
        guard let text = text(of: value, key: key, expected: expected) else { return nil }
        guard Codes.countries.contains(text) else {
            error(value.location, "'\(text)' is not a country code", expected: expected)
            return nil
        }
        return text
    }

    public func countries(_ key: String) -> [String] {
        guard let items = list(key, expected: "a list of ISO 3166-1 alpha-2 country codes") else { return [] }
        return items.compactMap { country(of: $0, key: key) }
    }

    public func list(_ key: String, required: Bool = false, expected: String) -> [DataNode]? {
        guard let value = value(key, required: required, expected: expected) else { return nil }
        guard let items = value.items else {
            error(value.location, "'\(prefix)\(key)' is \(value.kindName)", expected: expected)
            return nil
        }
        return items
    }

    public func strings(_ key: String, required: Bool = false) -> [String] {
        guard let items = list(key, required: required, expected: "a list of text") else { return [] }
        return items.compactMap { text(of: $0, key: key) }
    }

    /// A nested mapping read with its own `Fields`, whose errors go to this one's file.
    public func object(_ key: String, required: Bool = false, expected: String) -> Fields? {
        guard let value = value(key, required: required, expected: expected) else { return nil }
        guard value.entries != nil else {
            error(value.location, "'\(prefix)\(key)' is \(value.kindName)", expected: expected)
            return nil
        }
        return Fields(value, parent: self, prefix: "\(prefix)\(key).")
    }

    /// A list item that must be a mapping.
    public func object(of value: DataNode, key: String, index: Int, expected: String) -> Fields? {
        guard value.entries != nil else {
            error(value.location, "'\(prefix)\(key)[\(index)]' is \(value.kindName)", expected: expected)
            return nil
        }
        return Fields(value, parent: self, prefix: "\(prefix)\(key)[\(index)].")
    }

    /// The mapping under `<key>.<name>` (a map entry), read with its own `Fields`.
    public func object(of value: DataNode, key: String, name: String, expected: String) -> Fields? {
        guard value.entries != nil else {
            error(value.location, "'\(prefix)\(key).\(name)' is \(value.kindName)", expected: expected)
            return nil
        }
        return Fields(value, parent: self, prefix: "\(prefix)\(key).\(name).")
    }

    /// Warns about every key that was not read; call once all known keys were asked for.
    public func finish() {
        for entry in node.entries ?? [] where !asked.contains(entry.key) && !withheld.contains(entry.key) {
            let suggestion = asked.min { editDistance($0, entry.key) < editDistance($1, entry.key) }
            if let suggestion, editDistance(suggestion, entry.key) <= 2 {
                warning(entry.keyLocation, "unknown key '\(prefix)\(entry.key)' is ignored", expected: "did you mean '\(suggestion)'?")
            } else {
                warning(entry.keyLocation, "unknown key '\(prefix)\(entry.key)' is ignored")
            }
        }
    }
}

extension DataNode {
    /// The kind and, for scalars, the text: "the text 'yes'".
    var describe: String {
        if let text = scalarText, case .scalar = value { return "the text '\(text.prefix(40))'" }
        return kindName
    }
}

/// Levenshtein distance, for "did you mean" suggestions on misspelt keys.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

/// The numbers a user may type, each with the range it is checked against where it is read
/// (docs/content-format.md lists them).
public enum NumberRanges {
    public static let experienceYears: ClosedRange<Double> = 0...70
    /// Wide enough for a yearly salary in any currency, small enough to be shown and compared exactly.
    public static let salary: ClosedRange<Double> = 0...1_000_000_000
    public static let pageWeight: ClosedRange<Int> = -1_000_000...1_000_000
    public static let matchingTop: ClosedRange<Int> = 1...100
    public static let matchingWeight: ClosedRange<Double> = 0...10_000
    /// Cards per listing page: at 200 a page of talent cards stays well under 500 kB.
    public static let pageSize: ClosedRange<Int> = 1...200
}

enum NumberText {
    /// A range's bound for a message: digits grouped by commas, "1,000,000,000".
    static func plain(_ value: Double) -> String {
        guard let whole = Int(exactly: value.rounded()) else { return "\(value)" }
        var digits = String(whole.magnitude)
        var groups: [Substring] = []
        while digits.count > 3 {
            groups.insert(digits.suffix(3), at: 0)
            digits.removeLast(3)
        }
        groups.insert(Substring(digits), at: 0)
        return (whole < 0 ? "-" : "") + groups.joined(separator: ",")
    }
}
