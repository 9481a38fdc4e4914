/// The occupations of Content/occupations.yml, so that a nurse is one occupation whether a file says "nurse",
/// "verpleegkundige", "infirmière" or "ممرضة": each has an id, its labels and everyday synonyms per language
/// (the first of a language is the one shown; masculine, feminine and everyday forms follow), its ISCO-08 code
/// and its ESCO occupation. Talents and vacancies name theirs by id, by any label or by the ESCO address; the
/// loader turns each into the occupation's id, which matching, search and pages then share.
public struct OccupationVocabulary: Sendable, Equatable {
    public struct Occupation: Sendable, Equatable {
        /// A slug: `nurse`, `software-developer`.
        public var id: String
        /// The ISCO-08 unit group, four digits.
        public var isco: String?
        /// The ESCO occupation's address (`http://data.europa.eu/esco/occupation/…`).
        public var esco: String?
        /// Language code → labels, the one shown first.
        public var labels: [String: [String]]

        public init(id: String, isco: String? = nil, esco: String? = nil, labels: [String: [String]]) {
            self.id = id
            self.isco = isco
            self.esco = esco
            self.labels = labels
        }

        /// The label shown to a reader of `language`: that language's first, else `fallback`'s, else the id.
        public func label(in language: String, fallback: String) -> String {
            labels[language]?.first ?? labels[fallback]?.first ?? labels.keys.sorted().first.flatMap { labels[$0]?.first } ?? id
        }
    }

    public private(set) var occupations: [Occupation] = []
    /// Folded id, label or ESCO address → the occupation's place.
    private var byName: [String: Int] = [:]
    private var byID: [String: Int] = [:]

    public init(_ occupations: [Occupation] = []) {
        for occupation in occupations {
            let place = self.occupations.count
            self.occupations.append(occupation)
            if byID[occupation.id] == nil { byID[occupation.id] = place }
            for name in [occupation.id] + occupation.labels.values.flatMap({ $0 }) where byName[SkillName.fold(name)] == nil {
                byName[SkillName.fold(name)] = place
            }
            if let esco = occupation.esco { byName[esco] = place }
        }
    }

    public var isEmpty: Bool { occupations.isEmpty }

    /// The occupation a file names: by its id, any of its labels (case, accents and punctuation aside) or its
    /// ESCO address.
    public func occupation(named name: String) -> Occupation? {
        (byName[name] ?? byName[SkillName.fold(name)]).map { occupations[$0] }
    }

    /// The occupation of an id the loader settled on.
    public func occupation(id: String) -> Occupation? {
        byID[id].map { occupations[$0] }
    }

    /// What the vocabulary says, for the fingerprints of what depends on it.
    public var fingerprint: Fingerprint {
        var hasher = StableHasher()
        hasher.combine(occupations.count)
        for occupation in occupations {
            for text in [occupation.id, occupation.isco ?? "\u{0}", occupation.esco ?? "\u{0}"] { hasher.combine(text) }
            for (language, labels) in occupation.labels.sorted(by: { $0.key < $1.key }) {
                hasher.combine(language)
                hasher.combine(labels.count)
                for label in labels { hasher.combine(label) }
            }
        }
        return hasher.finalize()
    }
}
