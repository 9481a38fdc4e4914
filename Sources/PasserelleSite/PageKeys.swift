import PasserelleContent
import PasserelleCore
import PasserelleMatching

/// What a page shows, named without making its view model: the items whose data it holds. Its inputs key is
/// made from these and from what every page of its edition depends on.
enum PageInputs: Sendable {
    /// Only what every page of the edition shows (menu, footer, pages and sections, the counts).
    case edition
    /// The search page: the edition and the search index's manifest.
    case search
    case home
    case talent(String)
    case vacancy(String)
    case employer(String)
    /// A listing page: its cards in order, and whether it carries the search index's manifest (talent filters).
    case cards([Card], search: Bool)

    enum Card: Sendable {
        case talent(String)
        case vacancy(String)
        case employer(String)
    }
}

/// The fingerprint of every talent, vacancy and employer of the content, by slug, made from its files' stamps
/// (the item's own file and its translations'), and the fingerprint of every other input of the build: a page
/// whose items and edition are as in the last build is the same page.
struct SourceFingerprints: Sendable {
    var talents: [String: Fingerprint] = [:]
    var vacancies: [String: Fingerprint] = [:]
    var employers: [String: Fingerprint] = [:]
    /// The settings and every input file that is no talent, vacancy or employer (site.yml, skills.yml, pages,
    /// media, the themes): every page depends on them.
    var shared = Fingerprint(high: 0, low: 0)

    /// `recent`: files modified at or after the last build's scan may have changed again within the same clock
    /// tick, so their stamp says nothing: they count as changed.
    init(_ content: Content, inputs: [String: FileStamp], settings: Fingerprint, recent: Int64?) {
        var itemFiles = Set<String>()
        func stamp(_ path: String, into hasher: inout StableHasher) {
            hasher.combine(path)
            if let stamp = inputs[path], recent.map({ stamp.modified < $0 }) ?? true {
                hasher.combine(UInt64(bitPattern: stamp.size))
                hasher.combine(UInt64(bitPattern: stamp.seconds))
                hasher.combine(UInt64(bitPattern: stamp.nanoseconds))
                hasher.combine(stamp.inode)
            } else {
                // No stamp to trust: a value no build gives again.
                hasher.combine(UInt64.random(in: 0...UInt64.max))
            }
        }
        func fingerprint<Item: Translatable>(_ item: Item) -> Fingerprint {
            var hasher = StableHasher()
            var paths = [item.source.path]
            paths += item.translations.values.map(\.source.path).sorted()
            for path in paths {
                stamp(path, into: &hasher)
                itemFiles.insert(path)
            }
            return hasher.finalize()
        }
        for talent in content.talents { talents[talent.slug] = fingerprint(talent) }
        for vacancy in content.vacancies { vacancies[vacancy.slug] = fingerprint(vacancy) }
        for employer in content.employers { employers[employer.slug] = fingerprint(employer) }
        var files = SetFingerprint()
        for path in inputs.keys where !itemFiles.contains(path) {
            var hasher = StableHasher()
            stamp(path, into: &hasher)
            files.insert(hasher.finalize())
        }
        var hasher = StableHasher()
        hasher.combine(settings)
        hasher.combine(files.value)
        shared = hasher.finalize()
    }
}

/// Every page's inputs key in one edition: equal keys, equal pages. Made from the edition's shared inputs and
/// the fingerprints of the items the page shows (`PageInputs`), and of the items those name: a vacancy card
/// shows its employer's name, a talent page its matches' vacancies, a vacancy page its ranked talents, an
/// employer its open vacancies. Match rows need no fingerprint of their own: a pair's row is made from the two
/// items and the shared inputs alone, so the list of who is ranked, in order, says the rest.
struct PageKeys: Sendable {
    let sources: SourceFingerprints
    let edition: Fingerprint
    let manifest: String?
    let matches: MatchRanking?
    let featured: [String]
    let firstVacancies: [String]
    /// Employer slug → its open vacancies in the edition, in order.
    let openVacancies: [String: [String]]
    /// Vacancy slug → its employer's slug.
    let employerOf: [String: String]

    init(sources: SourceFingerprints, language: String, knownLinks: Set<String>, publication: Publication,
         featured: [String], matches: MatchRanking?, manifest: String?) {
        self.sources = sources
        self.matches = matches
        self.manifest = manifest
        var hasher = StableHasher()
        hasher.combine(sources.shared)
        hasher.combine(language)
        // Which items the market publishes: links to them, counts and listings' page counts.
        var links = SetFingerprint()
        for link in knownLinks { links.insert(Fingerprint.of(link)) }
        hasher.combine(links.value)
        // A skill is shown as the first spelling met among all items unless skills.yml names it.
        for (key, name) in publication.skillNames.sorted(by: { $0.key < $1.key }) {
            hasher.combine(key)
            hasher.combine(name)
        }
        edition = hasher.finalize()
        let chosen = featured.filter { publication.talentPositions[$0] != nil }
        self.featured = chosen.isEmpty ? publication.talents.prefix(4).map(\.slug) : chosen
        firstVacancies = publication.vacancies.prefix(4).map(\.slug)
        var open: [String: [String]] = [:]
        var employerOf: [String: String] = [:]
        for vacancy in publication.vacancies {
            open[vacancy.employer, default: []].append(vacancy.slug)
            employerOf[vacancy.slug] = vacancy.employer
        }
        openVacancies = open
        self.employerOf = employerOf
    }

    func key(_ inputs: PageInputs, template: String, link: String) -> Fingerprint {
        var hasher = StableHasher()
        hasher.combine(edition)
        hasher.combine(template)
        hasher.combine(link)
        switch inputs {
        case .edition:
            break
        case .search:
            hasher.combine(manifest ?? "")
        case .home:
            for slug in featured { talent(slug, into: &hasher) }
            for slug in firstVacancies { vacancy(slug, into: &hasher) }
        case let .talent(slug):
            talent(slug, into: &hasher)
            for listed in matches?.vacancySlugs(forTalent: slug) ?? [] { vacancy(listed, into: &hasher) }
        case let .vacancy(slug):
            vacancy(slug, into: &hasher)
            for listed in matches?.talentSlugs(forVacancy: slug) ?? [] { talent(listed, into: &hasher) }
        case let .employer(slug):
            employer(slug, into: &hasher)
        case let .cards(cards, search):
            if search { hasher.combine(manifest ?? "") }
            for card in cards {
                switch card {
                case let .talent(slug): talent(slug, into: &hasher)
                case let .vacancy(slug): vacancy(slug, into: &hasher)
                case let .employer(slug): employer(slug, into: &hasher)
                }
            }
        }
        return hasher.finalize()
    }

    private func item(_ slug: String, _ fingerprints: [String: Fingerprint], into hasher: inout StableHasher) {
        hasher.combine(slug)
        hasher.combine(fingerprints[slug] ?? Fingerprint(high: 0, low: 0))
    }

    private func talent(_ slug: String, into hasher: inout StableHasher) { item(slug, sources.talents, into: &hasher) }

    /// A vacancy as a card shows it: with its employer's name.
    private func vacancy(_ slug: String, into hasher: inout StableHasher) {
        item(slug, sources.vacancies, into: &hasher)
        if let employer = employerOf[slug] { item(employer, sources.employers, into: &hasher) }
    }

    /// An employer with its open vacancies (counted on its card, listed on its page).
    private func employer(_ slug: String, into hasher: inout StableHasher) {
        item(slug, sources.employers, into: &hasher)
        let open = openVacancies[slug] ?? []
        hasher.combine(open.count)
        for vacancy in open { item(vacancy, sources.vacancies, into: &hasher) }
    }
}

/// A fingerprint of a set, whatever the order its members come in: the sum of theirs (no sorting needed).
struct SetFingerprint {
    private var high: UInt64 = 0
    private var low: UInt64 = 0
    private var count: UInt64 = 0

    mutating func insert(_ member: Fingerprint) {
        high &+= member.high
        low &+= member.low
        count &+= 1
    }

    var value: Fingerprint {
        var hasher = StableHasher()
        hasher.combine(high)
        hasher.combine(low)
        hasher.combine(count)
        return hasher.finalize()
    }
}
