import PasserelleCore

/// Control characters in text a user typed: tab and line breaks are text, every other one is refused.
///
/// A NUL written into a page cuts the rest of its text off in browsers while it stays in the search index, and
/// the others (escape, backspace, form feed, DEL, the C1 controls) show as nothing or as garbage: none of them
/// is ever meant, so each is an error located at the character, whether it is in the file or made by an escape
/// (`\u0000` in JSON, `"\0"` or `"\x1b"` in YAML).
public enum ControlCharacters {
    /// Refused: every Unicode control character (general category Cc) but tab, line feed and carriage return.
    /// A carriage return is a line end (CRLF files are accepted, and a `\r` escape is a line break).
    public static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        default: return false
        }
    }

    /// The error for one refused character, named by its code point: "U+0000".
    public static func error(_ scalar: Unicode.Scalar, at location: SourceLocation) -> SyntaxError {
        SyntaxError(at: location, "the control character \(codePoint(scalar)) is not allowed in text", expected: expected)
    }

    static let expected = "text without control characters; tabs and line breaks are allowed"

    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        var hex = String(scalar.value, radix: 16, uppercase: true)
        while hex.count < 4 { hex = "0" + hex }
        return "U+" + hex
    }

    /// The first numeric character reference of a Markdown text that makes a refused control character (`&#1;`,
    /// `&#x1B;`), as CommonMark reads them (up to 7 decimal or 6 hexadecimal digits; `&#0;` is U+FFFD), with its
    /// 1-based line and column in the text. A reference in a code span is text, and is refused all the same.
    static func reference(in text: String) -> (line: Int, column: Int, reference: String, scalar: Unicode.Scalar)? {
        let scalars = Array(text.unicodeScalars)
        var line = 1, column = 1
        var index = 0
        while index < scalars.count {
            defer {
                if scalars[index] == "\n" { line += 1; column = 1 } else { column += 1 }
                index += 1
            }
            guard scalars[index] == "&", index + 1 < scalars.count, scalars[index + 1] == "#" else { continue }
            var end = index + 2
            let hex = end < scalars.count && (scalars[end] == "x" || scalars[end] == "X")
            if hex { end += 1 }
            let digitsStart = end
            while end < scalars.count, end - digitsStart < (hex ? 6 : 7),
                  hex ? scalars[end].properties.isASCIIHexDigit : ("0"..."9").contains(scalars[end]) { end += 1 }
            guard end > digitsStart, end < scalars.count, scalars[end] == ";",
                  let value = UInt32(String(String.UnicodeScalarView(scalars[digitsStart..<end])), radix: hex ? 16 : 10),
                  let scalar = Unicode.Scalar(value), value != 0, isRefused(scalar) else { continue }
            return (line, column, String(String.UnicodeScalarView(scalars[index...end])), scalar)
        }
        return nil
    }
}

extension Fields {
    /// A character reference in a Markdown text that would write a control character into the page is an error at it.
    public func refuseControlReferences(in body: MarkdownSource) {
        guard let found = ControlCharacters.reference(in: body.text) else { return }
        error(body.location(line: found.line, column: found.column),
              "the character reference \(found.reference) is the control character \(ControlCharacters.codePoint(found.scalar)), not allowed in text",
              expected: ControlCharacters.expected)
    }
}
