import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import PasserelleContent
@testable import PasserelleServe
@testable import PasserelleSite

/// `passerelle serve`, run as an author would: start it, read a page, edit a file, read the page again.
@Suite struct ServeTests {
    /// A port nobody listens on right now.
    func freePort() -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return UInt16(bigEndian: address.sin_port)
    }

    /// The body and status of a GET, or nil when nothing answers.
    func get(_ url: String) -> (status: Int, body: String)? {
        let done = DispatchSemaphore(value: 0)
        let answer = Answer()
        URLSession.shared.dataTask(with: URL(string: url)!) { data, response, _ in
            if let response = response as? HTTPURLResponse { answer.set((response.statusCode, String(decoding: data ?? Data(), as: UTF8.self))) }
            done.signal()
        }.resume()
        _ = done.wait(timeout: .now() + 10)
        return answer.get()
    }

    /// Polls until `check` holds, for up to `seconds`.
    func eventually(_ seconds: Double = 15, _ check: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if check() { return true }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return check()
    }

    @Test func servesRebuildsOnEditKeepsTheLastGoodSiteAndStopsOnCtrlC() throws {
        let scratch = Scratch()
        let content = scratch.copy(Repository.englishContent, to: "Content")
        let port = freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PasserelleCommand.executable)
        process.arguments = ["serve", "--content", content, "--themes", Repository.themes, "--output", scratch.path + "/Public",
                             "--port", String(port), "--date", "2026-11-24", "--cache", scratch.path + "/cache"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let base = "http://127.0.0.1:\(port)"

        #expect(eventually(60) { get(base + "/talents/salma-benali/")?.status == 200 })
        let page = get(base + "/talents/salma-benali/")?.body ?? ""
        #expect(process.isRunning, "\(String(decoding: out.fileHandleForReading.availableData, as: UTF8.self))")
        #expect(page.contains("Full-stack JavaScript developer"))
        #expect(page.contains("<script src=\"/__passerelle/live.js\" defer></script></body>"))
        #expect(get(base + "/__passerelle/live.js")?.body.contains("WebSocket") == true)
        // Every answer carries the pages' Content-Security-Policy (and the live-reload socket) and nosniff.
        let policy = "default-src 'self'; img-src 'self'; media-src 'self'; style-src 'self'; script-src 'self'; "
        for path in ["/talents/salma-benali/", "/assets/" + ((FileManager.default.subpaths(atPath: scratch.path + "/Public/assets") ?? []).first { $0.hasSuffix(".css") } ?? ""),
                     "/no/such/page/", "/__passerelle/live.js"] {
            let answer = HTTPExchange.send("HEAD \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n", port: port)
            #expect(answer.status == (path == "/no/such/page/" ? 404 : 200), "\(path)")
            #expect(answer.header("content-security-policy")?.hasPrefix(policy) == true, "\(path): \(answer.head)")
            #expect(answer.header("content-security-policy")?.hasSuffix("; connect-src 'self' ws://127.0.0.1:\(port) ws://localhost:\(port)") == true, "\(path)")
            #expect(answer.header("x-content-type-options") == "nosniff", "\(path)")
            #expect(answer.body.isEmpty, "\(path): HEAD has no body")
        }
        #expect(get(base + "/no/such/page/")?.status == 404)
        #expect(get(base + "/%2e%2e/%2e%2e/etc/passwd")?.status == 404)
        // The links of the served site point at the server.
        #expect(get(base + "/sitemap.xml")?.body.contains("<loc>\(base)/talents/salma-benali/</loc>") == true)

        // An edit is served within seconds.
        let file = content + "/talents/salma-benali.md"
        let original = try String(contentsOfFile: file, encoding: .utf8)
        try original.replacingOccurrences(of: "headline: Full-stack JavaScript developer", with: "headline: Lead accessibility engineer")
            .write(toFile: file, atomically: true, encoding: .utf8)
        #expect(eventually { get(base + "/talents/salma-benali/")?.body.contains("Lead accessibility engineer") == true })
        #expect(get(base + "/__passerelle/status")?.body.contains("\"ok\":true") == true)

        // A broken file: the errors are reported, the last good page stays.
        try "---\nname: Broken\n".write(toFile: content + "/talents/broken.md", atomically: true, encoding: .utf8)
        #expect(eventually { get(base + "/__passerelle/status")?.body.contains("\"ok\":false") == true })
        #expect(get(base + "/__passerelle/status")?.body.contains("talents/broken.md:1:1: error: the front matter is not closed") == true)
        #expect(get(base + "/talents/salma-benali/")?.body.contains("Lead accessibility engineer") == true)

        // Ctrl-C stops it cleanly.
        kill(process.processIdentifier, SIGINT)
        #expect(eventually(10) { !process.isRunning })
        #expect(process.terminationStatus == 0)
        let log = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("Serving"))
        #expect(log.contains("Build failed with 1 error; the last good site stays up"))
        // The rebuild after the edit was incremental: it wrote only what changed.
        #expect(log.range(of: #"files in .*Public \([0-9]+ of them written"#, options: .regularExpression) != nil, "\(log)")
        #expect(log.hasSuffix("Stopped.\n"))
    }
}

/// One request written to the server as raw bytes, and its answer read to the end (the server closes after it).
struct HTTPExchange {
    var status = 0
    var head = ""
    var body = Data()
    /// Whether the server closed the connection after its answer.
    var closed = false

    func header(_ name: String) -> String? {
        head.split(separator: "\r\n").dropFirst().first { $0.lowercased().hasPrefix(name + ":") }
            .map { $0.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces) }
    }

    static func connect(port: UInt16) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        var limit = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    /// Sends the request from a thread of its own (the server may answer before it has all of it) and reads the
    /// answer until the server closes the connection, or until `until` says enough was read.
    static func send(_ request: String, port: UInt16, until: ((Data) -> Bool)? = nil) -> HTTPExchange {
        send(Data(request.utf8), port: port, until: until)
    }

    static func send(_ request: Data, port: UInt16, until: ((Data) -> Bool)? = nil) -> HTTPExchange {
        let fd = connect(port: port)
        defer { close(fd) }
        let sent = DispatchSemaphore(value: 0)
        Thread {
            request.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let count = Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                    guard count > 0 else { break }
                    offset += count
                }
            }
            sent.signal()
        }.start()
        var received = Data()
        var exchange = HTTPExchange()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while until?(received) != true {
            let count = recv(fd, &chunk, chunk.count, 0)
            if count == 0 { exchange.closed = true }
            guard count > 0 else { break }
            received.append(contentsOf: chunk[..<count])
        }
        sent.wait()
        guard let end = received.range(of: Data("\r\n\r\n".utf8)) else { return exchange }
        exchange.head = String(decoding: received[..<end.lowerBound], as: UTF8.self)
        exchange.body = received[end.upperBound...]
        exchange.status = Int(exchange.head.split(separator: " ").dropFirst().first ?? "") ?? 0
        return exchange
    }
}

/// The limits on what a request may send, and the rule on who may ask, checked on a running server.
@Suite struct ServeRefusalTests {
    /// Serves the sample in this process until `body` returns.
    static func serving(_ body: (UInt16) throws -> Void) async throws {
        let scratch = Scratch()
        let port = ServeTests().freePort()
        let options = BuildOptions(content: Repository.englishContent, themes: Repository.themes, output: scratch.path + "/Public",
                                   today: Repository.sampleDay, write: true)
        let server = DevServer(options: options, port: port, executable: PasserelleCommand.executable)
        let task = Task { try await server.run { _ in } }
        defer { task.cancel() }
        #expect(await waitFor { ServeTests().get("http://127.0.0.1:\(port)/")?.status == 200 })
        try body(port)
    }

    static func request(_ target: String, port: UInt16, fields: String = "") -> String {
        "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\(fields)Connection: close\r\n\r\n"
    }

    @Test func anOversizedRequestLineOrHeaderSectionIsRefusedAtTheLimitAndTheServerGoesOn() async throws {
        try await Self.serving { port in
            // A request line of exactly 8 KiB (its line end included) is read; one byte more is 414.
            let fits = "/" + String(repeating: "a", count: HeadReader.requestLineLimit - "GET / HTTP/1.1\r\n".utf8.count)
            #expect(HTTPExchange.send(Self.request(fits, port: port), port: port).status == 404)
            let long = HTTPExchange.send(Self.request(fits + "a", port: port), port: port)
            #expect(long.status == 414)
            #expect(long.header("connection") == "close")
            #expect(long.closed)
            #expect(long.header("x-content-type-options") == "nosniff")
            // A 2 MB address is refused after its first kilobytes, while the client is still sending it.
            let huge = HTTPExchange.send(Self.request("/" + String(repeating: "a", count: 2_000_000), port: port), port: port)
            #expect(huge.status == 414)

            // Header fields of 16 KiB in all are read; one byte more is 431.
            let section = { (size: Int) -> String in
                let fixed = "Host: 127.0.0.1:\(port)\r\nConnection: close\r\nX-Padding: \r\n\r\n".utf8.count
                return "GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\nX-Padding: " + String(repeating: "b", count: size - fixed) + "\r\n\r\n"
            }
            #expect(HTTPExchange.send(section(HeadReader.headerSectionLimit), port: port).status == 200)
            let large = HTTPExchange.send(section(HeadReader.headerSectionLimit + 1), port: port)
            #expect(large.status == 431)
            #expect(large.closed)
            let many = HTTPExchange.send("GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n" + String(repeating: "X-A: b\r\n", count: 1_000_000) + "\r\n", port: port)
            #expect(many.status == 431)

            // A body is not taken; a malformed head is 400; a normal request still works after all of these.
            #expect(HTTPExchange.send("GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: 5\r\n\r\nhello", port: port).status == 413)
            #expect(HTTPExchange.send("GET / HTTP/1.1\r\nHost : 127.0.0.1:\(port)\r\n\r\n", port: port).status == 400)
            #expect(HTTPExchange.send("GET / HTTP/2.0\r\nHost: 127.0.0.1:\(port)\r\n\r\n", port: port).status == 505)
            let normal = HTTPExchange.send(Self.request("/talents/salma-benali/", port: port), port: port)
            #expect(normal.status == 200)
            #expect(String(decoding: normal.body, as: UTF8.self).contains("Full-stack JavaScript developer"))
        }
    }

    @Test func anAddressWithAControlCharacterOrABackslashIsRefusedNotServedUnderAnotherType() async throws {
        try await Self.serving { port in
            // The file system stops at a NUL: robots.txt must not come back as HTML or script.
            #expect(HTTPExchange.send(Self.request("/robots.txt", port: port), port: port).status == 200)
            for target in ["/robots.txt%00.html", "/robots.txt%00.js", "/robots.txt%0a", "/index.html%00.js", "/robots.txt%1f",
                           "/robots.txt%7f", "/%5c..%5crobots.txt", "/talents%5csalma-benali/"] {
                let answer = HTTPExchange.send(Self.request(target, port: port), port: port)
                #expect(answer.status == 400, "\(target)")
                #expect(answer.header("content-type") == "text/plain; charset=utf-8", "\(target)")
                #expect(!String(decoding: answer.body, as: UTF8.self).contains(LiveScript.path), "\(target)")
                #expect(answer.closed, "\(target)")
            }
            #expect(HTTPExchange.send(Self.request("/talents/salma-benali/", port: port), port: port).status == 200)
        }
    }

    @Test func aRequestWithTwoContentLengthsIsRefusedAndItsBodyNeverReadAsARequest() async throws {
        try await Self.serving { port in
            let smuggled = "GET /robots.txt HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n"
            let request = "GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: 0\r\nContent-Length: \(smuggled.utf8.count)\r\n\r\n" + smuggled
            let answer = HTTPExchange.send(request, port: port)
            #expect(answer.status == 400)
            #expect(answer.header("connection") == "close")
            #expect(answer.closed)
            #expect(!String(decoding: answer.body, as: UTF8.self).contains("HTTP/1.1"), "one answer only: \(answer.body.count) bytes")
            // A body announced by Transfer-Encoding is not read either.
            let chunked = HTTPExchange.send("GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled, port: port)
            #expect(chunked.status == 413)
            #expect(chunked.closed)
            #expect(!String(decoding: chunked.body, as: UTF8.self).contains("HTTP/1.1"))
        }
    }

    @Test func onlyRequestsForThisServerAreAnsweredAndOnlyItsPagesOpenTheLiveSocket() async throws {
        try await Self.serving { port in
            // DNS rebinding: a page of another name pointed at 127.0.0.1 sends its own Host.
            for host in ["evil.example:\(port)", "evil.example", "127.0.0.1", "127.0.0.1:\(port + 1)", "localhost.evil.example:\(port)"] {
                let answer = HTTPExchange.send("GET /__passerelle/status HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n", port: port)
                #expect(answer.status == 421, "\(host)")
                #expect(!String(decoding: answer.body, as: UTF8.self).contains("build"), "\(host)")
            }
            #expect(HTTPExchange.send("GET / HTTP/1.0\r\n\r\n", port: port).status == 421)
            #expect(HTTPExchange.send("GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nHost: evil.example\r\nConnection: close\r\n\r\n", port: port).status == 421)
            #expect(HTTPExchange.send("GET / HTTP/1.1\r\nHost: localhost:\(port)\r\nConnection: close\r\n\r\n", port: port).status == 200)
            #expect(HTTPExchange.send("GET / HTTP/1.1\r\nHost: LOCALHOST:\(port)\r\nConnection: close\r\n\r\n", port: port).status == 200)

            let upgrade = { (origin: String?) -> HTTPExchange in
                let field = origin.map { "Origin: \($0)\r\n" } ?? ""
                return HTTPExchange.send("GET /__passerelle/live HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\(field)Upgrade: websocket\r\nConnection: Upgrade\r\n"
                                         + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n", port: port) { data in
                    // The socket stays open: stop once the first message has arrived.
                    data.range(of: Data("\r\n\r\n".utf8)).map { data[$0.upperBound...].contains(UInt8(ascii: "}")) } ?? false
                }
            }
            for origin in [nil, "http://evil.example", "http://127.0.0.1:\(port + 1)", "https://127.0.0.1:\(port)", "null"] {
                let refused = upgrade(origin)
                #expect(refused.status == 403, "\(origin ?? "no Origin")")
                #expect(!String(decoding: refused.body, as: UTF8.self).contains("\"build\""))
            }
            for origin in ["http://127.0.0.1:\(port)", "http://localhost:\(port)"] {
                let accepted = upgrade(origin)
                #expect(accepted.status == 101, "\(origin)")
                #expect(accepted.header("sec-websocket-accept") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
                // The first frame: a text frame with the last build's state.
                #expect(accepted.body.first == 0x81)
                #expect(String(decoding: accepted.body.dropFirst(2), as: UTF8.self).hasPrefix("{\"build\":1,\"ok\":true"))
            }
        }
    }

    @Test func aRebuildThatCrashesLeavesTheServerUpWithTheLastGoodSiteAndSaysWhy() async throws {
        let scratch = Scratch()
        let content = scratch.copy(Repository.englishContent, to: "Content")
        // The build worker: the real one, fed its requests line by line; once the marker file exists, the next
        // build request ends it by a signal, as a build that traps would.
        let marker = scratch.path + "/crash"
        let program = scratch.path + "/build.sh"
        try """
            #!/bin/sh
            while read line; do
              if [ -e '\(marker)' ]; then echo 'Fatal error: the build trapped' >&2; kill -SEGV $$; exit 1; fi
              echo "$line"
            done | '\(PasserelleCommand.executable)' "$@"
            """.write(toFile: program, atomically: true, encoding: .utf8)
        chmod(program, 0o755)
        let port = ServeTests().freePort()
        var options = BuildOptions(content: content, themes: Repository.themes, output: scratch.path + "/Public", today: Repository.sampleDay)
        options.cache = scratch.path + "/cache"
        let server = DevServer(options: options, port: port, executable: program)
        let lines = LogLines()
        let task = Task { try await server.run { lines.append($0) } }
        defer { task.cancel() }
        let base = "http://127.0.0.1:\(port)"
        let serve = ServeTests()
        #expect(await waitFor { serve.get(base + "/talents/salma-benali/")?.body.contains("Full-stack JavaScript developer") == true })

        #expect(FileManager.default.createFile(atPath: marker, contents: nil))
        let file = content + "/talents/salma-benali.md"
        let original = try String(contentsOfFile: file, encoding: .utf8)
        try original.replacingOccurrences(of: "headline: Full-stack JavaScript developer", with: "headline: Lead accessibility engineer")
            .write(toFile: file, atomically: true, encoding: .utf8)
        #expect(await waitFor { serve.get(base + "/__passerelle/status")?.body.contains("\"ok\":false") == true })
        let status = serve.get(base + "/__passerelle/status")?.body ?? ""
        #expect(status.contains("the build crashed (signal 11, SIGSEGV); the last good site is served"), "\(status)")
        #expect(status.contains("Fatal error: the build trapped"))
        #expect(serve.get(base + "/talents/salma-benali/")?.body.contains("Full-stack JavaScript developer") == true)
        #expect(lines.all.contains { $0.hasPrefix("Build failed with 2 errors; the last good site stays up:\nthe build crashed (signal 11") }, "\(lines.all)")

        // Once the build works again, the edit is served.
        try FileManager.default.removeItem(atPath: marker)
        try original.replacingOccurrences(of: "headline: Full-stack JavaScript developer", with: "headline: Senior accessibility engineer")
            .write(toFile: file, atomically: true, encoding: .utf8)
        #expect(await waitFor { serve.get(base + "/talents/salma-benali/")?.body.contains("Senior accessibility engineer") == true })
        #expect(await waitFor { serve.get(base + "/__passerelle/status")?.body.contains("\"ok\":true") == true })
    }
}

/// Polls until `check` holds, for up to a minute, sleeping without holding a thread that the server in this
/// process needs.
func waitFor(_ check: () -> Bool) async -> Bool {
    for _ in 0..<300 {
        if check() { return true }
        try? await Task.sleep(nanoseconds: 200_000_000)
    }
    return check()
}

/// The lines a server logged, read from the test while it runs.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}

/// The answer to a request, set by the session's thread, read by the test (possibly after its timeout).
final class Answer: @unchecked Sendable {
    private var value: (status: Int, body: String)?
    private let lock = NSLock()

    func set(_ answer: (status: Int, body: String)) { lock.withLock { value = answer } }
    func get() -> (status: Int, body: String)? { lock.withLock { value } }
}

/// The pieces of the server that need no running server.
@Suite struct ServePartsTests {
    /// Reading a head looks at each byte once however it arrives: one byte at a time, a head twice as long costs
    /// exactly twice as much (counted), where rescanning what was read would cost four times as much.
    @Test func aRequestHeadIsReadInLinearTime() throws {
        func examined(_ size: Int) throws -> (count: Int, bytes: Int) {
            let head = Array(("GET /" + String(repeating: "a", count: size) + " HTTP/1.1\r\nHost: x\r\nX-Long: " + String(repeating: "b", count: size) + "\r\n\r\n").utf8)
            var reader = HeadReader(requestLineLimit: 4 * size, headerSectionLimit: 4 * size)
            var result: (head: RequestHead, rest: [UInt8])?
            for byte in head { result = try reader.feed([byte]) }
            #expect(result?.head.target.count == size + 1)
            #expect(result?.head.field("x-long")?.count == size)
            return (reader.examined, head.count)
        }
        let small = try examined(100_000), large = try examined(200_000)
        #expect(small.count == small.bytes)
        #expect(large.count == large.bytes)
    }

    @Test func aRequestHeadIsRefusedAsSoonAsALimitIsPassed() throws {
        var reader = HeadReader()
        #expect(throws: HeadError.requestLineTooLong) { _ = try reader.feed(Array(repeating: UInt8(ascii: "a"), count: HeadReader.requestLineLimit + 1)) }
        var headers = HeadReader()
        _ = try headers.feed(Array("GET / HTTP/1.1\r\n".utf8))
        #expect(throws: HeadError.headerSectionTooLarge) { _ = try headers.feed(Array(repeating: UInt8(ascii: "b"), count: HeadReader.headerSectionLimit + 1)) }
        for bad in ["GET  / HTTP/1.1\r\n\r\n", "GET http://x/ HTTP/1.1\r\n\r\n", "GET / HTTP/1.1\r\n folded\r\n\r\n", "GET / HTTP/1.1\r\nA\u{1}: b\r\n\r\n"] {
            var reader = HeadReader()
            #expect(throws: HeadError.malformed, "\(bad)") { _ = try reader.feed(Array(bad.utf8)) }
        }
        // Two requests in one piece: the second one's bytes are kept for it.
        var pipelined = HeadReader()
        let first = try pipelined.feed(Array("GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b".utf8))
        #expect(first?.head.target == "/a")
        #expect(first?.rest == Array("GET /b".utf8))
    }

    /// A client that sends its head a byte at a time, slower than the limit allows, is disconnected at the limit.
    @Test func aHeadThatArrivesTooSlowlyIsDroppedAndTheServerGoesOn() throws {
        let port = ServeTests().freePort()
        let server = LocalServer(port: port, idleSeconds: 1, common: { [] }) { _ in .response(.text(.ok, "fine")) }
        try server.start()
        defer { server.stop() }
        let fd = HTTPExchange.connect(port: port)
        defer { close(fd) }
        var closed = false
        for byte in Array("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ".utf8) + Array(repeating: UInt8(ascii: "a"), count: 40) {
            var one = byte
            guard send(fd, &one, 1, Int32(MSG_NOSIGNAL)) == 1 else { closed = true; break }
            Thread.sleep(forTimeInterval: 0.1)
            var probe = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&probe, 1, 0) == 1 { var buffer = [UInt8](repeating: 0, count: 16); if recv(fd, &buffer, 16, 0) <= 0 { closed = true; break } }
        }
        #expect(closed, "the connection stayed open past the limit")
        #expect(HTTPExchange.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", port: port).status == 200)
    }

    @Test func everyMediaEndingTheSitePublishesIsServedWithItsType() {
        let scratch = Scratch()
        let expected = ["jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp", "avif": "image/avif",
                        "gif": "image/gif", "mp4": "video/mp4", "m4v": "video/mp4", "webm": "video/webm", "pdf": "application/pdf"]
        #expect(Set(MediaType.allCases.flatMap(\.extensions)) == Set(expected.keys))
        for (ending, type) in expected {
            scratch.write("media/a.\(ending)", bytes: [1, 2, 3])
            let answer = StaticFiles(root: scratch.path).response(for: "/media/a.\(ending)")
            #expect(answer.status == .ok)
            #expect(answer.headers.first { $0.name == "Content-Type" }?.value == type, "\(ending)")
        }
    }

    @Test func theHeaderPolicyIsThePagesOwnWithTheLiveSocket() {
        let page = #"<head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'"></head>"#
        #expect(PolicyHeader.policy(in: page) == "default-src 'self'; script-src 'self'")
        #expect(PolicyHeader.policy(in: "<head></head>") == nil)
        #expect(PolicyHeader.policy(in: #"<meta http-equiv="Content-Security-Policy" content="default-src 'self'&#10;X: y">"#) == "default-src 'self'&#10;X: y")
        #expect(PolicyHeader.policy(in: "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'\nX: y\">") == nil)
        #expect(PolicyHeader.allowingLiveReload("default-src 'self'", port: 8000) == "default-src 'self'; connect-src 'self' ws://127.0.0.1:8000 ws://localhost:8000")
        #expect(PolicyHeader.allowingLiveReload("default-src 'self'; connect-src https://api.example", port: 8000)
                == "default-src 'self'; connect-src https://api.example ws://127.0.0.1:8000 ws://localhost:8000")
    }

    @Test func aBuildsEndIsReadFromItsExitAndItsLocatedErrors() {
        let good = BuildProcess.outcome(status: 0, signalled: false, stdout: "Built: 1 talents\n", stderr: "a.md:1:1: warning: w\n")
        #expect(good == .init(succeeded: true, summary: "Built: 1 talents", errors: []))
        let failed = BuildProcess.outcome(status: 1, signalled: false, stdout: "", stderr: "a.md:1:1: error: e\na.md:2:1: warning: w\n1 error; Public was left as it was.\n")
        #expect(failed == .init(succeeded: false, summary: "", errors: ["a.md:1:1: error: e"]))
        let crashed = BuildProcess.outcome(status: SIGILL, signalled: true, stdout: "", stderr: "Fatal error: Index out of range\n")
        #expect(crashed.errors == ["the build crashed (signal \(SIGILL), SIGILL); the last good site is served", "Fatal error: Index out of range"])
        var options = BuildOptions(content: "C", themes: "T", output: "P", includeDrafts: true, baseURL: "http://127.0.0.1:9/", today: Repository.sampleDay, market: "be")
        options.jobs = 2
        options.cache = nil
        #expect(BuildProcess(executable: "p", options: options).arguments == ["build", "--content", "C", "--themes", "T", "--output", "P", "--date", "2026-11-24",
                                                                              "--jobs", "2", "--base-url", "http://127.0.0.1:9/", "--drafts", "--market", "be", "--no-cache", "--worker"])
    }

    @Test func theHandshakeAnswerIsRFC6455s() {
        #expect(WebSocket.accept(key: "dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
        #expect(SHA1.digest([]).map { String(format: "%02x", $0) }.joined() == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(WebSocket.isValid(key: "dGhlIHNhbXBsZSBub25jZQ==") && !WebSocket.isValid(key: "short"))
    }
}
