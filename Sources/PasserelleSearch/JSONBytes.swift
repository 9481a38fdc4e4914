import PasserelleCore

/// JSON written straight into UTF-8 bytes, for the index's large files (shards, records, filter values):
/// objects, arrays, strings and integers, with the same text `JSONText` would give.
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
        quote(key)
        bytes.append(UInt8(ascii: ":"))
        first = true
    }

    /// A string value, escaped as `JSONString.quoted` escapes it (`<`, controls, U+2028 and U+2029 too).
    mutating func string(_ value: String) {
        separate()
        quote(value)
    }

    private mutating func quote(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        let utf8 = value.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            switch byte {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case UInt8(ascii: "<"): bytes += Array("\\u003c".utf8)
            case 0..<0x20: bytes += Array(String(format: "\\u%04x", byte).utf8)
            case 0xE2:
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
                let next = utf8.index(after: index)
                if next != utf8.endIndex, utf8[next] == 0x80, utf8.index(after: next) != utf8.endIndex,
                   case let last = utf8[utf8.index(after: next)], last == 0xA8 || last == 0xA9 {
                    bytes += Array((last == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                    index = utf8.index(after: utf8.index(after: next))
                    continue
                }
                bytes.append(byte)
            default: bytes.append(byte)
            }
            index = utf8.index(after: index)
        }
        bytes.append(UInt8(ascii: "\""))
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

    mutating func ints(_ values: [Int]) {
        startArray()
        for value in values { int(value) }
        endArray()
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
