import Foundation
import Testing
import PasserelleContent
import PasserelleCore
@testable import PasserelleSite

@Suite struct BuildBehaviourTests {
    @Test func servesFromASubFolder() {
        let scratch = Scratch()
        let result = SiteBuilder.buildSample(into: scratch.path + "/out", baseURL: "http://localhost:8000/programme/")
        #expect(result.succeeded)
        let site = BuiltSite(path: scratch.path + "/out")
        #expect(site.html("index.html").contains("href=\"/programme/talents/\""))
        #expect(site.html("projects/palim/index.html").contains("href=\"/programme/"))
        #expect(site.brokenReferences(basePath: "/programme/") == [])
        #expect(site.html("sitemap.xml").contains("<loc>http://localhost:8000/programme/talents/</loc>"))
    }

    @Test func aFailedBuildLeavesThePreviousSiteExactlyAsItWas() throws {
        let scratch = Scratch()
        let output = scratch.path + "/Public"
        #expect(SiteBuilder.buildSample(into: output).succeeded)
        FileManager.default.createFile(atPath: output + "/.gitkeep", contents: Data())
        let before = BuiltSite(path: output).files

        let content = scratch.copy(Repository.englishContent, to: "Content")
        scratch.write("Content/talents/broken.md", "---\nname: Broken\ncountry: XX\n---\n")
        scratch.write("Content/vacancies/also-broken.json", "{\"title\": ")
        let failed = SiteBuilder.buildSample(into: output, content: content)
        #expect(!failed.succeeded)
        #expect(failed.diagnostics.errors.count >= 4)
        #expect(failed.diagnostics.errors.contains { $0.file.hasSuffix("talents/broken.md") && $0.location == PasserelleCore.SourceLocation(line: 3, column: 10) })
        #expect(failed.diagnostics.errors.contains { $0.file.hasSuffix("vacancies/also-broken.json") })
        #expect(BuiltSite(path: output).files == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0.hasPrefix(".") }
        #expect(leftovers == [])
    }

    @Test func aSuccessfulRebuildReplacesTheSiteAndKeepsDotFiles() throws {
        let scratch = Scratch()
        let output = scratch.path + "/Public"
        scratch.write("Public/.gitkeep", "")
        scratch.write("Public/.passerelle", "")
        scratch.write("Public/stale/index.html", "old")
        #expect(SiteBuilder.buildSample(into: output).succeeded)
        let site = BuiltSite(path: output)
        #expect(site.exists(".gitkeep"))
        #expect(!site.exists("stale/index.html"))
        #expect(site.exists("index.html"))
    }

    @Test func neverReplacesAFolderItDidNotWrite() throws {
        let scratch = Scratch()
        scratch.write("mine/notes.txt", "keep me")
        let intoMine = SiteBuilder.buildSample(into: scratch.path + "/mine")
        #expect(intoMine.diagnostics.errors.map(\.message) == ["\(scratch.path)/mine has files that passerelle did not write (notes.txt); it was left as it is"])
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/mine/notes.txt"))

        let content = scratch.copy(Repository.englishContent, to: "project/Content")
        for output in [scratch.path + "/project", content] {
            let result = SiteBuilder.buildSample(into: output, content: content)
            #expect(result.diagnostics.errors.map(\.message) == ["refusing to replace \(output): it holds \(content)"])
        }
        #expect(FileManager.default.fileExists(atPath: content + "/site.yml"))

        // A folder Passerelle wrote is replaced at the next build.
        #expect(SiteBuilder.buildSample(into: scratch.path + "/site").succeeded)
        #expect(SiteBuilder.buildSample(into: scratch.path + "/site").succeeded)
    }

    @Test func theSameInputGivesByteIdenticalFiles() {
        let scratch = Scratch()
        #expect(SiteBuilder.buildSample(into: scratch.path + "/a").succeeded)
        #expect(SiteBuilder.buildSample(into: scratch.path + "/b").succeeded)
        let a = BuiltSite(path: scratch.path + "/a").files
        let b = BuiltSite(path: scratch.path + "/b").files
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a == b)
    }

    @Test func theOutputIsTheSameWhateverTheNumberOfCores() {
        let scratch = Scratch()
        // Enough talents and vacancies that matching and indexing share their work out too.
        let skills = ["Java", "SQL", "Python", "Docker", "Nursing", "Wound care", "React", "Kubernetes", "Excel", "Git"]
        scratch.write("Content/site.yml", "title: Cores\nbase_url: https://example.org/\nlanguages: [en, fr]\n")
        for n in 0..<600 {
            let own = (0..<4).map { skills[(n * 7 + $0 * 3) % skills.count] }
            scratch.write("Content/talents/t\(n).md", """
            ---
            name: Talent \(n)
            headline: \(own[0]) developer \(n % 13)
            country: MA
            skills: [\(own.joined(separator: ", "))]
            languages: [{code: fr, level: B\(n % 2 + 1)}]
            mobility: [BE]
            consent: true
            ---
            Worked with \(own.joined(separator: " and ")) for \(n % 9) years in Rabat and Gent.
            """)
        }
        for n in 0..<120 {
            scratch.write("Content/vacancies/v\(n).md", """
            ---
            title: Role \(n)
            employer: Employer \(n % 7)
            country: BE
            skills: {required: [\(skills[n % skills.count])], preferred: [\(skills[(n + 3) % skills.count])]}
            ---
            We need \(skills[n % skills.count]).
            """)
        }
        var files: [[String: Data]] = []
        for jobs in [1, 3, 8] {
            var options = BuildOptions(content: scratch.path + "/Content", themes: Repository.themes, output: scratch.path + "/\(jobs)", today: Repository.sampleDay)
            options.jobs = jobs
            #expect(SiteBuilder().build(options).succeeded)
            files.append(BuiltSite(path: scratch.path + "/\(jobs)").files)
        }
        // A large market's way (index after pages, matches worked out in each language) gives the same site.
        var options = BuildOptions(content: scratch.path + "/Content", themes: Repository.themes, output: scratch.path + "/apart", today: Repository.sampleDay)
        options.overlapLimit = 0
        #expect(SiteBuilder().build(options).succeeded)
        files.append(BuiltSite(path: scratch.path + "/apart").files)
        #expect(files[0].count > 1000)
        #expect(files[0] == files[1] && files[1] == files[2] && files[2] == files[3])
    }

    @Test func checkWritesNothing() {
        let scratch = Scratch()
        let result = SiteBuilder().build(BuildOptions(content: Repository.content, themes: Repository.themes,
                                                      output: scratch.path + "/Public", today: Repository.sampleDay, write: false))
        #expect(result.succeeded && result.talents == 27)
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/Public"))
    }

    @Test(arguments: StarterFiles.Kind.allCases)
    func starterFilesPassCheck(kind: StarterFiles.Kind) throws {
        let scratch = Scratch()
        scratch.write("Content/site.yml", "title: T\nbase_url: https://example.org/\nlanguages: [en]\n")
        let slug = kind == .page ? "news/open-day" : "amina-el-idrissi"
        let relative = try #require(StarterFiles.relativePath(kind: kind, slug: slug))
        scratch.write("Content/" + relative, StarterFiles.text(kind: kind, slug: slug, today: Repository.sampleDay))
        let result = SiteBuilder().build(BuildOptions(content: scratch.path + "/Content", themes: Repository.themes,
                                                      output: scratch.path + "/Public", today: Repository.sampleDay, write: false))
        #expect(result.diagnostics.errors.map(\.description) == [])
        switch kind {
        case .talent: #expect(result.talents == 0 && result.skipped.count == 1)  // consent: false until the talent agrees
        case .vacancy: #expect(result.vacancies == 1)
        case .page: #expect(result.pages == 1)
        }
        #expect(StarterFiles.relativePath(kind: kind, slug: "Bad Slug") == nil)
    }

    @Test func escapesWhatAuthorsWrite() {
        let scratch = Scratch()
        scratch.write("Content/site.yml", "title: \"<b>Site</b>\"\nbase_url: https://example.org/\n")
        scratch.write("Content/talents/x.md", """
        ---
        name: "<script>alert(1)</script>"
        headline: "\\" onmouseover=\\"alert(2)"
        city: "<img src=x onerror=alert(3)>"
        country: MA
        skills: ["</li><script>alert(4)</script>"]
        consent: true
        ---
        <script>alert(5)</script>

        [x](javascript:alert(6))
        """)
        let result = SiteBuilder().build(BuildOptions(content: scratch.path + "/Content", themes: Repository.themes,
                                                      output: scratch.path + "/Public", today: Repository.sampleDay))
        #expect(result.succeeded)
        #expect(result.diagnostics.warnings.contains { $0.location == PasserelleCore.SourceLocation(line: 11, column: 1) && $0.message.contains("javascript") })
        for (name, data) in BuiltSite(path: scratch.path + "/Public").files where name.hasSuffix(".html") {
            let page = String(decoding: data, as: UTF8.self)
            #expect(!page.contains("<script>alert"), "\(name)")
            #expect(!page.contains("<img src=x"), "\(name)")
            #expect(!page.contains("\" onmouseover=\""), "\(name)")
            #expect(!page.contains("javascript:alert"), "\(name)")
            #expect(!page.contains("<b>Site</b>"), "\(name)")
        }
        #expect(BuiltSite(path: scratch.path + "/Public").html("talents/x/index.html").contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func aVideoFileUnderMediaGetsAnEmbeddedPlayer() {
        let scratch = Scratch()
        scratch.write("Content/site.yml", "title: T\nbase_url: https://example.org/\n")
        // An MP4's first box (ftyp, brand isom): what the type check reads. A video is published as it is.
        let video: [UInt8] = [0, 0, 0, 0x18] + Array("ftypisom".utf8) + [0, 0, 2, 0] + Array("isomiso2".utf8) + Array("moov".utf8)
        scratch.write("Content/media/videos/amal.mp4", bytes: video)
        scratch.write("Content/talents/amal.md", "---\nname: Amal\nheadline: Nurse\ncountry: MA\nskills: [Care]\nvideo: media/videos/amal.mp4\nconsent: true\n---\n")
        scratch.write("Content/talents/omar.md", "---\nname: Omar\nheadline: Nurse\ncountry: MA\nskills: [Care]\nvideo: media/videos/missing.mp4\nconsent: true\n---\n")
        let options = BuildOptions(content: scratch.path + "/Content", themes: Repository.themes, output: scratch.path + "/Public", today: Repository.sampleDay)
        let failed = SiteBuilder().build(options)
        #expect(failed.diagnostics.errors.map(\.message) == ["video 'media/videos/missing.mp4' is not in media/"])
        try? FileManager.default.removeItem(atPath: scratch.path + "/Content/talents/omar.md")
        let result = SiteBuilder().build(options)
        #expect(result.succeeded)
        let site = BuiltSite(path: scratch.path + "/Public")
        #expect(site.html("talents/amal/index.html").contains("<video class=\"video-player\" controls preload=\"metadata\" src=\"/media/videos/amal.mp4\">"))
        #expect(site.files["media/videos/amal.mp4"].map(Array.init) == video)
    }

    @Test func refusesPagesThatWouldTakeTheGeneratorsAddresses() {
        let scratch = Scratch()
        scratch.write("Content/site.yml", "title: T\nbase_url: https://example.org/\n")
        scratch.write("Content/pages/talents.md", "---\ntitle: Clash\n---\n")
        let result = SiteBuilder().build(BuildOptions(content: scratch.path + "/Content", themes: Repository.themes,
                                                      output: scratch.path + "/Public", today: Repository.sampleDay))
        #expect(result.diagnostics.errors.contains { $0.message.contains("/talents/ is taken by the generator") })
    }
}

@Suite struct ThemeTests {
    /// A Themes/ folder with the default theme and a custom one.
    func themes(_ scratch: Scratch, custom files: [String: String]) -> String {
        _ = scratch.copy(Repository.themes, to: "Themes")
        for (path, text) in files { scratch.write("Themes/custom/" + path, text) }
        return scratch.path + "/Themes"
    }

    func content(_ scratch: Scratch) -> String {
        let content = scratch.copy(Repository.englishContent, to: "Content")
        let site = (try? String(contentsOfFile: content + "/site.yml", encoding: .utf8)) ?? ""
        scratch.write("Content/site.yml", site.replacingOccurrences(of: "theme: default", with: "theme: custom"))
        return content
    }

    @Test func aCustomThemeFallsBackToTheDefaultForWhatItLacks() {
        let scratch = Scratch()
        let themes = themes(scratch, custom: [
            "templates/home.mustache": "{{<base}}{{$content}}<h1>Custom home</h1>{{/content}}{{/base}}",
            "i18n/en.yml": "nav_talents: People\n",
            "assets/css/site.css": "body { color: black; }\n",
        ])
        let result = SiteBuilder().build(BuildOptions(content: content(scratch), themes: themes, output: scratch.path + "/Public", today: Repository.sampleDay))
        #expect(result.succeeded)
        let site = BuiltSite(path: scratch.path + "/Public")
        #expect(site.html("index.html").contains("<h1>Custom home</h1>"))
        #expect(site.html("talents/index.html").contains(">People</a>"))
        #expect(site.html("talents/index.html").contains("class=\"card talent-card\""))
        #expect(site.html("assets/css/site.css") == "body { color: black; }\n")
        #expect(site.exists("assets/js/site.js"))
        let warning = result.diagnostics.warnings.first { $0.file.hasSuffix("Themes/custom/i18n/en.yml") }
        #expect(warning?.message.hasPrefix("\(keyCount() - 1) UI strings are missing; the default theme's are used: ") == true)
    }

    func keyCount() -> Int {
        let text = (try? String(contentsOfFile: Repository.themes + "/default/i18n/en.yml", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") && $0.contains(":") }.count
    }

    @Test func aLanguageTheThemeLacksFallsBackToEnglish() {
        let scratch = Scratch()
        let content = scratch.copy(Repository.englishContent, to: "Content")
        let site = (try? String(contentsOfFile: content + "/site.yml", encoding: .utf8)) ?? ""
        scratch.write("Content/site.yml", site.replacingOccurrences(of: "languages: [en, fr, nl, ar]", with: "languages: [sw, en]"))
        let result = SiteBuilder().build(BuildOptions(content: content, themes: Repository.themes, output: scratch.path + "/Public", today: Repository.sampleDay))
        #expect(result.succeeded)
        #expect(result.diagnostics.warnings.contains { $0.message == "the theme has no UI strings for 'sw'; English is used" })
        let page = BuiltSite(path: scratch.path + "/Public").html("vacancies/nurse-antwerpen/index.html")
        #expect(page.contains("<html lang=\"sw\""))
        #expect(page.contains("Required skills"))
        #expect(!page.contains("required_skills"))
    }

    @Test func reportsTemplateSyntaxErrorsWithTheirPlace() {
        let scratch = Scratch()
        let themes = themes(scratch, custom: ["templates/home.mustache": "{{<base}}\n{{$content}}\n  {{#open}}\n{{/content}}{{/base}}"])
        let result = SiteBuilder().build(BuildOptions(content: content(scratch), themes: themes, output: scratch.path + "/Public", today: Repository.sampleDay))
        #expect(!result.succeeded)
        #expect(result.diagnostics.errors.contains { $0.file.hasSuffix("Themes/custom/templates/home.mustache") && $0.message.hasPrefix("template syntax") })
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/Public"))
    }

    @Test func aMissingThemeIsAnErrorAtSiteYAML() {
        let scratch = Scratch()
        let result = SiteBuilder().build(BuildOptions(content: content(scratch), themes: Repository.themes, output: scratch.path + "/Public", today: Repository.sampleDay))
        #expect(result.diagnostics.errors.contains { $0.file.hasSuffix("site.yml") && $0.message == "theme 'custom' is not in \(Repository.themes)" })
    }

    @Test func theDefaultThemeHasEveryUIStringInEveryLanguage() throws {
        let folder = Repository.themes + "/default/i18n"
        func strings(_ file: String) throws -> [String: String] {
            let node = try YAMLReader.read(try String(contentsOfFile: folder + "/" + file, encoding: .utf8))
            return Dictionary(uniqueKeysWithValues: (node.entries ?? []).map { ($0.key, $0.value.scalarText ?? "") })
        }
        func placeholders(_ text: String) -> Set<String> {
            var found = Set<String>()
            var rest = Substring(text)
            while let range = rest.range(of: "\\{[a-z]+\\}", options: .regularExpression) {
                found.insert(String(rest[range]))
                rest = rest[range.upperBound...]
            }
            return found
        }
        let english = try strings("en.yml")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yml") }.sorted()
        #expect(files.count >= 3)
        for file in files where file != "en.yml" {
            let other = try strings(file)
            #expect(Set(other.keys) == Set(english.keys), "\(file): \(Set(other.keys).symmetricDifference(english.keys).sorted())")
            for (key, text) in english {
                #expect(placeholders(other[key] ?? "") == placeholders(text), "\(file): \(key)")
            }
        }
        let keys = ["en": Set(english.keys)]
        // Every {{site.t.key}} a template uses exists.
        for folder in ["templates", "partials"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: Repository.themes + "/default/" + folder) {
                let text = try String(contentsOfFile: Repository.themes + "/default/\(folder)/" + name, encoding: .utf8)
                var rest = Substring(text)
                while let range = rest.range(of: "site\\.t\\.[a-z_]+", options: .regularExpression) {
                    let key = String(rest[range].dropFirst("site.t.".count))
                    #expect(keys["en"]?.contains(key) == true, "\(name) uses missing UI string \(key)")
                    rest = rest[range.upperBound...]
                }
            }
        }
    }

    @Test(arguments: ["fr", "nl"])
    func buildsInTheSitesFirstLanguage(language: String) {
        let scratch = Scratch()
        let content = scratch.copy(Repository.englishContent, to: "Content")
        let site = (try? String(contentsOfFile: content + "/site.yml", encoding: .utf8)) ?? ""
        scratch.write("Content/site.yml", site.replacingOccurrences(of: "languages: [en, fr, nl, ar]", with: "languages: [\(language), en]"))
        let result = SiteBuilder().build(BuildOptions(content: content, themes: Repository.themes, output: scratch.path + "/Public", today: Repository.sampleDay))
        #expect(result.succeeded)
        let page = BuiltSite(path: scratch.path + "/Public").html("vacancies/nurse-antwerpen/index.html")
        #expect(page.contains("<html lang=\"\(language)\""))
        #expect(page.contains(language == "fr" ? "Compétences requises" : "Vereiste vaardigheden"))
        #expect(!page.contains("Required skills"))
    }
}
