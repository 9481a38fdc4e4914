import PasserelleCore

/// Turns a file's bytes into text the loaders can trust: UTF-8 only, no byte-order mark, `\n` line ends.
public enum SourceText {
    public static func decode(_ bytes: [UInt8]) throws(SyntaxError) -> String {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let nul = body.firstIndex(of: 0) {
            throw SyntaxError(at: location(of: nul - body.startIndex, in: body), "this is a binary file, not text",
                              expected: "UTF-8 text")
        }
        guard let text = String(validating: body, as: UTF8.self) else {
            let offset = firstInvalidUTF8Offset(body)
            throw SyntaxError(at: location(of: offset, in: body), "invalid UTF-8 byte sequence", expected: "UTF-8 text")
        }
        if let control = firstControlCharacter(body) {
            throw ControlCharacters.error(control.scalar, at: location(of: control.offset - body.startIndex, in: body))
        }
        guard body.contains(0x0D) else { return text }
        // Line ends are replaced byte by byte: a string search compares characters, and would keep a `\r`
        // that a combining mark follows (libyaml would still count it as a line break).
        var lines: [UInt8] = []
        lines.reserveCapacity(body.count)
        var index = body.startIndex
        while index < body.endIndex {
            let byte = body[index]
            index += 1
            if byte == 0x0D {
                lines.append(0x0A)
                if index < body.endIndex, body[index] == 0x0A { index += 1 }
            } else {
                lines.append(byte)
            }
        }
        return String(decoding: lines, as: UTF8.self)
    }

    private static func location(of offset: Int, in bytes: ArraySlice<UInt8>) -> SourceLocation {
        var line = 1
        var column = 1
        var previous: UInt8 = 0
        for byte in bytes.prefix(offset) {
            defer { previous = byte }
            if byte == 0x0A && previous == 0x0D { continue }  // `\r\n` ends one line, as `\r` and `\n` do
            if byte == 0x0A || byte == 0x0D {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(line: line, column: column)
    }

    /// The first refused control character of valid UTF-8 text, and the index of its first byte: C0 controls and
    /// DEL are one byte, the C1 controls (U+0080 to U+009F) the two bytes C2 80 to C2 9F.
    private static func firstControlCharacter(_ bytes: ArraySlice<UInt8>) -> (offset: Int, scalar: Unicode.Scalar)? {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte < 0x20 || byte == 0x7F, ControlCharacters.isRefused(Unicode.Scalar(byte)) {
                return (index, Unicode.Scalar(byte))
            }
            if byte == 0xC2, index + 1 < bytes.endIndex, (0x80...0x9F).contains(bytes[index + 1]) {
                return (index, Unicode.Scalar(bytes[index + 1]))
            }
            index += 1
        }
        return nil
    }

    private static func firstInvalidUTF8Offset(_ bytes: ArraySlice<UInt8>) -> Int {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                return offset
            case .error:
                return offset
            }
        }
    }
}

/// A Markdown file split into its YAML front matter and its body.
public struct FrontMatterDocument: Sendable {
    /// The YAML text between the `---` fences; nil when the file has none.
    public var yaml: String?
    /// Lines before the YAML text (1 when the file starts with `---`).
    public var yamlLineOffset: Int
    public var body: String
    /// The line in the file on which the body starts.
    public var bodyLine: Int

    /// Splits `---\n<yaml>\n---\n<body>`. A file without an opening fence is all body. Only the front matter's
    /// lines are looked at; the body is taken as it is (line ends are `\n` alone: see `SourceText`).
    public static func split(_ text: String) throws(SyntaxError) -> FrontMatterDocument {
        let utf8 = text.utf8
        /// The line that starts at `start`, and where the next one starts (nil after the last line).
        func line(at start: String.Index) -> (text: Substring, next: String.Index?) {
            guard let end = utf8[start...].firstIndex(of: 0x0A) else { return (text[start...], nil) }
            return (text[start..<end], utf8.index(after: end))
        }
        let (first, afterFirst) = line(at: text.startIndex)
        guard first.trimmingTrailingSpaces() == "---" else {
            return FrontMatterDocument(yaml: nil, yamlLineOffset: 0, body: text, bodyLine: 1)
        }
        var start = afterFirst
        var lines = 0
        while let current = start {
            let (fence, next) = line(at: current)
            let trimmed = fence.trimmingTrailingSpaces()
            if trimmed == "---" || trimmed == "..." {
                let yaml = lines == 0 ? "" : String(text[afterFirst!..<utf8.index(before: current)])
                return FrontMatterDocument(yaml: yaml, yamlLineOffset: 1, body: next.map { String(text[$0...]) } ?? "", bodyLine: lines + 3)
            }
            start = next
            lines += 1
        }
        throw SyntaxError(at: .start, "the front matter is not closed", expected: "a line '---' after the YAML keys")
    }
}

extension Substring {
    fileprivate func trimmingTrailingSpaces() -> Substring {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " || self[index(before: end)] == "\t" {
            end = index(before: end)
        }
        return self[startIndex..<end]
    }
}
