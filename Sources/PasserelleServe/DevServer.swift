import Foundation
import PasserelleContent
import PasserelleSite

/// `passerelle serve`: builds the site, serves it on 127.0.0.1, rebuilds when Content/ or Themes/ change, and
/// reloads open pages; a failed build shows its located errors over the page while the last good site stays up.
///
/// Every rebuild runs in a build worker, a child process that keeps the build's state in memory between
/// rebuilds, so a build that crashes cannot take the server down. Only requests
/// addressed to `127.0.0.1:PORT` or `localhost:PORT` are answered (421 otherwise: a page of another site whose
/// name was pointed at 127.0.0.1 cannot read this one), and the live-reload WebSocket opens only for a page of
/// this origin (403 otherwise), since it carries the build errors.
public final class DevServer: Sendable {
    public let options: BuildOptions
    public let port: UInt16
    /// How often the sources are compared, in seconds.
    public let interval: Double
    let builder: BuildProcess
    let channel = LiveChannel()
    let policy = PolicyHeader()

    /// `options.baseURL` is replaced by the server's address; `executable` is the `passerelle` program that
    /// runs each build (`passerelle build`).
    public init(options: BuildOptions, port: UInt16 = 8000, interval: Double = 0.1, executable: String) {
        var local = options
        local.baseURL = "http://127.0.0.1:\(port)/"
        self.options = local
        self.port = port
        self.interval = interval
        self.builder = BuildProcess(executable: executable, options: local)
    }

    /// The `Host` values this server answers, and the origins whose pages may open the WebSocket.
    var hosts: [String] { ["127.0.0.1:\(port)", "localhost:\(port)"] }
    var origins: [String] { hosts.map { "http://" + $0 } }

    /// Builds, then serves until the task is cancelled. `log` receives one line per build.
    public func run(log: @escaping @Sendable (String) -> Void) async throws {
        defer { builder.stop() }
        let watcher = SourceWatcher(folders: [options.content, options.themes])
        var seen = watcher.signature()
        await rebuild(log: log)

        let policy = self.policy
        let server = LocalServer(port: port, common: {
            [("Content-Security-Policy", policy.value), ("X-Content-Type-Options", "nosniff")]
        }, handle: { [self] head in reply(to: head) })
        try server.start()
        log("Serving \(options.output) at http://127.0.0.1:\(port)/ (Ctrl-C stops)")
        defer {
            channel.closeAll()
            server.stop()
        }
        do {
            while !Task.isCancelled {
                try await Task.sleep(nanoseconds: UInt64(interval * 1_000_000_000))
                let now = watcher.signature()
                guard now != seen else { continue }
                // Wait for a burst of saves to settle, then build once.
                try await Task.sleep(nanoseconds: 50_000_000)
                seen = watcher.signature()
                await rebuild(log: log)
            }
        } catch where Task.isCancelled {
            // Ctrl-C: stop serving, above.
        }
    }

    /// One build, by the build worker; the channel tells the open pages how it went.
    func rebuild(log: @Sendable (String) -> Void) async {
        let outcome = await builder.run()
        guard !Task.isCancelled else { return }
        // The policy of the pages now served: the new ones, or the last good ones a failed build left.
        policy.update(fromPageIn: options.output, port: port)
        if outcome.succeeded {
            log(outcome.summary)
        } else {
            let count = outcome.errors.count
            log("Build failed with \(count) error\(count == 1 ? "" : "s"); the last good site stays up:\n" + outcome.errors.joined(separator: "\n"))
        }
        channel.finished(errors: outcome.errors)
    }

    /// The answer to one request: refused unless it is addressed to this server, then the live-reload routes or a file.
    func reply(to head: RequestHead) -> Reply {
        guard head.count("host") == 1, let host = head.field("host")?.lowercased(), hosts.contains(host) else {
            return .response(.text(.misdirected, "This server answers only requests for \(hosts.joined(separator: " or "))."))
        }
        guard head.method == "GET" || head.method == "HEAD" else {
            return .response(Response(.methodNotAllowed, type: "text/plain; charset=utf-8", Data("GET or HEAD only.\n".utf8), headers: [("Allow", "GET, HEAD")]))
        }
        let path = String(head.target.prefix { $0 != "?" && $0 != "#" })
        switch path {
        case LiveScript.socket:
            return upgrade(head)
        case LiveScript.path:
            return .response(Response(.ok, type: "text/javascript; charset=utf-8", Data(LiveScript.source.utf8)))
        case LiveScript.status:
            return .response(Response(.ok, type: "application/json", Data(channel.status.utf8)))
        default:
            return .response(StaticFiles(root: options.output).response(for: path))
        }
    }

    /// The live-reload WebSocket, for a page of this server only: its `Origin` must be one of `origins`.
    func upgrade(_ head: RequestHead) -> Reply {
        guard head.count("origin") == 1, let origin = head.field("origin")?.lowercased(), origins.contains(origin) else {
            return .response(.text(.forbidden, "The live-reload socket opens only for pages of \(origins.joined(separator: " or "))."))
        }
        guard head.method == "GET", head.tokens("upgrade").contains("websocket"), head.tokens("connection").contains("upgrade"),
              head.field("sec-websocket-version") == "13", let key = head.field("sec-websocket-key"), WebSocket.isValid(key: key) else {
            return .response(.text(.badRequest, "A WebSocket handshake (RFC 6455) is expected here."))
        }
        let channel = self.channel
        return .webSocket(headers: [("Upgrade", "websocket"), ("Connection", "Upgrade"), ("Sec-WebSocket-Accept", WebSocket.accept(key: key))]) { socket in
            channel.listen(socket)
        }
    }
}

/// The Content-Security-Policy sent with every response: the one the built pages carry in their
/// `<meta http-equiv="Content-Security-Policy">`, which also lets the live-reload script open its WebSocket.
final class PolicyHeader: @unchecked Sendable {
    /// For a theme whose pages carry no policy.
    static let fallback = "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"
    private let lock = NSLock()
    private var current = PolicyHeader.fallback

    var value: String { lock.withLock { current } }

    /// Reads the policy of the site's home page (or its 404 page) after a build.
    func update(fromPageIn output: String, port: UInt16) {
        let page = ["index.html", "404.html"].lazy.compactMap { FileManager.default.contents(atPath: output + "/" + $0) }.first
        let policy = page.flatMap { Self.policy(in: String(decoding: $0, as: UTF8.self)) } ?? Self.fallback
        let value = Self.allowingLiveReload(policy, port: port)
        lock.withLock { current = value }
    }

    /// The `content` of the page's policy `<meta>`; nil when there is none, or it could not be a header value.
    static func policy(in html: String) -> String? {
        guard let marker = html.range(of: "http-equiv=\"Content-Security-Policy\"", options: .caseInsensitive),
              let start = html[..<marker.lowerBound].range(of: "<meta", options: [.backwards, .caseInsensitive]),
              let end = html[marker.upperBound...].firstIndex(of: ">") else { return nil }
        let tag = html[start.lowerBound..<end]
        guard let open = tag.range(of: "content=\"", options: .caseInsensitive),
              let close = tag[open.upperBound...].firstIndex(of: "\"") else { return nil }
        let value = String(tag[open.upperBound..<close])
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&#x27;", with: "'")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        guard !value.isEmpty, value.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) }) else { return nil }
        return value
    }

    /// The policy with `connect-src` extended to the live-reload WebSocket on either of the server's names.
    static func allowingLiveReload(_ policy: String, port: UInt16) -> String {
        let sockets = "ws://127.0.0.1:\(port) ws://localhost:\(port)"
        var directives = policy.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if let index = directives.firstIndex(where: { $0.lowercased().hasPrefix("connect-src") }) {
            directives[index] += " " + sockets
        } else {
            directives.append("connect-src 'self' " + sockets)
        }
        return directives.joined(separator: "; ")
    }
}

/// Files of the built site, as a static host serves them: `/x/` is `/x/index.html`, a missing file is the
/// site's 404 page, and nothing outside the folder is reachable. HTML pages get the live-reload script.
struct StaticFiles {
    let root: String

    /// The site's own files, and every ending the media allow-list publishes (`.m4v`, `.avif`, ...) with its type.
    static let types: [String: String] = {
        var types = ["html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
                     "svg": "image/svg+xml", "xml": "application/xml", "txt": "text/plain; charset=utf-8", "gz": "application/gzip",
                     "json": "application/json"]
        for media in MediaType.allCases {
            for ending in media.extensions { types[ending] = media.mimeType }
        }
        return types
    }()

    /// An address that, once decoded, holds a control character (U+0000 to U+001F, U+007F) or a backslash. The file
    /// system stops at a NUL, so `/robots.txt%00.html` would otherwise be robots.txt served as HTML.
    static func isRefused(decodedPath path: String) -> Bool {
        path.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" }
    }

    func response(for path: String) -> Response {
        let decoded = path.removingPercentEncoding ?? path
        guard !Self.isRefused(decodedPath: decoded) else {
            return .text(.badRequest, "An address may not hold a control character or a backslash.")
        }
        let parts = decoded.split(separator: "/", omittingEmptySubsequences: true)
        guard !parts.contains(where: { $0 == ".." || $0 == "." || $0.hasPrefix(".") }) else { return notFound() }
        var relative = parts.joined(separator: "/")
        var isDirectory: ObjCBool = false
        let full = root + "/" + relative
        if relative.isEmpty || (FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) && isDirectory.boolValue) {
            relative += relative.isEmpty ? "index.html" : "/index.html"
        }
        guard let data = FileManager.default.contents(atPath: root + "/" + relative) else { return notFound() }
        return file(relative, data, status: .ok)
    }

    func notFound() -> Response {
        let page = FileManager.default.contents(atPath: root + "/404.html") ?? Data("Not found".utf8)
        return file("404.html", page, status: .notFound)
    }

    func file(_ relative: String, _ data: Data, status: Status) -> Response {
        let ext = (relative as NSString).pathExtension.lowercased()
        var body = data
        if ext == "html" { body = Data(LiveScript.inject(into: String(decoding: data, as: UTF8.self)).utf8) }
        return Response(status, type: Self.types[ext] ?? "application/octet-stream", body)
    }
}
