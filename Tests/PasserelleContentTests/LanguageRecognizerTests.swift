import PasserelleContent
import Testing

/// The language of a text written without `lang:`, recognised among the site's languages.
@Suite struct LanguageRecognizerTests {
    let all = LanguageRecognizer(candidates: ["en", "fr", "nl", "ar"])

    @Test func profilesAreRecognisedInTheirLanguage() {
        #expect(all.recognise([
            "Backend developer, six years of banking software",
            "I am a backend developer who likes clear APIs and well-tested code. I worked for four years at a bank in Casablanca on the payment services, and I am looking for a team in Belgium.",
        ]) == "en")
        #expect(all.recognise([
            "Infirmière en gériatrie et en soins palliatifs",
            "Je suis infirmière et j'ai choisi de travailler auprès des personnes âgées. Depuis cinq ans, je soigne des patients dans une unité de gériatrie.",
        ]) == "fr")
        #expect(all.recognise([
            "Verpleegkundige met ervaring op een chirurgische afdeling",
            "Ik werk al drie jaar als verpleegkundige op de chirurgische afdeling van een groot ziekenhuis in Casablanca. Ik wil graag werken in een woonzorgcentrum in Vlaanderen.",
        ]) == "nl")
        #expect(all.recognise([
            "ممرضة في طب الشيخوخة",
            "أعمل ممرضة منذ خمس سنوات في وحدة طب الشيخوخة بمستشفى في مراكش، وأتعلم اللغة الهولندية.",
        ]) == "ar")
    }

    @Test func anArabicTextWithLatinNamesIsStillArabic() {
        #expect(all.recognise(["مطور برمجيات", "أعمل بلغة Java و Spring Boot منذ ست سنوات في بنك بالدار البيضاء، وأبحث عن فريق في بلجيكا."]) == "ar")
        // Without Arabic among the site's languages, nothing is recognised.
        #expect(LanguageRecognizer(candidates: ["en", "nl"]).recognise(["أعمل ممرضة منذ خمس سنوات في وحدة طب الشيخوخة بمستشفى في مراكش."]) == nil)
    }

    @Test func tooLittleTextOrATieIsNotRecognised() {
        // A few nouns, no little words.
        #expect(all.recognise(["Verpleegkundige", "Wondzorg, geriatrie, palliatieve zorg."]) == nil)
        // Two Dutch words only ("in" is English too).
        #expect(all.recognise(["", "Ik ben verpleegkundige in Gent."]) == nil)
        #expect(all.recognise([]) == nil)
        // As much English as French.
        #expect(all.recognise(["The nurse and the doctor were there. Le patient et la famille sont là."]) == nil)
        // Mostly English, but not twice as much as French.
        #expect(all.recognise(["I work with the team and the patients, avec les patients et familles."]) == nil)
    }

    @Test func wordsOfTwoLanguagesAreNoEvidence() {
        // "de", "en", "je" are Dutch and French words; "in", English and Dutch.
        let text = ["Ervaring in de zorg en je", "de patiënten en de families, in de stad en de regio"]
        #expect(all.recognise(text) == nil)
        #expect(LanguageRecognizer(candidates: ["en", "nl"]).recognise(text) == nil)
        #expect(LanguageRecognizer(candidates: ["fr", "en"]).recognise(text) == nil)
    }

    @Test func onlyTheSiteLanguagesAreRecognised() {
        // A French text on an English and Dutch site is neither, though "de" and "je" are Dutch words too.
        let french = ["Je suis infirmière et j'ai choisi de travailler avec les personnes âgées dans une maison de repos."]
        #expect(LanguageRecognizer(candidates: ["en", "nl"]).recognise(french) == nil)
        #expect(LanguageRecognizer(candidates: ["fr"]).recognise(french) == "fr")
    }

    @Test func accentsWrittenAsSeparateMarksStayInTheirWord() {
        // "été" and "très" decomposed (e + U+0301): still French words, not "e" and "t".
        let decomposed = "Il a e\u{301}te\u{301} tre\u{300}s apprécié, comme elle."
        #expect(LanguageRecognizer(candidates: ["fr", "en"]).recognise([decomposed]) == "fr")
    }
}
