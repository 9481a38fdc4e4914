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
public struct SearchIndexBuilder {
    public var language: String
    public var aliases: [SkillAlias]
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

    public init(language: String, aliases: [SkillAlias] = [], labels: [String: String] = [:]) {
        self.language = language
        self.aliases = aliases
        self.labels = labels
    }

    /// The built files: path under `search/` → bytes; and the manifest's path.
    public struct Output: Sendable {
        public var files: [String: [UInt8]]
        public var manifest: String
    }

    public func build(_ documents: [SearchDocument]) -> Output {
        let documents = documents.sorted { ($0.kind.order, $0.url) < ($1.kind.order, $1.url) }
        var analyzer = TermAnalyzer(language: language)
        let aliasTerms = aliasExpansion(&analyzer)

        // Term frequencies per document, weighted by field, and weighted document lengths: documents are
        // analysed on all cores, then gathered in document order so that the index does not depend on the cores.
        let workers = max(1, min(jobs, documents.count / 200 + 1))
        let chunk = (documents.count + workers - 1) / workers
        let analysed = ConcurrentSlots<[(weights: [String: Double], length: Double, factor: Double)]>(count: workers)
        let language = self.language
        let memo = self.analysed
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var analyzers: [String: TermAnalyzer] = [:]
            var results: [(weights: [String: Double], length: Double, factor: Double)] = []
            for document in documents[min(documents.count, worker * chunk)..<min(documents.count, (worker + 1) * chunk)] {
                var weights: [String: Double] = [:]
                var length = 0.0
                let written = document.language ?? language
                let factor = written == language ? 1 : Self.otherLanguageFactor
                for field in document.fields {
                    var terms: [String]
                    if let known = memo?.terms(of: field.text, in: written) {
                        terms = known
                    } else {
                        terms = analyzers[written, default: TermAnalyzer(language: written)].terms(field.text)
                        memo?.store(terms, of: field.text, in: written)
                    }
                    if field.boost >= 3, document.kind == .talent || document.kind == .vacancy {
                        // Skills are indexed under every name skills.yml gives them.
                        terms += terms.flatMap { aliasTerms.expansions[$0] ?? [] }
                    }
                    for term in terms { weights[term, default: 0] += field.boost }
                    length += Double(terms.count) * field.boost
                }
                results.append((weights, length, factor))
            }
            analysed.set(worker, results)
        }
        var postings: [String: [(doc: Int, weight: Double)]] = [:]
        var lengths: [Double] = []
        var factors: [Double] = []
        for worker in 0..<workers {
            for (weights, length, factor) in analysed.get(worker) ?? [] {
                let id = lengths.count
                lengths.append(length)
                factors.append(factor)
                for (term, weight) in weights { postings[term, default: []].append((id, weight)) }
            }
        }
        let count = Double(max(documents.count, 1))
        // Rounded to steps of about 2%, so that editing one page changes only the shards of its own terms, not every
        // impact of the index (ranking is the same to the eye; the build cache rewrites only the shards that change).
        let averageLength = max(exp((log(max(lengths.reduce(0, +) / count, 1)) * 50).rounded() / 50), 1)

        // Shards of impacts by term prefix.
        var shards: [String: [(term: String, entries: [Int])]] = [:]
        for (term, list) in postings {
            let idf = log(1 + (count - Double(list.count) + 0.5) / (Double(list.count) + 0.5))
            var entries: [Int] = []
            var previous = 0
            for posting in list.sorted(by: { $0.doc < $1.doc }) {
                let norm = Self.k1 * (1 - Self.b + Self.b * lengths[posting.doc] / averageLength)
                let impact = factors[posting.doc] * idf * posting.weight * (Self.k1 + 1) / (posting.weight + norm)
                entries.append(posting.doc - previous)
                entries.append(max(1, Int((impact * 100).rounded())))
                previous = posting.doc
            }
            shards[Self.shardKey(term), default: []].append((term, entries))
        }

        var files: [String: [UInt8]] = [:]
        var shardNames: [(String, String)] = []
        for (key, terms) in shards.sorted(by: { $0.key < $1.key }) {
            var json = JSONText.object()
            for (term, entries) in terms.sorted(by: { $0.term < $1.term }) { json.field(term, JSONText.ints(entries)) }
            let name = "t/\(Self.hex(key))"
            shardNames.append((key, store(json.text, as: name, into: &files)))
        }

        var recordNames: [String] = []
        for start in stride(from: 0, to: documents.count, by: Self.recordsPerChunk) {
            let chunk = documents[start..<min(documents.count, start + Self.recordsPerChunk)]
            let json = "[" + chunk.map(record).joined(separator: ",") + "]"
            recordNames.append(store(json, as: "r/\(start / Self.recordsPerChunk)", into: &files))
        }
        let facets = store(facetJSON(documents), as: "f", into: &files)

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
        let manifestName = store(manifest.text, as: "manifest", into: &files)
        return Output(files: files, manifest: manifestName)
    }

    /// The shard a term lives in: its first two characters.
    public static func shardKey(_ term: String) -> String { String(term.unicodeScalars.prefix(2).map(Character.init)) }

    static func hex(_ text: String) -> String { text.utf8.map { String(format: "%02x", $0) }.joined() }

    /// Compresses `json` and stores it as `<name>.<hash>.gz`; returns that path.
    private func store(_ json: String, as name: String, into files: inout [String: [UInt8]]) -> String {
        let bytes = Gzip.compress(Array(json.utf8))
        let path = "\(name).\(ContentHash.hex(bytes)).gz"
        files[path] = bytes
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
        for alias in aliases {
            let names = [alias.name] + alias.aliases
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

/// Terms with their stems remembered: a build stems each distinct word once.
/// The terms of texts analysed during one build, shared by its indexes (one per language and market).
public final class AnalysedTexts: @unchecked Sendable {
    private struct Key: Hashable {
        let language: String
        let text: String
    }

    private var terms: [Key: [String]] = [:]
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
}

struct TermAnalyzer {
    let language: String
    private var memo: [String: String?] = [:]

    init(language: String) { self.language = language }

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
