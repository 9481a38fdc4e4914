import Foundation
import Testing
@testable import PasserelleSearch

/// The text analysis of the index, checked against Tests/Fixtures/text-terms.tsv (written by
/// scripts/search-fixtures.py from Snowball 2.2.0, independently of Passerelle), whose keys column
/// Tests/js/search-text.test.js checks the theme's search-text.js against too; and Snowball's stems of
/// Tests/Fixtures/stems.tsv.
@Suite struct TextTermsTests {
    struct Case {
        let line: Int
        let language: String
        let text: String
        let expected: [String]
        let keys: [String]
    }

    static func fixture() throws -> [Case] {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent("Tests/Fixtures/text-terms.tsv")
        let content = try String(contentsOf: url, encoding: .utf8)
        var cases: [Case] = []
        for (index, line) in content.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            #expect(fields.count == 4, "text-terms.tsv line \(index + 1): expected 4 tab-separated fields")
            guard fields.count == 4 else { continue }
            cases.append(Case(line: index + 1, language: fields[0], text: fields[1],
                              expected: fields[2].split(separator: " ").map(String.init), keys: fields[3].split(separator: " ").map(String.init)))
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
            let keys = Tokenizer.words(item.text).map(Tokenizer.fold)
            if Self.scalars(actual) != Self.scalars(item.expected) || Self.scalars(keys) != Self.scalars(item.keys) {
                failures += 1
                Issue.record("text-terms.tsv line \(item.line) [\(item.language)] \"\(item.text)\": expected \(item.expected.joined(separator: " ")) / \(item.keys.joined(separator: " ")), got \(actual.joined(separator: " ")) / \(keys.joined(separator: " "))")
            }
        }
        #expect(failures == 0)
    }

    /// Snowball's own stems (libstemmer) of 3,000 words in each of six languages, as Snowball 2.2.0 gives them.
    @Test func snowballStemsEveryWordOfTheFixture() throws {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let content = try String(contentsOf: root.appendingPathComponent("Tests/Fixtures/stems.tsv"), encoding: .utf8)
        var checked: [String: Int] = [:]
        var failures: [String] = []
        for line in content.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3 else { failures.append("bad line: \(line)"); continue }
            checked[fields[0], default: 0] += 1
            let stem = Stemmer.stem(fields[1], language: fields[0])
            if Self.scalars([stem]) != Self.scalars([fields[2]]) { failures.append("[\(fields[0])] \(fields[1]): \(stem), Snowball \(fields[2])") }
        }
        #expect(failures.isEmpty, "\(failures.count) differ: \(failures.prefix(20))")
        #expect(checked == ["en": 3000, "fr": 3000, "nl": 3000, "ar": 3000, "de": 3000, "es": 3000])
    }

    @Test func fixtureCoversTheSiteLanguages() throws {
        let languages = Set(try Self.fixture().map(\.language))
        #expect(languages.isSuperset(of: ["en", "fr", "nl", "ar"]))
    }

    @Test func everyLanguageSnowballHasIsStemmed() {
        for language in ["ar", "hy", "eu", "ca", "da", "nl", "en", "fi", "fr", "de", "el", "hi", "hu", "id", "ga", "it", "lt", "ne", "no",
                         "pt", "ro", "ru", "sr", "es", "sv", "ta", "tr", "yi"] {
            #expect(Stemmer.hasStemmer(language), "\(language)")
        }
        #expect(!Stemmer.hasStemmer("xx") && !Stemmer.hasStemmer(""))
        #expect(Stemmer.stem("krankenschwestern", language: "de") == "krankenschw")
        #expect(Stemmer.stem("enfermeras", language: "es") == "enfermer")
    }

    @Test func accentsDoNotMatterToTheKeys() {
        func keys(_ text: String) -> [String] { Tokenizer.words(text).map(Tokenizer.fold) }
        #expect(keys("Infirmières en soins généraux") == keys("infirmieres en soins generaux"))
        #expect(keys("patiënten financiële") == ["patienten", "financiele"])
        #expect(keys("naïve café") == ["naive", "cafe"])
    }

    @Test func snowballConflatesTheFormsOfAWord() {
        func stems(_ text: String, _ language: String) -> Set<String> { Set(Tokenizer.terms(text, language: language)) }
        #expect(stems("infirmier infirmière infirmières infirmiers", "fr") == ["infirmi"])
        #expect(stems("développeur développeurs", "fr").count == 1)
        #expect(stems("verpleegkundige verpleegkundigen", "nl") == ["verpleegkund"])
        #expect(stems("ontwikkelaar ontwikkelaars", "nl") == ["ontwikkelar"])
        #expect(stems("nurse nurses nursing", "en") == ["nurs"])
        #expect(stems("ممرضة ممرض الممرضات", "ar") == ["ممرض"])
    }

    @Test func arabicWithAndWithoutHarakat() {
        #expect(Tokenizer.terms("سَلْمَى بنعلي", language: "ar") == Tokenizer.terms("سلمى بنعلي", language: "ar"))
        #expect(Tokenizer.terms("مُمَرِّضَة", language: "ar") == Tokenizer.terms("ممرضة", language: "ar"))
        #expect(ArabicText.normalize("مُمَرِّضَة") == "ممرضه")
        #expect(ArabicText.normalize("أإآٱ") == "اااا")
        #expect(ArabicText.normalize("مستشفـــى مسؤول رئيس") == "مستشفي مسوول رييس")
        // Arabic words use the Arabic stemmer in any language; short words keep their letters.
        #expect(Tokenizer.terms("ممرضات", language: "en") == Tokenizer.terms("ممرضات", language: "ar"))
        #expect(Stemmer.stem("ولد", language: "ar") == "ولد")
    }

    @Test func frenchElisionAndTechnicalTokens() {
        #expect(Tokenizer.words("l'équipe d’infirmières qu'il") == ["équipe", "infirmières", "il"])
        #expect(Tokenizer.words("C# and .NET, Node.js, React & CI/CD, C++, ASP.NET") == ["csharp", "and", "net", "nodejs", "react", "cicd", "cplusplus", "aspnet"])
        #expect(Tokenizer.terms("aide-soignante", language: "fr") == ["aid", "soign"])
    }

    @Test func unstemmedWords() {
        #expect(Stemmer.stem("developers", language: "xx") == "developers")
        #expect(Stemmer.stem("nurses", language: "") == "nurses")
        #expect(Stemmer.stem("is", language: "en") == "is")
        #expect(Stemmer.stem("h2os", language: "en") == "h2os")
        #expect(Stemmer.stem("infirmières", language: "fr-BE") == Stemmer.stem("infirmières", language: "fr"))
    }
}
