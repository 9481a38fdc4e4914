import PasserelleCore

/// Markdown text with the file line it starts on, so that later stages can point into the file.
public struct MarkdownSource: Sendable, Hashable {
    public var text: String
    public var line: Int
    /// The file the text is in when it is not the item's own (a translation file).
    public var file: String? = nil

    /// The column of the text's first character when the text is a JSON string, which sits on one line however
    /// many lines it holds (`\n` escapes); nil when the text's lines are the file's.
    public var column: Int? = nil

    public init(_ text: String, line: Int) {
        self.text = text
        self.line = line
    }

    /// The text of a JSON string value found at `location` (its opening quote).
    public init(jsonString text: String, at location: SourceLocation) {
        self.text = text
        self.line = location.line
        self.column = location.column + 1
    }

    /// Where a position of the text (1-based line, column in Unicode scalars) is in its file. In a JSON string,
    /// the characters before it are counted as JSON writes them (`\n` and `\"` take two).
    public func location(line: Int, column: Int) -> SourceLocation {
        locations([(line, column)])[0]
    }

    /// The places of several positions, in their order, reading the text once for all of them.
    public func locations(_ positions: [(line: Int, column: Int)]) -> [SourceLocation] {
        guard let start = self.column else { return positions.map { SourceLocation(line: self.line + $0.line - 1, column: $0.column) } }
        let order = positions.indices.sorted { (positions[$0].line, positions[$0].column) < (positions[$1].line, positions[$1].column) }
        var result = positions.map { _ in SourceLocation(line: self.line, column: start) }
        var scalars = text.unicodeScalars.makeIterator()
        var offset = 0
        var currentLine = 1
        var currentColumn = 1
        for index in order {
            let (line, column) = positions[index]
            while currentLine < line || (currentLine == line && currentColumn < column), let scalar = scalars.next() {
                switch scalar {
                case "\"", "\\", "\n", "\r", "\t", "\u{08}", "\u{0C}": offset += 2
                case _ where scalar.value < 0x20: offset += 6
                default: offset += 1
                }
                if scalar == "\n" { currentLine += 1; currentColumn = 1 } else { currentColumn += 1 }
            }
            result[index] = SourceLocation(line: self.line, column: start + offset)
        }
        return result
    }
}

/// Where an item was read from: the path as shown in messages, and the format.
public struct SourceFile: Sendable, Hashable {
    public enum Format: String, Sendable { case markdown, json, jsonResume = "json-resume" }
    public var path: String
    public var format: Format
}

/// A skill as written by a talent or required by a vacancy.
public struct Skill: Sendable, Hashable {
    public var name: String
    /// ESCO skill URI, when the author gave one.
    public var esco: String?
    /// Free text level ("advanced", "3 years"...).
    public var level: String?

    public init(name: String, esco: String? = nil, level: String? = nil) {
        self.name = name
        self.esco = esco
        self.level = level
    }
}

/// A language and a CEFR level: what a talent speaks, or the minimum a vacancy requires.
public struct LanguageLevel: Sendable, Hashable {
    /// ISO 639-1 code.
    public var code: String
    public var level: CEFRLevel
}

/// A video CV: a file under media/, or a YouTube or Vimeo video shown behind a click-to-load facade.
public enum VideoLink: Sendable, Hashable {
    case media(path: String)
    case youtube(id: String)
    case vimeo(id: String)
}

/// A talent's public profile. Private keys (email, phone, street address) are read, checked and never kept.
///
/// A value type whose fields live in one shared box, copied only when a copy is changed: a talent is passed
/// around, sorted, filtered and kept in lists by every stage, and copying its twenty-odd fields each time (a
/// reference count for each) was a large part of a rebuild's time. Its fields read and write as its own
/// (`talent.name`), through `Fields`.
@dynamicMemberLookup
public struct Talent: Sendable, Equatable {
    public struct Fields: Sendable, Equatable {
        public var slug: String
        public var source: SourceFile
        public var name: String
        public var headline: String
        /// Path under Content/, e.g. `media/talents/amal.jpg`.
        public var photo: String?
        public var city: String?
        public var country: String
        public var programme: String?
        public var sectors: [String]
        public var occupation: String?
        public var skills: [Skill]
        public var languages: [LanguageLevel]
        public var mobility: [String]
        public var availableFrom: Day?
        public var experienceYears: Double?
        public var video: VideoLink?
        public var linkedin: String?
        public var consent: Bool
        /// The introduction followed by the CV.
        public var body: MarkdownSource
        /// The language the file is written in (`lang:`, or recognised from its text); nil means the site's first language.
        public var language: String? = nil
        /// Translations by language code.
        public var translations: [String: Translation] = [:]
        /// The same whenever the item is: see `ContentFingerprints`.
        public var fingerprint = Fingerprint(high: 0, low: 0)
    }

    @usableFromInline final class Box: @unchecked Sendable {
        @usableFromInline var fields: Fields
        @usableFromInline init(_ fields: Fields) { self.fields = fields }
    }

    @usableFromInline var box: Box

    public init(slug: String, source: SourceFile, name: String, headline: String, photo: String?, city: String?, country: String,
                programme: String?, sectors: [String], occupation: String?, skills: [Skill], languages: [LanguageLevel],
                mobility: [String], availableFrom: Day?, experienceYears: Double?, video: VideoLink?, linkedin: String?,
                consent: Bool, body: MarkdownSource, language: String? = nil, translations: [String: Translation] = [:],
                fingerprint: Fingerprint = Fingerprint(high: 0, low: 0)) {
        box = Box(Fields(slug: slug, source: source, name: name, headline: headline, photo: photo, city: city, country: country,
                         programme: programme, sectors: sectors, occupation: occupation, skills: skills, languages: languages,
                         mobility: mobility, availableFrom: availableFrom, experienceYears: experienceYears, video: video,
                         linkedin: linkedin, consent: consent, body: body, language: language, translations: translations,
                         fingerprint: fingerprint))
    }

    /// A field; a change first copies the box when another talent value shares it.
    @inlinable public subscript<Value>(dynamicMember field: WritableKeyPath<Fields, Value>) -> Value {
        get { box.fields[keyPath: field] }
        set {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            box.fields[keyPath: field] = newValue
        }
    }

    // What `Translatable` asks for by name.
    public var language: String? { get { self[dynamicMember: \.language] } set { self[dynamicMember: \.language] = newValue } }
    public var translations: [String: Translation] {
        get { self[dynamicMember: \.translations] }
        set { self[dynamicMember: \.translations] = newValue }
    }
    public var source: SourceFile { self[dynamicMember: \.source] }
    public var body: MarkdownSource { get { self[dynamicMember: \.body] } set { self[dynamicMember: \.body] = newValue } }

    public static func == (a: Talent, b: Talent) -> Bool { a.box === b.box || a.box.fields == b.box.fields }
}

public enum EmploymentType: String, Sendable, CaseIterable {
    case fullTime = "FULL_TIME", partTime = "PART_TIME", contractor = "CONTRACTOR", temporary = "TEMPORARY", intern = "INTERN"
}

public enum SalaryUnit: String, Sendable, CaseIterable {
    case hour = "HOUR", month = "MONTH", year = "YEAR"
}

public struct Salary: Sendable, Hashable {
    public var min: Double?
    public var max: Double?
    /// ISO 4217 code, e.g. EUR, MAD.
    public var currency: String
    public var unit: SalaryUnit
}

/// A job offer from an employer.
public struct Vacancy: Sendable, Equatable {
    public var slug: String
    public var source: SourceFile
    public var title: String
    /// An employer slug when `employers/<slug>.md` exists, otherwise the employer's name as written.
    public var employer: String
    public var employerLocation: SourceLocation
    public var city: String?
    public var country: String
    public var sector: String?
    public var occupation: String?
    public var requiredSkills: [Skill]
    public var preferredSkills: [Skill]
    public var languages: [LanguageLevel]
    public var experienceYears: Double?
    public var employmentType: EmploymentType?
    public var start: Day?
    public var validThrough: Day?
    public var salary: Salary?
    public var description: MarkdownSource
    /// The language the file is written in (`lang:`, or recognised from its text); nil means the site's first language.
    public var language: String? = nil
    /// Translations by language code.
    public var translations: [String: Translation] = [:]
    /// The same whenever the item is: see `ContentFingerprints`.
    public var fingerprint = Fingerprint(high: 0, low: 0)
}

/// An organisation that publishes vacancies.
public struct Employer: Sendable, Equatable {
    public var slug: String
    public var source: SourceFile
    public var name: String
    public var city: String?
    public var country: String
    public var website: String?
    public var sector: String?
    public var logo: String?
    public var body: MarkdownSource
    /// The language the file is written in (`lang:`, or recognised from its text); nil means the site's first language.
    public var language: String? = nil
    /// Translations by language code.
    public var translations: [String: Translation] = [:]
    /// The same whenever the item is: see `ContentFingerprints`.
    public var fingerprint = Fingerprint(high: 0, low: 0)
}

/// A project, news or about page; its folder under pages/ is its URL path.
public struct Page: Sendable, Equatable {
    /// Folders and slug: `pages/projects/palim.md` is `["projects", "palim"]`; `index.md` drops its slug.
    public var path: [String]
    public var source: SourceFile
    public var title: String
    public var date: Day?
    public var summary: String?
    public var image: String?
    public var draft: Bool
    public var weight: Int?
    public var menu: Bool
    public var body: MarkdownSource
    /// True for `index.md`: the page of its folder.
    public var isIndex: Bool
    /// The language the file is written in (`lang:`, or recognised from its text); nil means the site's first language.
    public var language: String? = nil
    /// Translations by language code.
    public var translations: [String: Translation] = [:]
    /// The same whenever the item is: see `ContentFingerprints`.
    public var fingerprint = Fingerprint(high: 0, low: 0)
}

/// How matching is scored and shown: site.yml `matching:`.
public struct MatchingSettings: Sendable, Hashable {
    /// Weight of each part of the score; the score is the weighted share of the total, 0 to 100.
    public var weights: MatchWeights
    /// How many matches a vacancy or talent page shows.
    public var top: Int
    /// False hides matches on the site (the `match` command still works).
    public var show: Bool

    public init(weights: MatchWeights = MatchWeights(), top: Int = 10, show: Bool = true) {
        self.weights = weights
        self.top = top
        self.show = show
    }
}

/// The weights of the parts of the match score other than required skills, in one place.
///
/// Required skills set the score's tier: each one met is worth as much as all these parts together,
/// so a talent with more required skills always ranks higher. These weights order talents within a tier:
/// preferred skills weigh most, then occupation, experience, availability and sector.
public struct MatchWeights: Sendable, Hashable {
    public var preferredSkills: Double = 40
    public var occupation: Double = 20
    public var experience: Double = 18
    public var availability: Double = 14
    public var sector: Double = 8

    public init() {}

    /// The names used in site.yml, in order of weight.
    public static let keys = ["preferred_skills", "occupation", "experience", "availability", "sector"]

    public subscript(key: String) -> Double {
        get {
            switch key {
            case "preferred_skills": return preferredSkills
            case "occupation": return occupation
            case "experience": return experience
            case "availability": return availability
            default: return sector
            }
        }
        set {
            switch key {
            case "preferred_skills": preferredSkills = newValue
            case "occupation": occupation = newValue
            case "experience": experience = newValue
            case "availability": availability = newValue
            default: sector = newValue
            }
        }
    }

    public var total: Double { preferredSkills + occupation + experience + availability + sector }
}

/// site.yml
public struct SiteConfig: Sendable {
    public var title: String
    /// The description in the site's first language.
    public var description: String?
    /// The description per language code, when site.yml gives one per language.
    public var descriptions: [String: String] = [:]
    public var baseURL: String
    public var languages: [String]
    public var theme: String
    /// Talent slugs shown first on the home page.
    public var featured: [String]
    /// Cards per page of a listing (`/talents/`, `/talents/page/2/`...): `page_size`.
    public var pageSize = SiteConfig.defaultPageSize
    /// 24 fills whole rows of a grid of 2, 3 or 4 columns and keeps a page of talent cards near 40 kB.
    public static let defaultPageSize = 24
    public var matching: MatchingSettings
    /// One platform per destination market; empty builds one site for all.
    public var markets: [Market] = []
    /// Keys that content files may hold but the site never publishes (`private:`), beside email and phone.
    public var privateKeys: [String] = []
    public var source: String
    public var locations: [String: SourceLocation]

    /// The description a reader of `language` sees: its own, else the first language's.
    public func description(in language: String) -> String? { descriptions[language] ?? description }
}

/// A file under media/ whose bytes are of an allowed type: images are published without their metadata,
/// videos and PDFs as they are.
public struct MediaFile: Sendable, Hashable {
    /// Path relative to Content/, e.g. `media/talents/amal.png`.
    public var path: String
    public var type: MediaType

    public init(path: String, type: MediaType) {
        self.path = path
        self.type = type
    }
}

/// A file that was read but not published, with the reason, so nothing disappears silently.
public struct SkippedFile: Sendable, Hashable, Codable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

/// Everything read from a Content/ folder, before the site is put together.
public struct Content: Sendable {
    public var site: SiteConfig?
    public var talents: [Talent] = []
    public var vacancies: [Vacancy] = []
    public var employers: [Employer] = []
    public var pages: [Page] = []
    public var media: [MediaFile] = []
    /// Files under media/ refused with an error at the file (their type, or their name): nothing that names them
    /// is reported again.
    public var refusedMedia: Set<String> = []
    /// Content/skills.yml's skills and every skill name talents and vacancies write, each spelling folded once.
    public var skills = SkillVocabulary()
    /// Content/occupations.yml's occupations; empty without the file.
    public var occupations = OccupationVocabulary()
    public var skipped: [SkippedFile] = []
    public var diagnostics = DiagnosticLog()
    /// Every file found under the content folder, as messages name them, so that a report can account for each.
    public var files: [String] = []
    /// site.yml and skills.yml, when present: files that shape the whole site rather than pages of their own.
    public var settingsFiles: [String] = []
    /// Every file under media/ a content file names (photo, logo, image, video), kept whether or not that file
    /// could be read in full, so that a missing one is reported with the file's other messages.
    public var mediaReferences: [MediaReference] = []
    public var root: String

    public init(root: String) {
        self.root = root
    }
}

/// A file under media/ named by a content file, with the place it is named at.
public struct MediaReference: Sendable, Hashable {
    public var file: String
    public var location: SourceLocation
    public var path: String
    /// What the file is for: photo, logo, image or video.
    public var role: String
}
