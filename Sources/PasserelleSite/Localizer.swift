import PasserelleContent

/// The enrich stage's language part: the published content as a reader of one language sees it.
///
/// Each item takes the texts of its translation into that language where there is one; the rest stays as written.
/// Afterwards every item's `language` is the language its body is shown in, so that pages can say when a text
/// is not in the reader's language. Skills take the names skills.yml gives them in that language.
struct Localizer {
    let language: String
    /// The site's first language: the language of items without `lang:`.
    let defaultLanguage: String
    /// Folded skill name (any alias) → the skill's name in `language`.
    let skillNames: [String: String]

    init(language: String, defaultLanguage: String, aliases: [SkillAlias]) {
        self.language = language
        self.defaultLanguage = defaultLanguage
        var names: [String: String] = [:]
        for alias in aliases {
            guard let local = alias.names[language] else { continue }
            for name in [alias.name] + alias.aliases { names[SkillName.fold(name)] = local }
        }
        skillNames = names
    }

    func apply(_ publication: Publication) -> Publication {
        var copy = publication
        copy.talents = publication.talents.map { talent in
            var talent = talent
            let translation = pick(talent)
            if let headline = translation?.texts["headline"] { talent.headline = headline }
            talent.language = bodyLanguage(talent, translation) { talent.body = $0 }
            talent.skills = talent.skills.map(localSkill)
            return talent
        }
        copy.vacancies = publication.vacancies.map { vacancy in
            var vacancy = vacancy
            let translation = pick(vacancy)
            if let title = translation?.texts["title"] { vacancy.title = title }
            vacancy.language = bodyLanguage(vacancy, translation) { vacancy.description = $0 }
            vacancy.requiredSkills = vacancy.requiredSkills.map(localSkill)
            vacancy.preferredSkills = vacancy.preferredSkills.map(localSkill)
            return vacancy
        }
        copy.employers = publication.employers.map { employer in
            var employer = employer
            let translation = pick(employer)
            if let name = translation?.texts["name"] { employer.name = name }
            employer.language = bodyLanguage(employer, translation) { employer.body = $0 }
            return employer
        }
        copy.pages = publication.pages.map { page in
            var page = page
            let translation = pick(page)
            if let title = translation?.texts["title"] { page.title = title }
            if let summary = translation?.texts["summary"] { page.summary = summary }
            page.language = bodyLanguage(page, translation) { page.body = $0 }
            return page
        }
        copy.skillLabels = skillNames
        copy.reindex()
        return copy
    }

    private func pick<Item: Translatable>(_ item: Item) -> Translation? {
        (item.language ?? defaultLanguage) == language ? nil : item.translations[language]
    }

    /// Puts the translated body in place when there is one; the language the body is then in.
    private func bodyLanguage<Item: Translatable>(_ item: Item, _ translation: Translation?, set: (MarkdownSource) -> Void) -> String {
        if let body = translation?.body {
            set(body)
            return language
        }
        return item.language ?? defaultLanguage
    }

    func localSkill(_ skill: Skill) -> Skill {
        guard let name = skillNames[SkillName.fold(skill.name)] else { return skill }
        var local = skill
        local.name = name
        return local
    }
}
