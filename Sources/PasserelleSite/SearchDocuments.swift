import Foundation
import PasserelleCore
import PasserelleContent
import PasserelleSearch

/// The index stage's documents: every published talent, vacancy, employer and page of an edition, named and
/// keyed by the item's fingerprint (a vacancy's also by its employer's, whose name it shows) so that a rebuild
/// makes only the documents of the items that changed.
struct SearchDocuments: DocumentSource {
    let routes: Routes
    let format: Formatter
    let publication: Publication
    /// The market's items as written, before translation (in `publication`'s order): a document holds every
    /// version of its item, so that each edition finds it by its original text and by its translations.
    let originals: Publication
    /// The language of an original without `lang:`.
    let defaultLanguage: String
    /// What the editions of one build share: texts made plain, initials.
    let memo: SearchMemo
    let entries: [DocumentEntry]
    let context: Fingerprint
    /// The places of the pages that have an entry (all but the home page).
    private let pagePlaces: [Int]

    /// `shared`: the fingerprint of every input that is no item (settings, site.yml, skills.yml, the themes).
    init(routes: Routes, format: Formatter, publication: Publication, originals: Publication? = nil, defaultLanguage: String = "en",
         memo: SearchMemo, shared: Fingerprint) {
        self.routes = routes
        self.format = format
        self.publication = publication
        self.originals = originals ?? publication
        self.defaultLanguage = defaultLanguage
        self.memo = memo
        var hasher = StableHasher()
        hasher.combine(shared)
        hasher.combine(format.language)
        hasher.combine(routes.talent(""))
        hasher.combine(defaultLanguage)
        // A skill is shown as the first spelling met among all items unless skills.yml names it.
        for (key, name) in publication.skillNames.sorted(by: { $0.key < $1.key }) {
            hasher.combine(key)
            hasher.combine(name)
        }
        context = hasher.finalize()
        var entries: [DocumentEntry] = []
        entries.reserveCapacity(publication.talents.count + publication.vacancies.count + publication.employers.count + publication.pages.count)
        for talent in publication.talents {
            entries.append(DocumentEntry(kind: .talent, url: routes.talent(talent.slug), language: talent.language, key: talent.fingerprint))
        }
        for vacancy in publication.vacancies {
            var key = StableHasher()
            key.combine(vacancy.fingerprint)
            key.combine(publication.employersBySlug[vacancy.employer]?.fingerprint ?? Fingerprint(high: 0, low: 0))
            entries.append(DocumentEntry(kind: .vacancy, url: routes.vacancy(vacancy.slug), language: vacancy.language, key: key.finalize()))
        }
        for employer in publication.employers {
            entries.append(DocumentEntry(kind: .employer, url: routes.employer(employer.slug), language: employer.language, key: employer.fingerprint))
        }
        // The home page is no search result.
        pagePlaces = publication.pages.indices.filter { !publication.pages[$0].path.isEmpty }
        for place in pagePlaces {
            let page = publication.pages[place]
            entries.append(DocumentEntry(kind: .page, url: routes.page(page.path), language: page.language, key: page.fingerprint))
        }
        self.entries = entries
    }

    /// The item of an entry: its kind and its place in the publication's list of that kind.
    private func item(_ index: Int) -> (kind: SearchDocument.Kind, place: Int) {
        var rest = index
        if rest < publication.talents.count { return (.talent, rest) }
        rest -= publication.talents.count
        if rest < publication.vacancies.count { return (.vacancy, rest) }
        rest -= publication.vacancies.count
        if rest < publication.employers.count { return (.employer, rest) }
        rest -= publication.employers.count
        return (.page, pagePlaces[rest])
    }

    /// The documents of these entries, made on `jobs` cores, a run of items at a time.
    func documents(_ indexes: [Int], jobs: Int) -> [SearchDocument] {
        let run = 256
        let runs = (indexes.count + run - 1) / run
        let slots = ConcurrentSlots<[SearchDocument]>(count: runs)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, runs))) { _ in
            while let slot = slots.claim() {
                var maker = DocumentMaker(documents: self)
                slots.set(slot, indexes[(slot * run)..<min(indexes.count, (slot + 1) * run)].map { maker.document(item($0)) })
            }
        }
        return (0..<runs).flatMap { slots.get($0) ?? [] }
    }

    func facets(_ index: Int) -> SearchFacets {
        var maker = DocumentMaker(documents: self)
        return maker.facets(item(index))
    }

    /// Labels of filter values in the site's language, for the search page.
    func labels(_ facets: [SearchFacets]) -> [String: String] {
        var labels: [String: String] = [:]
        for kind in SearchDocument.Kind.allCases { labels["type:\(kind.rawValue)"] = format.strings.text("search_kind_\(kind.rawValue)") }
        // A value's label depends on the value alone: each distinct value is labelled once.
        var seen: Set<String> = []
        func label(_ key: String, _ text: () -> String?) {
            if seen.insert(key).inserted, let text = text() { labels[key] = text }
        }
        for facets in facets {
            for sector in facets.sectors { label("sector:\(sector)") { format.sectorName(sector) } }
            for country in facets.countries { label("country:\(country)") { format.countryName(country) } }
            for code in facets.languages.keys { label("language:\(code)") { format.languageName(code) } }
            for skill in facets.skills {
                label("skill:\(skill)") {
                    let local = publication.localSkill(skill)
                    return local == skill ? nil : local
                }
            }
            if let programme = facets.programme { label("programme:\(programme)") { format.programmeName(programme) } }
            for id in facets.occupations {
                label("occupation:\(id)") { publication.occupations.occupation(id: id)?.label(in: format.language, fallback: "en") }
            }
        }
        return labels
    }

    /// The languages of translations and of occupations' labels, which documents hold beside their own text.
    var fieldLanguages: Set<String> {
        var languages = Set(publication.occupations.occupations.flatMap(\.labels.keys))
        for talent in originals.talents { languages.formUnion(talent.translations.keys); languages.insert(talent.language ?? defaultLanguage) }
        for vacancy in originals.vacancies { languages.formUnion(vacancy.translations.keys); languages.insert(vacancy.language ?? defaultLanguage) }
        for employer in originals.employers { languages.formUnion(employer.translations.keys); languages.insert(employer.language ?? defaultLanguage) }
        for page in originals.pages { languages.formUnion(page.translations.keys); languages.insert(page.language ?? defaultLanguage) }
        return languages
    }
}

/// Makes the search document of one item; each distinct skill name is folded and looked up once, not once per
/// document that lists it.
private struct DocumentMaker {
    let documents: SearchDocuments
    var skillNames: [String: String] = [:]

    init(documents: SearchDocuments) { self.documents = documents }

    private var routes: Routes { documents.routes }
    private var format: Formatter { documents.format }
    private var publication: Publication { documents.publication }

    mutating func facetSkills(_ list: [Skill]) -> [String] {
        list.map { skill in
            if let known = skillNames[skill.name] { return known }
            let name = publication.skillName(skill)
            skillNames[skill.name] = name
            return name
        }
    }

    mutating func document(_ item: (kind: SearchDocument.Kind, place: Int)) -> SearchDocument {
        let originals = documents.originals
        var document: SearchDocument
        switch item.kind {
        case .talent:
            let talent = publication.talents[item.place]
            document = self.talent(talent)
            document.fields += occupationFields(talent.occupation)
            document.reasons = reasons(skills: talent.skills, occupation: talent.occupation)
            document.fields += otherVersions(shown: talent, original: originals.talents[item.place], heading: { $0.headline }, key: "headline")
        case .vacancy:
            let vacancy = publication.vacancies[item.place]
            document = self.vacancy(vacancy)
            document.fields += occupationFields(vacancy.occupation)
            document.reasons = reasons(skills: vacancy.requiredSkills + vacancy.preferredSkills, occupation: vacancy.occupation)
            document.fields += otherVersions(shown: vacancy, original: originals.vacancies[item.place], heading: { $0.title }, key: "title")
        case .employer:
            let employer = publication.employers[item.place]
            document = self.employer(employer)
            document.fields += otherVersions(shown: employer, original: originals.employers[item.place], heading: { $0.name }, key: "name")
        case .page:
            let page = publication.pages[item.place]
            document = self.page(page)
            document.fields += otherVersions(shown: page, original: originals.pages[item.place], heading: { $0.title }, key: "title")
        }
        return document
    }

    /// The skills (as this edition names them) and the occupation a result names when a query word matched them.
    func reasons(skills: [Skill], occupation: String?) -> [SearchDocument.Reason] {
        var seen: Set<String> = []
        var reasons = skills.compactMap { skill -> SearchDocument.Reason? in
            guard seen.insert(skill.name).inserted else { return nil }
            return SearchDocument.Reason(kind: .skill, label: skill.name, texts: [SearchDocument.Field(skill.name, boost: 3)])
        }
        if let known = occupation.flatMap(publication.occupations.occupation(id:)) {
            reasons.append(SearchDocument.Reason(kind: .occupation, label: known.label(in: format.language, fallback: "en"),
                                                 texts: occupationFields(occupation)))
        }
        return reasons
    }

    /// Every label of an item's occupation in every language (occupations.yml), each stemmed in its language and
    /// counted as a skill is: "verpleegster", "infirmière" and "ممرضة" all find a nurse, from every edition.
    func occupationFields(_ occupation: String?) -> [SearchDocument.Field] {
        guard let occupation = occupation.flatMap(publication.occupations.occupation(id:)) else { return [] }
        return occupation.labels.sorted(by: { $0.key < $1.key }).flatMap { language, labels in
            SearchDocument.Field.labels(labels, language: language)
        }
    }

    /// The item's versions this edition does not show (its original, its translations), each stemmed in its own
    /// language and counted less than the text shown: the edition's own text ranks first, and a profile written
    /// or translated in any language is found from every edition.
    func otherVersions<Item: Translatable>(shown: Item, original: Item, heading: (Item) -> String, key: String) -> [SearchDocument.Field] {
        let shownLanguage = shown.language ?? documents.defaultLanguage
        var versions: [(language: String, heading: String, body: String)] = []
        let originalLanguage = original.language ?? documents.defaultLanguage
        if originalLanguage != shownLanguage { versions.append((originalLanguage, heading(original), original.body.text)) }
        for (language, translation) in original.translations.sorted(by: { $0.key < $1.key }) where language != shownLanguage && language != originalLanguage {
            versions.append((language, translation.texts[key] ?? "", translation.body?.text ?? ""))
        }
        var fields: [SearchDocument.Field] = []
        for version in versions {
            if !version.heading.isEmpty { fields.append(SearchDocument.Field(version.heading, boost: 1, language: version.language)) }
            if !version.body.isEmpty { fields.append(SearchDocument.Field(documents.memo.plain(version.body), boost: 0.5, language: version.language)) }
        }
        return fields
    }

    mutating func facets(_ item: (kind: SearchDocument.Kind, place: Int)) -> SearchFacets {
        switch item.kind {
        case .talent: talentFacets(publication.talents[item.place])
        case .vacancy: vacancyFacets(publication.vacancies[item.place])
        case .employer: employerFacets(publication.employers[item.place])
        case .page: SearchFacets()
        }
    }

    mutating func talentFacets(_ talent: Talent) -> SearchFacets {
        var facets = SearchFacets()
        facets.sectors = talent.sectors
        facets.skills = facetSkills(talent.skills)
        facets.languages = Dictionary(talent.languages.map { ($0.code, $0.level.rawValue) }, uniquingKeysWith: { a, _ in a })
        facets.countries = talent.mobility
        facets.programme = talent.programme
        facets.availableFrom = talent.availableFrom
        facets.occupations = occupationIDs(talent.occupation)
        return facets
    }

    mutating func vacancyFacets(_ vacancy: Vacancy) -> SearchFacets {
        var facets = SearchFacets()
        facets.sectors = vacancy.sector.map { [$0] } ?? []
        facets.skills = facetSkills(vacancy.requiredSkills + vacancy.preferredSkills)
        facets.languages = Dictionary(vacancy.languages.map { ($0.code, $0.level.rawValue) }, uniquingKeysWith: { a, _ in a })
        facets.countries = [vacancy.country]
        facets.occupations = occupationIDs(vacancy.occupation)
        return facets
    }

    /// An occupation occupations.yml lists, as a filter value.
    func occupationIDs(_ occupation: String?) -> [String] {
        occupation.flatMap(publication.occupations.occupation(id:)).map { [$0.id] } ?? []
    }

    func employerFacets(_ employer: Employer) -> SearchFacets {
        var facets = SearchFacets()
        facets.sectors = employer.sector.map { [$0] } ?? []
        facets.countries = [employer.country]
        return facets
    }

    mutating func talent(_ talent: Talent) -> SearchDocument {
        let facets = talentFacets(talent)
        let place = format.place(city: talent.city, country: talent.country)
        let body = documents.memo.plain(talent.body.text)
        return SearchDocument(
            kind: .talent, url: routes.talent(talent.slug), title: talent.name,
            summary: [talent.headline, place].filter { !$0.isEmpty }.joined(separator: " · "),
            excerpt: body, thumbnail: talent.photo.map(routes.file), initials: documents.memo.initials(name: talent.name, slug: talent.slug),
            fields: [.title(talent.name), .skills(talent.skills.map(\.name).joined(separator: ", ")), .headline(talent.headline),
                     .facts(([place] + talent.languages.map { format.languageName($0.code) } + talent.sectors.map(format.sectorName)
                             + [talent.programme.map(format.programmeName) ?? ""]).joined(separator: " ")),
                     .body(body)],
            facets: facets, language: talent.language)
    }

    mutating func vacancy(_ vacancy: Vacancy) -> SearchDocument {
        let facets = vacancyFacets(vacancy)
        let employer = publication.employersBySlug[vacancy.employer]?.name ?? vacancy.employer
        let place = format.place(city: vacancy.city, country: vacancy.country)
        let description = documents.memo.plain(vacancy.description.text)
        return SearchDocument(
            kind: .vacancy, url: routes.vacancy(vacancy.slug), title: vacancy.title,
            summary: "\(employer) · \(place)", excerpt: description,
            fields: [.title(vacancy.title), .skills((vacancy.requiredSkills + vacancy.preferredSkills).map(\.name).joined(separator: ", ")),
                     .headline("\(employer) \(place)"), .facts((vacancy.sector.map(format.sectorName) ?? "") + " " + vacancy.languages.map { format.languageName($0.code) }.joined(separator: " ")),
                     .body(description)],
            facets: facets, language: vacancy.language)
    }

    func employer(_ employer: Employer) -> SearchDocument {
        let facets = employerFacets(employer)
        let place = format.place(city: employer.city, country: employer.country)
        let about = documents.memo.plain(employer.body.text)
        return SearchDocument(
            kind: .employer, url: routes.employer(employer.slug), title: employer.name, summary: place,
            excerpt: about,
            fields: [.title(employer.name), .headline(place + " " + (employer.sector.map(format.sectorName) ?? "")), .body(about)],
            facets: facets, language: employer.language)
    }

    /// A page other than the home page, which search does not list.
    func page(_ page: Page) -> SearchDocument {
        let text = PlainText.from(page.body.text)
        return SearchDocument(
            kind: .page, url: routes.page(page.path), title: page.title, summary: page.summary ?? "",
            excerpt: text, fields: [.title(page.title), .headline(page.summary ?? ""), .body(text)], language: page.language)
    }
}

/// The texts every edition of a build makes the same way: an item's body made plain, a name's initials. Made
/// once for the build (a body shown untranslated in four languages is made plain once, not four times).
final class SearchMemo: @unchecked Sendable {
    /// Texts cut into terms, shared by the editions' indexes.
    let terms = AnalysedTexts()
    private let lock = NSLock()
    /// By the fingerprint of the Markdown (a String key would be hashed as Unicode, normalised, at every lookup).
    private var plainTexts: [Fingerprint: String] = [:]
    private var initialsByName: [String: String] = [:]
    /// The indexes' states to keep for the next build, saved only once the site is written.
    private var states: [(cache: SearchIndexCache, bytes: [UInt8])] = []

    func keep(_ cache: SearchIndexCache, _ bytes: [UInt8]) { lock.withLock { states.append((cache, bytes)) } }

    /// Writes of the indexes' states, one per edition: called once the build has written the site.
    var keptIndexWrites: [@Sendable () -> Void] {
        lock.withLock { states }.map { cache, bytes in { cache.write(bytes) } }
    }

    func plain(_ markdown: String) -> String {
        let key = Fingerprint.of(markdown)
        if let known = lock.withLock({ plainTexts[key] }) { return known }
        let text = PlainText.from(markdown)
        lock.withLock { plainTexts[key] = text }
        return text
    }

    /// The initials depend on the name only (the slug picks the colour).
    func initials(name: String, slug: String) -> String {
        if let known = lock.withLock({ initialsByName[name] }) { return known }
        let initials = InitialsAvatar(name: name, slug: slug).initials
        lock.withLock { initialsByName[name] = initials }
        return initials
    }
}

/// Markdown as the plain text a search excerpt shows: no markup, links reduced to their words, link reference
/// definitions (`[name]: /address/`) left out. Each scalar is read once or twice.
enum PlainText {
    static func from(_ markdown: String) -> String {
        let scalars = Array(markdown.unicodeScalars)
        var text = String.UnicodeScalarView()
        var previousSpace = true
        var index = 0
        // Past the last `)` of the text, `](` closes nothing.
        let lastClose = scalars.lastIndex(of: ")") ?? -1
        while index < scalars.count {
            let scalar = scalars[index]
            if index == 0 || scalars[index - 1] == "\n", let end = referenceDefinitionEnd(scalars, from: index) {
                index = end
                continue
            }
            if scalar == "]", index + 1 < scalars.count, scalars[index + 1] == "(", index < lastClose {
                // [words](address): keep the words, drop the address.
                if let close = scalars[index...].firstIndex(of: ")") { index = close + 1; continue }
            }
            switch scalar {
            case "#", "*", "_", "`", "|", ">", "[", "]", "~", "\\":
                index += 1
                continue
            default:
                break
            }
            // ASCII is told apart without the Unicode tables.
            if scalar.isASCII ? (scalar == " " || (0x09...0x0D).contains(scalar.value)) : scalar.properties.isWhitespace {
                if !previousSpace { text.append(" ") }
                previousSpace = true
            } else {
                text.append(scalar)
                previousSpace = false
            }
            index += 1
        }
        return String(text).trimmed
    }

    /// The end of the line when a link reference definition (`[name]: address`, not a footnote's `[^1]:`) starts at `start`.
    static func referenceDefinitionEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start
        while index < scalars.count, index - start < 3, scalars[index] == " " { index += 1 }
        guard index + 1 < scalars.count, scalars[index] == "[", scalars[index + 1] != "^" else { return nil }
        var end = index + 1
        while end < scalars.count, scalars[end] != "]", scalars[end] != "\n", scalars[end] != "[" { end += 1 }
        guard end + 1 < scalars.count, scalars[end] == "]", scalars[end + 1] == ":" else { return nil }
        return scalars[end...].firstIndex(of: "\n") ?? scalars.count
    }
}
