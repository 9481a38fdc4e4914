import PasserelleCore

/// Writes values as compact bytes for the build cache's parsed sources: integers as LEB128 varints (zigzag for
/// signed ones), strings as their UTF-8 length then bytes, optionals behind a 0/1 byte.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func unsigned(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func int(_ value: Int) {
        let signed = Int64(value)
        unsigned(UInt64(bitPattern: (signed << 1) ^ (signed >> 63)))
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func double(_ value: Double) { fixed(value.bitPattern) }

    mutating func fixed(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            unsigned(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func fingerprint(_ value: Fingerprint) {
        fixed(value.high)
        fixed(value.low)
    }

    mutating func location(_ value: SourceLocation) {
        int(value.line)
        int(value.column)
    }

    mutating func optional<Value>(_ value: Value?, _ write: (inout ByteWriter, Value) -> Void) {
        guard let value else { return bytes.append(0) }
        bytes.append(1)
        write(&self, value)
    }

    mutating func optional(_ value: String?) { optional(value) { $0.string($1) } }

    mutating func array<Element>(_ values: [Element], _ write: (inout ByteWriter, Element) -> Void) {
        unsigned(UInt64(values.count))
        for value in values { write(&self, value) }
    }

    mutating func strings(_ values: [String]) { array(values) { $0.string($1) } }

    /// A dictionary in the order of its keys, so that the same value gives the same bytes.
    mutating func dictionary<Value>(_ values: [String: Value], _ write: (inout ByteWriter, Value) -> Void) {
        unsigned(UInt64(values.count))
        for key in values.keys.sorted() {
            string(key)
            write(&self, values[key]!)
        }
    }
}

/// Reads what `ByteWriter` wrote; any byte out of place (a file cut short or damaged) throws, never traps.
struct ByteReader {
    struct Damaged: Error {}

    let bytes: ArraySlice<UInt8>
    private(set) var position: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        position = bytes.startIndex
    }

    var atEnd: Bool { position == bytes.endIndex }

    mutating func byte() throws(Damaged) -> UInt8 {
        guard position < bytes.endIndex else { throw Damaged() }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func unsigned() throws(Damaged) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try byte()
            guard shift < 64 else { throw Damaged() }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    mutating func int() throws(Damaged) -> Int {
        let raw = try unsigned()
        let value = Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
        guard let int = Int(exactly: value) else { throw Damaged() }
        return int
    }

    /// A count of things each at least one byte long: never more than the bytes left.
    mutating func count() throws(Damaged) -> Int {
        let value = try unsigned()
        guard value <= UInt64(bytes.endIndex - position) else { throw Damaged() }
        return Int(value)
    }

    mutating func bool() throws(Damaged) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw Damaged()
        }
    }

    mutating func fixed() throws(Damaged) -> UInt64 {
        guard bytes.endIndex - position >= 8 else { throw Damaged() }
        var value: UInt64 = 0
        for offset in 0..<8 { value |= UInt64(bytes[position + offset]) << (8 * UInt64(offset)) }
        position += 8
        return value
    }

    mutating func double() throws(Damaged) -> Double { Double(bitPattern: try fixed()) }

    mutating func slice(_ count: Int) throws(Damaged) -> ArraySlice<UInt8> {
        guard count >= 0, bytes.endIndex - position >= count else { throw Damaged() }
        defer { position += count }
        return bytes[position..<(position + count)]
    }

    mutating func string() throws(Damaged) -> String {
        let utf8 = try slice(try count())
        guard let text = String(validating: utf8, as: UTF8.self) else { throw Damaged() }
        return text
    }

    mutating func fingerprint() throws(Damaged) -> Fingerprint {
        let high = try fixed()
        return Fingerprint(high: high, low: try fixed())
    }

    mutating func location() throws(Damaged) -> SourceLocation {
        let line = try int()
        return SourceLocation(line: line, column: try int())
    }

    mutating func optional<Value>(_ read: (inout ByteReader) throws(Damaged) -> Value) throws(Damaged) -> Value? {
        try bool() ? try read(&self) : nil
    }

    mutating func optionalString() throws(Damaged) -> String? { try optional { reader throws(Damaged) in try reader.string() } }

    mutating func array<Element>(_ read: (inout ByteReader) throws(Damaged) -> Element) throws(Damaged) -> [Element] {
        let count = try count()
        var values: [Element] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try read(&self)) }
        return values
    }

    mutating func strings() throws(Damaged) -> [String] { try array { reader throws(Damaged) in try reader.string() } }

    mutating func dictionary<Value>(_ read: (inout ByteReader) throws(Damaged) -> Value) throws(Damaged) -> [String: Value] {
        let count = try count()
        var values: [String: Value] = [:]
        values.reserveCapacity(count)
        for _ in 0..<count {
            let key = try string()
            values[key] = try read(&self)
        }
        return values
    }

    /// A value from a fixed set, by its raw value.
    mutating func raw<Value: RawRepresentable>(_ type: Value.Type) throws(Damaged) -> Value where Value.RawValue == String {
        guard let value = Value(rawValue: try string()) else { throw Damaged() }
        return value
    }
}
