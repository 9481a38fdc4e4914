import Foundation
import PasserelleCore

/// Builds the static search index: files under `search/` that the theme's search.js fetches as it needs them.
///
/// - `manifest.gz`: counts, the list of shards and record chunks with their hashes, the skill aliases,
///   the labels of filter values. Its address stays the same from build to build, so that the pages that name
///   it (the search page, the talents listing's filters) do not change when only the index does; the search
///   script revalidates it on every visit, and everything it names is content-hashed, so a browser never
///   reads one build's manifest with another build's shards.
/// - `t/<prefix>.<hash>.gz`: one shard per two-letter term prefix: term → [document, impact, ...]. Impacts are
///   BM25F scores worked out here (k1 1.2, b 0.75, field boosts), so the browser only adds them up.
/// - `r/<n>.<hash>.gz`: the result records of documents 20n to 20n+19.
/// - `f.<hash>.gz`: the filter values of every document, fetched only when filters are used.
///
/// Every file is gzip-compressed JSON; all but the manifest are named after their content, so that hosts can
/// cache them for ever.
public struct SearchIndexBuilder: Sendable {
    public var language: String
    /// The skills of skills.yml: a skill is indexed under each of its names.
    public var skills: SkillVocabulary
    /// Labels of filter values for the site's language: "sector:ict" → "ICT", "country:BE" → "Belgium".
    public var labels: [String: String]
    /// How many documents are analysed at once; the index does not depend on it.
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// Texts already analysed by another index of the same build: a text shown untranslated in every language
    /// is cut into terms once.
    public var analysed: AnalysedTexts?

    public static let recordsPerChunk = 20
    /// The manifest's path under `search/`: the same for every build.
    public static let manifestPath = "manifest.gz"
    static let k1 = 1.2
    static let b = 0.75
    /// Ends the terms of labels (an occupation's names): `nurs@` is "nurse" as the occupation a document names.
    public static let labelMark = "@"
    /// A label's impacts count this much more than a text's, so that a match by occupation ranks first.
    static let labelFactor = 2.0
    /// A field written in another language than the index's counts this much (its weight), so that a text in
    /// the reader's language ranks first; labels (occupations) count in full whatever their language.
    static let otherLanguageFactor = 0.5

    public init(language: String, skills: SkillVocabulary = SkillVocabulary(), labels: [String: String] = [:]) {
        self.language = language
        self.skills = skills
        self.labels = labels
    }

    /// The built files: path under `search/` → bytes; and the manifest's path.
    public struct Output: Sendable {
        public var files: [String: [UInt8]]
        public var manifest: String
    }

    /// What a build gives back besides the files it handed over.
    public struct Built: Sendable {
        /// The manifest's path under `search/`.
        public var manifest: String
        /// Each document's postings by URL, when `keepsPostings` is set: hand them to the next build's
        /// `reusing` so that it analyses only the documents whose text changed.
        public var postings: [String: AnalysedDocument]
        /// How many documents were analysed, rather than taken from `reusing`.
        public var analysedCount: Int
        /// Every file but the manifest, by the fingerprint of what it was encoded from: hand them to the next
        /// build's `keptFiles` so that it encodes only the files whose content changed.
        public var files: [Fingerprint: String] = [:]
        /// How many files were encoded, rather than kept.
        public var encodedCount = 0
        /// The manifest's labels of filter values: hand them to the next build's `keptLabels`, so that it makes
        /// them again only when the filter values or the source's context changed.
        public var labels: KeptLabels? = nil
    }

    /// The labels of filter values as the manifest holds them (a JSON object), by what they were made from.
    public struct KeptLabels: Sendable, Equatable {
        public var input: Fingerprint
        public var json: String

        public init(input: Fingerprint, json: String) {
            self.input = input
            self.json = json
        }
    }

    /// Whether `build(_:reusing:emit:)` returns every document's postings (kept for the next build).
    public var keepsPostings = false

    /// Builds the index and returns its files all at once; for small indexes and tests.
    public func build(_ documents: [SearchDocument]) -> Output {
        var files: [String: [UInt8]] = [:]
        let built = build(documents) { path, bytes in files[path] = bytes }
        return Output(files: files, manifest: built.manifest)
    }

    /// Builds the index of documents already made (see `build(_:reusing:keptFiles:keep:emit:)` with a source).
    public func build(_ documents: [SearchDocument], reusing kept: [String: AnalysedDocument] = [:],
                      keptFiles: [Fingerprint: String] = [:], keep: (_ path: String, _ bytes: Fingerprint?) -> Bool = { _, _ in false },
                      emit: (_ path: String, _ bytes: [UInt8]) -> Void) -> Built {
        build(MadeDocuments(documents, labels: labels), reusing: kept, keptFiles: keptFiles, keep: keep, emit: emit)
    }

    /// Builds the index, handing each file to `emit` (path under `search/`, gzipped bytes) as soon as it is
    /// encoded, one at a time and in the same order for the same input: the shards of terms, then the record
    /// chunks, the filter values and the manifest last. Files are encoded on all cores a few at a time.
    ///
    /// `reusing` holds postings kept from an earlier build, by document URL; a document whose key (in the same
    /// context) is unchanged is neither made nor analysed again. `keptFiles` holds the files of an earlier build
    /// by what they were encoded from (`Built.files`): a file whose input is unchanged is not encoded again when
    /// `keep` says the caller still has it (and takes it as it is): a file named after its content by its path, the
    /// manifest (whose address stays) by its path and the fingerprint of its bytes; a record chunk or the filter values encoded
    /// again make only the documents they need. The files are byte-identical to those of a build without
    /// `reusing` or `keptFiles`.
    public func build(_ source: some DocumentSource, reusing kept: [String: AnalysedDocument] = [:],
                      keptFiles: [Fingerprint: String] = [:], keptLabels: KeptLabels? = nil,
                      keep: (_ path: String, _ bytes: Fingerprint?) -> Bool = { _, _ in false },
                      emit: (_ path: String, _ bytes: [UInt8]) -> Void) -> Built {
        let entries = source.entries
        let order = entries.indices.sorted { (entries[$0].kind.order, entries[$0].url) < (entries[$1].kind.order, entries[$1].url) }
        var analyzer = TermAnalyzer(language: language)
        let aliasTerms = aliasExpansion(&analyzer)
        let context = contextFingerprint(source.context)
        let (analysed, made) = analyseAll(source, order: order, context: context, reusing: kept, aliases: aliasTerms.expansions)
        var built = Built(manifest: Self.manifestPath, postings: [:], analysedCount: made.count)
        if keepsPostings {
            built.postings.reserveCapacity(order.count)
            for (position, postings) in analysed.enumerated() { built.postings[entries[order[position]].url] = postings }
        }
        let documents = MadeOnDemand(source: source, order: order, made: made)
        let kinds = order.map { entries[$0].kind }

        let table = PostingTable(analysed)
        let count = Double(max(order.count, 1))
        // Rounded to steps of about 2%, so that editing one page changes only the shards of its own terms, not every
        // impact of the index (ranking is the same to the eye; the build cache rewrites only the shards that change).
        let averageLength = max(exp((log(max(table.lengths.reduce(0, +) / count, 1)) * 50).rounded() / 50), 1)
        var files = IndexFiles(jobs: jobs, kept: keptFiles)

        let shards = table.shards()
        let shardNames = files.write(
            shards.count, name: { "t/\(Self.hex(shards[$0].key))" },
            input: { Self.shardFingerprint(shards[$0].terms, words: shards[$0].words, key: shards[$0].key, table: table, averageLength: averageLength) },
            encode: { Self.shardJSON(shards[$0].terms, words: shards[$0].words, table: table, averageLength: averageLength) }, keep: keep, emit: emit)
        let chunks = stride(from: 0, to: order.count, by: Self.recordsPerChunk).map { $0..<min(order.count, $0 + Self.recordsPerChunk) }
        let recordNames = files.write(
            chunks.count, name: { "r/\($0)" }, input: { Self.recordsFingerprint(analysed[chunks[$0]], first: chunks[$0].lowerBound) },
            encode: { [self] in recordsJSON(documents.documents(chunks[$0])[...]) }, keep: keep, emit: emit)
        let facetInput = Self.facetsFingerprint(analysed, kinds: kinds)
        let facets = files.write(1, name: { _ in "f" }, input: { _ in facetInput },
                                 encode: { _ in Self.facetJSON(kinds: kinds, documents.allFacets) },
                                 keep: keep, emit: emit)[0]

        // The languages the index's texts were stemmed in, its own first (the page looks words up, it does not stem).
        let others = Set(entries.compactMap(\.language)).union(source.fieldLanguages).subtracting([language]).sorted()
        var manifest = JSONText.object()
        manifest.field("version", "1")
        manifest.field("language", JSONText.string(language))
        manifest.field("languages", "[" + ([language] + others).map(JSONText.string).joined(separator: ",") + "]")
        manifest.field("documents", String(order.count))
        manifest.field("chunk", String(Self.recordsPerChunk))
        var shardMap = JSONText.object()
        for (shard, name) in zip(shards, shardNames) { shardMap.field(shard.key, JSONText.string(name)) }
        manifest.field("shards", shardMap.text)
        manifest.field("records", "[" + recordNames.map(JSONText.string).joined(separator: ",") + "]")
        manifest.field("facets", JSONText.string(facets))
        var aliasMap = JSONText.object()
        for (term, canonical) in aliasTerms.queries.sorted(by: { $0.key < $1.key }) {
            aliasMap.field(term, "[" + canonical.map(JSONText.string).joined(separator: ",") + "]")
        }
        manifest.field("aliases", aliasMap.text)
        // The labels are made from every document's filter values: only when those or the context changed.
        var labelsInput = StableHasher()
        labelsInput.combine("labels")
        labelsInput.combine(facetInput)
        labelsInput.combine(context)
        var labels = KeptLabels(input: labelsInput.finalize(), json: "")
        if let keptLabels, keptLabels.input == labels.input {
            labels = keptLabels
        } else {
            var labelMap = JSONText.object()
            for (key, label) in source.labels(documents.allFacets).sorted(by: { $0.key < $1.key }) { labelMap.field(key, JSONText.string(label)) }
            labels.json = labelMap.text
        }
        built.labels = labels
        manifest.field("labels", labels.json)
        var manifestInput = StableHasher()
        manifestInput.combine("manifest")
        manifestInput.combine(manifest.text)
        let manifestKey = manifestInput.finalize()
        // Kept as `manifest.gz#<fingerprint of its bytes>`: its name alone does not say which build wrote it.
        var manifestName = keptFiles[manifestKey]
        if !(manifestName.flatMap(Self.manifestBytes).map { keep(Self.manifestPath, $0) } ?? false) {
            let bytes = Gzip.compress(Array(manifest.text.utf8))
            emit(Self.manifestPath, bytes)
            manifestName = Self.manifestPath + "#" + Fingerprint.of(bytes).description
        }
        built.files = files.names
        built.files[manifestKey] = manifestName
        built.encodedCount = files.encoded
        return built
    }

    /// Every document's postings, on all cores, gathered in the index's order so that the index does not depend
    /// on the cores; a document whose key is that of its kept postings is neither made nor analysed again. Also
    /// returns the documents made, by their place in the index.
    private func analyseAll(_ source: some DocumentSource, order: [Int], context: Fingerprint, reusing kept: [String: AnalysedDocument],
                            aliases: [String: [String]]) -> ([AnalysedDocument], [Int: SearchDocument]) {
        let entries = source.entries
        var analysed: [AnalysedDocument?] = Array(repeating: nil, count: order.count)
        var fingerprints: [Fingerprint] = []
        fingerprints.reserveCapacity(order.count)
        var fresh: [Int] = []
        for (position, index) in order.enumerated() {
            var hasher = StableHasher()
            hasher.combine(context)
            hasher.combine(entries[index].key)
            let fingerprint = hasher.finalize()
            fingerprints.append(fingerprint)
            if let known = kept[entries[index].url], known.fingerprint == fingerprint {
                analysed[position] = known
            } else {
                fresh.append(position)
            }
        }
        let documents = source.documents(fresh.map { order[$0] }, jobs: jobs)
        let (madePlaces, keys) = (fresh, fingerprints)
        let workers = max(1, min(jobs, fresh.count / 200 + 1))
        let chunk = (fresh.count + workers - 1) / workers
        let slots = ConcurrentSlots<[AnalysedDocument]>(count: workers)
        let memo = self.analysed
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var analyzers: [String: TermAnalyzer] = [:]
            var results: [AnalysedDocument] = []
            for made in min(madePlaces.count, worker * chunk)..<min(madePlaces.count, (worker + 1) * chunk) {
                let document = documents[made]
                let written = document.language ?? language
                let texts = document.fields.map { $0.textFingerprint(language: $0.language ?? written) }
                results.append(analyse(document, texts: texts, fingerprint: keys[madePlaces[made]], aliases: aliases,
                                       analyzers: &analyzers, memo: memo))
            }
            if let memo { for analyzer in analyzers.values { memo.keep(analyzer) } }
            slots.set(worker, results)
        }
        var made: [Int: SearchDocument] = [:]
        made.reserveCapacity(fresh.count)
        var next = 0
        for worker in 0..<workers {
            for postings in slots.get(worker) ?? [] {
                analysed[fresh[next]] = postings
                made[fresh[next]] = documents[next]
                next += 1
            }
        }
        return (analysed.map { $0! }, made)
    }

    /// A shard: each of its terms with its postings as [document delta, impact, ...], impacts BM25F scores in
    /// hundredths (at least 1); then, under `~`, each of its words whose term is not the word itself, with the
    /// terms it gave: the browser looks a query word up there instead of stemming it.
    static func shardJSON(_ terms: [Int], words: [String] = [], table: PostingTable, averageLength: Double) -> [UInt8] {
        let count = Double(max(table.lengths.count, 1))
        var json = JSONBytes()
        json.startObject()
        for term in terms {
            json.key(table.terms[term])
            var previous = 0
            let list = table.postings(of: term)
            let idf = log(1 + (count - Double(list.count) + 0.5) / (Double(list.count) + 0.5)) * (table.terms[term].hasSuffix(labelMark) ? labelFactor : 1)
            json.startArray()
            for (doc, weight) in list {
                let norm = k1 * (1 - b + b * table.lengths[doc] / averageLength)
                let impact = table.factors[doc] * idf * weight * (k1 + 1) / (weight + norm)
                json.int(doc - previous)
                json.int(max(1, Int((impact * 100).rounded())))
                previous = doc
            }
            json.endArray()
        }
        if !words.isEmpty {
            json.key(wordsKey)
            json.startObject()
            for word in words {
                json.key(word)
                json.startArray()
                for term in (table.words[word] ?? []).sorted() { json.string(term) }
                json.endArray()
            }
            json.endObject()
        }
        json.endObject()
        return json.take()
    }

    /// The key of a shard's word list: no term has it (terms are letters and digits).
    public static let wordsKey = "~"

    /// What a shard is encoded from: its terms, their postings, the lengths and factors of their documents, and
    /// its words with their terms.
    static func shardFingerprint(_ terms: [Int], words: [String] = [], key: String, table: PostingTable, averageLength: Double) -> Fingerprint {
        var hasher = StableHasher()
        hasher.combine("shard")
        hasher.combine(key)
        hasher.combine(words.count)
        for word in words {
            hasher.combine(word)
            for term in (table.words[word] ?? []).sorted() { hasher.combine(term) }
        }
        hasher.combine(table.lengths.count)
        hasher.combine(averageLength.bitPattern)
        for term in terms {
            hasher.combine(table.terms[term])
            for (doc, weight) in table.postings(of: term) {
                hasher.combine(doc)
                hasher.combine(weight.bitPattern)
                hasher.combine(table.lengths[doc].bitPattern)
                hasher.combine(table.factors[doc].bitPattern)
            }
        }
        return hasher.finalize()
    }

    /// One document's terms, weighted by field; texts analysed by another index of the build are taken from `memo`.
    private func analyse(_ document: SearchDocument, texts: [Fingerprint], fingerprint: Fingerprint, aliases: [String: [String]],
                         analyzers: inout [String: TermAnalyzer], memo: AnalysedTexts?) -> AnalysedDocument {
        // Terms in the order they first occur, each with its place: no sorting, and the same order every time.
        var places: [String: Int] = [:]
        var termList: [String] = []
        var weights: [Double] = []
        var length = 0.0
        let written = document.language ?? language
        for (field, text) in zip(document.fields, texts) {
            var terms: [String]
            if let known = memo?.terms(of: text) {
                terms = known
            } else {
                let stemmed = field.language ?? written
                terms = analyzers[stemmed, default: memo?.analyzer(for: stemmed) ?? TermAnalyzer(language: stemmed)].terms(field.text, words: true)
                memo?.store(terms, of: text)
            }
            // The words whose term differs from them, with weight 0: the shards' word lists are made of them.
            if terms.contains(where: Word.isEntry) {
                for word in terms where Word.isEntry(word) && places[word] == nil {
                    places[word] = termList.count
                    termList.append(word)
                    weights.append(0)
                }
                terms.removeAll(where: Word.isEntry)
            }
            if field.boost >= 3, !field.isLabel, document.kind == .talent || document.kind == .vacancy {
                // Skills are indexed under every name skills.yml gives them.
                terms += terms.flatMap { aliases[$0] ?? [] }
            }
            let weight = field.isLabel || (field.language ?? written) == language ? field.boost : field.boost * Self.otherLanguageFactor
            // A label's terms are terms of their own (`nurs@`, in the shard of `nurs`), which outrank a word a
            // text mentions: a nurse comes before a page about nurses.
            if field.isLabel { terms = terms.map { $0 + Self.labelMark } }
            for term in terms {
                if let place = places[term] {
                    weights[place] += weight
                } else {
                    places[term] = termList.count
                    termList.append(term)
                    weights.append(weight)
                }
            }
            if !field.isLabel { length += Double(terms.count) * field.boost }
        }
        return AnalysedDocument(fingerprint: fingerprint, terms: termList, weights: weights, length: length,
                                factor: 1, facets: document.facets.fingerprint)
    }

    /// The fingerprint of what every document's postings depend on: the source's context, the index's language and skill aliases.
    private func contextFingerprint(_ source: Fingerprint) -> Fingerprint {
        var hasher = StableHasher()
        hasher.combine(source)
        hasher.combine(language)
        for skill in skills.declared {
            hasher.combine(skill.aliases.count)
            hasher.combine(skill.name)
            for name in skill.aliases { hasher.combine(name) }
        }
        return hasher.finalize()
    }

    /// The fingerprint of the manifest's bytes in its kept name (`manifest.gz#<fingerprint>`).
    static func manifestBytes(_ name: String) -> Fingerprint? {
        guard name.hasPrefix(manifestPath + "#") else { return nil }
        return Fingerprint(name.dropFirst(manifestPath.count + 1))
    }

    /// The shard a term lives in: its first two characters.
    public static func shardKey(_ term: String) -> String { String(term.unicodeScalars.prefix(2).map(Character.init)) }

    static func hex(_ text: String) -> String { text.utf8.map { String(format: "%02x", $0) }.joined() }

    /// Skill aliases as terms: each alias's terms map to its skill's terms (for indexing skills under every
    /// name), and single-term aliases map query terms to the skill's terms (for queries such as "js").
    private func aliasExpansion(_ analyzer: inout TermAnalyzer) -> (expansions: [String: [String]], queries: [String: [String]]) {
        var expansions: [String: [String]] = [:]
        var queries: [String: [String]] = [:]
        for skill in skills.declared {
            let names = [skill.name] + skill.aliases
            let termLists = names.map { analyzer.terms($0) }
            let all = Array(Set(termLists.flatMap { $0 })).sorted()
            for terms in termLists {
                for term in terms { expansions[term, default: []] += all.filter { !terms.contains($0) } }
                if terms.count == 1, let canonical = termLists.first, canonical != terms { queries[terms[0]] = canonical }
            }
        }
        for key in expansions.keys { expansions[key] = Array(Set(expansions[key] ?? [])).sorted() }
        return (expansions, queries)
    }
}

extension SearchDocument.Kind {
    /// The kinds' order in the index: talents, vacancies, employers, pages.
    var order: Int {
        switch self {
        case .talent: 0
        case .vacancy: 1
        case .employer: 2
        case .page: 3
        }
    }
}

