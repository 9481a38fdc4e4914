import Foundation
import Testing
import PasserelleContent
@testable import PasserelleSite
import PasserelleTemplates
import PasserelleTheme

/// The sample as published: a Belgian market read in Dutch, French and English, a Moroccan one in French,
/// Arabic and English, each a site of its own under Public/<market>/.
@Suite struct MultilingualSiteTests {
    let result: BuildResult
    let site: BuiltSite
    static let editions = [("be/", "nl"), ("be/fr/", "fr"), ("be/en/", "en"), ("ma/", "fr"), ("ma/ar/", "ar"), ("ma/en/", "en")]

    init() {
        let output = NSTemporaryDirectory() + "passerelle-markets-" + UUID().uuidString
        result = SiteBuilder.buildSample(into: output, content: Repository.content)
        site = BuiltSite(path: output)
    }

    /// Slugs of the sample's items of one folder whose front matter or JSON says so.
    func sampleTalents(where include: (Talent) -> Bool) -> Set<String> {
        let content = ContentLoader().load(from: Repository.content)
        return Set(content.talents.filter { $0.consent && include($0) }.map(\.slug))
    }

    func listed(_ folder: String) -> Set<String> {
        Set(((try? FileManager.default.contentsOfDirectory(atPath: site.path + "/" + folder)) ?? []).filter { $0 != "index.html" && $0 != "page" })
    }

    @Test func eachMarketListsOnlyItsVacanciesAndTheTalentsWhoWillWorkThere() {
        #expect(result.diagnostics.errors.map(\.description) == [])
        let belgium = sampleTalents { $0.mobility.contains("BE") }
        let morocco = sampleTalents { $0.mobility.contains("MA") }
        #expect(belgium.count == 26 && morocco.count == 16)
        for (edition, _) in Self.editions {
            let market = edition.hasPrefix("be") ? belgium : morocco
            #expect(listed(edition + "talents") == market, "\(edition)")
        }
        #expect(listed("be/vacancies") == ["care-assistant-gent", "care-assistant-liege", "elderly-care-nurse-brussels",
                                           "fullstack-javascript-developer-leuven", "home-care-worker-leuven", "java-developer-brussels", "nurse-antwerpen"])
        #expect(listed("ma/vacancies") == ["data-analyst-casablanca", "devops-cloud-engineer-rabat"])
        #expect(listed("be/employers") == ["brusselsoft", "zorggroep-schelde"])
        #expect(listed("ma/employers") == ["atlas-digital"])
        #expect(site.html("be/talents/index.html").contains("26 talenten"))
        #expect(site.html("ma/ar/vacancies/index.html").contains("data-analyst-casablanca"))
        // Matches stay inside the market: a Moroccan vacancy ranks only talents who will work in Morocco.
        let matches = site.html("ma/vacancies/devops-cloud-engineer-rabat/index.html")
        for slug in sampleTalents(where: { !$0.mobility.contains("MA") }) {
            #expect(!matches.contains("/ma/talents/\(slug)/"), "\(slug)")
        }
    }

    @Test func theRootListsTheMarketsInTheirLanguages() {
        let root = site.html("index.html")
        #expect(root.contains("<html lang=\"en\" dir=\"ltr\">"))
        #expect(root.contains("Choose your platform"))
        #expect(root.contains("<a href=\"/be/\">Belgium</a>") && root.contains("<a href=\"/ma/\">Morocco</a>"))
        #expect(root.contains("<a href=\"/be/fr/\" hreflang=\"fr\" lang=\"fr\">Français</a>"))
        #expect(root.contains("<a href=\"/ma/ar/\" hreflang=\"ar\" lang=\"ar\">العربية</a>"))
        #expect(site.brokenReferences(basePath: "/") == [])
        #expect(site.html("sitemap.xml").contains("<loc>https://talents.example.org/ma/ar/talents/salma-benali/</loc>"))
    }

    @Test func everyPageTypeIsWrittenInEveryLanguageWithItsDirection() throws {
        let pages = ["index.html", "talents/index.html", "talents/youssef-el-amrani/index.html", "vacancies/index.html", "employers/index.html",
                     "about/index.html", "news/index.html", "news/2025-03-first-cohort-gsp-soins/index.html", "search/index.html"]
        let keys = try uiKeys()
        for (edition, language) in Self.editions {
            for page in pages + [edition.hasPrefix("be") ? "vacancies/nurse-antwerpen/index.html" : "vacancies/devops-cloud-engineer-rabat/index.html",
                                 edition.hasPrefix("be") ? "employers/zorggroep-schelde/index.html" : "employers/atlas-digital/index.html"] {
                let html = site.html(edition + page)
                #expect(html.contains("<html lang=\"\(language)\" dir=\"\(language == "ar" ? "rtl" : "ltr")\">"), "\(edition + page)")
                // No UI string is missing: a missing one would show its key.
                for key in keys where html.contains(">\(key)<") || html.contains("\"\(key)\"") {
                    Issue.record("\(edition + page) shows the raw UI key \(key)")
                }
            }
        }
        #expect(site.exists("be/404.html") && site.exists("ma/404.html"))
        #expect(site.html("404.html") == site.html("be/404.html"))
        // The site's description in each language; counts with their own plural.
        #expect(site.html("be/talents/index.html").contains("<meta name=\"description\" content=\"Een matchingplatform dat in Marokko opgeleide talenten"))
        #expect(site.html("ma/index.html").contains("16 talents · 2 offres ouvertes · 1 employeur<"))
    }

    @Test func noEnglishInterfaceTextLeaksIntoOtherLanguages() throws {
        let english = try strings("en")
        for (edition, language) in Self.editions where language != "en" {
            let local = try strings(language)
            // Interface strings that differ from English and are long enough not to be a common word or a name.
            let leaks = english.filter { key, value in
                local[key] != value && value.count >= 6 && !value.contains("{") && key != "dir" && !key.hasPrefix("language_autonym")
            }
            for name in site.files.keys where name.hasPrefix(edition) && name.hasSuffix(".html") && !Self.editions.contains(where: { $0.0 != edition && $0.0.count > edition.count && name.hasPrefix($0.0) }) {
                let html = interface(of: site.html(name))
                for (key, value) in leaks where html.contains(">\(HTMLEscaping.escape(value))<") || html.contains("\"\(HTMLEscaping.escape(value))\"") {
                    Issue.record("\(name) shows the English '\(value)' (\(key))")
                }
            }
        }
    }

    @Test func theLanguageSwitcherKeepsTheReaderOnTheSamePage() {
        let pages = ["", "talents/", "talents/salma-benali/", "vacancies/nurse-antwerpen/", "employers/zorggroep-schelde/", "about/", "news/", "search/"]
        for page in pages {
            let dutch = site.html("be/" + page + "index.html")
            #expect(dutch.contains("<a href=\"/be/fr/\(page)\" hreflang=\"fr\" lang=\"fr\">Français</a>"), "\(page)")
            #expect(dutch.contains("<a href=\"/be/\(page)\" hreflang=\"nl\" lang=\"nl\" aria-current=\"page\">Nederlands</a>"), "\(page)")
            #expect(dutch.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://talents.example.org/be/\(page)\">"))
            // And back: the French page's switcher leads to the Dutch page we started from.
            let french = site.html("be/fr/" + page + "index.html")
            #expect(french.contains("<a href=\"/be/\(page)\" hreflang=\"nl\" lang=\"nl\">Nederlands</a>"), "\(page)")
            #expect(french.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://talents.example.org/be/en/\(page)\">"))
        }
        let arabic = site.html("ma/ar/talents/salma-benali/index.html")
        #expect(arabic.contains("<a href=\"/ma/talents/salma-benali/\" hreflang=\"fr\" lang=\"fr\">Français</a>"))
        #expect(arabic.contains("<a href=\"/ma/ar/talents/salma-benali/\" hreflang=\"ar\" lang=\"ar\" aria-current=\"page\">العربية</a>"))
    }

    @Test func translationsAreShownInTheirLanguageAndTheRestSaysItIsNot() {
        let dutch = site.html("be/talents/youssef-el-amrani/index.html")
        #expect(dutch.contains("Java-back-enddeveloper, PALIM-alumnus, zes jaar ervaring met banksoftware"))
        #expect(!dutch.contains("translation-note"))
        #expect(dutch.contains("C1 · gevorderd"))
        // Written only in French: shown in French on the Dutch site, marked as such.
        let french = site.html("be/talents/meryem-el-hassani/index.html")
        #expect(french.contains("<p class=\"translation-note\" role=\"note\">Deze tekst is niet naar het Nederlands vertaald; hij wordt getoond in het Frans.</p>"))
        #expect(french.contains("<section class=\"cv prose\" dir=\"auto\" lang=\"fr\""))
        #expect(!site.html("be/fr/talents/meryem-el-hassani/index.html").contains("translation-note"))
        // Skills take the names skills.yml gives them in the reader's language.
        #expect(site.html("be/talents/houda-benkirane/index.html").contains("Wondzorg"))
        #expect(site.html("be/fr/talents/houda-benkirane/index.html").contains("Soins des plaies"))
        // A vacancy translated in its JSON, and the menu's pages.
        #expect(site.html("be/vacancies/care-assistant-gent/index.html").contains("<html lang=\"nl\""))
        #expect(!site.html("be/vacancies/care-assistant-gent/index.html").contains("translation-note"))
        #expect(site.html("ma/ar/index.html").contains("lang=\"ar\""))
    }

    @Test func aMarketBuildsAloneAtTheOutputsRoot() {
        let scratch = Scratch()
        let result = SiteBuilder().build(BuildOptions(content: Repository.content, themes: Repository.themes, output: scratch.path + "/ma",
                                                      today: Repository.sampleDay, market: "ma"))
        #expect(result.succeeded)
        let alone = BuiltSite(path: scratch.path + "/ma")
        #expect(alone.exists("talents/salma-benali/index.html") && alone.exists("ar/talents/salma-benali/index.html"))
        #expect(!alone.exists("index.html") == false && !alone.exists("be"))
        #expect(!alone.exists("vacancies/nurse-antwerpen/index.html"))
        #expect(alone.brokenReferences(basePath: "/") == [])
        // Items of the other market are not "in no market": that is only said of what no market lists.
        #expect(!result.skipped.contains { $0.reason.hasPrefix("in no market") })
        let unknown = SiteBuilder().build(BuildOptions(content: Repository.content, themes: Repository.themes, output: scratch.path + "/x",
                                                       today: Repository.sampleDay, market: "fr"))
        #expect(unknown.diagnostics.errors.map(\.message) == ["--market fr: site.yml has no such market"])
    }

    @Test func theMatchCommandRanksAMarketAsItsSiteDoes() {
        let vacancy = "devops-cloud-engineer-rabat"
        let command = SiteBuilder().match(MatchRequest(content: Repository.content, vacancy: vacancy, today: Repository.sampleDay, market: "ma"))
        #expect(!command.diagnostics.hasErrors && !command.matches.isEmpty)
        let page = site.html("ma/vacancies/\(vacancy)/index.html")
        let shown = page.components(separatedBy: "<h3 class=\"match-title\"><a href=\"/ma/talents/").dropFirst().compactMap { $0.split(separator: "/").first.map(String.init) }
        #expect(shown == command.matches.map(\.talent))
        let wrong = SiteBuilder().match(MatchRequest(content: Repository.content, vacancy: vacancy, today: Repository.sampleDay, market: "xx"))
        #expect(wrong.diagnostics.errors.map(\.message) == ["--market xx: site.yml has no such market"])
    }

    @Test func aMarkdownLinkToAPageTheMarketDoesNotHaveIsWarnedAbout() throws {
        let scratch = Scratch()
        let content = scratch.copy(Repository.content, to: "Content")
        let file = content + "/pages/news/2025-09-employer-day-brussels.md"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try (text + "\nSee also [the Rabat vacancy](/vacancies/devops-cloud-engineer-rabat/) and [our team](/about/).\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).count + 1
        let result = SiteBuilder().build(BuildOptions(content: content, themes: Repository.themes, output: scratch.path + "/Public", today: Repository.sampleDay))
        #expect(result.succeeded)
        let warnings = result.diagnostics.warnings.filter { $0.message.hasPrefix("the link to") }
        #expect(warnings.map { "\($0.location.line):\($0.location.column) \($0.message)" } == [
            "\(line):10 the link to /vacancies/devops-cloud-engineer-rabat/ leads to no page of the market /be/: removed, its text kept",
        ])
        #expect(warnings.first?.file == file)
    }

    @Test func theCSSMirrorsByLogicalProperties() throws {
        for file in ["site.css", "print.css"] {
            let css = try String(contentsOfFile: Repository.themes + "/default/assets/css/" + file, encoding: .utf8)
            // Rules scoped to one direction (`:dir(rtl)`, `[dir="rtl"]`) may name their side.
            for line in css.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).hasPrefix("/*") && !line.contains(":dir(") && !line.contains("[dir=") {
                let physical = line.range(of: "(margin|padding|border)-(left|right)|(^|[^-])(left|right)\\s*:|text-align:\\s*(left|right)|float:\\s*(left|right)",
                                          options: .regularExpression)
                #expect(physical == nil, "\(file): \(line)")
            }
        }
    }

    // MARK: - helpers

    func strings(_ language: String) throws -> [String: String] {
        let text = try String(contentsOfFile: Repository.themes + "/default/i18n/\(language).yml", encoding: .utf8)
        let node = try YAMLReader.read(text)
        return Dictionary(uniqueKeysWithValues: (node.entries ?? []).compactMap { entry in entry.value.scalarText.map { (entry.key, $0) } })
    }

    func uiKeys() throws -> [String] { try strings("en").keys.filter { $0.contains("_") }.sorted() }

    /// A page without the texts authors wrote (bodies, headlines, names), which may be in any language.
    func interface(of html: String) -> String {
        var text = html
        for (open, close) in [("<nav class=\"language-switcher\"", "</nav>"), ("<section class=\"cv prose\"", "</section>"), ("<div class=\"prose\"", "</div>"), ("<div dir=\"auto\"", "</div>")] {
            while let start = text.range(of: open), let end = text.range(of: close, range: start.upperBound..<text.endIndex) {
                text.removeSubrange(start.lowerBound..<end.upperBound)
            }
        }
        return text
    }
}
