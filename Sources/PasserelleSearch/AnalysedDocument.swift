import PasserelleCore

/// One document's postings as the index reads them: its distinct terms with their field-weighted frequencies,
/// and its weighted length. Small and independent of the other documents, so that a build can keep it and,
/// on the next build, skip analysing a document whose text did not change.
public struct AnalysedDocument: Sendable, Equatable {
    /// What the document was made from (its key in the `DocumentSource`, with the source's context) and the
    /// index's language and skill aliases. Equal fingerprints give equal postings, records and filter values.
    public let fingerprint: Fingerprint
    /// The document's distinct terms, in the order they first occur in its fields.
    public let terms: [String]
    /// For each term, the sum of the boosts of the fields it occurs in, once per occurrence.
    public let weights: [Double]
    /// The number of terms of each field times its boost, summed: BM25's document length.
    public let length: Double
    /// 1 for a document in the index's language, less for one written in another language.
    public let factor: Double
    /// The fingerprint of the document's filter values (`SearchFacets.fingerprint`), with its kind.
    public let facets: Fingerprint

    public init(fingerprint: Fingerprint, terms: [String], weights: [Double], length: Double, factor: Double,
                facets: Fingerprint = Fingerprint(high: 0, low: 0)) {
        self.fingerprint = fingerprint
        self.facets = facets
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
