import PasserelleContent
import PasserelleCore
import PasserelleMarkdown
import PasserelleMatching
import PasserelleTheme

/// Builds the view models of talents, vacancies, employers and pages from published content.
struct ViewModelFactory {
    let routes: Routes
    let format: Formatter
    let publication: Publication
    let markdown: MarkdownRenderer
    /// Who fits which vacancy; nil when site.yml turns the display off.
    var matches: MatchRanking? = nil
    /// Every address of the site (pages in every language, media, assets): a Markdown link elsewhere is warned about.
    var knownLinks: Set<String> = []
    /// What a match shows of each vacancy on a talent page, made once per edition (`makeVacancyHeads()`): every
    /// talent page lists a few of the same vacancies.
    var vacancyHeads: [String: MatchHead] = [:]
    var strings: UIStrings { format.strings }

    /// Renders Markdown, turning removed addresses into located warnings and limits it goes beyond into located errors.
    /// A link or image to an address the site does not publish (a talent without consent, a page of another market,
    /// a missing file) is removed, its text kept.
    func html(_ source: MarkdownSource, file: String, diagnostics: inout DiagnosticLog) -> String {
        let known = knownLinks
        let rendered = markdown.render(source.text, isPublished: known.isEmpty ? nil : { path in
            known.contains(path) || (!path.hasSuffix("/") && known.contains(path + "/"))
        })
        let file = source.file ?? file
        let removed = rendered.siteLinks.filter { !$0.published }
        // The places of every message, found in one reading of the text (a JSON string counts its escapes).
        var places = source.locations((rendered.errors + rendered.notes).map { ($0.line, $0.column) } + removed.map { ($0.line, $0.column) })
            .makeIterator()
        for note in rendered.errors {
            diagnostics.error(file, places.next() ?? .start, note.message, expected: nil)
        }
        for note in rendered.notes {
            diagnostics.warning(file, places.next() ?? .start, note.message,
                                expected: note.expected ?? "an https:// address, a site path such as /talents/, or a file under media/")
        }
        for link in removed {
            let location = places.next() ?? .start
            if link.isImage {
                diagnostics.warning(file, location, "the image \(link.written) is no file of the site: removed, its text kept",
                                    expected: "a file under media/")
            } else {
                diagnostics.warning(file, location,
                                    "the link to \(link.written) leads to no page of \(routes.siteRoot == routes.outputRoot ? "the site" : "the market \(routes.siteRoot)"): removed, its text kept",
                                    expected: "the address of a published page or a file under media/")
            }
        }
        return rendered.html
    }

    func talentCard(_ talent: Talent) -> TalentCard {
        let place = format.place(city: talent.city, country: talent.country)
        let topSkills = talent.skills.prefix(5).map(\.name)
        let avatar = InitialsAvatar(name: talent.name, slug: talent.slug)
        let mobility = format.list(talent.mobility.map { format.countryName($0) })
        return TalentCard(
            url: routes.talent(talent.slug), name: talent.name, headline: talent.headline,
            place: place.isEmpty ? nil : place,
            photo: talent.photo.map(routes.file),
            photoAlt: strings.text("photo_alt", ["name": talent.name]),
            avatar: talent.photo == nil ? Avatar(initials: avatar.initials, colour: avatar.colour) : nil,
            topSkills: Array(topSkills),
            moreSkills: talent.skills.count > 5 ? strings.text("more_skills", ["count": String(talent.skills.count - 5)]) : nil,
            languages: talent.languages.map {
                LanguageItem(name: format.languageName($0.code), level: format.cefrLabel($0.level), levelName: format.cefrName($0.level), code: $0.code)
            },
            mobility: mobility.isEmpty ? nil : mobility,
            availability: talent.availableFrom.map { strings.text("available_from", ["date": format.date($0)]) },
            filter: CardFilter(
                sectors: talent.sectors.joined(separator: "|"), skills: talent.skills.map { publication.skillName($0) }.joined(separator: "|"),
                languages: talent.languages.map { "\($0.code):\($0.level.rawValue)" }.joined(separator: "|"),
                countries: talent.mobility.joined(separator: "|"), programme: talent.programme ?? "",
                available: talent.availableFrom.map { String($0.compactNumber) } ?? ""))
    }

    func talentProfile(_ talent: Talent, diagnostics: inout DiagnosticLog) -> TalentProfile {
        TalentProfile(
            card: talentCard(talent),
            matches: matches.map { matchSection($0.matches(forTalent: talent.slug) ?? [], forTalent: true) },
            bodyHTML: html(talent.body, file: talent.source.path, diagnostics: &diagnostics),
            textLanguage: format.textLanguage(talent.language),
            skills: talent.skills.map(SkillItem.init),
            video: talent.video.map(video),
            linkedin: talent.linkedin,
            programme: talent.programme.map(format.programmeName),
            sectors: talent.sectors.isEmpty ? nil : format.list(talent.sectors.map { format.sectorName($0) }),
            experience: talent.experienceYears.map(format.years),
            occupation: occupation(talent.occupation).esco, occupationName: occupation(talent.occupation).name)
    }

    func video(_ link: VideoLink) -> VideoModel {
        switch link {
        case let .media(path):
            return VideoModel(file: routes.file(path), embed: nil, watch: nil, provider: nil)
        case let .youtube(id):
            return VideoModel(file: nil, embed: "https://www.youtube-nocookie.com/embed/\(id)?autoplay=1",
                              watch: "https://www.youtube.com/watch?v=\(id)", provider: "YouTube")
        case let .vimeo(id):
            return VideoModel(file: nil, embed: "https://player.vimeo.com/video/\(id)?dnt=1&autoplay=1",
                              watch: "https://vimeo.com/\(id)", provider: "Vimeo")
        }
    }


    func employerName(_ vacancy: Vacancy) -> (name: String, url: String?) {
        if let employer = publication.employersBySlug[vacancy.employer] { return (employer.name, routes.employer(employer.slug)) }
        return (vacancy.employer, nil)
    }

    func vacancyCard(_ vacancy: Vacancy) -> VacancyCard {
        let employer = employerName(vacancy)
        return VacancyCard(
            url: routes.vacancy(vacancy.slug), title: vacancy.title, employerName: employer.name, employerURL: employer.url,
            place: format.place(city: vacancy.city, country: vacancy.country),
            sector: vacancy.sector.map(format.sectorName),
            employmentType: vacancy.employmentType.map(format.employmentType),
            salary: vacancy.salary.map(format.salary),
            closes: vacancy.validThrough.map { strings.text("closes_on", ["date": format.date($0)]) },
            start: vacancy.start.map { strings.text("starts_on", ["date": format.date($0)]) })
    }

    func vacancyDetail(_ vacancy: Vacancy, diagnostics: inout DiagnosticLog) -> VacancyDetail {
        VacancyDetail(
            card: vacancyCard(vacancy),
            matches: matches.map { matchSection($0.matches(forVacancy: vacancy.slug) ?? [], forTalent: false) },
            descriptionHTML: html(vacancy.description, file: vacancy.source.path, diagnostics: &diagnostics),
            textLanguage: format.textLanguage(vacancy.language),
            requiredSkills: vacancy.requiredSkills.map(SkillItem.init),
            preferredSkills: vacancy.preferredSkills.map(SkillItem.init),
            languages: vacancy.languages.map {
                LanguageItem(name: format.languageName($0.code), level: strings.text("level_at_least", ["level": format.cefrLabel($0.level)]),
                             levelName: strings.text("level_at_least", ["level": format.cefrName($0.level)]), code: $0.code)
            },
            experience: vacancy.experienceYears.map { strings.text("experience_minimum", ["years": format.years($0)]) },
            occupation: occupation(vacancy.occupation).esco, occupationName: occupation(vacancy.occupation).name)
    }

    /// An occupation's label in the page's language (else English) and its ESCO address.
    func occupation(_ value: String?) -> (name: String?, esco: String?) {
        publication.occupation(value, language: format.language, fallback: "en")
    }

    func employerCard(_ employer: Employer) -> EmployerCard {
        EmployerCard(
            url: routes.employer(employer.slug), name: employer.name,
            place: format.place(city: employer.city, country: employer.country),
            sector: employer.sector.map(format.sectorName),
            openCount: strings.plural("employer_open_count", count: publication.openVacancies(of: employer).count))
    }

    func employerDetail(_ employer: Employer, diagnostics: inout DiagnosticLog) -> EmployerDetail {
        EmployerDetail(
            card: employerCard(employer), website: employer.website,
            aboutHTML: html(employer.body, file: employer.source.path, diagnostics: &diagnostics),
            textLanguage: format.textLanguage(employer.language),
            vacancies: publication.openVacancies(of: employer).map(vacancyCard))
    }

    func pageCard(_ page: Page) -> PageCard {
        PageCard(url: routes.page(page.path), title: page.title, date: page.date.map(format.date),
                 isoDate: page.date?.description, summary: page.summary)
    }

    func sectionTitle(_ folder: [String]) -> String {
        if let index = publication.indexPage(of: folder) { return index.title }
        let name = folder.last ?? ""
        return strings.values["section_\(name)"] ?? name.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }
}

extension ViewModelFactory {
    /// Skill names in the reader's language, as one isolated list.
    func skills(_ names: [String]) -> String { format.isolate(format.list(names.map { publication.localSkill($0) })) }

    /// The address, title and subtitle of every vacancy, as a match on a talent page shows it.
    func makeVacancyHeads() -> [String: MatchHead] {
        var heads: [String: MatchHead] = [:]
        for vacancy in publication.vacancies {
            let place = format.place(city: vacancy.city, country: vacancy.country)
            heads[vacancy.slug] = (routes.vacancy(vacancy.slug), vacancy.title, "\(employerName(vacancy).name) · \(place)")
        }
        return heads
    }

    /// The address, title and subtitle a match shows of the vacancy (on a talent page) or the talent (on a
    /// vacancy page: looked up when asked, a talent's head being its own fields).
    func matchHead(_ match: Match, forTalent: Bool) -> MatchHead? {
        if forTalent { return vacancyHeads[match.vacancy] }
        guard let talent = publication.talent(match.talent) else { return nil }
        return (routes.talent(talent.slug), talent.name, talent.headline)
    }

    /// The matches of a page: on a vacancy page the talents, on a talent page the vacancies.
    func matchSection(_ matches: [Match], forTalent: Bool) -> MatchSection {
        let items = matches.compactMap { match -> MatchItem? in
            guard let (url, title, subtitle) = matchHead(match, forTalent: forTalent) else { return nil }
            var required = "", missing: String?, preferred: String?, languages: [String] = []
            for reason in match.reasons {
                switch reason {
                case let .requiredSkills(met, missed):
                    required = strings.text("match_required", ["met": String(met.count), "total": String(met.count + missed.count),
                                                               "skills": skills(met)])
                    if !missed.isEmpty { missing = strings.text("match_missing", ["skills": skills(missed)]) }
                case let .preferredSkills(met, missed) where !met.isEmpty:
                    preferred = strings.text("match_preferred", ["met": String(met.count), "total": String(met.count + missed.count),
                                                                 "skills": skills(met)])
                case let .language(code, needed, has?):
                    languages.append(strings.text("match_language", ["language": format.languageName(code), "level": format.cefrLabel(has),
                                                                     "required": format.cefrLabel(needed)]))
                default:
                    break
                }
            }
            return MatchItem(url: url, title: title, subtitle: subtitle, score: String(Int(match.score.rounded())),
                             scoreStep: Int((match.score / 10).rounded()) * 10, required: required, missing: missing,
                             preferred: preferred,
                             languages: languages.isEmpty ? nil : strings.text("match_languages", ["list": format.list(languages)]))
        }
        return MatchSection(items: items, explanation: strings.text("match_explanation"))
    }
}

/// What a match shows of a vacancy or a talent: its address, title and subtitle.
typealias MatchHead = (url: String, title: String, subtitle: String?)

extension SkillItem {
    init(_ skill: Skill) { self.init(name: skill.name, level: skill.level) }
}
