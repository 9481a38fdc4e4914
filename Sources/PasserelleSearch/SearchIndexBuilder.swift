import Foundation
import PasserelleCore

/// Builds the static search index: files under `search/` that the theme's search.js fetches as it needs them.
///
/// - `manifest.<hash>.gz`: counts, the list of shards and record chunks with their hashes, the skill aliases,
///   the labels of filter values. The search page names it, so it too is content-hashed.
/// - `t/<prefix>.<hash>.gz`: one shard per two-letter term prefix: term → [document, impact, ...]. Impacts are
///   BM25F scores worked out here (k1 1.2, b 0.75, field boosts), so the browser only adds them up.
/// - `r/<n>.<hash>.gz`: the result records of documents 20n to 20n+19.
/// - `f.<hash>.gz`: the filter values of every document, fetched only when filters are used.
///
/// Every file is gzip-compressed JSON, named after its content so that hosts can cache it for ever.
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
    static let k1 = 1.2
    static let b = 0.75
    /// Documents written in another language than the index's count this much, so that the reader's language ranks first.
    static let otherLanguageFactor = 0.8

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
    }

    /// Whether `build(_:reusing:emit:)` returns every document's postings (kept for the next build).
    public var keepsPostings = false

    /// Builds the index and returns its files all at once; for small indexes and tests.
    public func build(_ documents: [SearchDocument]) -> Output {
        var files: [String: [UInt8]] = [:]
        let built = build(documents) { path, bytes in files[path] = bytes }
        return Output(files: files, manifest: built.manifest)
    }

    /// Builds the index, handing each file to `emit` (path under `search/`, gzipped bytes) as soon as it is
    /// encoded, one at a time and in the same order for the same input: the shards of terms, then the record
    /// chunks, the filter values and the manifest last. Only one encoded file is held at a time.
    ///
    /// `reusing` holds postings kept from an earlier build, by document URL; a document whose fingerprint is
    /// unchanged is not analysed again. The files are byte-identical to those of a build without `reusing`;
    /// a caller that keeps the previous files can compare bytes (or the content hash in each name) to write
    /// only the files that changed.
    public func build(_ documents: [SearchDocument], reusing kept: [String: AnalysedDocument] = [:],
                      emit: (_ path: String, _ bytes: [UInt8]) -> Void) -> Built {
        let documents = documents.sorted { ($0.kind.order, $0.url) < ($1.kind.order, $1.url) }
        var analyzer = TermAnalyzer(language: language)
        let aliasTerms = aliasExpansion(&analyzer)
        let context = contextFingerprint()

        // Documents are analysed on all cores, then gathered in document order so that the index does not
        // depend on the cores.
        let workers = max(1, min(jobs, documents.count / 200 + 1))
        let chunk = (documents.count + workers - 1) / workers
        let analysedSlots = ConcurrentSlots<([AnalysedDocument], Int)>(count: workers)
        let memo = self.analysed
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var analyzers: [String: TermAnalyzer] = [:]
            var results: [AnalysedDocument] = []
            var fresh = 0
            for document in documents[min(documents.count, worker * chunk)..<min(documents.count, (worker + 1) * chunk)] {
                let fingerprint = document.postingsFingerprint(context: context)
                if let known = kept[document.url], known.fingerprint == fingerprint {
                    results.append(known)
                    continue
                }
                fresh += 1
                results.append(analyse(document, fingerprint: fingerprint, aliases: aliasTerms.expansions,
                                       analyzers: &analyzers, memo: memo))
            }
            if let memo { for analyzer in analyzers.values { memo.keep(analyzer) } }
            analysedSlots.set(worker, (results, fresh))
        }
        var analysed: [AnalysedDocument] = []
        analysed.reserveCapacity(documents.count)
        var analysedCount = 0
        for worker in 0..<workers {
            let (results, fresh) = analysedSlots.get(worker) ?? ([], 0)
            analysed += results
            analysedCount += fresh
        }
        var postings: [String: AnalysedDocument] = [:]
        if keepsPostings {
            for (document, postingsOfDocument) in zip(documents, analysed) { postings[document.url] = postingsOfDocument }
        }

        let table = PostingTable(analysed)
        let count = Double(max(documents.count, 1))
        // Rounded to steps of about 2%, so that editing one page changes only the shards of its own terms, not every
        // impact of the index (ranking is the same to the eye; the build cache rewrites only the shards that change).
        let averageLength = max(exp((log(max(table.lengths.reduce(0, +) / count, 1)) * 50).rounded() / 50), 1)

        // Shards of impacts by term prefix: a few at a time encoded on all cores, then handed over in order.
        var shardNames: [(String, String)] = []
        let shards = table.shards()
        let batch = max(1, jobs) * 8
        for first in stride(from: 0, to: shards.count, by: batch) {
            let range = first..<min(shards.count, first + batch)
            let encoded = ConcurrentSlots<[UInt8]>(count: range.count)
            let workers = max(1, min(jobs, range.count))
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for index in stride(from: range.lowerBound + worker, to: range.upperBound, by: workers) {
                    encoded.set(index - range.lowerBound, Gzip.compress(Self.shardJSON(shards[index].terms, table: table,
                                                                                        averageLength: averageLength)))
                }
            }
            for index in range {
                let key = shards[index].key
                shardNames.append((key, store(compressed: encoded.get(index - first) ?? [], as: "t/\(Self.hex(key))", emit: emit)))
            }
        }

        var recordNames: [String] = []
        for start in stride(from: 0, to: documents.count, by: Self.recordsPerChunk) {
            let chunk = documents[start..<min(documents.count, start + Self.recordsPerChunk)]
            let text = "[" + chunk.map(record).joined(separator: ",") + "]"
            recordNames.append(store(Array(text.utf8), as: "r/\(start / Self.recordsPerChunk)", emit: emit))
        }
        let facets = store(Array(facetJSON(documents).utf8), as: "f", emit: emit)

        var manifest = JSONText.object()
        manifest.field("version", "1")
        manifest.field("language", JSONText.string(language))
        // The stemmers the index used, its own language first: the search page stems a query with each.
        let others = Set(documents.compactMap(\.language)).subtracting([language]).sorted()
        manifest.field("languages", "[" + ([language] + others).map(JSONText.string).joined(separator: ",") + "]")
        manifest.field("documents", String(documents.count))
        manifest.field("chunk", String(Self.recordsPerChunk))
        var shardMap = JSONText.object()
        for (key, name) in shardNames { shardMap.field(key, JSONText.string(name)) }
        manifest.field("shards", shardMap.text)
        manifest.field("records", "[" + recordNames.map(JSONText.string).joined(separator: ",") + "]")
        manifest.field("facets", JSONText.string(facets))
        var aliasMap = JSONText.object()
        for (term, canonical) in aliasTerms.queries.sorted(by: { $0.key < $1.key }) {
            aliasMap.field(term, "[" + canonical.map(JSONText.string).joined(separator: ",") + "]")
        }
        manifest.field("aliases", aliasMap.text)
        var labelMap = JSONText.object()
        for (key, label) in labels.sorted(by: { $0.key < $1.key }) { labelMap.field(key, JSONText.string(label)) }
        manifest.field("labels", labelMap.text)
        let manifestName = store(Array(manifest.text.utf8), as: "manifest", emit: emit)
        return Built(manifest: manifestName, postings: postings, analysedCount: analysedCount)
    }

    /// A shard: each of its terms with its postings as [document delta, impact, ...], impacts BM25F scores in
    /// hundredths (at least 1).
    static func shardJSON(_ terms: [Int], table: PostingTable, averageLength: Double) -> [UInt8] {
        let count = Double(max(table.lengths.count, 1))
        var json = JSONBytes()
        json.startObject()
        for term in terms {
            json.key(table.terms[term])
            var previous = 0
            let list = table.postings(of: term)
            let idf = log(1 + (count - Double(list.count) + 0.5) / (Double(list.count) + 0.5))
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
        json.endObject()
        return json.take()
    }

    /// One document's terms, weighted by field; texts analysed by another index of the build are taken from `memo`.
    private func analyse(_ document: SearchDocument, fingerprint: UInt64, aliases: [String: [String]],
                         analyzers: inout [String: TermAnalyzer], memo: AnalysedTexts?) -> AnalysedDocument {
        var weights: [String: Double] = [:]
        var length = 0.0
        let written = document.language ?? language
        for field in document.fields {
            var terms: [String]
            if let known = memo?.terms(of: field.text, in: written) {
                terms = known
            } else {
                terms = analyzers[written, default: memo?.analyzer(for: written) ?? TermAnalyzer(language: written)].terms(field.text)
                memo?.store(terms, of: field.text, in: written)
            }
            if field.boost >= 3, document.kind == .talent || document.kind == .vacancy {
                // Skills are indexed under every name skills.yml gives them.
                terms += terms.flatMap { aliases[$0] ?? [] }
            }
            for term in terms { weights[term, default: 0] += field.boost }
            length += Double(terms.count) * field.boost
        }
        let terms = weights.keys.sorted()
        return AnalysedDocument(fingerprint: fingerprint, terms: terms, weights: terms.map { weights[$0] ?? 0 }, length: length,
                                factor: written == language ? 1 : Self.otherLanguageFactor)
    }

    /// The fingerprint of the index's own settings that postings depend on: its language and skill aliases.
    private func contextFingerprint() -> UInt64 {
        var hash = Fingerprint()
        hash.add(language)
        for skill in skills.declared {
            hash.add(UInt64(skill.aliases.count))
            hash.add(skill.name)
            for name in skill.aliases { hash.add(name) }
        }
        return hash.value
    }

    /// The shard a term lives in: its first two characters.
    public static func shardKey(_ term: String) -> String { String(term.unicodeScalars.prefix(2).map(Character.init)) }

    static func hex(_ text: String) -> String { text.utf8.map { String(format: "%02x", $0) }.joined() }

    /// Compresses `json` and hands it over as `<name>.<hash>.gz`; returns that path.
    private func store(_ json: [UInt8], as name: String, emit: (String, [UInt8]) -> Void) -> String {
        store(compressed: Gzip.compress(json), as: name, emit: emit)
    }

    private func store(compressed bytes: [UInt8], as name: String, emit: (String, [UInt8]) -> Void) -> String {
        let path = "\(name).\(ContentHash.hex(bytes)).gz"
        emit(path, bytes)
        return path
    }

    private func record(_ document: SearchDocument) -> String {
        var json = JSONText.object()
        json.field("u", JSONText.string(document.url))
        json.field("t", JSONText.string(document.title))
        json.field("k", JSONText.string(document.kind.rawValue))
        json.field("s", JSONText.string(document.summary))
        json.field("x", JSONText.string(String(document.excerpt.prefix(400))))
        if let thumbnail = document.thumbnail { json.field("i", JSONText.string(thumbnail)) }
        if let initials = document.initials { json.field("a", JSONText.string(initials)) }
        return json.text
    }

    /// Filter values: for each facet, each value's documents (delta-encoded); languages with levels; availability.
    private func facetJSON(_ documents: [SearchDocument]) -> String {
        func lists(_ values: (SearchDocument) -> [String]) -> String {
            var byValue: [String: [Int]] = [:]
            for (id, document) in documents.enumerated() {
                for value in Set(values(document)) { byValue[value, default: []].append(id) }
            }
            var json = JSONText.object()
            for (value, ids) in byValue.sorted(by: { $0.key < $1.key }) { json.field(value, JSONText.ints(Self.deltas(ids))) }
            return json.text
        }
        var json = JSONText.object()
        json.field("type", lists { [$0.kind.rawValue] })
        json.field("sector", lists { $0.facets.sectors })
        json.field("skill", lists { $0.facets.skills })
        json.field("country", lists { $0.facets.countries })
        json.field("programme", lists { $0.facets.programme.map { [$0] } ?? [] })
        var languages: [String: [Int]] = [:]
        for (id, document) in documents.enumerated() {
            for (code, level) in document.facets.languages { languages[code, default: []] += [id, level] }
        }
        var languageJSON = JSONText.object()
        for (code, pairs) in languages.sorted(by: { $0.key < $1.key }) { languageJSON.field(code, JSONText.ints(pairs)) }
        json.field("language", languageJSON.text)
        var available: [Int] = []
        for (id, document) in documents.enumerated() {
            if let day = document.facets.availableFrom { available += [id, day.compactNumber] }
        }
        json.field("available", JSONText.ints(available))
        return json.text
    }

    static func deltas(_ ids: [Int]) -> [Int] {
        var previous = 0
        return ids.map { id in defer { previous = id }; return id - previous }
    }

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
    var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}

/// The terms of texts analysed during one build, shared by its indexes (one per language and market): a text
/// shown untranslated in every language is cut into terms once, and each distinct word is stemmed once.
public final class AnalysedTexts: @unchecked Sendable {
    private struct Key: Hashable {
        let language: String
        let text: String
    }

    private var terms: [Key: [String]] = [:]
    /// Term (or nil) of each raw word, by language.
    private var words: [String: [String: String?]] = [:]
    private let lock = NSLock()

    public init() {}

    func terms(of text: String, in language: String) -> [String]? {
        lock.lock()
        defer { lock.unlock() }
        return terms[Key(language: language, text: text)]
    }

    func store(_ list: [String], of text: String, in language: String) {
        lock.lock()
        terms[Key(language: language, text: text)] = list
        lock.unlock()
    }

    /// An analyzer that knows every word analysed so far in `language`.
    func analyzer(for language: String) -> TermAnalyzer {
        lock.lock()
        defer { lock.unlock() }
        return TermAnalyzer(language: language, known: words[language] ?? [:])
    }

    /// Remembers the words `analyzer` analysed, for the analyzers handed out next.
    func keep(_ analyzer: TermAnalyzer) {
        lock.lock()
        words[analyzer.language, default: [:]].merge(analyzer.added) { old, _ in old }
        lock.unlock()
    }
}

struct TermAnalyzer {
    let language: String
    private var memo: [String: String?]
    /// The words analysed by this analyzer (not known when it was made).
    private(set) var added: [String: String?] = [:]

    init(language: String, known: [String: String?] = [:]) {
        self.language = language
        self.memo = known
    }

    /// Terms of a text; each distinct raw word is cleaned, folded and stemmed once.
    mutating func terms(_ text: String) -> [String] {
        var terms: [String] = []
        for raw in Tokenizer.rawWords(text) {
            if let known = memo[raw] {
                if let term = known { terms.append(term) }
                continue
            }
            let term = Tokenizer.clean(raw).map { Stemmer.stem(Tokenizer.fold($0), language: language) }
            memo[raw] = term
            added[raw] = term
            if let term { terms.append(term) }
        }
        return terms
    }
}

/// FNV-1a, 64 bits, as ten hex digits: names index files after their content.
public enum ContentHash {
    public static func hex(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        let text = String(hash, radix: 16)
        return String((String(repeating: "0", count: max(0, 16 - text.count)) + text).prefix(10))
    }
}

/// Just enough JSON writing, with keys in the order given, for deterministic index files.
struct JSONText {
    private(set) var text = "{}"
    private var empty = true

    static func object() -> JSONText { JSONText() }

    mutating func field(_ key: String, _ value: String) {
        text.removeLast()
        text += (empty ? "" : ",") + JSONText.string(key) + ":" + value + "}"
        empty = false
    }

    static func ints(_ values: [Int]) -> String { "[" + values.map(String.init).joined(separator: ",") + "]" }

    static func string(_ value: String) -> String { JSONString.quoted(value) }
}
