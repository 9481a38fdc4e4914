import Foundation

/// The head of one HTTP/1.1 request: its request line and its header fields (names in lower case).
struct RequestHead: Sendable {
    var method: String
    var target: String
    var version: String
    var fields: [(name: String, value: String)]

    /// The value of a field that may appear once; nil when it is missing.
    func field(_ name: String) -> String? { fields.first { $0.name == name }?.value }

    /// How many times a field appears.
    func count(_ name: String) -> Int { fields.filter { $0.name == name }.count }

    /// The comma-separated tokens of a field, in lower case (`Connection: keep-alive, Upgrade`).
    func tokens(_ name: String) -> [String] {
        fields.filter { $0.name == name }.flatMap { $0.value.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    }

    /// HTTP/1.1 keeps the connection open unless the client says `close`; HTTP/1.0 closes it unless it says `keep-alive`.
    var keepsAlive: Bool {
        let connection = tokens("connection")
        return version == "HTTP/1.1" ? !connection.contains("close") : connection.contains("keep-alive")
    }
}

/// Why a request head was refused, with the status that says so.
enum HeadError: Error, Equatable {
    /// The request line is longer than the limit: 414 URI Too Long.
    case requestLineTooLong
    /// The header fields together are longer than the limit: 431 Request Header Fields Too Large.
    case headerSectionTooLarge
    /// Not HTTP/1.0 or 1.1: 505.
    case unsupportedVersion
    /// Anything else that is not a well-formed head: 400.
    case malformed

    var status: Status {
        switch self {
        case .requestLineTooLong: .uriTooLong
        case .headerSectionTooLarge: .headerFieldsTooLarge
        case .unsupportedVersion: .versionNotSupported
        case .malformed: .badRequest
        }
    }
}

/// Reads a request head from the bytes as they arrive, however they are cut into pieces.
///
/// Each byte is looked at once (`examined` counts them), so the time grows with the length of the head and never
/// faster; a request line longer than `requestLineLimit` or a header section longer than `headerSectionLimit`
/// (both counted in bytes, line ends included) is refused as soon as the limit is passed, without reading the rest.
struct HeadReader {
    static let requestLineLimit = 8 * 1024
    static let headerSectionLimit = 16 * 1024

    let requestLineLimit: Int
    let headerSectionLimit: Int
    /// Every byte received so far; never more than the two limits together.
    private var buffer: [UInt8] = []
    /// Bytes of `buffer` already looked at.
    private(set) var examined = 0
    private var lineStart = 0
    /// Where the header section starts, once the request line is read.
    private var headerStart: Int?
    /// The lines read so far, as places in `buffer` (slices would make each append copy it).
    private var lines: [Range<Int>] = []

    init(requestLineLimit: Int = HeadReader.requestLineLimit, headerSectionLimit: Int = HeadReader.headerSectionLimit) {
        self.requestLineLimit = requestLineLimit
        self.headerSectionLimit = headerSectionLimit
    }

    /// Adds the bytes received; returns the head and the bytes after it (the start of the next request) once the
    /// empty line that ends the head has arrived, nil while more is needed.
    mutating func feed(_ bytes: some Collection<UInt8>) throws(HeadError) -> (head: RequestHead, rest: [UInt8])? {
        buffer.append(contentsOf: bytes)
        while examined < buffer.count {
            let index = examined
            examined += 1
            if let headerStart {
                if index - headerStart >= headerSectionLimit { throw .headerSectionTooLarge }
            } else if index >= requestLineLimit {
                throw .requestLineTooLong
            }
            guard buffer[index] == UInt8(ascii: "\n") else { continue }
            let end = index > lineStart && buffer[index - 1] == UInt8(ascii: "\r") ? index - 1 : index
            let line = lineStart..<end
            lineStart = index + 1
            if headerStart == nil {
                // Empty lines before the request line are ignored (RFC 9112 §2.2), within the same limit.
                if line.isEmpty { continue }
                lines.append(line)
                headerStart = lineStart
            } else if line.isEmpty {
                return (try Self.parse(lines.map { buffer[$0] }), Array(buffer[lineStart...]))
            } else {
                lines.append(line)
            }
        }
        return nil
    }

    private static func parse(_ lines: [ArraySlice<UInt8>]) throws(HeadError) -> RequestHead {
        let parts = lines[0].split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3, let method = token(parts[0]), let target = visible(parts[1]), target.hasPrefix("/") else { throw .malformed }
        let version = String(decoding: parts[2], as: UTF8.self)
        guard version.hasPrefix("HTTP/") else { throw .malformed }
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else { throw .unsupportedVersion }
        var fields: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            // No folded lines (RFC 9112 §5.2), no space before the colon.
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), let name = token(line[..<colon]) else { throw .malformed }
            let value = line[(colon + 1)...].drop { $0 == 0x20 || $0 == 0x09 }
            guard !value.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) else { throw .malformed }
            fields.append((name.lowercased(), String(decoding: value, as: UTF8.self).trimmingCharacters(in: .whitespaces)))
        }
        return RequestHead(method: method, target: target, version: version, fields: fields)
    }

    private static let tokenSymbols = Set("!#$%&'*+-.^_`|~".utf8)

    /// A method or field name: one or more of RFC 9110's token characters.
    private static func token(_ bytes: ArraySlice<UInt8>) -> String? {
        let ok = !bytes.isEmpty && bytes.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || tokenSymbols.contains($0) }
        return ok ? String(decoding: bytes, as: UTF8.self) : nil
    }

    /// A request target: visible ASCII only.
    private static func visible(_ bytes: ArraySlice<UInt8>) -> String? {
        bytes.allSatisfy { (0x21...0x7E).contains($0) } ? String(decoding: bytes, as: UTF8.self) : nil
    }
}
