import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
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
        nonisolated(unsafe) var answer: (Int, String)?
        URLSession.shared.dataTask(with: URL(string: url)!) { data, response, _ in
            if let response = response as? HTTPURLResponse { answer = (response.statusCode, String(decoding: data ?? Data(), as: UTF8.self)) }
            done.signal()
        }.resume()
        _ = done.wait(timeout: .now() + 10)
        return answer
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

        #expect(eventually { get(base + "/talents/salma-benali/")?.status == 200 })
        let page = get(base + "/talents/salma-benali/")?.body ?? ""
        #expect(page.contains("Full-stack JavaScript developer"))
        #expect(page.contains("<script src=\"/__passerelle/live.js\" defer></script></body>"))
        #expect(get(base + "/__passerelle/live.js")?.body.contains("WebSocket") == true)
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
