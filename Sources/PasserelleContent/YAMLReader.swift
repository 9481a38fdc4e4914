import Yams
import PasserelleCore

/// Reads YAML (site.yml, front matter) into a `DataNode` tree with line and column on every value.
public enum YAMLReader {
    /// The largest number of values one document may expand to: stops alias bombs ("billion laughs").
    public static let valueBudget = 100_000

    /// - Parameter lineOffset: lines before the YAML text in its file (front matter starts on line 2).
    public static func read(_ text: String, lineOffset: Int = 0) throws(SyntaxError) -> DataNode {
        let node: Node?
        let places = Places(text, lineOffset: lineOffset)
        do {
            // UTF-8, as Swift strings are: the default would read the environment on every call. No implicit tag
            // rules (Yams runs a regular expression per rule per scalar): a plain scalar is typed by `PlainScalar`.
            node = try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch let error as YamlError {
            var syntax = syntaxError(from: error, lineOffset: lineOffset)
            syntax.location = places.clamped(syntax.location)
            throw syntax
        } catch {
            throw SyntaxError(at: SourceLocation(line: lineOffset + 1, column: 1), "YAML could not be read: \(error)")
        }
        guard let node else {
            return DataNode(.map([]), at: SourceLocation(line: lineOffset + 1, column: 1))
        }
        var budget = valueBudget
        return try convert(node, places: places, budget: &budget)
    }

    /// Turns libyaml's marks into places in the file.
    private struct Places {
        let text: String
        let lineOffset: Int
        /// The text's lines, the last one counted even when empty, and the last one's length in Unicode scalars.
        let lines: Int
        let lastLineLength: Int

        init(_ text: String, lineOffset: Int) {
            self.text = text
            self.lineOffset = lineOffset
            let utf8 = text.utf8
            lines = utf8.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            let lastLine = utf8.lastIndex(of: UInt8(ascii: "\n")).map { text[utf8.index(after: $0)...] } ?? text[...]
            lastLineLength = lastLine.unicodeScalars.count
        }

        func location(_ mark: Mark?) -> SourceLocation {
            guard let mark else { return SourceLocation(line: lineOffset + 1, column: 1) }
            return clamped(SourceLocation(line: mark.line + lineOffset, column: mark.column))
        }

        /// The place of the escape that makes a refused control character in the double-quoted scalar that starts at
        /// `mark` (`"\0"`, `"\x1b"`, `"\u0000"`), read from its opening quote; nil when there is none.
        func controlEscape(after mark: Mark) -> (SourceLocation, Unicode.Scalar)? {
            let scalars = Array(text.unicodeScalars)
            var index = 0
            var line = 1
            while line < mark.line, index < scalars.count {
                if scalars[index] == "\n" { line += 1 }
                index += 1
            }
            var column = 1
            while column < mark.column, index < scalars.count, scalars[index] != "\n" { index += 1; column += 1 }
            // A tag or an anchor may come before the quote.
            while index < scalars.count, scalars[index] != "\"" {
                if scalars[index] == "\n" { line += 1; column = 1 } else { column += 1 }
                index += 1
            }
            index += 1
            column += 1
            while index < scalars.count, scalars[index] != "\"" {
                let scalar = scalars[index]
                if scalar == "\n" {
                    line += 1
                    column = 1
                    index += 1
                    continue
                }
                guard scalar == "\\", index + 1 < scalars.count else {
                    index += 1
                    column += 1
                    continue
                }
                let at = SourceLocation(line: line + lineOffset, column: column)
                let escape = scalars[index + 1]
                var hexDigits = 0
                var value: UInt32?
                switch escape {
                case "0": value = 0
                case "a": value = 0x07
                case "b": value = 0x08
                case "v": value = 0x0B
                case "f": value = 0x0C
                case "e": value = 0x1B
                case "N": value = 0x85
                case "x": hexDigits = 2
                case "u": hexDigits = 4
                case "U": hexDigits = 8
                default: value = nil
                }
                if hexDigits > 0, index + 2 + hexDigits <= scalars.count {
                    value = UInt32(String(String.UnicodeScalarView(scalars[(index + 2)..<(index + 2 + hexDigits)])), radix: 16)
                }
                if let value, let character = Unicode.Scalar(value), ControlCharacters.isRefused(character) {
                    return (at, character)
                }
                if escape == "\n" {
                    line += 1
                    column = 1
                    index += 2
                } else {
                    index += 2 + hexDigits
                    column += 2 + hexDigits
                }
            }
            return nil
        }

        /// libyaml puts the end of a text that has no final line break on the line after it: such a place is kept
        /// at the end of the text's last line, so that every message points at a line of the file.
        func clamped(_ location: SourceLocation) -> SourceLocation {
            guard location.line - lineOffset > lines else { return location }
            return SourceLocation(line: lines + lineOffset, column: lastLineLength + 1)
        }
    }

    private static func convert(_ node: Node, places: Places, budget: inout Int) throws(SyntaxError) -> DataNode {
        let at = places.location(node.mark)
        budget -= 1
        if budget < 0 {
            throw SyntaxError(at: at, "the document expands to more than \(valueBudget) values",
                              expected: "a small document without repeated aliases")
        }
        switch node {
        case let .scalar(scalar):
            try refuseControlCharacters(scalar, mark: node.mark, places: places)
            return DataNode(scalarValue(scalar), at: at)
        case let .sequence(sequence):
            var items: [DataNode] = []
            for child in sequence {
                items.append(try convert(child, places: places, budget: &budget))
            }
            return DataNode(.list(items), at: at)
        case let .mapping(mapping):
            var entries: [DataNode.Entry] = []
            var seen = Set<String>()
            for (keyNode, valueNode) in mapping {
                let keyAt = places.location(keyNode.mark)
                guard case let .scalar(keyScalar) = keyNode else {
                    throw SyntaxError(at: keyAt, "a key must be plain text", expected: "key: value")
                }
                try refuseControlCharacters(keyScalar, mark: keyNode.mark, places: places)
                if !seen.insert(keyScalar.string).inserted {
                    throw SyntaxError(at: keyAt, "key '\(keyScalar.string)' appears twice", expected: "each key once")
                }
                let value = try convert(valueNode, places: places, budget: &budget)
                entries.append(.init(key: keyScalar.string, keyLocation: keyAt, value: value))
            }
            return DataNode(.map(entries), at: at)
        case .alias:
            throw SyntaxError(at: at, "unresolved YAML alias")
        }
    }

    /// A control character other than tab and line breaks in a value or a key is an error at the escape that made it
    /// (the file's own bytes were checked before: see `SourceText`).
    private static func refuseControlCharacters(_ scalar: Node.Scalar, mark: Mark?, places: Places) throws(SyntaxError) {
        guard let refused = scalar.string.unicodeScalars.first(where: ControlCharacters.isRefused) else { return }
        if scalar.style == .doubleQuoted, let mark, let (at, character) = places.controlEscape(after: mark) {
            throw ControlCharacters.error(character, at: at)
        }
        throw ControlCharacters.error(refused, at: places.location(mark))
    }

    /// A plain scalar without a tag is typed as YAML 1.1's core rules type it (null, bool, int, float); a tag
    /// written in the file (`!!str 12`) is kept. Read before the node's tag is resolved, which would make every
    /// untagged scalar a string under the basic resolver.
    private static func scalarValue(_ scalar: Node.Scalar) -> DataNode.Value {
        guard scalar.style == .plain || scalar.style == .any else {
            return .scalar(scalar.string, plain: false)
        }
        let text = scalar.string
        let written = Tag.Name(rawValue: scalar.tag.rawValue)
        let tag = written == .implicit ? PlainScalar.tag(of: text) : written
        switch tag {
        case .null:
            return .null
        case .bool:
            // YAML 1.1 also reads yes/no/on/off as booleans; keep those as text so "NO" stays Norway.
            let lower = text.lowercased()
            if lower == "true" { return .bool(true) }
            if lower == "false" { return .bool(false) }
            return .scalar(text, plain: true)
        case .int, .float:
            if let number = Double(text.replacingOccurrences(of: "_", with: "")) { return .number(number, text: text) }
            return .scalar(text, plain: true)
        default:
            return .scalar(text, plain: true)
        }
    }

    private static func syntaxError(from error: YamlError, lineOffset: Int) -> SyntaxError {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(line: mark.line + lineOffset, column: mark.column) }
        switch error {
        case let .scanner(context, problem, mark, _),
             let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            var message = "invalid YAML: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line + lineOffset))" }
            return SyntaxError(at: at(mark), message)
        case let .reader(problem, offset, _, yaml):
            var location = SourceLocation(line: lineOffset + 1, column: 1)
            // Yams gives the offset in characters; lines and columns are counted in Unicode scalars.
            if let offset, let index = yaml.index(yaml.startIndex, offsetBy: offset, limitedBy: yaml.endIndex) {
                let lines = yaml[..<index].unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
                location = SourceLocation(line: lines.count + lineOffset, column: (lines.last?.count ?? 0) + 1)
            }
            return SyntaxError(at: location, "invalid text: \(problem)", expected: "UTF-8 text")
        case let .duplicatedKeysInMapping(duplicates, context):
            return SyntaxError(at: at(context.mark), "keys appear twice: \(duplicates.joined(separator: ", "))", expected: "each key once")
        default:
            return SyntaxError(at: SourceLocation(line: lineOffset + 1, column: 1), "invalid YAML: \(error)")
        }
    }
}

extension YAMLReader {
    /// A theme's UI strings file: each top-level key with its text, or with the kind of value found instead.
    @Sendable public static func readStrings(_ bytes: [UInt8]) throws(SyntaxError) -> [StringsEntry] {
        let node = try read(try SourceText.decode(bytes))
        return (node.entries ?? []).map { entry in
            StringsEntry(key: entry.key, text: entry.value.scalarText, kindName: entry.value.kindName, location: entry.value.location)
        }
    }
}
