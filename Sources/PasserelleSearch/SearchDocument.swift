import PasserelleCore


/// One page as the search sees it: weighted text fields, a small record for the result list, and the
/// values recruiters filter on.
public struct SearchDocument: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case talent, vacancy, employer, page
    }

    /// A piece of text and how much a match in it counts: names, titles and skills above headlines,
    /// headlines above body text.
    public struct Field: Sendable {
        public var text: String
        public var boost: Double
        /// The language this text is written in when it is not the document's (a translation, an occupation's
        /// label in another language): it is stemmed in that language.
        public var language: String?
        /// Names the item is known by in every language (an occupation's labels): counted in full in every
        /// language's index, and left out of the document's length (they are facts, not text).
        public var isLabel = false

        public init(_ text: String, boost: Double, language: String? = nil, isLabel: Bool = false) {
            self.text = text
            self.boost = boost
            self.language = language
            self.isLabel = isLabel
        }

        /// Labels in one language: the first, the one shown, counts most, the others (other forms, everyday
        /// words) half as much; an occupation named outweighs a word a text mentions.
        public static func labels(_ labels: [String], language: String) -> [Field] {
            guard let first = labels.first else { return [] }
            return [Field(first, boost: 8, language: language, isLabel: true)]
                + (labels.count > 1 ? [Field(labels.dropFirst().joined(separator: ", "), boost: 4, language: language, isLabel: true)] : [])
        }

        public static func title(_ text: String) -> Field { Field(text, boost: 3) }
        public static func skills(_ text: String) -> Field { Field(text, boost: 3) }
        public static func headline(_ text: String) -> Field { Field(text, boost: 2) }
        public static func facts(_ text: String) -> Field { Field(text, boost: 1.5) }
        public static func body(_ text: String) -> Field { Field(text, boost: 1) }
    }

    public var kind: Kind
    public var url: String
    public var title: String
    /// One line under the title in the results.
    public var summary: String
    /// Text the result's excerpt is cut from, with the matched words highlighted.
    public var excerpt: String
    public var thumbnail: String?
    public var initials: String?
    public var fields: [Field]
    public var facets: SearchFacets
    /// The language the text is written in, whose stemmer indexes it; nil is the index's language.
    public var language: String? = nil
    /// What a result names when a query word matched it: its skills and its occupation.
    public var reasons: [Reason] = []

    /// A skill or an occupation a result names as the reason it matched, when one of the query's terms is among
    /// the terms of its texts (its names in every language, stemmed as the document's fields are).
    public struct Reason: Sendable {
        public enum Kind: String, Sendable {
            case skill = "s", occupation = "o"
        }
        public var kind: Kind
        /// The name shown, in the index's language.
        public var label: String
        public var texts: [Field]

        public init(kind: Kind, label: String, texts: [Field]) {
            self.kind = kind
            self.label = label
            self.texts = texts
        }
    }

    public init(kind: Kind, url: String, title: String, summary: String, excerpt: String, thumbnail: String? = nil,
                initials: String? = nil, fields: [Field], facets: SearchFacets = SearchFacets(), language: String? = nil) {
        self.kind = kind
        self.url = url
        self.title = title
        self.summary = summary
        self.excerpt = excerpt
        self.thumbnail = thumbnail
        self.initials = initials
        self.fields = fields
        self.facets = facets
        self.language = language
    }
}

/// What a document can be filtered on. Values are codes (`ict`, `BE`, `nl`); labels come with the index.
public struct SearchFacets: Sendable {
    public var sectors: [String] = []
    public var skills: [String] = []
    /// Language code → level, 1 (A1) to 7 (native speaker): what a talent speaks, or the minimum a vacancy asks.
    public var languages: [String: Int] = [:]
    /// A talent's mobility countries, a vacancy's or an employer's country.
    public var countries: [String] = []
    public var programme: String?
    /// A talent's first day available.
    public var availableFrom: Day?
    /// The occupations.yml ids of a talent's or vacancy's occupation.
    public var occupations: [String] = []

    public init() {}
}
