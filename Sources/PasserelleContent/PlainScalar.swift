import Foundation
import Yams

/// The type of an untagged plain YAML scalar, by the rules of Yams' default resolver (bool, int, float, null, in
/// that order; timestamps, merge keys and `=` are read as text here anyway): the same answers, but only a scalar
/// that can be a number meets a regular expression, and the words are looked up in a set.
enum PlainScalar {
    static func tag(of text: String) -> Tag.Name {
        if text.isEmpty { return .null }
        let utf8 = text.utf8
        if utf8.count <= 5 {
            if boolWords.contains(text) { return .bool }
            if nullWords.contains(text) { return .null }
        }
        guard let first = utf8.first, numberStarts.contains(first) else { return .str }
        let range = NSRange(location: 0, length: text.utf16.count)
        if int.firstMatch(in: text, options: [], range: range) != nil { return .int }
        if float.firstMatch(in: text, options: [], range: range) != nil { return .float }
        return .str
    }

    private static let boolWords: Set<String> = ["yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
                                                  "on", "On", "ON", "off", "Off", "OFF"]
    private static let nullWords: Set<String> = ["~", "null", "Null", "NULL"]
    /// The first bytes of an int or a float: a sign, a digit or a dot.
    private static let numberStarts: Set<UInt8> = Set(Array("+-.0123456789".utf8))
    // The patterns of `Resolver.Rule.int` and `.float`.
    nonisolated(unsafe) private static let int = pattern("""
        ^(?:[-+]?0b[0-1_]+\
        |[-+]?0o?[0-7_]+\
        |[-+]?(?:0|[1-9][0-9_]*)\
        |[-+]?0x[0-9a-fA-F_]+\
        |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$
        """)
    nonisolated(unsafe) private static let float = pattern("""
        ^(?:[-+]?(?:[0-9][0-9_]*)(?:\\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?\
        |\\.[0-9_]+(?:[eE][-+][0-9]+)?\
        |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*\
        |[-+]?\\.(?:inf|Inf|INF)\
        |\\.(?:nan|NaN|NAN))$
        """)

    private static func pattern(_ text: String) -> NSRegularExpression {
        // The patterns are constants, checked by PlainScalarTests against Yams' own rules.
        do { return try NSRegularExpression(pattern: text) } catch { preconditionFailure("invalid pattern: \(error)") }
    }
}
