import Foundation
import PasserelleSearch
@testable import PasserelleSite
import Testing

/// The hostile-input corpus (Tests/Fixtures/hostile): content written to break the site, built with the
/// `passerelle` command as a user would.
///
/// - `cases/<name>/content/` is laid over `base/` (a clean site), and `cases/<name>/expected.txt` gives the exact
///   exit code and messages. A failed build must leave the previous Public/ byte for byte, and no build may write
///   anything outside its output folder.
/// - `site/` tries script and HTML injection in every field; it builds, with the warnings of `site-expected.txt`,
///   and no page may hold script, an event handler or an unsafe address, nor any private value.
@Suite struct HostileInputTests {
    static let fixtures = Repository.root + "/Tests/Fixtures/hostile"
    static let cases = ((try? FileManager.default.contentsOfDirectory(atPath: fixtures + "/cases")) ?? []).sorted()

    /// Private values written in the corpus (email, phone, `private:` keys, a JSON Resume's street address).
    static let privateValues = ["amina.private@example.com", "+212 6 11 22 33 44", "AB123456-PRIVATE", "1999-04-01-PRIVATE",
                                "json.private@example.com", "+32 470 00 00 00", "JSON-ID-PRIVATE", "resume.private@example.com",
                                "+212 5 00 00 00 00", "12 Private Street", "20000", "amina@example.com", "+212 6 00 00 00 00"]

    @Test func theCorpusHasEveryKindOfCase() {
        #expect(Self.cases.count >= 25)
    }

    @Test(arguments: cases) func aCaseGivesExactlyItsDocumentedOutcome(_ name: String) throws {
        let scratch = Scratch()
        try copyTree(Self.fixtures + "/base", to: scratch.path + "/Content")
        scratch.write("secret.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")
        let base = try build(in: scratch.path)
        #expect(base.status == 0, "the base site builds: \(base.err)")
        let previous = BuiltSite(path: scratch.path + "/Public").files

        let overlay = Self.fixtures + "/cases/\(name)/content"
        if FileManager.default.fileExists(atPath: overlay) { try copyTree(overlay, to: scratch.path + "/Content", merging: true) }
        if name == "huge-profile" {
            let front = "---\nname: Huge\nheadline: Nurse\ncountry: MA\nskills: [a]\nconsent: true\n---\n"
            scratch.write("Content/talents/huge.md", front + String(repeating: String(repeating: "x", count: 79) + "\n", count: 262_144))
        }
        if name == "link-loop" {
            // Two links that lead to each other, and one to a file that is not there.
            for (link, target) in [("loop-a.md", "loop-b.md"), ("loop-b.md", "loop-a.md"), ("gone.md", "nothing.md")] {
                try FileManager.default.createSymbolicLink(atPath: scratch.path + "/Content/talents/" + link, withDestinationPath: target)
            }
        }
        // The output's mirror beside it (`.Public.mirror/`) is the output's own copy, checked below.
        let before = tree(scratch.path, except: ["Public", ".Public.mirror", "report.json"])

        let result = try build(in: scratch.path)
        let expected = try Expectation(file: Self.fixtures + "/cases/\(name)/expected.txt")
        #expect(result.status == expected.status)
        #expect(result.err.split(separator: "\n").map(String.init) == expected.messages)
        #expect(result.out.split(separator: "\n").map(normalisedSummary) == expected.output)

        // Nothing written, moved or left behind outside the output folder and its mirror, which holds nothing
        // but the output's own files.
        #expect(tree(scratch.path, except: ["Public", ".Public.mirror", "report.json"]) == before)
        let output = BuiltSite(path: scratch.path + "/Public")
        if FileManager.default.fileExists(atPath: scratch.path + "/.Public.mirror/site") {
            #expect(BuiltSite(path: scratch.path + "/.Public.mirror/site").files == output.files)
            #expect(Set(try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/.Public.mirror"))
                        .isSubset(of: ["site", OutputWriter.workspaceMarker, OutputRecord.file]))
        }
        if expected.status != 0 {
            #expect(output.files == previous, "a failed build leaves the previous site as it was")
        } else {
            #expect(output.unsafeMarkup() == [])
        }
        try checkReport(scratch.path + "/report.json", content: scratch.path + "/Content", messages: result.err, written: expected.status == 0)
    }

    @Test func injectionInEveryFieldIsShownAsTextAndNoPrivateValueIsPublished() throws {
        let scratch = Scratch()
        try copyTree(Self.fixtures + "/site", to: scratch.path + "/Content")
        let result = try build(in: scratch.path)
        let expected = try Expectation(file: Self.fixtures + "/site-expected.txt")
        #expect(result.status == expected.status)
        #expect(result.err.split(separator: "\n").map(String.init) == expected.messages)
        #expect(result.out.split(separator: "\n").map(normalisedSummary) == expected.output)

        let site = BuiltSite(path: scratch.path + "/Public")
        #expect(site.unsafeMarkup() == [])
        // Defence in depth: a policy in every page that runs only the site's own scripts.
        let policy = #"<meta http-equiv="Content-Security-Policy" content="default-src 'self'; "#
        for (name, data) in site.files where name.hasSuffix(".html") {
            let page = String(decoding: data, as: UTF8.self)
            #expect(page.contains(policy) && page.contains("script-src 'self';") && !page.contains("unsafe-inline"), "\(name)")
        }
        #expect(site.html("talents/script-name/index.html").contains("href=\"https://www.linkedin.com/in/amina-el-idrissi?ref=a&amp;b=c\" rel=\"noopener noreferrer\""))
        // Every page type of every talent, vacancy, employer and page was made.
        for page in ["talents/script-name/index.html", "fr/talents/script-name/index.html", "talents/json-talent/index.html",
                     "talents/resume-talent/index.html", "vacancies/script-vacancy/index.html", "vacancies/markdown-vacancy/index.html",
                     "employers/script-employer/index.html", "news/script-news/index.html", "index.html", "search/index.html"] {
            #expect(site.exists(page), "\(page)")
        }
        // The injected text is there, as text.
        #expect(site.html("talents/script-name/index.html").contains("&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt; Amina"))
        #expect(site.html("talents/script-name/index.html").contains("{{site.title}}"), "Mustache in content is text, not a tag")

        // Private values: in no file of the site, search shards (unpacked) included, nor in the match output.
        let texts = site.files.map { name, data in
            (name, name.hasSuffix(".gz") ? String(decoding: Gzip.decompress([UInt8](data)) ?? [], as: UTF8.self) : String(decoding: data, as: UTF8.self))
        }
        #expect(texts.contains { $0.0.hasSuffix(".gz") && $0.1.contains("Amina") }, "the search shards were unpacked")
        for value in Self.privateValues {
            #expect(!texts.contains { $0.1.contains(value) }, "\(value) was published")
        }
        let match = try PasserelleCommand.run(["match", "--content", "Content", "--date", "2026-11-24", "--all", "--format", "json"], in: scratch.path)
        #expect(match.status == 0 && match.out.contains("script-name"))
        for value in Self.privateValues { #expect(!match.out.contains(value), "\(value) in the match output") }
    }

    @Test func aWithdrawnTalentLeavesNoTraceAfterTheNextBuild() throws {
        let scratch = Scratch()
        try copyTree(Self.fixtures + "/base", to: scratch.path + "/Content")
        let cache = ["--cache", scratch.path + "/cache"]
        #expect(try build(in: scratch.path, cache).status == 0)
        let profile = scratch.path + "/Content/talents/amina.md"
        let text = try String(contentsOfFile: profile, encoding: .utf8)
        try text.replacingOccurrences(of: "consent: true", with: "consent: false").write(toFile: profile, atomically: true, encoding: .utf8)
        let rebuilt = try build(in: scratch.path, cache)
        #expect(rebuilt.status == 0 && rebuilt.out.contains("1 skipped (1 no consent)"))
        for (name, data) in BuiltSite(path: scratch.path + "/Public").files {
            let text = name.hasSuffix(".gz") ? String(decoding: Gzip.decompress([UInt8](data)) ?? [], as: UTF8.self) : String(decoding: data, as: UTF8.self)
            #expect(!text.contains("Amina") && !text.contains("Idrissi") && !text.contains("talents/amina"), "\(name) still mentions the talent")
        }
    }

    @Test func aLinkToATalentWithoutConsentLeavesNoTraceOfTheSlug() throws {
        let scratch = Scratch()
        try copyTree(Self.fixtures + "/base", to: scratch.path + "/Content")
        try copyTree(Self.fixtures + "/cases/link-to-withdrawn-talent/content", to: scratch.path + "/Content", merging: true)
        #expect(try build(in: scratch.path).status == 0)
        let site = BuiltSite(path: scratch.path + "/Public")
        for (name, data) in site.files {
            let text = name.hasSuffix(".gz") ? String(decoding: Gzip.decompress([UInt8](data)) ?? [], as: UTF8.self) : String(decoding: data, as: UTF8.self)
            #expect(!text.contains("hidden-person"), "\(name) holds the slug of a talent without consent")
        }
        // The words of the links stay, as text; the link to a published talent stays a link.
        #expect(site.html("team/index.html").contains("Meet Hidden Person and <a href=\"/talents/amina/\">Amina</a>."))
        #expect(site.html("vacancies/welder/index.html").contains("Ask our welder about it."))
    }

    // MARK: - Helpers

    func build(in directory: String, _ extra: [String] = ["--no-cache"]) throws -> (status: Int32, out: String, err: String) {
        try PasserelleCommand.run(["build", "--themes", Repository.themes, "--date", "2026-11-24", "--report", "report.json"] + extra, in: directory)
    }

    /// `cp -a`: links stay links, as a user's checkout has them.
    func copyTree(_ source: String, to target: String, merging: Bool = false) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/cp")
        process.arguments = merging ? ["-a", source + "/.", target + "/"] : ["-a", source, target]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    /// Every path under `root` with its size, modification time and link target, but for the named top-level entries.
    func tree(_ root: String, except: Set<String>) -> [String: String] {
        var entries: [String: String] = [:]
        for name in (FileManager.default.subpaths(atPath: root) ?? []) where !except.contains(String(name.split(separator: "/").first ?? "")) {
            var info = stat()
            guard lstat(root + "/" + name, &info) == 0 else { continue }
            let link = (try? FileManager.default.destinationOfSymbolicLink(atPath: root + "/" + name)) ?? ""
            entries[name] = "\(info.st_mode) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(link)"
        }
        return entries
    }

    /// The summary line without its timing and its count of files (which depends on the theme).
    func normalisedSummary(_ line: Substring) -> String {
        line.replacingOccurrences(of: #" in [0-9]+\.[0-9]+ s$"#, with: " in N s", options: .regularExpression)
            .replacingOccurrences(of: #"; [0-9]+ files in "#, with: "; N files in ", options: .regularExpression)
    }

    /// The report accounts for every file under Content/: each file named in an error is rejected, and none is unused.
    func checkReport(_ path: String, content: String, messages: String, written: Bool) throws {
        let data = try #require(FileManager.default.contents(atPath: path))
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let files = try #require(report["files"] as? [[String: Any]])
        var status: [String: String] = [:]
        for file in files { status[file["path"] as? String ?? ""] = file["status"] as? String }
        let listed = (FileManager.default.subpaths(atPath: content) ?? []).filter { name in
            var info = stat()
            return lstat(content + "/" + name, &info) == 0 && (info.st_mode & S_IFMT != S_IFDIR)
        }.map { "Content/" + $0 }
        #expect(Set(status.keys) == Set(listed), "every file is in the report, and only those")
        #expect(!status.values.contains("unused"))
        #expect(report["written"] as? Bool == written)
        for line in messages.split(separator: "\n") {
            guard let place = line.range(of: #":[0-9]+:[0-9]+: error: "#, options: .regularExpression) else { continue }
            let file = String(line[..<place.lowerBound])
            #expect(status[file] == "rejected", "\(file) is rejected")
        }
        for (file, value) in status where value == "published" {
            let urls = files.first { $0["path"] as? String == file }?["urls"] as? [String] ?? []
            #expect(!urls.isEmpty, "\(file) is published at an address")
        }
    }
}

/// An `expected.txt`: a `# description` line, `exit N`, then the exact lines the build prints (summary with
/// its time as `N`, then messages).
struct Expectation {
    var status: Int32
    var output: [String]
    var messages: [String]

    init(file: String) throws {
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init).filter { !$0.hasPrefix("# ") }
        status = Int32(lines.first?.dropFirst("exit ".count) ?? "") ?? -1
        output = lines.dropFirst().filter { $0.hasPrefix("Built: ") }
        messages = lines.dropFirst().filter { !$0.hasPrefix("Built: ") }
    }
}

extension BuiltSite {
    /// Markup a visitor's browser could run or that leaves the site: script other than the theme's own files,
    /// frames, objects and inline styles, event-handler attributes, and javascript:, vbscript:, data: or
    /// protocol-relative addresses. Every tag of every page is read, attribute by attribute.
    func unsafeMarkup() -> [String] {
        let tag = try! NSRegularExpression(pattern: #"<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*/?>"#)
        let attribute = try! NSRegularExpression(pattern: #"([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?"#)
        let addresses: Set<String> = ["href", "src", "action", "formaction", "poster", "data-embed", "srcset", "background", "cite"]
        var found: [String] = []
        for (name, data) in files where name.hasSuffix(".html") {
            let text = String(decoding: data, as: UTF8.self) as NSString
            for match in tag.matches(in: text as String, range: NSRange(location: 0, length: text.length)) {
                let element = text.substring(with: match.range(at: 1)).lowercased()
                let attributes = match.range(at: 2).location == NSNotFound ? "" : text.substring(with: match.range(at: 2))
                var values: [String: String] = [:]
                for part in attribute.matches(in: attributes, range: NSRange(location: 0, length: (attributes as NSString).length)) {
                    let key = (attributes as NSString).substring(with: part.range(at: 1)).lowercased()
                    let value = (2...4).compactMap { part.range(at: $0).location == NSNotFound ? nil : (attributes as NSString).substring(with: part.range(at: $0)) }.first ?? ""
                    values[key] = value
                }
                let problem: String?
                if ["iframe", "object", "embed", "style", "base", "frame", "applet"].contains(element) {
                    problem = "a <\(element)> element"
                } else if element == "script", !(values["src"].map { $0.hasPrefix("/assets/js/") && $0.hasSuffix(".js") } ?? false) {
                    problem = "an inline or foreign script"
                } else if let handler = values.keys.first(where: { $0.hasPrefix("on") }) {
                    problem = "an event handler \(handler)"
                } else if let (key, value) = values.first(where: { addresses.contains($0.key) && Self.leavesTheSite($0.value) }) {
                    problem = "\(key)=\"\(value.prefix(60))\""
                } else if element == "a", let href = values["href"], href.hasPrefix("http"),
                          !(values["rel"].map { $0.contains("noopener") && $0.contains("noreferrer") } ?? false) {
                    problem = "an external link without rel=\"noopener noreferrer\": \(href.prefix(60))"
                } else {
                    problem = nil
                }
                if let problem { found.append("\(name): \(problem)") }
            }
        }
        return found.sorted()
    }

    /// A javascript:, vbscript: or data: address (as a browser reads it: entities decoded, blanks dropped), or a
    /// protocol-relative one.
    static func leavesTheSite(_ value: String) -> Bool {
        let decoded = value.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&#58;", with: ":")
            .replacingOccurrences(of: "&colon;", with: ":").lowercased().filter { !$0.isWhitespace && !$0.isNewline }
        return ["javascript:", "vbscript:", "data:"].contains { decoded.hasPrefix($0) } || decoded.hasPrefix("//") || decoded.hasPrefix("\\\\")
    }
}
