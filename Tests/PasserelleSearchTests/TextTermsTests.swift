import Foundation
import Testing
@testable import PasserelleSearch

/// The text analysis of the index, checked against Tests/Fixtures/text-terms.tsv, the fixture that
/// Tests/js/search-text.test.js checks the theme's search-text.js against too.
@Suite struct TextTermsTests {
    struct Case {
        let line: Int
        let language: String
        let text: String
        let expected: [String]
    }

    static func fixture() throws -> [Case] {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent("Tests/Fixtures/text-terms.tsv")
        let content = try String(contentsOf: url, encoding: .utf8)
        var cases: [Case] = []
        for (index, line) in content.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            #expect(fields.count == 3, "text-terms.tsv line \(index + 1): expected 3 tab-separated fields")
            guard fields.count == 3 else { continue }
            cases.append(Case(line: index + 1, language: fields[0], text: fields[1],
                              expected: fields[2].split(separator: " ").map(String.init)))
        }
        return cases
    }

    /// Compares scalar by scalar: Swift's String == would accept canonically equivalent spellings.
    static func scalars(_ terms: [String]) -> [[UInt32]] { terms.map { $0.unicodeScalars.map(\.value) } }

    @Test func everyFixtureLine() throws {
        let cases = try Self.fixture()
        #expect(cases.count >= 250)
        var failures = 0
        for item in cases {
            let actual = Tokenizer.terms(item.text, language: item.language)
            if Self.scalars(actual) != Self.scalars(item.expected) {
                failures += 1
                Issue.record("text-terms.tsv line \(item.line) [\(item.language)] \"\(item.text)\": expected \(item.expected.joined(separator: " ")), got \(actual.joined(separator: " "))")
            }
        }
        #expect(failures == 0)
    }

    @Test func fixtureCoversEveryStemmer() throws {
        let languages = Set(try Self.fixture().map(\.language))
        #expect(languages.isSuperset(of: ["en", "fr", "nl", "ar"]))
    }

    @Test func accentsDoNotMatter() {
        #expect(Tokenizer.terms("développeur", language: "fr") == Tokenizer.terms("developpeur", language: "fr"))
        #expect(Tokenizer.terms("Infirmières en soins généraux", language: "fr")
            == Tokenizer.terms("infirmieres en soins generaux", language: "fr"))
        #expect(Tokenizer.terms("patiënten financiële", language: "nl") == Tokenizer.terms("patienten financiele", language: "nl"))
        #expect(Tokenizer.terms("naïve café", language: "en") == Tokenizer.terms("naive cafe", language: "en"))
    }

    @Test func frenchConflations() {
        func stems(_ text: String) -> Set<String> { Set(Tokenizer.terms(text, language: "fr")) }
        #expect(stems("developpeur developpeurs developpeuse développement développer").count == 1)
        #expect(stems("infirmier infirmiere infirmieres infirmiers") == ["infirm"])
        #expect(stems("soin soins") == ["soin"])
        #expect(stems("competence competences compétences").count == 1)
        #expect(stems("gestion gestions") == ["gestion"])
        #expect(stems("informatique informatiques") == ["informat"])
    }

    @Test func dutchConflations() {
        func stems(_ text: String) -> Set<String> { Set(Tokenizer.terms(text, language: "nl")) }
        #expect(stems("verpleegkundige verpleegkundigen") == ["verpleegkundig"])
        #expect(stems("ontwikkelaar ontwikkelaars") == ["ontwikkelaar"])
        #expect(stems("vaardigheid vaardigheden") == ["vaardigheid"])
        #expect(stems("zorgkundige zorgkundigen") == ["zorgkundig"])
        #expect(stems("collega collega's collega’s") == ["collega"])
    }

    @Test func arabicWithAndWithoutHarakat() {
        #expect(Tokenizer.terms("سَلْمَى بنعلي", language: "ar") == Tokenizer.terms("سلمى بنعلي", language: "ar"))
        #expect(Tokenizer.terms("مُمَرِّضَة", language: "ar") == Tokenizer.terms("ممرضه", language: "ar"))
        #expect(Tokenizer.terms("مُحَمَّد الأَمِين", language: "fr") == Tokenizer.terms("محمد الامين", language: "fr"))
        #expect(ArabicText.normalize("مُمَرِّضَة") == "ممرضه")
        #expect(ArabicText.normalize("أإآٱ") == "اااا")
        #expect(ArabicText.normalize("مستشفـــى مسؤول رئيس") == "مستشفي مسوول رييس")
    }

    @Test func arabicAffixes() {
        #expect(Tokenizer.terms("المعلومات والتمريض ممرضات", language: "ar") == ["معلوم", "تمريض", "ممرض"])
        // Arabic words use the Arabic stemmer in any language.
        #expect(Tokenizer.terms("ممرضات", language: "en") == ["ممرض"])
        #expect(Tokenizer.terms("ممرضات", language: "de") == ["ممرض"])
        // Short words keep their letters.
        #expect(Stemmer.stem("ولد", language: "ar") == "ولد")
    }

    @Test func frenchElision() {
        #expect(Tokenizer.terms("l'équipe d'infirmières", language: "fr") == ["equip", "infirm"])
        #expect(Tokenizer.terms("l’équipe d’infirmières", language: "fr") == ["equip", "infirm"])
        #expect(Tokenizer.terms("qu'il développe", language: "fr") == ["il", "develop"])
        #expect(Tokenizer.terms("aide-soignante", language: "fr") == ["aide", "soignant"])
    }

    @Test func technicalTokens() {
        #expect(Tokenizer.terms("C# and .NET developer", language: "en") == ["csharp", "and", "net", "develop"])
        #expect(Tokenizer.terms("Node.js, React & CI/CD", language: "en") == ["nodej", "react", "cicd"])
        #expect(Tokenizer.terms("C++", language: "en") == ["cplusplus"])
        #expect(Tokenizer.terms("C++", language: "fr") == ["cplusplus"])
        #expect(Tokenizer.terms("ASP.NET Core", language: "en") == ["aspnet", "core"])
        #expect(Tokenizer.words("Node.js, React & CI/CD") == ["nodejs", "react", "cicd"])
    }

    @Test func porter2Examples() {
        let examples = [
            "consign": "consign", "consigned": "consign", "consigning": "consign", "consignment": "consign",
            "generously": "generous", "generate": "generat", "skies": "sky", "dying": "die", "news": "news",
            "succeeded": "succeed", "innings": "inning", "cried": "cri", "hoping": "hope", "hopping": "hop",
            "developers": "develop", "developing": "develop", "nursing": "nurs", "nurses": "nurs",
            "management": "manag", "engineering": "engin", "analyst": "analyst", "analysts": "analyst",
        ]
        for (word, stem) in examples { #expect(Stemmer.stem(word, language: "en") == stem, "\(word)") }
    }

    @Test func unstemmedWords() {
        #expect(Stemmer.stem("developers", language: "de") == "developers")
        #expect(Stemmer.stem("nurses", language: "") == "nurses")
        #expect(Stemmer.stem("is", language: "en") == "is")
        #expect(Stemmer.stem("h2os", language: "en") == "h2os")
        #expect(Stemmer.stem("infirmières", language: "fr-BE") == Stemmer.stem("infirmières", language: "fr"))
    }
}
