import PasserelleContent
import PasserelleSearch

/// The enrich stage's search part: every published talent, vacancy, employer and page as a search document.
struct SearchDocuments {
    let routes: Routes
    let format: Formatter
    let publication: Publication

    func all() -> [SearchDocument] {
        // Each distinct skill name is folded and looked up once, not once per document that lists it.
        var skillNames: [String: String] = [:]
        func facetSkills(_ list: [Skill]) -> [String] {
            list.map { skill in
                if let known = skillNames[skill.name] { return known }
                let name = publication.skillName(skill)
                skillNames[skill.name] = name
                return name
            }
        }
        var documents: [SearchDocument] = []
        /// Each document is stemmed in the language its text is shown in.
        func add(_ document: SearchDocument, writtenIn language: String?) {
            var document = document
            document.language = language
            documents.append(document)
        }
        for talent in publication.talents {
            var facets = SearchFacets()
            facets.sectors = talent.sectors
            facets.skills = facetSkills(talent.skills)
            facets.languages = Dictionary(talent.languages.map { ($0.code, $0.level.rawValue) }, uniquingKeysWith: { a, _ in a })
            facets.countries = talent.mobility
            facets.programme = talent.programme
            facets.availableFrom = talent.availableFrom
            let place = format.place(city: talent.city, country: talent.country)
            let avatar = InitialsAvatar(name: talent.name, slug: talent.slug)
            let body = PlainText.from(talent.body.text)
            add(SearchDocument(
                kind: .talent, url: routes.talent(talent.slug), title: talent.name,
                summary: [talent.headline, place].filter { !$0.isEmpty }.joined(separator: " · "),
                excerpt: body, thumbnail: talent.photo.map(routes.file), initials: avatar.initials,
                fields: [.title(talent.name), .skills(talent.skills.map(\.name).joined(separator: ", ")), .headline(talent.headline),
                         .facts(([place] + talent.languages.map { format.languageName($0.code) } + talent.sectors.map(format.sectorName)
                                 + [talent.programme.map(format.programmeName) ?? ""]).joined(separator: " ")),
                         .body(body)],
                facets: facets), writtenIn: talent.language)
        }
        for vacancy in publication.vacancies {
            var facets = SearchFacets()
            facets.sectors = vacancy.sector.map { [$0] } ?? []
            facets.skills = facetSkills(vacancy.requiredSkills + vacancy.preferredSkills)
            facets.languages = Dictionary(vacancy.languages.map { ($0.code, $0.level.rawValue) }, uniquingKeysWith: { a, _ in a })
            facets.countries = [vacancy.country]
            let employer = publication.employersBySlug[vacancy.employer]?.name ?? vacancy.employer
            let place = format.place(city: vacancy.city, country: vacancy.country)
            let description = PlainText.from(vacancy.description.text)
            add(SearchDocument(
                kind: .vacancy, url: routes.vacancy(vacancy.slug), title: vacancy.title,
                summary: "\(employer) · \(place)", excerpt: description,
                fields: [.title(vacancy.title), .skills((vacancy.requiredSkills + vacancy.preferredSkills).map(\.name).joined(separator: ", ")),
                         .headline("\(employer) \(place)"), .facts((vacancy.sector.map(format.sectorName) ?? "") + " " + vacancy.languages.map { format.languageName($0.code) }.joined(separator: " ")),
                         .body(description)],
                facets: facets), writtenIn: vacancy.language)
        }
        for employer in publication.employers {
            var facets = SearchFacets()
            facets.sectors = employer.sector.map { [$0] } ?? []
            facets.countries = [employer.country]
            let place = format.place(city: employer.city, country: employer.country)
            let about = PlainText.from(employer.body.text)
            add(SearchDocument(
                kind: .employer, url: routes.employer(employer.slug), title: employer.name, summary: place,
                excerpt: about,
                fields: [.title(employer.name), .headline(place + " " + (employer.sector.map(format.sectorName) ?? "")), .body(about)],
                facets: facets), writtenIn: employer.language)
        }
        for page in publication.pages where !page.path.isEmpty {
            let text = PlainText.from(page.body.text)
            add(SearchDocument(
                kind: .page, url: routes.page(page.path), title: page.title, summary: page.summary ?? "",
                excerpt: text, fields: [.title(page.title), .headline(page.summary ?? ""), .body(text)]), writtenIn: page.language)
        }
        return documents
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
            if scalar.properties.isWhitespace {
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
