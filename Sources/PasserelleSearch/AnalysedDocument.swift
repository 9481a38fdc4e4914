import PasserelleCore

/// One document's postings as the index reads them: its distinct terms with their field-weighted frequencies,
/// and its weighted length. Small and independent of the other documents, so that a build can keep it and,
/// on the next build, skip analysing a document whose text did not change.
public struct AnalysedDocument: Sendable, Equatable {
    /// What the analysis read: the document's kind, language and fields, and the index's language and skill
    /// aliases. Equal fingerprints give equal postings.
    public let fingerprint: Fingerprint
    /// The document's distinct terms, in the order they first occur in its fields.
    public let terms: [String]
    /// For each term, the sum of the boosts of the fields it occurs in, once per occurrence.
    public let weights: [Double]
    /// The number of terms of each field times its boost, summed: BM25's document length.
    public let length: Double
    /// 1 for a document in the index's language, less for one written in another language.
    public let factor: Double

    public init(fingerprint: Fingerprint, terms: [String], weights: [Double], length: Double, factor: Double) {
        self.fingerprint = fingerprint
        self.terms = terms
        self.weights = weights
        self.length = length
        self.factor = factor
    }
}

extension SearchDocument.Field {
    /// The fingerprint of the field's text as written in `language`: the key of its terms in `AnalysedTexts`.
    func textFingerprint(language: String) -> Fingerprint {
        var hasher = StableHasher()
        hasher.combine(language)
        hasher.combine(text)
        return hasher.finalize()
    }
}

extension SearchDocument {
    /// The fingerprint of what this document's postings depend on, within an index whose own settings
    /// (language, aliases) fingerprint as `context`, given its fields' text fingerprints.
    func postingsFingerprint(context: Fingerprint, fieldTexts: [Fingerprint]) -> Fingerprint {
        var hasher = StableHasher()
        hasher.combine(context)
        hasher.combine(kind.rawValue)
        hasher.combine(language ?? "")
        hasher.combine(fields.count)
        for (field, text) in zip(fields, fieldTexts) {
            hasher.combine(field.boost.bitPattern)
            hasher.combine(text)
        }
        return hasher.finalize()
    }
}
