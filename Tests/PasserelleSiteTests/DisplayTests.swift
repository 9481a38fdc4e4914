import Foundation
import Testing
import PasserelleContent
@testable import PasserelleSite
import PasserelleTheme
import PasserelleSearch

/// What a reader sees of values: country and language names, scores, build summaries, notes about a text's language.
@Suite struct DisplayTests {
    /// A small site of one talent per file given, in `site.yml`'s languages and markets.
    func build(site: String, files: [String: String]) -> (BuildResult, BuiltSite, Scratch) {
        let scratch = Scratch()
        scratch.write("Content/site.yml", site)
        for (path, text) in files { scratch.write("Content/" + path, text) }
        let result = SiteBuilder().build(BuildOptions(content: scratch.path + "/Content", themes: Repository.themes,
                                                      output: scratch.path + "/Public", today: Repository.sampleDay))
        return (result, BuiltSite(path: scratch.path + "/Public"), scratch)
    }

    func talent(_ name: String, lang: String? = nil, mobility: String = "[BE]", languages: String = "[{code: nl, level: B2}]",
                body: String) -> String {
        """
        ---
        name: \(name)
        \(lang.map { "lang: \($0)\n" } ?? "")headline: Verpleegkundige
        country: MA
        skills: [Wound care]
        languages: \(languages)
        mobility: \(mobility)
        consent: true
        ---
        \(body)
        """
    }

    @Test func countryAndLanguageNamesComeFromCLDRInEveryLanguage() throws {
        let site = "title: T\nbase_url: https://example.org/\nlanguages: [en, fr, nl, ar]\n"
        let files = ["talents/olena.md": talent("Olena", mobility: "[BE, PL]", languages: "[{code: uk, level: native}, {code: pl, level: C1}]",
                                                body: "Text.")]
        let (result, built, scratch) = build(site: site, files: files)
        #expect(result.succeeded, "\(result.diagnostics.all)")
        #expect(built.exists("index.html") || built.exists("be/index.html"), "built in \(scratch.path)")
        let expected = [("", ["Poland", "Ukrainian", "Polish", "Belgium"]), ("fr/", ["Pologne", "ukrainien", "polonais", "Belgique"]),
                        ("nl/", ["Polen", "Oekraïens", "Pools", "België"]), ("ar/", ["بولندا", "الأوكرانية", "البولندية", "بلجيكا"])]
        for (edition, names) in expected {
            let page = built.html(edition + "talents/olena/index.html")
            for name in names { #expect(page.contains(name), "\(edition): \(name)") }
            #expect(!page.contains(">PL<") && !page.contains(">UK ") && !page.contains(">PL "), "\(edition): a code shown as a name")
            // The search filters name them too.
            #expect(built.html(edition + "talents/index.html").contains(names[0]), "\(edition) filter labels")
        }
        // Names are looked up the same way on every build.
        let (_, again, scratchAgain) = build(site: site, files: files)
        #expect(again.exists("index.html"), "built in \(scratchAgain.path)")
        for edition in ["", "fr/", "nl/", "ar/"] {
            #expect(again.html(edition + "talents/olena/index.html") == built.html(edition + "talents/olena/index.html"))
            #expect(again.html(edition + "talents/index.html") == built.html(edition + "talents/index.html"))
        }
        // A theme's own name still wins over CLDR's.
        let format = Formatter(strings: UIStrings(language: "en", values: ["country_PL": "Polska"]), language: "en")
        #expect(format.countryName("PL") == "Polska" && format.countryName("BE") == "Belgium" && format.languageName("uk") == "Ukrainian")
        #expect(format.countryName("QQ") == "QQ")
    }

    @Test func everyScoreIsAWholeNumberInEveryLanguage() throws {
        let output = NSTemporaryDirectory() + "passerelle-scores-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: output) }
        #expect(SiteBuilder.buildSample(into: output).succeeded)
        let built = BuiltSite(path: output)
        var scores: [String] = []
        for (name, data) in built.files where name.hasSuffix(".html") {
            let text = String(decoding: data, as: UTF8.self)
            for piece in text.components(separatedBy: "<span class=\"score-value\">").dropFirst() {
                scores.append(String(piece.prefix { $0 != "<" }))
            }
        }
        #expect(scores.count > 50)
        #expect(scores.filter { Int($0).map { !(0...100).contains($0) } ?? true } == [])
        // The sample has scores with decimals (77.3): they are rounded, the same in every language.
        let vacancy = "vacancies/fullstack-javascript-developer-leuven/index.html"
        for edition in ["", "fr/", "nl/", "ar/"] { #expect(built.html(edition + vacancy).contains("<span class=\"score-value\">77</span>"), "\(edition)") }
    }

    @Test func anUnrecognisedTextIsInTheLanguageItsMarketIsReadIn() throws {
        // Belgium is read only in Dutch; Morocco in English and Dutch. Lotte's text is too short for its language
        // to be recognised, so the rule for a text of no known language applies.
        let site = """
        title: T
        base_url: https://example.org/
        languages: [en, nl]
        markets:
          be: {countries: [BE], languages: [nl]}
          ma: {countries: [MA], languages: [en, nl]}
        """
        let files = [
            "talents/lotte.md": talent("Lotte", mobility: "[BE, MA]", body: "Verpleegkundige, Gent."),
            "talents/noor.md": talent("Noor", lang: "nl", mobility: "[BE, MA]", body: "Ik werk graag met ouderen."),
            "talents/sam.md": talent("Sam", mobility: "[BE]", body: "I am a nurse."),
            "talents/sam.nl.md": "---\n---\nIk ben verpleegkundige.\n",
        ]
        let (result, built, scratch) = build(site: site, files: files)
        #expect(result.succeeded, "\(result.diagnostics.all)")
        #expect(built.exists("index.html") || built.exists("be/index.html"), "built in \(scratch.path)")
        // In the Dutch-only market, such a text is taken as Dutch: no note, no other language claimed.
        let lotte = built.html("be/talents/lotte/index.html")
        #expect(!lotte.contains("translation-note") && lotte.contains("<section class=\"cv prose\" dir=\"auto\" aria-label"))
        #expect(!built.html("be/talents/noor/index.html").contains("translation-note"))
        // A translation into Dutch is still the one shown.
        let sam = built.html("be/talents/sam/index.html")
        #expect(sam.contains("Ik ben verpleegkundige.") && !sam.contains("I am a nurse.") && !sam.contains("translation-note"))
        // Where the market is read in the site's first language too, such a text is in that language.
        #expect(!built.html("ma/talents/lotte/index.html").contains("translation-note"))
        #expect(built.html("ma/nl/talents/lotte/index.html").contains("niet naar het Nederlands vertaald; hij wordt getoond in het Engels"))
        #expect(!built.html("ma/nl/talents/noor/index.html").contains("translation-note"))
        #expect(built.html("ma/talents/noor/index.html").contains("This text has not been translated into English; it is shown in Dutch."))
    }

    @Test func aTextWithoutLangIsInTheLanguageItIsWrittenIn() throws {
        // Belgium is read in Dutch and English, like the sample's: the site's first language is one of its languages.
        let site = """
        title: T
        base_url: https://example.org/
        languages: [en, fr, nl, ar]
        markets:
          be: {countries: [BE], languages: [nl, en]}
        """
        let files = [
            "talents/lotte.md": talent("Lotte", body: """
                Ik werk al zes jaar als verpleegkundige in een woonzorgcentrum in Gent. Ik zorg voor ouderen met dementie \
                en ik ben graag bij de familie betrokken.
                """),
            "talents/amine.md": talent("Amine", body: "Je suis aide-soignant et j'ai travaillé cinq ans dans une maison de repos à Tanger."),
            "talents/hiba.md": talent("Hiba", body: "أعمل ممرضة منذ خمس سنوات في وحدة طب الشيخوخة بمستشفى في مراكش."),
            "talents/sam.md": talent("Sam", body: "Wondzorg, dementie."),
        ]
        let (result, built, scratch) = build(site: site, files: files)
        #expect(result.succeeded, "\(result.diagnostics.all)")
        #expect(built.exists("be/index.html"), "built in \(scratch.path)")
        // Written in Dutch: no note for its Dutch readers; its English readers are told it is shown in Dutch, and
        // the text says it is Dutch.
        let dutch = built.html("be/talents/lotte/index.html")
        #expect(dutch.contains("<html lang=\"nl\"") && !dutch.contains("translation-note"))
        #expect(dutch.contains("<section class=\"cv prose\" dir=\"auto\" aria-label"))
        let english = built.html("be/en/talents/lotte/index.html")
        #expect(english.contains("This text has not been translated into English; it is shown in Dutch."))
        #expect(english.contains("<section class=\"cv prose\" dir=\"auto\" lang=\"nl\""))
        // French and Arabic texts are recognised too.
        #expect(built.html("be/talents/amine/index.html").contains("niet naar het Nederlands vertaald; hij wordt getoond in het Frans"))
        #expect(built.html("be/en/talents/hiba/index.html").contains("lang=\"ar\""))
        // A text too short to tell keeps the rule: the site's first language, which the market is read in.
        #expect(built.html("be/talents/sam/index.html").contains("niet naar het Nederlands vertaald; hij wordt getoond in het Engels"))
        #expect(!built.html("be/en/talents/sam/index.html").contains("translation-note"))
        // The English index stems the Dutch, French and Arabic texts with their own stemmers.
        let manifest = try #require(built.files.first { $0.key.hasPrefix("be/en/search/manifest.") }?.value)
        let text = String(decoding: Gzip.decompress([UInt8](manifest)) ?? [], as: UTF8.self)
        #expect(text.contains("\"language\":\"en\",\"languages\":[\"en\",\"ar\",\"fr\",\"nl\"]"), "\(text.prefix(100))")
    }
}
