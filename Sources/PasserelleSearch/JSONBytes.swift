import PasserelleCore

/// JSON written straight into UTF-8 bytes, for the index's large files (the shards): objects of arrays of
/// integers, with the same text `JSONText` would give.
struct JSONBytes {
    private var bytes: [UInt8] = []
    /// Whether the next value or key is the first of its object or array (no comma before it).
    private var first = true

    mutating func startObject() { separate(); bytes.append(UInt8(ascii: "{")); first = true }
    mutating func endObject() { bytes.append(UInt8(ascii: "}")); first = false }
    mutating func startArray() { separate(); bytes.append(UInt8(ascii: "[")); first = true }
    mutating func endArray() { bytes.append(UInt8(ascii: "]")); first = false }

    mutating func key(_ key: String) {
        separate()
        bytes.append(contentsOf: JSONString.quoted(key).utf8)
        bytes.append(UInt8(ascii: ":"))
        first = true
    }

    mutating func int(_ value: Int) {
        separate()
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
        }
    }

    /// The bytes written so far; the writer starts again empty.
    mutating func take() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true); first = true }
        return bytes
    }

    private mutating func separate() {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
    }
}
