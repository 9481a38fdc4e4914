import PasserelleCore

/// The result records and the filter values of an index's documents, as the search page reads them.
extension SearchIndexBuilder {
    /// The records of a chunk of documents: `[{"u": url, "t": title, ...}, ...]`.
    static func recordsJSON(_ documents: ArraySlice<SearchDocument>) -> [UInt8] {
        var json = JSONBytes()
        json.startArray()
        for document in documents { record(document, into: &json) }
        json.endArray()
        return json.take()
    }

    /// What a chunk's records are made from: equal fingerprints give equal records.
    static func recordsFingerprint(_ documents: ArraySlice<SearchDocument>, first: Int) -> Fingerprint {
        var hasher = StableHasher()
        hasher.combine("records")
        hasher.combine(first)
        hasher.combine(documents.count)
        for document in documents {
            hasher.combine(document.url)
            hasher.combine(document.title)
            hasher.combine(document.kind.rawValue)
            hasher.combine(document.summary)
            hasher.combine(document.excerpt)
            for optional in [document.thumbnail, document.initials] {
                hasher.combine(optional == nil ? 0 : 1)
                hasher.combine(optional ?? "")
            }
        }
        return hasher.finalize()
    }

    static func record(_ document: SearchDocument, into json: inout JSONBytes) {
        json.startObject()
        json.key("u"); json.string(document.url)
        json.key("t"); json.string(document.title)
        json.key("k"); json.string(document.kind.rawValue)
        json.key("s"); json.string(document.summary)
        // At most 400 characters: a text of at most 400 bytes has no more, and is not cut into characters.
        json.key("x"); json.string(document.excerpt.utf8.count <= 400 ? document.excerpt : String(document.excerpt.prefix(400)))
        if let thumbnail = document.thumbnail { json.key("i"); json.string(thumbnail) }
        if let initials = document.initials { json.key("a"); json.string(initials) }
        json.endObject()
    }

    /// What the filter values are made from: each document's facets, in document order.
    static func facetsFingerprint(_ documents: [SearchDocument]) -> Fingerprint {
        var hasher = StableHasher()
        hasher.combine("facets")
        hasher.combine(documents.count)
        func combine(_ list: [String]) {
            hasher.combine(list.count)
            for value in list { hasher.combine(value) }
        }
        for document in documents {
            let facets = document.facets
            hasher.combine(document.kind.rawValue)
            combine(facets.sectors)
            combine(facets.skills)
            combine(facets.countries)
            combine(facets.programme.map { [$0] } ?? [])
            hasher.combine(facets.languages.count)
            for (code, level) in facets.languages.sorted(by: { $0.key < $1.key }) {
                hasher.combine(code)
                hasher.combine(level)
            }
            hasher.combine(facets.availableFrom?.compactNumber ?? -1)
        }
        return hasher.finalize()
    }

    /// Filter values: for each facet, each value's documents (delta-encoded); languages with levels; availability.
    static func facetJSON(_ documents: [SearchDocument]) -> [UInt8] {
        var json = JSONBytes()
        func lists(_ name: String, _ values: (SearchDocument) -> [String]) {
            var byValue: [String: [Int]] = [:]
            for (id, document) in documents.enumerated() {
                let list = values(document)
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
        lists("type") { [$0.kind.rawValue] }
        lists("sector") { $0.facets.sectors }
        lists("skill") { $0.facets.skills }
        lists("country") { $0.facets.countries }
        lists("programme") { $0.facets.programme.map { [$0] } ?? [] }
        var languages: [String: [Int]] = [:]
        for (id, document) in documents.enumerated() {
            for (code, level) in document.facets.languages {
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
        for (id, document) in documents.enumerated() {
            if let day = document.facets.availableFrom {
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
