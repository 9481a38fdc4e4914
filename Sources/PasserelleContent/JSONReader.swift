import PasserelleCore

/// A strict JSON (RFC 8259) reader that keeps the line and column of every value,
/// so that a talent's JSON profile gets the same located errors as a Markdown one.
public struct JSONReader {
    /// Deeper nesting is refused rather than risking the stack.
    public static let maxDepth = 64

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    /// The last place whose column was counted, so that counting goes on from there: a long line is not
    /// counted again from its start for every value on it.
    private var counted = (index: 0, column: 1)

    private init(_ text: String) {
        bytes = Array(text.utf8)
    }

    public static func read(_ text: String) throws(SyntaxError) -> DataNode {
        var reader = JSONReader(text)
        reader.skipWhitespace()
        let value = try reader.readValue(depth: 0)
        reader.skipWhitespace()
        if reader.index < reader.bytes.count {
            throw SyntaxError(at: reader.here, "unexpected text after the JSON value", expected: "end of file")
        }
        return value
    }

    private var here: SourceLocation {
        mutating get { location(of: index) }
    }

    /// The place of a byte of the current line; the column is counted in Unicode scalars (continuation bytes of
    /// UTF-8 do not count).
    private mutating func location(of position: Int) -> SourceLocation {
        var (i, column) = counted.index >= lineStart && counted.index <= position ? counted : (lineStart, 1)
        while i < position && i < bytes.count {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        counted = (i, column)
        return SourceLocation(line: line, column: column)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
            default: return
            }
        }
    }

    private func describeCurrent() -> String {
        guard index < bytes.count else { return "end of file" }
        let scalar = Unicode.Scalar(bytes[index])
        return bytes[index] < 0x80 ? "'\(Character(scalar))'" : "a non-ASCII character"
    }

    private mutating func readValue(depth: Int) throws(SyntaxError) -> DataNode {
        let at = here
        guard index < bytes.count else {
            throw SyntaxError(at: at, "the JSON ends too early", expected: "a value")
        }
        if depth > Self.maxDepth {
            throw SyntaxError(at: at, "JSON nested more than \(Self.maxDepth) levels deep", expected: "a flatter document")
        }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try readObject(depth: depth, at: at)
        case UInt8(ascii: "["): return try readArray(depth: depth, at: at)
        case UInt8(ascii: "\""): return DataNode(.scalar(try readString(), plain: false), at: at)
        case UInt8(ascii: "t"): try readLiteral("true"); return DataNode(.bool(true), at: at)
        case UInt8(ascii: "f"): try readLiteral("false"); return DataNode(.bool(false), at: at)
        case UInt8(ascii: "n"): try readLiteral("null"); return DataNode(.null, at: at)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try readNumber(at: at)
        default:
            throw SyntaxError(at: at, "unexpected \(describeCurrent())", expected: "a JSON value: object, array, string, number, true, false or null")
        }
    }

    private mutating func readLiteral(_ word: String) throws(SyntaxError) {
        let at = here
        for byte in word.utf8 {
            guard index < bytes.count, bytes[index] == byte else {
                throw SyntaxError(at: at, "unexpected \(describeCurrent())", expected: "'\(word)'")
            }
            index += 1
        }
    }

    private mutating func readNumber(at: SourceLocation) throws(SyntaxError) -> DataNode {
        let start = index
        func digits() -> Int {
            let from = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            return index - from
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        let intStart = index
        let intDigits = digits()
        if intDigits == 0 || (intDigits > 1 && bytes[intStart] == UInt8(ascii: "0")) {
            throw SyntaxError(at: at, "invalid number", expected: "digits without leading zeros")
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            if digits() == 0 { throw SyntaxError(at: here, "invalid number", expected: "digits after the decimal point") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            if digits() == 0 { throw SyntaxError(at: here, "invalid number", expected: "digits in the exponent") }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let number = Double(text), number.isFinite else {
            throw SyntaxError(at: at, "invalid number '\(text)'")
        }
        return DataNode(.number(number, text: text), at: at)
    }

    private mutating func readString() throws(SyntaxError) -> String {
        let at = here
        index += 1  // opening quote
        var buffer: [UInt8] = []
        while true {
            guard index < bytes.count else {
                throw SyntaxError(at: at, "this string is not closed", expected: "a closing '\"'")
            }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: buffer, as: UTF8.self)
            case UInt8(ascii: "\\"):
                let escapeStart = index  // the escaped byte may be a line break, which `here` does not count
                index += 1
                guard index < bytes.count else { continue }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): buffer.append(0x22)
                case UInt8(ascii: "\\"): buffer.append(0x5C)
                case UInt8(ascii: "/"): buffer.append(0x2F)
                case UInt8(ascii: "b"), UInt8(ascii: "f"):
                    throw ControlCharacters.error(Unicode.Scalar(UInt8(escape == UInt8(ascii: "b") ? 0x08 : 0x0C)), at: location(of: escapeStart))
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try readHex4()
                    if (0xD800...0xDBFF).contains(code) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw SyntaxError(at: here, "lone UTF-16 surrogate in \\u escape", expected: "a surrogate pair")
                        }
                        index += 2
                        let low = try readHex4()
                        guard (0xDC00...0xDFFF).contains(low) else {
                            throw SyntaxError(at: here, "invalid UTF-16 surrogate pair in \\u escape")
                        }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(code) {
                        throw SyntaxError(at: here, "lone UTF-16 surrogate in \\u escape", expected: "a surrogate pair")
                    }
                    guard let scalar = Unicode.Scalar(code) else {
                        throw SyntaxError(at: here, "invalid \\u escape")
                    }
                    if ControlCharacters.isRefused(scalar) { throw ControlCharacters.error(scalar, at: location(of: escapeStart)) }
                    buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
                default:
                    throw SyntaxError(at: location(of: escapeStart), "invalid escape in a string", expected: "one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
                }
            case 0x00..<0x20:
                throw SyntaxError(at: here, "control character or line break inside a string", expected: "\\n or \\t escapes")
            default:
                buffer.append(byte)
                index += 1
            }
        }
    }

    private mutating func readHex4() throws(SyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count, let digit = hexValue(bytes[index]) else {
                throw SyntaxError(at: here, "invalid \\u escape", expected: "four hexadecimal digits")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    private func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: return UInt32(byte - 0x30)
        case 0x41...0x46: return UInt32(byte - 0x41 + 10)
        case 0x61...0x66: return UInt32(byte - 0x61 + 10)
        default: return nil
        }
    }

    private mutating func readArray(depth: Int, at: SourceLocation) throws(SyntaxError) -> DataNode {
        index += 1
        var items: [DataNode] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return DataNode(.list(items), at: at)
        }
        while true {
            skipWhitespace()
            items.append(try readValue(depth: depth + 1))
            skipWhitespace()
            guard index < bytes.count else {
                throw SyntaxError(at: here, "the JSON ends inside a list", expected: "',' or ']'")
            }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return DataNode(.list(items), at: at) }
            throw SyntaxError(at: here, "unexpected \(describeCurrent()) in a list", expected: "',' or ']'")
        }
    }

    private mutating func readObject(depth: Int, at: SourceLocation) throws(SyntaxError) -> DataNode {
        index += 1
        var entries: [DataNode.Entry] = []
        var seen = Set<String>()
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return DataNode(.map(entries), at: at)
        }
        while true {
            skipWhitespace()
            let keyAt = here
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw SyntaxError(at: keyAt, "unexpected \(describeCurrent()) in an object", expected: "a key in double quotes")
            }
            let key = try readString()
            if !seen.insert(key).inserted {
                throw SyntaxError(at: keyAt, "key \"\(key)\" appears twice", expected: "each key once")
            }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw SyntaxError(at: here, "unexpected \(describeCurrent()) after a key", expected: "':'")
            }
            index += 1
            skipWhitespace()
            let value = try readValue(depth: depth + 1)
            entries.append(.init(key: key, keyLocation: keyAt, value: value))
            skipWhitespace()
            guard index < bytes.count else {
                throw SyntaxError(at: here, "the JSON ends inside an object", expected: "',' or '}'")
            }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return DataNode(.map(entries), at: at) }
            throw SyntaxError(at: here, "unexpected \(describeCurrent()) in an object", expected: "',' or '}'")
        }
    }
}
