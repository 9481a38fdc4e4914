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

        public init(_ text: String, boost: Double) {
            self.text = text
            self.boost = boost
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

    public init() {}
}
