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
        var hex = String(scalar.value, radix: 16, uppercase: true)
        while hex.count < 4 { hex = "0" + hex }
        return SyntaxError(at: location, "the control character U+\(hex) is not allowed in text",
                           expected: "text without control characters; tabs and line breaks are allowed")
    }
}
