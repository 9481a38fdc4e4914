import Foundation
import Testing
import PasserelleCore
@testable import PasserelleSearch

@Suite struct SearchIndexBuilderTests {
    func documents() -> [SearchDocument] {
        var talent = SearchFacets()
        talent.sectors = ["ict"]
        talent.skills = ["Java", "C#"]
        talent.languages = ["nl": 3, "fr": 5]  // B1, C1
        talent.countries = ["BE"]
        talent.availableFrom = Day("2027-01-15")
        return [
            SearchDocument(kind: .talent, url: "/talents/amal/", title: "Amal Haddad", summary: "Java developer · Fès",
                           excerpt: "I write Java services.", initials: "AH",
                           fields: [.title("Amal Haddad"), .skills("Java, C#"), .headline("Java developer"), .body("I write Java services in Fès.")],
                           facets: talent),
            SearchDocument(kind: .page, url: "/projects/palim/", title: "PALIM", summary: "ICT programme", excerpt: "Java and more",
                           fields: [.title("PALIM"), .body("Java training for 120 talents")]),
        ]
    }

    func decode(_ output: SearchIndexBuilder.Output, _ path: String) throws -> Any {
        let bytes = try #require(output.files[path])
        let json = try #require(Gzip.decompress(bytes))
        return try JSONSerialization.jsonObject(with: Data(json))
    }

    @Test func writesAManifestThatNamesEveryFileByItsContent() throws {
        let output = SearchIndexBuilder(language: "en").build(documents())
        let manifest = try #require(try decode(output, output.manifest) as? [String: Any])
        #expect(manifest["documents"] as? Int == 2)
        let shards = try #require(manifest["shards"] as? [String: String])
        for name in shards.values + (manifest["records"] as? [String] ?? []) + [manifest["facets"] as? String ?? ""] {
            #expect(output.files[name] != nil, "\(name)")
            let hash = name.split(separator: ".").dropLast().last.map(String.init)
            #expect(hash == ContentHash.hex(output.files[name] ?? []), "\(name) is not named after its content")
        }
        #expect(output.manifest == "manifest.gz")
    }

    /// The pages that name the manifest do not change when one document does: its address is the same for
    /// every build, while what it names follows the content.
    @Test func theManifestKeepsItsAddressWhenADocumentChanges() throws {
        let before = SearchIndexBuilder(language: "en").build(documents())
        var edited = documents()
        edited[0].fields.append(.body("Also Kotlin"))
        let after = SearchIndexBuilder(language: "en").build(edited)
        #expect(after.manifest == before.manifest)
        #expect(after.files[after.manifest] != before.files[before.manifest])
        let shards = try #require(try decode(after, after.manifest) as? [String: Any])["shards"] as? [String: String]
        #expect(shards?[SearchIndexBuilder.shardKey(Tokenizer.terms("Kotlin", language: "en")[0])] != nil)
    }

    @Test func shardsHoldPositiveImpactsWithTitleAboveBody() throws {
        let output = SearchIndexBuilder(language: "en").build(documents())
        let manifest = try #require(try decode(output, output.manifest) as? [String: Any])
        let shards = try #require(manifest["shards"] as? [String: String])
        let javaShardName = try #require(shards[SearchIndexBuilder.shardKey(Tokenizer.terms("java", language: "en")[0])])
        let javaShard = try #require(try decode(output, javaShardName) as? [String: [Int]])
        let postings = try #require(javaShard[Tokenizer.terms("java", language: "en")[0]])
        // [doc delta, impact, ...]: both documents, the talent (title-weighted skills and headline) scoring higher.
        #expect(postings.count == 4)
        #expect(postings[1] > postings[3] && postings[3] > 0)
        #expect(shards[SearchIndexBuilder.shardKey(Tokenizer.terms("C#", language: "en")[0])] != nil)
    }

    @Test func recordsAndFacetsDescribeEachDocument() throws {
        let output = SearchIndexBuilder(language: "en").build(documents())
        let manifest = try #require(try decode(output, output.manifest) as? [String: Any])
        let records = try #require(try decode(output, (manifest["records"] as? [String])?.first ?? "") as? [[String: String]])
        #expect(records.map { $0["u"] } == ["/talents/amal/", "/projects/palim/"])
        #expect(records.first?["k"] == "talent" && records.first?["a"] == "AH")
        let facets = try #require(try decode(output, manifest["facets"] as? String ?? "") as? [String: Any])
        #expect((facets["skill"] as? [String: [Int]])?["C#"] == [0])
        #expect((facets["language"] as? [String: [Int]])?["nl"] == [0, 3])
        #expect(facets["available"] as? [Int] == [0, 20270115])
        #expect((facets["type"] as? [String: [Int]])?["page"] == [1])
    }

    @Test func indexesSkillsUnderEveryAliasAndMapsQueryAliases() throws {
        let aliases = [SkillAlias(name: "JavaScript", aliases: ["JS"])]
        let talent = SearchDocument(kind: .talent, url: "/talents/x/", title: "X", summary: "", excerpt: "",
                                    fields: [.title("X"), .skills("JS")])
        let output = SearchIndexBuilder(language: "en", skills: SkillVocabulary(aliases)).build([talent])
        let manifest = try #require(try decode(output, output.manifest) as? [String: Any])
        let javascript = Tokenizer.terms("JavaScript", language: "en")[0]
        let shards = try #require(manifest["shards"] as? [String: String])
        let shardName = try #require(shards[SearchIndexBuilder.shardKey(javascript)])
        let shard = try #require(try decode(output, shardName) as? [String: [Int]])
        #expect(shard[javascript] != nil)
        #expect((manifest["aliases"] as? [String: [String]])?[Tokenizer.terms("JS", language: "en")[0]] == [javascript])
    }

    @Test func eachDocumentIsStemmedInItsOwnLanguageAndTheIndexLanguageRanksFirst() throws {
        // "infirmières": French stem and Dutch stem differ; the French profile is indexed under its French stem.
        var french = SearchDocument(kind: .talent, url: "/talents/fr/", title: "A", summary: "", excerpt: "", fields: [.body("infirmières soins")])
        french.language = "fr"
        var dutch = SearchDocument(kind: .talent, url: "/talents/nl/", title: "B", summary: "", excerpt: "", fields: [.body("infirmières soins")])
        dutch.language = "nl"
        let output = SearchIndexBuilder(language: "nl").build([french, dutch])
        let manifest = try #require(try decode(output, output.manifest) as? [String: Any])
        #expect(manifest["languages"] as? [String] == ["nl", "fr"])
        let frenchStem = Tokenizer.terms("infirmières", language: "fr")[0]
        let dutchStem = Tokenizer.terms("infirmières", language: "nl")[0]
        #expect(frenchStem != dutchStem)
        func postings(_ term: String) throws -> [Int] {
            let shards = try #require(manifest["shards"] as? [String: String])
            let name = try #require(shards[SearchIndexBuilder.shardKey(term)])
            let shard = try #require(try decode(output, name) as? [String: Any])
            return shard[term] as? [Int] ?? []
        }
        // The browser does not stem: the word's shard lists the terms it gave in each language.
        let wordShard = try #require((manifest["shards"] as? [String: String])?[SearchIndexBuilder.shardKey("infirmieres")])
        let words = try #require((try decode(output, wordShard) as? [String: Any])?[SearchIndexBuilder.wordsKey] as? [String: [String]])
        // (Dutch leaves the word as it is: a term that is the word itself needs no entry.)
        #expect(dutchStem == "infirmieres" && words["infirmieres"] == [frenchStem])
        // Documents are numbered by URL: /talents/fr/ is 0, /talents/nl/ is 1. Postings are [document delta, impact].
        #expect(try postings(frenchStem).first == 0 && postings(frenchStem).count == 2)
        #expect(try postings(dutchStem).first == 1 && postings(dutchStem).count == 2)
        // The same word, as relevant, counts more in the index's own language.
        func impacts(_ word: String, _ language: String) throws -> [Int: Int] {
            let list = try postings(Tokenizer.terms(word, language: language)[0])
            var result: [Int: Int] = [:], document = 0
            for index in stride(from: 0, to: list.count, by: 2) {
                document += list[index]
                result[document] = list[index + 1]
            }
            return result
        }
        #expect(try impacts("soins", "nl")[1]! > impacts("soins", "fr")[0]!)
    }

    @Test func theSameDocumentsGiveTheSameFiles() {
        let a = SearchIndexBuilder(language: "en").build(documents())
        let b = SearchIndexBuilder(language: "en").build(documents().reversed())
        #expect(a.files == b.files && a.manifest == b.manifest)
    }

    @Test func recordTextIsEscapedAsEverywhereElse() {
        for text in ["plain", "quote \" and \\ backslash", "<script>", "line\nbreak\r\ttab", "\u{01}\u{1f}", "sep\u{2028}and\u{2029}",
                     "é ü سلمى 🧑🏽‍⚕️", "\u{e2}\u{80}"] {
            var json = JSONBytes()
            json.string(text)
            #expect(String(decoding: json.take(), as: UTF8.self) == JSONString.quoted(text), "\(text)")
        }
    }

    @Test func gzipRoundTrips() {
        let text = Array(String(repeating: "Passerelle ", count: 1000).utf8)
        let packed = Gzip.compress(text)
        #expect(packed.count < text.count / 10)
        #expect(packed.starts(with: [0x1F, 0x8B]))
        #expect(Gzip.decompress(packed) == text)
    }
}
