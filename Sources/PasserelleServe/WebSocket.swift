import Foundation

/// The server's side of a WebSocket (RFC 6455) that only the server talks on: it sends text messages, answers
/// pings and a close, and ignores what else the page sends.
final class WebSocket: @unchecked Sendable {
    let connection: Connection
    private var pending: [UInt8]
    /// A frame from the page longer than this closes the socket (1009): the live-reload script sends none.
    static let frameLimit = 64 * 1024

    init(connection: Connection, pending: [UInt8]) {
        self.connection = connection
        self.pending = pending
    }

    /// `Sec-WebSocket-Accept` for a `Sec-WebSocket-Key`: base64 of SHA-1 of the key and the protocol's GUID.
    static func accept(key: String) -> String {
        Data(SHA1.digest(Array((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").utf8))).base64EncodedString()
    }

    /// A valid key is the base64 of 16 bytes.
    static func isValid(key: String) -> Bool { Data(base64Encoded: key)?.count == 16 }

    /// Sends one text message; false when the page is gone.
    @discardableResult
    func send(text: String) -> Bool { connection.send(Self.frame(opcode: 0x1, Array(text.utf8))) }

    /// Closes the socket; the thread reading it returns.
    func close() {
        connection.send(Self.frame(opcode: 0x8, [0x03, 0xE8]))
        connection.shutDown()
    }

    /// Reads the page's frames until it closes the socket or the connection ends.
    func readUntilClosed() {
        while let frame = nextFrame() {
            switch frame.opcode {
            case 0x8: connection.send(Self.frame(opcode: 0x8, Array(frame.payload.prefix(2)))); return
            case 0x9: connection.send(Self.frame(opcode: 0xA, frame.payload))
            default: continue
            }
        }
    }

    /// An unmasked frame from the server, FIN set.
    static func frame(opcode: UInt8, _ payload: [UInt8]) -> Data {
        var bytes: [UInt8] = [0x80 | opcode]
        if payload.count < 126 {
            bytes.append(UInt8(payload.count))
        } else if payload.count <= 0xFFFF {
            bytes += [126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        } else {
            bytes.append(127)
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8((UInt64(payload.count) >> UInt64(shift)) & 0xFF)) }
        }
        return Data(bytes + payload)
    }

    /// The next frame from the page, unmasked; nil when the connection ends or the frame breaks the protocol.
    private func nextFrame() -> (opcode: UInt8, payload: [UInt8])? {
        guard let head = take(2) else { return nil }
        let opcode = head[0] & 0x0F
        // A page's frames are masked (RFC 6455 §5.1).
        guard head[1] & 0x80 != 0 else { return nil }
        var length = Int(head[1] & 0x7F)
        if length == 126 {
            guard let extended = take(2) else { return nil }
            length = Int(extended[0]) << 8 | Int(extended[1])
        } else if length == 127 {
            guard let extended = take(8), extended[0] & 0x80 == 0 else { return nil }
            length = extended.reduce(0) { $0 > Self.frameLimit ? $0 : $0 << 8 | Int($1) }
        }
        guard length <= Self.frameLimit else {
            connection.send(Self.frame(opcode: 0x8, [0x03, 0xF1]))
            return nil
        }
        guard let mask = take(4), let masked = take(length) else { return nil }
        return (opcode, masked.enumerated().map { $0.element ^ mask[$0.offset % 4] })
    }

    /// Exactly `count` bytes from the connection, or nil when it ends first.
    private func take(_ count: Int) -> [UInt8]? {
        while pending.count < count {
            guard let bytes = connection.receive() else { return nil }
            pending += bytes
        }
        let taken = Array(pending.prefix(count))
        pending.removeFirst(count)
        return taken
    }
}

/// SHA-1 (FIPS 180-4), for the WebSocket handshake only: the protocol fixes it, nothing here relies on it being secret.
enum SHA1 {
    static func digest(_ message: [UInt8]) -> [UInt8] {
        var h: [UInt32] = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0]
        var bytes = message + [0x80]
        while bytes.count % 64 != 56 { bytes.append(0) }
        let bits = UInt64(message.count) * 8
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8((bits >> UInt64(shift)) & 0xFF)) }
        var w = [UInt32](repeating: 0, count: 80)
        for block in stride(from: 0, to: bytes.count, by: 64) {
            for i in 0..<16 {
                w[i] = (0..<4).reduce(UInt32(0)) { $0 << 8 | UInt32(bytes[block + i * 4 + $1]) }
            }
            for i in 16..<80 { w[i] = rotate(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1) }
            var (a, b, c, d, e) = (h[0], h[1], h[2], h[3], h[4])
            for i in 0..<80 {
                let (f, k): (UInt32, UInt32) = switch i {
                case 0..<20: ((b & c) | (~b & d), 0x5A827999)
                case 20..<40: (b ^ c ^ d, 0x6ED9EBA1)
                case 40..<60: ((b & c) | (b & d) | (c & d), 0x8F1BBCDC)
                default: (b ^ c ^ d, 0xCA62C1D6)
                }
                let t = rotate(a, 5) &+ f &+ e &+ k &+ w[i]
                (e, d, c, b, a) = (d, c, rotate(b, 30), a, t)
            }
            h[0] = h[0] &+ a; h[1] = h[1] &+ b; h[2] = h[2] &+ c; h[3] = h[3] &+ d; h[4] = h[4] &+ e
        }
        return h.flatMap { word in [24, 16, 8, 0].map { UInt8((word >> $0) & 0xFF) } }
    }

    private static func rotate(_ x: UInt32, _ n: UInt32) -> UInt32 { x << n | x >> (32 - n) }
}
