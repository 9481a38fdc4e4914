import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The statuses `serve` answers with.
enum Status: Int, Sendable {
    case switchingProtocols = 101, ok = 200, badRequest = 400, forbidden = 403, notFound = 404, methodNotAllowed = 405
    case contentTooLarge = 413, uriTooLong = 414, misdirected = 421, headerFieldsTooLarge = 431
    case notImplemented = 501, versionNotSupported = 505

    /// A refused request ends its connection; a missing page does not.
    var isRefusal: Bool { rawValue >= 400 && self != .notFound }

    var reason: String {
        switch self {
        case .switchingProtocols: "Switching Protocols"
        case .ok: "OK"
        case .badRequest: "Bad Request"
        case .forbidden: "Forbidden"
        case .notFound: "Not Found"
        case .methodNotAllowed: "Method Not Allowed"
        case .contentTooLarge: "Content Too Large"
        case .uriTooLong: "URI Too Long"
        case .misdirected: "Misdirected Request"
        case .headerFieldsTooLarge: "Request Header Fields Too Large"
        case .notImplemented: "Not Implemented"
        case .versionNotSupported: "HTTP Version Not Supported"
        }
    }
}

/// One response; `Content-Length`, `Connection` and the server's own headers are added when it is sent.
struct Response: Sendable {
    var status: Status
    var headers: [(name: String, value: String)]
    var body: Data

    init(_ status: Status, type: String, _ body: Data, headers: [(name: String, value: String)] = []) {
        self.status = status
        self.headers = [("Content-Type", type), ("Cache-Control", "no-store")] + headers
        self.body = body
    }

    /// A short plain-text answer, for the refusals.
    static func text(_ status: Status, _ text: String) -> Response {
        Response(status, type: "text/plain; charset=utf-8", Data((text + "\n").utf8))
    }
}

/// What the server does with a request: answer it, or turn the connection into a WebSocket.
enum Reply: Sendable {
    case response(Response)
    /// `101 Switching Protocols` with these headers, then `open` owns the connection until it closes.
    case webSocket(headers: [(name: String, value: String)], open: @Sendable (WebSocket) -> Void)
}

/// A small HTTP/1.1 server on 127.0.0.1, for `serve` only: it reads request heads within `HeadReader`'s limits,
/// takes no request bodies, and runs each connection on its own thread with blocking sockets.
final class LocalServer: @unchecked Sendable {
    let port: UInt16
    /// Headers added to every response, refusals included.
    let common: @Sendable () -> [(name: String, value: String)]
    let handle: @Sendable (RequestHead) -> Reply
    /// A client that takes longer than this to send a request head is disconnected (not a WebSocket, which may
    /// stay quiet).
    let idleSeconds: Int
    /// Connections open at once (a thread each); more are closed as they come.
    static let connectionLimit = 256

    private let lock = NSLock()
    private var listener: Int32 = -1
    private var open: Set<Int32> = []
    private var stopped = false

    init(port: UInt16, idleSeconds: Int = 30, common: @escaping @Sendable () -> [(name: String, value: String)],
         handle: @escaping @Sendable (RequestHead) -> Reply) {
        self.port = port
        self.idleSeconds = idleSeconds
        self.common = common
        self.handle = handle
    }

    struct StartError: Error, CustomStringConvertible {
        let description: String
    }

    /// Listens on 127.0.0.1:port and accepts connections on a thread of its own until `stop()`.
    func start() throws {
        // Not inherited by the build's child processes (close-on-exec).
        let fd = socket(AF_INET, Int32(SOCK_STREAM_VALUE | SOCK_CLOEXEC_VALUE), 0)
        guard fd >= 0 else { throw StartError(description: "no socket: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0, listen(fd, 64) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw StartError(description: "127.0.0.1:\(port) cannot be served: \(reason)")
        }
        lock.withLock { listener = fd }
        let thread = Thread { [self] in acceptLoop(fd) }
        thread.name = "serve-accept"
        thread.start()
    }

    /// Stops accepting and closes every open connection, WebSockets included.
    func stop() {
        lock.withLock {
            stopped = true
            if listener >= 0 { shutdown(listener, Int32(SHUT_RDWR_VALUE)); close(listener); listener = -1 }
            for fd in open { shutdown(fd, Int32(SHUT_RDWR_VALUE)) }
        }
    }

    private func acceptLoop(_ fd: Int32) {
        while true {
            let client = acceptClosingOnExec(fd)
            if client < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                return
            }
            let admitted = lock.withLock { () -> Bool in
                guard !stopped, open.count < Self.connectionLimit else { return false }
                open.insert(client)
                return true
            }
            guard admitted else {
                close(client)
                if lock.withLock({ stopped }) { return }
                continue
            }
            #if canImport(Darwin)
            var yes: Int32 = 1
            setsockopt(client, SOL_SOCKET, SO_NOSIGPIPE, &yes, socklen_t(MemoryLayout<Int32>.size))
            #endif
            let thread = Thread { [self] in
                serve(Connection(fd: client))
                lock.withLock { _ = open.remove(client) }
                close(client)
            }
            thread.name = "serve-connection"
            thread.start()
        }
    }

    /// Answers requests on one connection until the client or an error closes it.
    private func serve(_ connection: Connection) {
        connection.setReceiveTimeout(seconds: idleSeconds)
        var pending: [UInt8] = []
        while true {
            var reader = HeadReader()
            var received: (head: RequestHead, rest: [UInt8])?
            // The whole head must arrive within the idle time, however slowly its bytes come.
            let deadline = Date().addingTimeInterval(Double(idleSeconds))
            do {
                received = try reader.feed(pending)
                while received == nil {
                    guard Date() < deadline, let bytes = connection.receive(), !bytes.isEmpty else { return }
                    received = try reader.feed(bytes)
                }
            } catch {
                // The rest of an oversized or malformed head is never read: answer and close.
                send(.text(error.status, error.status.reason), head: nil, close: true, on: connection)
                connection.drain()
                return
            }
            guard let (head, rest) = received else { return }
            pending = rest
            // Two lengths could each be read differently (by this server and by a proxy): the body of one request
            // would become another. Nothing of it is read: answer and close.
            if head.count("content-length") > 1 {
                send(.text(.badRequest, "A request may carry only one Content-Length."), head: head, close: true, on: connection)
                connection.drain()
                return
            }
            if head.field("transfer-encoding") != nil || (head.field("content-length").map { $0 != "0" } ?? false) {
                send(.text(.contentTooLarge, "This server takes no request bodies."), head: head, close: true, on: connection)
                connection.drain()
                return
            }
            switch handle(head) {
            case .response(let response):
                let close = !head.keepsAlive || response.status.isRefusal
                guard send(response, head: head, close: close, on: connection), !close else { return }
            case .webSocket(let headers, let open):
                var lines = "HTTP/1.1 101 Switching Protocols\r\n"
                for (name, value) in headers + common() { lines += "\(name): \(value)\r\n" }
                guard connection.send(Data((lines + "\r\n").utf8)) else { return }
                connection.setReceiveTimeout(seconds: 0)
                open(WebSocket(connection: connection, pending: pending))
                return
            }
        }
    }

    /// Sends a response (without its body to a HEAD request); false when the client is gone.
    @discardableResult
    private func send(_ response: Response, head: RequestHead?, close: Bool, on connection: Connection) -> Bool {
        var lines = "HTTP/1.1 \(response.status.rawValue) \(response.status.reason)\r\n"
        for (name, value) in response.headers + common() { lines += "\(name): \(value)\r\n" }
        lines += "Content-Length: \(response.body.count)\r\n"
        if close { lines += "Connection: close\r\n" }
        var bytes = Data((lines + "\r\n").utf8)
        if head?.method != "HEAD" { bytes.append(response.body) }
        return connection.send(bytes)
    }
}

/// One client's socket. Sends are serialized, so a WebSocket can be written from any thread.
final class Connection: @unchecked Sendable {
    let fd: Int32
    private let sending = NSLock()

    init(fd: Int32) { self.fd = fd }

    /// Waits at most this long for bytes (0: forever).
    func setReceiveTimeout(seconds: Int) {
        var limit = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    }

    /// The next bytes the client sent; nil when it closed the connection, went quiet too long, or it failed.
    func receive() -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            return count > 0 ? Array(chunk[..<count]) : nil
        }
    }

    /// Sends every byte; false when the client is gone.
    @discardableResult
    func send(_ data: Data) -> Bool {
        sending.withLock {
            data.withUnsafeBytes { raw -> Bool in
                guard let base = raw.baseAddress else { return true }
                var offset = 0
                while offset < raw.count {
                    let count = socketSend(fd, base + offset, raw.count - offset, SEND_FLAGS)
                    if count < 0 && errno == EINTR { continue }
                    guard count > 0 else { return false }
                    offset += count
                }
                return true
            }
        }
    }

    /// After a refusal sent before the request was read to its end: stops sending, then reads and drops what the
    /// client still sends (at most 4 MiB, for at most 2 s), so that closing does not reset the connection and
    /// lose the answer before the client reads it.
    func drain() {
        shutdown(fd, Int32(SHUT_WR_VALUE))
        setReceiveTimeout(seconds: 2)
        let end = Date().addingTimeInterval(2)
        var dropped = 0
        while dropped < 4 * 1024 * 1024, Date() < end, let bytes = receive() { dropped += bytes.count }
    }

    /// Closes both directions; a thread blocked reading it wakes up.
    func shutDown() { shutdown(fd, Int32(SHUT_RDWR_VALUE)) }
}

/// A connection that the build's child processes do not inherit.
private func acceptClosingOnExec(_ fd: Int32) -> Int32 {
    let client = accept(fd, nil, nil)
    if client >= 0 { _ = fcntl(client, F_SETFD, FD_CLOEXEC) }
    return client
}

#if canImport(Glibc)
private let socketSend = Glibc.send
private let SOCK_CLOEXEC_VALUE = Int32(SOCK_CLOEXEC.rawValue)
private let SOCK_STREAM_VALUE = Int32(SOCK_STREAM.rawValue)
private let SHUT_RDWR_VALUE = Int32(SHUT_RDWR)
private let SHUT_WR_VALUE = Int32(SHUT_WR)
private let SEND_FLAGS = Int32(MSG_NOSIGNAL)
#else
private let socketSend = Darwin.send
private let SOCK_CLOEXEC_VALUE: Int32 = 0
private let SOCK_STREAM_VALUE = SOCK_STREAM
private let SHUT_RDWR_VALUE = SHUT_RDWR
private let SHUT_WR_VALUE = SHUT_WR
private let SEND_FLAGS: Int32 = 0
#endif
