import Foundation
import PasserelleCore
import PasserelleSearch
@testable import PasserelleSite
import Testing

/// The search index kept between builds: an edit re-encodes only the index files it touches, and the pages that
/// name the index (the search page, the talents listing) stay as they are.
@Suite struct SearchIndexCacheTests {
    @Test func aTalentsBodyEditedChangesItsPagesAndAFewIndexFilesOnly() throws {
        let site = IncrementalBuildTests.Workspace()
        #expect(site.build().succeeded)
        let before = BuiltSite(path: site.output).files
        site.edit("Content/talents/hajar-moussaoui.md") { $0 + "\nDisponible pour des remplacements de nuit.\n" }
        site.rebuildMatchesFullBuild("body appended")
        let after = BuiltSite(path: site.output).files
        let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }
        let pages = changed.filter { $0.hasSuffix(".html") }
        #expect(!pages.isEmpty && pages.allSatisfy { $0.contains("/hajar-moussaoui/") }, "\(pages.sorted())")
        // The listings and search pages name the manifest, whose address did not change.
        #expect(before["be/talents/index.html"] == after["be/talents/index.html"])
        #expect(before["be/search/index.html"] == after["be/search/index.html"])
        let indexFiles = after.keys.filter { $0.contains("/search/") && $0.hasSuffix(".gz") }
        let changedIndexFiles = changed.filter { $0.contains("/search/") && $0.hasSuffix(".gz") }
        #expect(changedIndexFiles.contains("be/search/manifest.gz"))
        // The shards of the talent's terms (its length changed, and with it each of its impacts), its record
        // chunk and the manifests; not the rest of the index.
        #expect(changedIndexFiles.count > 0 && changedIndexFiles.count < indexFiles.count / 2, "\(changedIndexFiles.count) of \(indexFiles.count)")
    }

    @Test func theKeptStateReadsBackAsItWasWritten() throws {
        let disk = MemoryDisk()
        let cache = SearchIndexCache(BuildCache(folder: "/cache", output: "/site", fileSystem: disk), searchFolder: "/fr/search/")
        var kept = SearchIndexCache.Kept()
        kept.postings["/talents/amal/"] = AnalysedDocument(fingerprint: Fingerprint.of("amal"), terms: ["infirm", "soin"], weights: [3, 1.5],
                                                           length: 12.5, factor: 0.8, facets: Fingerprint.of("nurse, BE"))
        kept.postings["/talents/omar/"] = AnalysedDocument(fingerprint: Fingerprint.of("omar"), terms: ["soin", "جاف"], weights: [1, 2],
                                                           length: 3, factor: 1)
        kept.files[Fingerprint.of("shard so")] = "t/736f.0123456789.gz"
        kept.labels = SearchIndexBuilder.KeptLabels(input: Fingerprint.of("facets"), json: #"{"country:BE":"Belgique"}"#)
        cache.save(kept)
        let loaded = try #require(cache.load())
        #expect(loaded.postings == kept.postings)
        #expect(loaded.files == kept.files)
        #expect(loaded.labels == kept.labels)
        // A file cut short is no cache at all.
        let file = try #require(disk.paths.first { $0.contains(".search-") })
        let bytes = try disk.readFile(file)
        try disk.writeFileAtomically(file, Array(bytes.dropLast(5)))
        #expect(cache.load() == nil)
    }

    /// After an edit, the unchanged documents' entries are copied from the last file and the new terms added
    /// after its own: what is read back is the new state, as from a file encoded whole.
    @Test func anEditedStateReadsBackAsTheNewState() throws {
        let disk = MemoryDisk()
        let cache = SearchIndexCache(BuildCache(folder: "/cache", output: "/site", fileSystem: disk), searchFolder: "/search/")
        var kept = SearchIndexCache.Kept()
        for index in 0..<10 {
            kept.postings["/talents/t\(index)/"] = AnalysedDocument(fingerprint: Fingerprint.of("t\(index)"), terms: ["soin", "term\(index)"],
                                                                  weights: [1, 2], length: 2, factor: 1)
        }
        cache.save(kept)
        var state = try #require(cache.load())
        for edit in 0..<12 {
            var next = SearchIndexCache.Kept(postings: state.postings, files: state.files)
            next.postings["/talents/t\(edit % 9)/"] = AnalysedDocument(fingerprint: Fingerprint.of("edit \(edit)"), terms: ["new\(edit)", "soin"],
                                                                 weights: [3, 1], length: 4, factor: 0.8)
            next.postings["/talents/t9/"] = nil
            cache.write(cache.encode(next, previous: state.layout))
            state = try #require(cache.load())
            #expect(state.postings == next.postings)
            // Each edit adds one term; at a quarter of the list, the file is encoded whole again.
            let layout = try #require(state.layout)
            #expect(layout.added * 4 <= layout.terms.count)
        }
        #expect(try #require(state.layout).added < 12)
        #expect(state.postings["/talents/t2/"]?.terms == ["new11", "soin"])
        #expect(state.postings["/talents/t3/"]?.terms == ["new3", "soin"])
        #expect(state.postings["/talents/t9/"] == nil)
    }
}
