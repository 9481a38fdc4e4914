/// A 128-bit hash that is the same from run to run (Swift's `Hasher` is seeded per process), for the build
/// cache: two fingerprints are equal when the values they were made from are, with overwhelming likelihood.
public struct StableHasher {
    private var a: UInt64 = 0x243F_6A88_85A3_08D3
    private var b: UInt64 = 0x1319_8A2E_0370_7344
    private var length: UInt64 = 0

    public init() {}

    private mutating func mix(_ word: UInt64) {
        a = ((a ^ word) &* 0x9E37_79B9_7F4A_7C15).rotatedLeft(by: 29) &+ 0x632B_E59B_D9B4_E019
        b = ((b &+ word) &* 0xC2B2_AE3D_27D4_EB4F).rotatedLeft(by: 31) ^ a
        length &+= 1
    }

    public mutating func combine(_ value: UInt64) { mix(value) }

    public mutating func combine(_ value: Int) { mix(UInt64(bitPattern: Int64(value))) }

    /// The bytes, prefixed by their count so that ("ab", "c") and ("a", "bc") differ.
    public mutating func combine(bytes: UnsafeRawBufferPointer) {
        mix(UInt64(bytes.count))
        var offset = 0
        while offset + 8 <= bytes.count {
            mix(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        if offset < bytes.count {
            var tail: UInt64 = 0
            for (shift, byte) in bytes[offset...].enumerated() { tail |= UInt64(byte) << (8 * UInt64(shift)) }
            mix(tail)
        }
    }

    public mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    public mutating func combine(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { combine(bytes: $0) }
    }

    public mutating func combine(_ fingerprint: Fingerprint) {
        mix(fingerprint.high)
        mix(fingerprint.low)
    }

    public func finalize() -> Fingerprint {
        Fingerprint(high: Self.avalanche(a ^ length), low: Self.avalanche(b &+ Self.avalanche(a)))
    }

    private static func avalanche(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// What `StableHasher` gives: 128 bits, written as 32 hexadecimal digits.
public struct Fingerprint: Hashable, Sendable, CustomStringConvertible {
    public let high: UInt64
    public let low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The 32 digits, written straight into the string's storage (tens of thousands of fingerprints are written
    /// at every build).
    public var description: String {
        String(unsafeUninitializedCapacity: 32) { buffer in
            let digits: StaticString = "0123456789abcdef"
            digits.withUTF8Buffer { digits in
                for index in 0..<16 {
                    buffer[index] = digits[Int((high >> UInt64(60 - 4 * index)) & 0xF)]
                    buffer[16 + index] = digits[Int((low >> UInt64(60 - 4 * index)) & 0xF)]
                }
            }
            return 32
        }
    }

    /// Reads what `description` wrote; nil for anything else.
    public init?(_ text: Substring) {
        var high: UInt64 = 0, low: UInt64 = 0, count = 0
        for byte in text.utf8 {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            if count < 16 { high = high << 4 | UInt64(digit) } else if count < 32 { low = low << 4 | UInt64(digit) }
            count += 1
        }
        guard count == 32 else { return nil }
        self.init(high: high, low: low)
    }

    public static func of(_ text: String) -> Fingerprint {
        var hasher = StableHasher()
        hasher.combine(text)
        return hasher.finalize()
    }

    public static func of(_ bytes: [UInt8]) -> Fingerprint {
        var hasher = StableHasher()
        hasher.combine(bytes)
        return hasher.finalize()
    }
}

extension UInt64 {
    fileprivate func rotatedLeft(by count: UInt64) -> UInt64 { (self << count) | (self >> (64 - count)) }
}
