import PasserelleCore

/// FNV-1a, 64 bits, as ten hex digits: names index files after their content.
public enum ContentHash {
    public static func hex(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        let text = String(hash, radix: 16)
        return String((String(repeating: "0", count: max(0, 16 - text.count)) + text).prefix(10))
    }
}

/// Just enough JSON writing, with keys in the order given, for deterministic index files.
struct JSONText {
    private(set) var text = "{}"
    private var empty = true

    static func object() -> JSONText { JSONText() }

    mutating func field(_ key: String, _ value: String) {
        text.removeLast()
        text += (empty ? "" : ",") + JSONText.string(key) + ":" + value + "}"
        empty = false
    }

    static func ints(_ values: [Int]) -> String { "[" + values.map(String.init).joined(separator: ",") + "]" }

    static func string(_ value: String) -> String { JSONString.quoted(value) }
}
