import Foundation
import PasserelleCore

/// The result records and the filter values of an index's documents, as the search page reads them.
extension SearchIndexBuilder {
    /// The records of a chunk of documents: `[{"u": url, "t": title, ...}, ...]`.
    func recordsJSON(_ documents: ArraySlice<SearchDocument>) -> [UInt8] {
        var json = JSONBytes()
        var analyzers: [String: TermAnalyzer] = [:]
        json.startArray()
        for document in documents {
            let reasons = document.reasons.map { reason in
                (reason, reasonTerms(reason, written: document.language ?? language, analyzers: &analyzers))
            }
            Self.record(document, reasons: reasons, into: &json)
        }
        json.endArray()
        return json.take()
    }

    /// The terms a reason stands for: its texts' terms in their languages, and for a skill its other names' (in the
    /// index's language, as the index expands a skill to them).
    private func reasonTerms(_ reason: SearchDocument.Reason, written: String, analyzers: inout [String: TermAnalyzer]) -> [String] {
        var terms: [String] = []
        var texts = reason.texts
        if reason.kind == .skill, let skill = reason.texts.first.flatMap({ skills.entry(of: $0.text) }) {
            // A skill is named by any of its names in skills.yml (its other spellings and its names per language).
            texts += ([skill.name] + skill.aliases).map { SearchDocument.Field($0, boost: 3, language: language) }
        }
        for text in texts {
            let stemmed = text.language ?? written
            let found = analyzers[stemmed, default: analysed?.analyzer(for: stemmed) ?? TermAnalyzer(language: stemmed)].terms(text.text)
            for term in found where !terms.contains(term) { terms.append(term) }
        }
        return terms
    }

    /// What a chunk's records are made from: its place and its documents' fingerprints (equal fingerprints,
    /// equal documents).
    static func recordsFingerprint(_ documents: ArraySlice<AnalysedDocument>, first: Int) -> Fingerprint {
        var hasher = StableHasher()
        hasher.combine("records")
        hasher.combine(first)
        hasher.combine(documents.count)
        for document in documents { hasher.combine(document.fingerprint) }
        return hasher.finalize()
    }

    static func record(_ document: SearchDocument, reasons: [(SearchDocument.Reason, [String])] = [], into json: inout JSONBytes) {
        json.startObject()
        json.key("u"); json.string(document.url)
        json.key("t"); json.string(document.title)
        json.key("k"); json.string(document.kind.rawValue)
        json.key("s"); json.string(document.summary)
        // At most 400 characters: a text of at most 400 bytes has no more, and is not cut into characters.
        json.key("x"); json.string(document.excerpt.utf8.count <= 400 ? document.excerpt : String(document.excerpt.prefix(400)))
        if let thumbnail = document.thumbnail { json.key("i"); json.string(thumbnail) }
        if let initials = document.initials { json.key("a"); json.string(initials) }
        if !reasons.isEmpty {
            // [kind, label, term, ...] per skill and occupation: the page names those a query term matched.
            json.key("y")
            json.startArray()
            for (reason, terms) in reasons {
                json.startArray()
                json.string(reason.kind.rawValue)
                json.string(reason.label)
                for term in terms { json.string(term) }
                json.endArray()
            }
            json.endArray()
        }
        json.endObject()
    }

    /// What the filter values are made from: each document's kind and filter values, in the index's order.
    static func facetsFingerprint(_ documents: [AnalysedDocument], kinds: [SearchDocument.Kind]) -> Fingerprint {
        var hasher = StableHasher()
        hasher.combine("facets")
        hasher.combine(documents.count)
        for (document, kind) in zip(documents, kinds) {
            hasher.combine(kind.rawValue)
            hasher.combine(document.facets)
        }
        return hasher.finalize()
    }

    /// Filter values: for each facet, each value's documents (delta-encoded); languages with levels; availability.
    static func facetJSON(kinds: [SearchDocument.Kind], _ all: [SearchFacets]) -> [UInt8] {
        var json = JSONBytes()
        func lists(_ name: String, _ values: (Int) -> [String]) {
            var byValue: [String: [Int]] = [:]
            for id in all.indices {
                let list = values(id)
                for (index, value) in list.enumerated() where !list[..<index].contains(value) {
                    byValue[value, default: []].append(id)
                }
            }
            json.key(name)
            json.startObject()
            for (value, ids) in byValue.sorted(by: { $0.key < $1.key }) {
                json.key(value)
                json.ints(deltas(ids))
            }
            json.endObject()
        }
        json.startObject()
        lists("type") { [kinds[$0].rawValue] }
        lists("sector") { all[$0].sectors }
        lists("skill") { all[$0].skills }
        lists("country") { all[$0].countries }
        lists("programme") { all[$0].programme.map { [$0] } ?? [] }
        lists("occupation") { all[$0].occupations }
        var languages: [String: [Int]] = [:]
        for (id, facets) in all.enumerated() {
            for (code, level) in facets.languages {
                languages[code, default: []].append(id)
                languages[code, default: []].append(level)
            }
        }
        json.key("language")
        json.startObject()
        for (code, pairs) in languages.sorted(by: { $0.key < $1.key }) {
            json.key(code)
            json.ints(pairs)
        }
        json.endObject()
        var available: [Int] = []
        for (id, facets) in all.enumerated() {
            if let day = facets.availableFrom {
                available.append(id)
                available.append(day.compactNumber)
            }
        }
        json.key("available")
        json.ints(available)
        json.endObject()
        return json.take()
    }

    static func deltas(_ ids: [Int]) -> [Int] {
        var previous = 0
        return ids.map { id in defer { previous = id }; return id - previous }
    }
}

/// The documents of an index that a build encodes records or filter values of: those made for analysis are
/// taken as they are, the others are made (or only their filter values) when first asked for.
final class MadeOnDemand<Source: DocumentSource>: @unchecked Sendable {
    let source: Source
    /// Index place → source entry.
    let order: [Int]
    let made: [Int: SearchDocument]
    private let lock = NSLock()
    private var facets: [SearchFacets]?

    init(source: Source, order: [Int], made: [Int: SearchDocument]) {
        self.source = source
        self.order = order
        self.made = made
    }

    /// The documents at these places of the index.
    func documents(_ places: Range<Int>) -> [SearchDocument] {
        let missing = places.filter { made[$0] == nil }
        var others = source.documents(missing.map { order[$0] }, jobs: 1).makeIterator()
        return places.map { made[$0] ?? others.next()! }
    }

    /// Every document's filter values, in the index's order; made once.
    var allFacets: [SearchFacets] {
        lock.withLock {
            if let facets { return facets }
            let all = order.indices.map { made[$0]?.facets ?? source.facets(order[$0]) }
            facets = all
            return all
        }
    }
}
