import FlyingFox
import FlyingSocks
import Foundation
import PasserelleContent
import PasserelleSite

/// `passerelle serve`: builds the site, serves it on 127.0.0.1, rebuilds when Content/ or Themes/ change, and
/// reloads open pages; a failed build shows its located errors over the page while the last good site stays up.
public final class DevServer: Sendable {
    public let options: BuildOptions
    public let port: UInt16
    /// How often the sources are compared, in seconds.
    public let interval: Double
    let channel = LiveChannel()

    /// `options.baseURL` is replaced by the server's address.
    public init(options: BuildOptions, port: UInt16 = 8000, interval: Double = 0.1) {
        var local = options
        local.baseURL = "http://127.0.0.1:\(port)/"
        self.options = local
        self.port = port
        self.interval = interval
    }

    /// Builds, then serves until the task is cancelled. `log` receives one line per build.
    public func run(log: @escaping @Sendable (String) -> Void) async throws {
        let watcher = SourceWatcher(folders: [options.content, options.themes])
        var seen = watcher.signature()
        await rebuild(log: log)

        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port), timeout: 60, handler: nil)
        let output = options.output
        await server.appendRoute(HTTPRoute(methods: [.GET], path: LiveScript.socket), to: .webSocket(LiveSocket(channel: channel)))
        await server.appendRoute(HTTPRoute(methods: [.GET], path: LiveScript.path)) { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "text/javascript; charset=utf-8"], body: Data(LiveScript.source.utf8))
        }
        let channel = self.channel
        await server.appendRoute(HTTPRoute(methods: [.GET], path: LiveScript.status)) { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json"], body: Data(await channel.status.utf8))
        }
        await server.appendRoute("GET *") { request in StaticFiles(root: output).response(for: request.path) }

        do {
          try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            group.addTask {
                try await server.waitUntilListening()
                log("Serving \(output) at http://127.0.0.1:\(self.port)/ (Ctrl-C stops)")
                while !Task.isCancelled {
                    try await Task.sleep(nanoseconds: UInt64(self.interval * 1_000_000_000))
                    let now = watcher.signature()
                    guard now != seen else { continue }
                    // Wait for a burst of saves to settle, then build once.
                    try await Task.sleep(nanoseconds: 50_000_000)
                    seen = watcher.signature()
                    await self.rebuild(log: log)
                }
            }
            defer { group.cancelAll() }
            try await group.next()
          }
        } catch where Task.isCancelled {
            // Ctrl-C: stop serving, below.
        }
        await channel.closeAll()
        await server.stop(timeout: 1)
    }

    /// One build; the channel tells the open pages how it went.
    func rebuild(log: @Sendable (String) -> Void) async {
        let options = self.options
        let result = await Task.detached { SiteBuilder().build(options) }.value
        let errors = result.diagnostics.sorted.filter { $0.severity == .error }.map(\.description)
        if result.succeeded {
            log(result.summary(output: options.output, wrote: true))
        } else {
            log("Build failed with \(errors.count) error\(errors.count == 1 ? "" : "s"); the last good site stays up:\n" + errors.joined(separator: "\n"))
        }
        await channel.finished(errors: errors)
    }
}

/// Files of the built site, as a static host serves them: `/x/` is `/x/index.html`, a missing file is the
/// site's 404 page, and nothing outside the folder is reachable. HTML pages get the live-reload script.
struct StaticFiles {
    let root: String

    static let types = ["html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
                        "svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp",
                        "gif": "image/gif", "mp4": "video/mp4", "webm": "video/webm", "pdf": "application/pdf", "xml": "application/xml",
                        "txt": "text/plain; charset=utf-8", "gz": "application/gzip", "json": "application/json"]

    func response(for path: String) -> HTTPResponse {
        let decoded = path.removingPercentEncoding ?? path
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

    func notFound() -> HTTPResponse {
        let page = FileManager.default.contents(atPath: root + "/404.html") ?? Data("Not found".utf8)
        return file("404.html", page, status: .notFound)
    }

    func file(_ relative: String, _ data: Data, status: HTTPStatusCode) -> HTTPResponse {
        let ext = (relative as NSString).pathExtension.lowercased()
        var body = data
        if ext == "html" { body = Data(LiveScript.inject(into: String(decoding: data, as: UTF8.self)).utf8) }
        return HTTPResponse(statusCode: status, headers: [.contentType: Self.types[ext] ?? "application/octet-stream", .cacheControl: "no-store"], body: body)
    }
}
