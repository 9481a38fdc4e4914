/// One document's postings as the index reads them: its distinct terms with their field-weighted frequencies,
/// and its weighted length. Small and independent of the other documents, so that a build can keep it and,
/// on the next build, skip analysing a document whose text did not change.
public struct AnalysedDocument: Sendable, Equatable {
    /// What the analysis read: the document's kind, language and fields, and the index's language and skill
    /// aliases. Equal fingerprints give equal postings.
    public let fingerprint: UInt64
    /// The document's distinct terms, in ascending order.
    public let terms: [String]
    /// For each term, the sum of the boosts of the fields it occurs in, once per occurrence.
    public let weights: [Double]
    /// The number of terms of each field times its boost, summed: BM25's document length.
    public let length: Double
    /// 1 for a document in the index's language, less for one written in another language.
    public let factor: Double
}

/// FNV-1a over 64 bits, fed piece by piece: fingerprints of what a document's postings depend on.
struct Fingerprint {
    private(set) var value: UInt64 = 0xcbf29ce484222325

    mutating func add(_ text: String) {
        for byte in text.utf8 { value = (value ^ UInt64(byte)) &* 0x100000001b3 }
        // A separator that UTF-8 text never holds, so that "ab" + "c" differs from "a" + "bc".
        value = (value ^ 0xff) &* 0x100000001b3
    }

    mutating func add(_ number: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { value = (value ^ ((number >> UInt64(shift)) & 0xff)) &* 0x100000001b3 }
    }
}

extension SearchDocument {
    /// The fingerprint of what this document's postings depend on, within an index whose own settings
    /// (language, aliases) fingerprint as `context`.
    func postingsFingerprint(context: UInt64) -> UInt64 {
        var hash = Fingerprint()
        hash.add(context)
        hash.add(kind.rawValue)
        hash.add(language ?? "")
        for field in fields {
            hash.add(field.boost.bitPattern)
            hash.add(field.text)
        }
        return hash.value
    }
}
