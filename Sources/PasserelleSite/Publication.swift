import PasserelleContent
import PasserelleCore

extension SiteConfig {
    /// The market `--market NAME` asks for; nil, with the error, when site.yml has none of that name.
    func market(named name: String, diagnostics: inout DiagnosticLog) -> Market? {
        if let market = markets.first(where: { $0.slug == name }) { return market }
        diagnostics.error(source, locations["markets"] ?? .start, "--market \(name): site.yml has no such market",
                          expected: markets.isEmpty ? "a markets: section in site.yml" : "one of \(markets.map(\.slug).joined(separator: ", "))")
        return nil
    }
}

/// The enrich stage: decides what is published at the build's date and links items together.
///
/// A talent needs `consent: true`; a vacancy is open until its `valid_through` day has passed;
/// drafts are published only when asked. Everything else is listed as skipped, with the reason.
struct Publication {
    var talents: [Talent] = []
    var vacancies: [Vacancy] = []
    var employers: [Employer] = []
    var pages: [Page] = []
    /// Folders of pages (`["news"]`, `["projects"]`) that get a listing page.
    var sections: [[String]] = []
    var skipped: [SkippedFile] = []
    var employersBySlug: [String: Employer] = [:]
    /// Slug → the talent's place in `talents`, and the same for vacancies: lookups that copy no item.
    var talentPositions: [String: Int] = [:]
    var vacancyPositions: [String: Int] = [:]
    /// Employer slug (or name as written) → the places of its vacancies in `vacancies`, in order.
    var vacanciesByEmployer: [String: [Int]] = [:]
    /// Skill key (`SkillVocabulary.key`) → the name filters show: the skills.yml name when one applies, else the
    /// first spelling met.
    var skillNames: [String: String] = [:]
    /// Every skill spelling of the content, folded once by the loader.
    var skills = SkillVocabulary()
    /// Skill key → its name in the reader's language, once localised (skills.yml).
    var skillLabels: [String: String] = [:]
    /// occupations.yml's occupations: an item's `occupation` is one's id, or an ESCO address it does not list.
    var occupations = OccupationVocabulary()

    init(content: Content, today: Day, includeDrafts: Bool, diagnostics: inout DiagnosticLog) {
        for talent in content.talents {
            if talent.consent { talents.append(talent) }
            else { skipped.append(SkippedFile(path: talent.source.path, reason: "no consent (consent: true is needed to publish)")) }
        }
        talents = talents.sorted(byKey: { ($0.name.lowercased(), $0.slug) }, <)

        for vacancy in content.vacancies {
            if let end = vacancy.validThrough, end < today {
                skipped.append(SkippedFile(path: vacancy.source.path, reason: "expired (valid_through \(end) is before \(today))"))
            } else {
                vacancies.append(vacancy)
            }
        }
        vacancies = vacancies.sorted(byKey: { ($0.validThrough?.description ?? "9999", $0.title, $0.slug) }, <)

        employers = content.employers.sorted(byKey: { ($0.name.lowercased(), $0.slug) }, <)
        occupations = content.occupations
        reindex()

        for page in content.pages {
            if page.draft && !includeDrafts {
                skipped.append(SkippedFile(path: page.source.path, reason: "draft (built with --drafts)"))
                continue
            }
            let taken = Routes.reserved.union(content.site?.languages ?? []).union(content.site?.markets.map(\.slug) ?? [])
            if let first = page.path.first, taken.contains(first) {
                diagnostics.error(page.source.path, .start, "the page's address /\(page.path.joined(separator: "/"))/ is taken by the generator",
                                  expected: "a folder or name other than \(taken.sorted().joined(separator: ", "))")
                continue
            }
            pages.append(page)
        }
        pages.sort { $0.path.lexicographicallyPrecedes($1.path) }
        sections = Self.folders(of: pages)
        refuseListingAddresses(pageSize: content.site?.pageSize ?? SiteConfig.defaultPageSize, diagnostics: &diagnostics)
        skipped.append(contentsOf: content.skipped)
        skipped = skipped.sorted(byKey: \.path, <)
    }

    /// Every folder that holds a page, outermost first.
    private static func folders(of pages: [Page]) -> [[String]] {
        var folders = Set<[String]>()
        for page in pages {
            var folder = page.isIndex ? page.path : Array(page.path.dropLast())
            while !folder.isEmpty {
                folders.insert(folder)
                folder.removeLast()
            }
        }
        return folders.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// A page at `/FOLDER/page/N/` where the folder's listing has an N-th page is an error: the listing's page
    /// would take its address.
    private mutating func refuseListingAddresses(pageSize: Int, diagnostics: inout DiagnosticLog) {
        let taken = pages.filter { page in
            guard page.path.count >= 3, page.path[page.path.count - 2] == "page", let number = Int(page.path[page.path.count - 1]),
                  number >= 2 else { return false }
            let folder = Array(page.path.dropLast(2))
            let items = self.pages(in: folder).count + subsections(of: folder).count
            return number <= Pagination.pageCount(items: items, pageSize: pageSize)
        }
        guard !taken.isEmpty else { return }
        for page in taken {
            let folder = page.path.dropLast(2).joined(separator: "/")
            diagnostics.error(page.source.path, .start,
                              "the page's address /\(page.path.joined(separator: "/"))/ is page \(page.path.last ?? "") of the /\(folder)/ listing",
                              expected: "another file name or folder; page_size in site.yml sets how many items a listing page shows")
        }
        let paths = Set(taken.map(\.path))
        pages.removeAll { paths.contains($0.path) }
        sections = Self.folders(of: pages)
    }

    /// The lookups by slug, after the lists changed.
    mutating func reindex() {
        talentPositions = Dictionary(talents.indices.map { (talents[$0].slug, $0) }, uniquingKeysWith: { first, _ in first })
        vacancyPositions = Dictionary(vacancies.indices.map { (vacancies[$0].slug, $0) }, uniquingKeysWith: { first, _ in first })
        vacanciesByEmployer = Dictionary(grouping: vacancies.indices, by: { vacancies[$0].employer })
        employersBySlug = Dictionary(employers.map { ($0.slug, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// What a market publishes: the vacancies in its countries, the talents whose mobility includes one of them,
    /// the employers there or hiring there, and every page.
    func scoped(to market: Market) -> Publication {
        var copy = self
        let countries = Set(market.countries)
        copy.talents = talents.filter { !countries.isDisjoint(with: $0.mobility) }
        copy.vacancies = vacancies.filter { countries.contains($0.country) }
        let hiring = Set(copy.vacancies.map(\.employer))
        copy.employers = employers.filter { countries.contains($0.country) || hiring.contains($0.slug) }
        copy.reindex()
        return copy
    }

    /// Names every skill the published talents and vacancies mention, after skills.yml's aliases.
    mutating func nameSkills(_ vocabulary: SkillVocabulary) {
        skills = vocabulary
        for skill in vocabulary.declared { skillNames[skill.key] = skill.name }
        for skill in talents.flatMap(\.skills) + vacancies.flatMap({ $0.requiredSkills + $0.preferredSkills }) {
            let key = vocabulary.key(of: skill.name)
            if skillNames[key] == nil { skillNames[key] = skill.name }
        }
    }

    /// An item's occupation as a reader of `language` sees it: its label there (else in `fallback`), and the
    /// ESCO address to link it to; an ESCO address occupations.yml does not list has no label.
    func occupation(_ value: String?, language: String, fallback: String) -> (name: String?, esco: String?) {
        guard let value else { return (nil, nil) }
        guard let occupation = occupations.occupation(id: value) else { return (nil, value.contains(":") ? value : nil) }
        return (occupation.label(in: language, fallback: fallback), occupation.esco)
    }

    func skillName(_ skill: Skill) -> String { skillNames[skills.key(of: skill.name)] ?? skill.name }

    /// A skill name as the reader of this publication's language reads it.
    func localSkill(_ name: String) -> String { skillLabels[skills.key(of: name)] ?? name }

    /// The home page's introduction: `pages/index.md`.
    var homePage: Page? { pages.first { $0.path.isEmpty } }

    /// The page that introduces a section (`pages/news/index.md`), if written.
    func indexPage(of folder: [String]) -> Page? { pages.first { $0.isIndex && $0.path == folder } }

    /// Pages directly inside a folder (not its index), newest first, then by weight and title.
    func pages(in folder: [String]) -> [Page] {
        pages.filter { !$0.isIndex && Array($0.path.dropLast()) == folder }.sorted(by: Publication.newestFirst)
    }

    /// The folders directly inside a folder.
    func subsections(of folder: [String]) -> [[String]] {
        sections.filter { $0.count == folder.count + 1 && Array($0.prefix(folder.count)) == folder }
    }

    static func newestFirst(_ a: Page, _ b: Page) -> Bool {
        let ad = a.date?.description ?? "", bd = b.date?.description ?? ""
        if ad != bd { return ad > bd }
        if (a.weight ?? Int.max) != (b.weight ?? Int.max) { return (a.weight ?? Int.max) < (b.weight ?? Int.max) }
        return (a.title, a.path.joined(separator: "/")) < (b.title, b.path.joined(separator: "/"))
    }

    func openVacancies(of employer: Employer) -> [Vacancy] {
        (vacanciesByEmployer[employer.slug] ?? []).map { vacancies[$0] }
    }

    /// The published talent with this slug.
    func talent(_ slug: String) -> Talent? { talentPositions[slug].map { talents[$0] } }

    /// The published vacancy with this slug.
    func vacancy(_ slug: String) -> Vacancy? { vacancyPositions[slug].map { vacancies[$0] } }
}
