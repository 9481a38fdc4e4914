import Testing
@testable import PasserelleContent

/// Translations beside their originals, `lang:`, markets and skills.yml's names per language, with their errors.
@Suite struct TranslationLoaderTests {
    let site = """
    title: Test site
    base_url: https://example.org/
    languages: [en, fr, nl]
    """
    let talent = """
    ---
    name: Amal Haddad
    headline: Java developer
    country: MA
    skills: [Java]
    consent: true
    ---
    I write backend services.
    """

    @Test func aTranslationFileJoinsItsOriginal() throws {
        let folder = TestFolder()
        folder.write("site.yml", site)
        folder.write("talents/amal.md", talent)
        folder.write("talents/amal.fr.md", "---\nheadline: Développeuse Java\n---\nJ'écris des services back-end.\n")
        folder.write("pages/about.md", "---\ntitle: About\n---\nText\n")
        folder.write("pages/about.nl.md", "---\ntitle: Over ons\nsummary: Wie we zijn\n---\nTekst\n")
        let content = folder.load()
        #expect(folder.messages(content) == [])
        let amal = try #require(content.talents.first)
        #expect(content.talents.count == 1 && amal.language == nil)
        let french = try #require(amal.translations["fr"])
        #expect(french.texts == ["headline": "Développeuse Java"])
        #expect(french.body?.text == "J'écris des services back-end.\n" && french.body?.line == 4)
        #expect(french.body?.file == folder.path + "/talents/amal.fr.md")
        #expect(content.pages.first?.translations["nl"]?.texts == ["title": "Over ons", "summary": "Wie we zijn"])
    }

    @Test func everyTranslationProblemIsLocatedOrListed() {
        let folder = TestFolder()
        folder.write("site.yml", site)
        folder.write("talents/amal.md", talent.replacingOccurrences(of: "consent: true", with: "consent: true\nlang: fr"))
        folder.write("talents/ghost.fr.md", "---\nheadline: Personne\n---\nRien\n")
        folder.write("talents/amal.de.md", "---\nheadline: Entwicklerin\n---\nText\n")
        folder.write("talents/amal.fr.md", "---\nheadline: Développeuse\n---\nTexte\n")
        folder.write("talents/amal.nl.md", "---\nheadline: Ontwikkelaar\ncity: Gent\n---\nTekst\n")
        folder.write("talents/amal.nl.json", "{}")
        let content = folder.load()
        #expect(folder.messages(content) == [
            "talents/amal.fr.md:1:1: warning: this translation is not used: its original is written in 'fr' too (lang: in the original when it is not in the site's first language)",
            "talents/amal.nl.md:3:1: warning: 'city' is not translated: the original's value is used (only headline, the body in a translation)",
            "talents/ghost.fr.md:1:1: error: this translation has no original: talents/ghost does not exist (the original file beside it, e.g. talents/ghost.md)",
        ])
        #expect(content.skipped.map(\.reason).sorted() == [
            "a translation is a .md file (amal.nl.md)",
            "translation into 'de', not one of the site's languages (site.yml languages)",
            "translation not used (its original is written in 'fr' too)",
        ])
        #expect(content.talents.first?.language == "fr")
        #expect(content.talents.first?.translations.keys.sorted() == ["nl"])
    }

    @Test func anOriginalWithoutLangIsInTheLanguageItsTextIsWrittenIn() throws {
        let folder = TestFolder()
        folder.write("site.yml", site)
        let dutch = """
            ---
            name: Lotte
            headline: Verpleegkundige in een woonzorgcentrum
            country: BE
            skills: [Wound care]
            consent: true
            ---
            Ik werk al zes jaar als verpleegkundige. Ik zorg voor ouderen met dementie en ik ben graag bij de familie betrokken.
            """
        // Recognised as Dutch, its English translation is used, with no word about the site's first language.
        folder.write("talents/lotte.md", dutch)
        folder.write("talents/lotte.en.md", "---\nheadline: Nurse in a care home\n---\nI have worked as a nurse for six years.\n")
        // Translated into Dutch by its author, the same text is not taken for Dutch: that translation is used too.
        folder.write("talents/noor.md", dutch.replacingOccurrences(of: "Lotte", with: "Noor"))
        folder.write("talents/noor.nl.md", "---\n---\nIk ben verpleegkundige.\n")
        // Too short to tell: the site's first language, whose translation is not used, as before.
        folder.write("talents/sam.md", talent.replacingOccurrences(of: "Amal Haddad", with: "Sam"))
        folder.write("talents/sam.en.md", "---\n---\nI write services.\n")
        let content = folder.load()
        #expect(folder.messages(content) == [
            "talents/sam.en.md:1:1: warning: this translation is not used: its original is written in 'en' too (lang: in the original when it is not in the site's first language)",
        ])
        let talents = Dictionary(content.talents.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(talents["Lotte"]?.language == "nl" && talents["Lotte"]?.translations.keys.sorted() == ["en"])
        #expect(talents["Noor"]?.language == nil && talents["Noor"]?.translations.keys.sorted() == ["nl"])
        #expect(talents["Sam"]?.language == nil && talents["Sam"]?.translations.isEmpty == true)
    }

    @Test func jsonOriginalsCarryTheirTranslationsAndAFileCannotRepeatOne() {
        let folder = TestFolder()
        folder.write("site.yml", site)
        folder.write("vacancies/nurse.json", """
        {"title": "Nurse", "employer": "Zorg Groep", "country": "BE", "skills": {"required": ["Nursing"]}, "description": "Care.",
         "translations": {"nl": {"title": "Verpleegkundige", "description": "Zorg."}, "xx": {"title": "?"}, "de": {"title": "Pflege"}}}
        """)
        folder.write("vacancies/nurse.nl.md", "---\ntitle: Verpleger\n---\nZorg\n")
        let content = folder.load()
        #expect(folder.messages(content) == [
            "vacancies/nurse.json:1:1: warning: the translation into 'de' is not published: it is not one of the site's languages (one of en, fr, nl (site.yml languages))",
            "vacancies/nurse.json:2:79: error: 'xx' is not a language code (an ISO 639-1 code such as fr, nl, ar)",
            "vacancies/nurse.nl.md:1:1: error: the original already has a 'nl' translation in vacancies/nurse.json (one translation per language)",
        ])
        #expect(content.vacancies.first?.translations["nl"]?.texts["title"] == "Verpleegkundige")
        #expect(content.vacancies.first?.translations["nl"]?.body?.text == "Zorg.")
    }

    @Test func marketsAreCheckedAgainstTheSitesLanguages() throws {
        let folder = TestFolder()
        folder.write("site.yml", site + """

        markets:
          be: {name: Belgium, countries: [BE], languages: [nl, fr, ar]}
          ma: {countries: [MA]}
          fr: {countries: [FR]}
          x: {languages: [en]}
          y: {countries: []}
        """)
        let content = folder.load()
        #expect(folder.messages(content) == [
            "site.yml:5:60: error: 'ar' is not one of the site's languages (one of en, fr, nl (site.yml languages))",
            "site.yml:7:3: error: the market 'fr' would share its folder with a language or the site's files (another name, such as be or ma)",
            "site.yml:8:6: error: missing required key 'markets.x.countries' (the ISO country codes of the market, e.g. [BE])",
            "site.yml:9:18: error: 'markets.y.countries' is empty (the ISO country codes of the market, e.g. [BE])",
        ])
        let markets = try #require(content.site?.markets)
        #expect(markets == [Market(slug: "be", name: "Belgium", countries: ["BE"], languages: ["nl", "fr"]),
                            Market(slug: "ma", name: nil, countries: ["MA"], languages: ["en", "fr", "nl"])])
    }

    @Test func skillsYAMLGivesNamesPerLanguageThatAreAliasesToo() throws {
        let folder = TestFolder()
        folder.write("site.yml", site)
        folder.write("skills.yml", """
        Wound care: {aliases: [Wound dressing], fr: Soins des plaies, nl: Wondzorg, de: Wundversorgung}
        JavaScript: [JS]
        Nursing: {nl: JS}
        """)
        let content = folder.load()
        #expect(folder.messages(content) == [
            "skills.yml:1:77: warning: 'de' is not one of the site's languages; the name counts for matching only",
            "skills.yml:3:15: error: 'JS' already stands for 'JavaScript' (each name for one skill only)",
        ])
        let wound = try #require(content.skills.declared.first)
        #expect(wound.names == ["fr": "Soins des plaies", "nl": "Wondzorg", "de": "Wundversorgung"])
        #expect(Set(wound.aliases) == ["Wound dressing", "Soins des plaies", "Wondzorg", "Wundversorgung"])
    }
}
