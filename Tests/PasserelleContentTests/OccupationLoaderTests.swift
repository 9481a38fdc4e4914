import Testing
@testable import PasserelleContent
import PasserelleCore

/// occupations.yml, and `occupation:` naming one by its id, any label or its ESCO address.
@Suite struct OccupationLoaderTests {
    let site = """
    title: Test site
    base_url: https://example.org/
    languages: [en, fr, nl, ar]
    """
    let occupations = """
    nurse:
      isco: "2221"
      esco: http://data.europa.eu/esco/occupation/nurse-example
      en: [Nurse, registered nurse]
      fr: [Infirmier, infirmière]
      nl: [Verpleegkundige, verpleegster]
      ar: [ممرض, ممرضة]
    care-assistant:
      isco: "5321"
      en: Care assistant
      fr: [Aide-soignant, aide-soignante]
    """

    func talent(_ occupation: String) -> String {
        "---\nname: Amal Haddad\nheadline: Nurse\ncountry: MA\noccupation: \(occupation)\nskills: [Care]\nconsent: true\n---\nText.\n"
    }

    @Test func theVocabularyGivesEachOccupationItsLabelsCodesAndAddress() throws {
        let folder = TestFolder()
        folder.write("site.yml", site)
        folder.write("occupations.yml", occupations)
        let content = folder.load()
        #expect(folder.messages(content) == [])
        #expect(content.occupations.occupations.map(\.id) == ["nurse", "care-assistant"])
        let nurse = try #require(content.occupations.occupation(id: "nurse"))
        #expect(nurse.isco == "2221" && nurse.esco == "http://data.europa.eu/esco/occupation/nurse-example")
        #expect(nurse.labels["nl"] == ["Verpleegkundige", "verpleegster"])
        #expect(nurse.label(in: "ar", fallback: "en") == "ممرض")
        #expect(content.occupations.occupation(id: "care-assistant")?.label(in: "nl", fallback: "en") == "Care assistant")
        #expect(content.settingsFiles.contains(folder.path + "/occupations.yml"))
    }

    @Test func aFileNamesItsOccupationByIdLabelOrAddress() {
        for (written, expected) in [("nurse", "nurse"), ("verpleegster", "nurse"), ("\"Infirmière\"", "nurse"), ("ممرضة", "nurse"),
                                    ("AIDE-SOIGNANTE", "care-assistant"), ("http://data.europa.eu/esco/occupation/nurse-example", "nurse"),
                                    ("http://data.europa.eu/esco/occupation/other", "http://data.europa.eu/esco/occupation/other")] {
            let folder = TestFolder()
            folder.write("site.yml", site)
            folder.write("occupations.yml", occupations)
            folder.write("talents/amal.md", talent(written))
            let content = folder.load()
            #expect(folder.messages(content) == [], "\(written)")
            #expect(content.talents.first?.occupation == expected, "\(written)")
        }
    }

    @Test func anUnknownOccupationIsAnErrorAtItsPlace() {
        let folder = TestFolder()
        folder.write("site.yml", site)
        folder.write("occupations.yml", occupations)
        folder.write("talents/amal.md", talent("astronaut"))
        folder.write("vacancies/v.json", """
        {"title": "Nurse", "employer": "Zorg", "city": "Gent", "country": "BE", "occupation": "plumber",
         "skills": {"required": ["Care"]}, "description": "Care."}
        """)
        let content = folder.load()
        let messages = folder.messages(content)
        #expect(messages.contains("talents/amal.md:5:13: error: 'occupation' is not an occupation of occupations.yml: 'astronaut' (an occupation of occupations.yml (nurse, care-assistant, …) or an ESCO occupation URI)"), "\(messages)")
        #expect(messages.contains { $0.hasPrefix("vacancies/v.json:1:87: error: 'occupation' is not an occupation of occupations.yml: 'plumber'") }, "\(messages)")
    }

    @Test func withoutAVocabularyAnOccupationIsAnESCOAddressAsBefore() {
        let folder = TestFolder()
        folder.write("site.yml", site)
        folder.write("talents/amal.md", talent("nurse"))
        let content = folder.load()
        #expect(folder.messages(content).contains { $0.hasPrefix("talents/amal.md:5:13: error: 'occupation' is not an ESCO URI") }, "\(folder.messages(content))")
    }

    @Test func everyMistakeInTheVocabularyIsLocated() {
        let folder = TestFolder()
        folder.write("site.yml", site)
        folder.write("occupations.yml", """
        nurse:
          isco: 2221x
          esco: https://example.org/nurse
          en: [Nurse]
          colour: blue
        Bad Id:
          en: [Thing]
        carer:
          en: [Nurse]
        empty: {isco: "1234"}
        list-only: [a, b]
        """)
        let content = folder.load()
        #expect(folder.messages(content) == [
            "occupations.yml:2:9: error: the ISCO code of 'nurse' is not four digits (an ISCO-08 unit group such as \"2221\" (in quotes))",
            "occupations.yml:3:9: error: the ESCO address of 'nurse' is not an ESCO occupation (http://data.europa.eu/esco/occupation/...)",
            "occupations.yml:5:3: warning: unknown key 'colour' in 'nurse' is ignored (isco, esco, or a language code such as en, fr, nl, ar)",
            "occupations.yml:6:1: error: 'Bad Id' is not a valid occupation id (lower-case letters, digits and '-', such as care-assistant)",
            "occupations.yml:8:1: error: the occupation 'carer' has no label (its name in at least one language, such as en: [nurse])",
            "occupations.yml:9:8: error: 'Nurse' already stands for the occupation 'nurse' (each label for one occupation only)",
            "occupations.yml:10:1: error: the occupation 'empty' has no label (its name in at least one language, such as en: [nurse])",
            "occupations.yml:11:12: error: the occupation 'list-only' is a list (entries such as 'nurse: {isco: \"2221\", en: [nurse], fr: [infirmier, infirmière]}')",
        ])
        #expect(content.occupations.occupations.map(\.id) == ["nurse"])
    }
}
