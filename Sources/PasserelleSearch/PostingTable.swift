/// Every posting of an index in three flat arrays, by term: each term's documents in ascending order with
/// their weights. Built from the documents' own term lists in one pass, it holds a posting in 12 bytes, and
/// lets the shards be encoded one after the other.
struct PostingTable {
    /// The distinct terms; a term's id is its place here.
    private(set) var terms: [String] = []
    private(set) var lengths: [Double] = []
    private(set) var factors: [Double] = []
    /// Where each term's postings start in `documents` and `weights`; one more entry than `terms`.
    private var starts: [Int] = []
    private var documents: [Int32] = []
    private var weights: [Double] = []
    /// Every word of the documents whose term is not the word itself (folded), with the terms it gave (one per
    /// language it was stemmed in).
    private(set) var words: [String: Set<String>] = [:]

    init(_ analysed: [AnalysedDocument]) {
        var ids: [String: Int32] = [:]
        var termIDs: [Int32] = []
        termIDs.reserveCapacity(analysed.reduce(0) { $0 + $1.terms.count })
        var counts: [Int] = []
        var seenWords: Set<String> = []
        for document in analysed {
            lengths.append(document.length)
            factors.append(document.factor)
            for term in document.terms {
                if Word.isEntry(term) {
                    // A word and its term: no posting.
                    termIDs.append(-1)
                    if seenWords.insert(term).inserted, let (word, stem) = Word.split(term) { words[word, default: []].insert(stem) }
                    continue
                }
                if let id = ids[term] {
                    termIDs.append(id)
                    counts[Int(id)] += 1
                } else {
                    let id = Int32(terms.count)
                    ids[term] = id
                    terms.append(term)
                    counts.append(1)
                    termIDs.append(id)
                }
            }
        }
        starts = [0]
        starts.reserveCapacity(terms.count + 1)
        for count in counts { starts.append(starts[starts.count - 1] + count) }
        var next = Array(starts.dropLast())
        documents = Array(repeating: 0, count: termIDs.count)
        weights = Array(repeating: 0, count: termIDs.count)
        var position = 0
        for (doc, document) in analysed.enumerated() {
            for weight in document.weights {
                let term = Int(termIDs[position])
                if term < 0 {
                    position += 1
                    continue
                }
                documents[next[term]] = Int32(doc)
                weights[next[term]] = weight
                next[term] += 1
                position += 1
            }
        }
    }

    /// The postings of a term, in document order.
    func postings(of term: Int) -> some Collection<(doc: Int, weight: Double)> {
        (starts[term]..<starts[term + 1]).lazy.map { (Int(documents[$0]), weights[$0]) }
    }

    /// The shards of the index: terms and words grouped by `SearchIndexBuilder.shardKey`, keys in ascending
    /// order, each shard's term ids in ascending order of the terms, its words in ascending order.
    func shards() -> [(key: String, terms: [Int], words: [String])] {
        var byKey: [String: (terms: [Int], words: [String])] = [:]
        for (id, term) in terms.enumerated() { byKey[SearchIndexBuilder.shardKey(term), default: ([], [])].terms.append(id) }
        for word in words.keys { byKey[SearchIndexBuilder.shardKey(word), default: ([], [])].words.append(word) }
        return byKey.sorted { $0.key < $1.key }.map { key, shard in (key, shard.terms.sorted { terms[$0] < terms[$1] }, shard.words.sorted()) }
    }
}
