import Testing
import PasserelleCore
@testable import PasserelleSearch

/// A build handed the postings of the previous one analyses only what changed, and writes the same files
/// as a build from scratch.
@Suite struct KeptPostingsTests {
    func talents(editing edited: Int? = nil) -> [SearchDocument] {
        (0..<30).map { number in
            let headline = number == edited ? "Nurse and midwife" : "Java developer \(number)"
            return SearchDocument(kind: .talent, url: "/talents/t\(number)/", title: "Talent \(number)", summary: headline,
                                  excerpt: "", fields: [.title("Talent \(number)"), .skills("Java, C#, SQL"),
                                                        .headline(headline), .body("I write services in Fès, number \(number).")])
        }
    }

    func build(_ documents: [SearchDocument], reusing kept: [String: AnalysedDocument] = [:],
               aliases: [SkillAlias] = []) -> (files: [String: [UInt8]], built: SearchIndexBuilder.Built) {
        var builder = SearchIndexBuilder(language: "en", skills: SkillVocabulary(aliases))
        builder.keepsPostings = true
        var files: [String: [UInt8]] = [:]
        let built = builder.build(documents, reusing: kept) { path, bytes in
            #expect(files[path] == nil, "\(path) handed over twice")
            files[path] = bytes
        }
        return (files, built)
    }

    @Test func aRebuildWithKeptPostingsWritesWhatABuildFromScratchWrites() {
        let first = build(talents())
        let rebuilt = build(talents(editing: 7), reusing: first.built.postings)
        let scratch = build(talents(editing: 7))
        #expect(rebuilt.files == scratch.files)
        #expect(rebuilt.built.manifest == scratch.built.manifest)
        #expect(rebuilt.built.postings == scratch.built.postings)
        // The edit shows: the new words are indexed, and some files differ from the first build's.
        #expect(rebuilt.files != first.files)
    }

    /// Files whose input did not change are kept (not encoded again) when the caller still has them.
    @Test func onlyTheFilesOfTheChangedDocumentAreEncodedAgain() {
        let first = build(talents())
        var builder = SearchIndexBuilder(language: "en")
        builder.keepsPostings = true
        var emitted: [String: [UInt8]] = [:], kept: [String] = []
        let rebuilt = builder.build(talents(editing: 7), reusing: first.built.postings, keptFiles: first.built.files,
                                    keep: { path, _ in kept.append(path); return first.files[path] != nil }) { path, bytes in emitted[path] = bytes }
        let scratch = build(talents(editing: 7))
        // Together, what was kept and what was encoded are the files of a build from scratch.
        var together = emitted
        for path in kept { together[path] = first.files[path] }
        #expect(together == scratch.files)
        #expect(!kept.isEmpty && rebuilt.encodedCount < first.built.encodedCount)
        #expect(rebuilt.encodedCount == emitted.count - 1, "every file emitted but the manifest was encoded")
        // A file the caller no longer has is encoded again.
        let again = builder.build(talents(editing: 7), reusing: first.built.postings, keptFiles: first.built.files,
                                  keep: { _, _ in false }) { _, _ in }
        #expect(again.encodedCount == scratch.built.encodedCount)
    }

    /// The manifest keeps its address from build to build: it is kept only while the caller holds the very bytes
    /// the build that encoded it wrote, not merely a file at that address.
    @Test func theManifestIsKeptOnlyWhenTheCallerHoldsItsBytes() {
        let first = build(talents())
        var builder = SearchIndexBuilder(language: "en")
        builder.keepsPostings = true
        func rebuild(holding held: [String: [UInt8]]) -> [String: [UInt8]] {
            var emitted: [String: [UInt8]] = [:]
            _ = builder.build(talents(), reusing: first.built.postings, keptFiles: first.built.files, keep: { path, bytes in
                guard let file = held[path] else { return false }
                return bytes == nil || bytes == Fingerprint.of(file)
            }) { path, bytes in emitted[path] = bytes }
            return emitted
        }
        #expect(rebuild(holding: first.files).isEmpty, "nothing changed, the caller holds every file")
        var other = first.files
        other[SearchIndexBuilder.manifestPath] = build(talents(editing: 3)).files[SearchIndexBuilder.manifestPath]
        #expect(other[SearchIndexBuilder.manifestPath] != first.files[SearchIndexBuilder.manifestPath])
        #expect(rebuild(holding: other) == [SearchIndexBuilder.manifestPath: first.files[SearchIndexBuilder.manifestPath]!])
    }

    /// A rebuild makes only the documents it analyses and those of the record chunks it encodes again, and makes
    /// the filter labels again only when the filter values changed.
    @Test func aRebuildMakesOnlyTheDocumentsItNeeds() {
        final class Counts: @unchecked Sendable { var documents = 0, labels = 0 }
        struct Counting: DocumentSource {
            let base: MadeDocuments
            let counts: Counts
            var entries: [DocumentEntry] { base.entries }
            var context: Fingerprint { base.context }
            func documents(_ indexes: [Int], jobs: Int) -> [SearchDocument] {
                counts.documents += indexes.count
                return base.documents(indexes, jobs: jobs)
            }
            func facets(_ index: Int) -> SearchFacets { base.facets(index) }
            func labels(_ facets: [SearchFacets]) -> [String: String] {
                counts.labels += 1
                return ["type:talent": "Talent"]
            }
        }
        var builder = SearchIndexBuilder(language: "en")
        builder.keepsPostings = true
        builder.jobs = 1
        let first = Counts()
        var files: [String: [UInt8]] = [:]
        let built = builder.build(Counting(base: MadeDocuments(talents()), counts: first)) { files[$0] = $1 }
        #expect(first.documents == 30 && first.labels == 1)
        let again = Counts()
        var rebuilt = files
        let next = builder.build(Counting(base: MadeDocuments(talents(editing: 7)), counts: again), reusing: built.postings,
                                 keptFiles: built.files, keptLabels: built.labels,
                                 keep: { path, bytes in files[path].map { bytes == nil || bytes == Fingerprint.of($0) } ?? false }) { rebuilt[$0] = $1 }
        // In the index's order (by address), t7 is in the second record chunk, which holds the last ten documents.
        #expect(again.documents == 10, "the edited document and the nine others of its record chunk")
        #expect(again.labels == 0)
        #expect(next.labels == built.labels)
        var scratch: [String: [UInt8]] = [:]
        _ = builder.build(Counting(base: MadeDocuments(talents(editing: 7)), counts: Counts())) { scratch[$0] = $1 }
        #expect(Set(scratch.keys).isSubset(of: Set(rebuilt.keys)))
        for (path, bytes) in scratch { #expect(rebuilt[path] == bytes, "\(path)") }
    }

    @Test func onlyTheChangedDocumentIsAnalysedAgain() {
        let first = build(talents())
        #expect(first.built.analysedCount == 30)
        #expect(first.built.postings.count == 30)
        let rebuilt = build(talents(editing: 7), reusing: first.built.postings)
        #expect(rebuilt.built.analysedCount == 1)
        #expect(rebuilt.built.postings["/talents/t7/"] != first.built.postings["/talents/t7/"])
        #expect(rebuilt.built.postings["/talents/t8/"] == first.built.postings["/talents/t8/"])
        #expect(build(talents(), reusing: first.built.postings).built.analysedCount == 0)
    }

    @Test func changedAliasesAnalyseEveryDocumentAgain() {
        let first = build(talents())
        let aliases = [SkillAlias(name: "JavaScript", aliases: ["JS"])]
        let rebuilt = build(talents(), reusing: first.built.postings, aliases: aliases)
        #expect(rebuilt.built.analysedCount == 30)
        #expect(rebuilt.files == build(talents(), aliases: aliases).files)
    }

    @Test func anUnchangedDocumentKeepsItsShards() {
        let first = build(talents())
        let rebuilt = build(talents(editing: 7), reusing: first.built.postings)
        // The words only the edited talent had are gone, so their shards change; the shard of "fès" is untouched.
        let key = SearchIndexBuilder.shardKey(Tokenizer.terms("Fès", language: "en")[0])
        let name = "t/\(SearchIndexBuilder.hex(key))."
        let before = first.files.keys.filter { $0.hasPrefix(name) }
        #expect(before.count == 1)
        #expect(rebuilt.files.keys.filter { $0.hasPrefix(name) } == before)
    }
}
