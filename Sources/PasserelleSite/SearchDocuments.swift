import Foundation
import PasserelleCore
import PasserelleContent
import PasserelleSearch

/// The enrich stage's search part: every published talent, vacancy, employer and page as a search document.
struct SearchDocuments {
    let routes: Routes
    let format: Formatter
    let publication: Publication
    /// What the editions of one build share: texts made plain, initials.
    var memo = SearchMemo()

    /// Every document, in the order of the publication's talents, vacancies, employers and pages; made on `jobs`
    /// cores, a run of items at a time.
    func all(jobs: Int = 1) -> [SearchDocument] {
        let counts = [publication.talents.count, publication.vacancies.count, publication.employers.count, publication.pages.count]
        let total = counts.reduce(0, +)
        let run = 256
        let runs = (total + run - 1) / run
        let slots = ConcurrentSlots<[SearchDocument]>(count: runs)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, runs))) { _ in
            while let slot = slots.claim() {
                var maker = DocumentMaker(documents: self)
                var made: [SearchDocument] = []
                for index in (slot * run)..<min(total, (slot + 1) * run) {
                    var rest = index
                    if rest < counts[0] { made.append(maker.talent(publication.talents[rest])); continue }
                    rest -= counts[0]
                    if rest < counts[1] { made.append(maker.vacancy(publication.vacancies[rest])); continue }
                    rest -= counts[1]
                    if rest < counts[2] { made.append(maker.employer(publication.employers[rest])); continue }
                    rest -= counts[2]
                    if let page = maker.page(publication.pages[rest]) { made.append(page) }
                }
                slots.set(slot, made)
            }
        }
        return (0..<runs).flatMap { slots.get($0) ?? [] }
    }

    /// Labels of filter values in the site's language, for the search page.
    func labels(_ documents: [SearchDocument]) -> [String: String] {
        var labels: [String: String] = [:]
        for kind in SearchDocument.Kind.allCases { labels["type:\(kind.rawValue)"] = format.strings.text("search_kind_\(kind.rawValue)") }
        // A value's label depends on the value alone: each distinct value is labelled once.
        var seen: Set<String> = []
        func label(_ key: String, _ text: () -> String?) {
            if seen.insert(key).inserted, let text = text() { labels[key] = text }
        }
        for document in documents {
            for sector in document.facets.sectors { label("sector:\(sector)") { format.sectorName(sector) } }
            for country in document.facets.countries { label("country:\(country)") { format.countryName(country) } }
            for code in document.facets.languages.keys { label("language:\(code)") { format.languageName(code) } }
            for skill in document.facets.skills {
                label("skill:\(skill)") {
                    let local = publication.localSkill(skill)
                    return local == skill ? nil : local
                }
            }
            if let programme = document.facets.programme { label("programme:\(programme)") { format.programmeName(programme) } }
        }
        return labels
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

    mutating func talent(_ talent: Talent) -> SearchDocument {
        var facets = SearchFacets()
        facets.sectors = talent.sectors
        facets.skills = facetSkills(talent.skills)
        facets.languages = Dictionary(talent.languages.map { ($0.code, $0.level.rawValue) }, uniquingKeysWith: { a, _ in a })
        facets.countries = talent.mobility
        facets.programme = talent.programme
        facets.availableFrom = talent.availableFrom
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
        var facets = SearchFacets()
        facets.sectors = vacancy.sector.map { [$0] } ?? []
        facets.skills = facetSkills(vacancy.requiredSkills + vacancy.preferredSkills)
        facets.languages = Dictionary(vacancy.languages.map { ($0.code, $0.level.rawValue) }, uniquingKeysWith: { a, _ in a })
        facets.countries = [vacancy.country]
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
        var facets = SearchFacets()
        facets.sectors = employer.sector.map { [$0] } ?? []
        facets.countries = [employer.country]
        let place = format.place(city: employer.city, country: employer.country)
        let about = documents.memo.plain(employer.body.text)
        return SearchDocument(
            kind: .employer, url: routes.employer(employer.slug), title: employer.name, summary: place,
            excerpt: about,
            fields: [.title(employer.name), .headline(place + " " + (employer.sector.map(format.sectorName) ?? "")), .body(about)],
            facets: facets, language: employer.language)
    }

    /// Nil for the home page, which search does not list.
    func page(_ page: Page) -> SearchDocument? {
        guard !page.path.isEmpty else { return nil }
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
