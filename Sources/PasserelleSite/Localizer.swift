import PasserelleContent
import PasserelleCore

/// The enrich stage's language part: the published content as a reader of one language sees it.
///
/// Each item takes the texts of its translation into that language where there is one; the rest stays as written.
/// Afterwards every item's `language` is the language its body is shown in, so that pages can say when a text
/// is not in the reader's language. Skills take the names skills.yml gives them in that language.
struct Localizer {
    let language: String
    /// The site's first language: the language of items without `lang:`.
    let defaultLanguage: String
    /// The language an item without `lang:` is shown in when its language was not recognised from its text
    /// when it was loaded (`LanguageRecognizer`) and no translation replaces it: the site's first language, or, in a market
    /// that is not read in it (a market read only in Dutch), the market's first.
    let unstatedLanguage: String
    /// Skill key (`SkillVocabulary.key`) → the skill's name in `language`.
    let skillNames: [String: String]
    let skills: SkillVocabulary

    /// `editionLanguages`: the languages the site or market is read in, its first at its root.
    init(language: String, defaultLanguage: String, editionLanguages: [String] = [], skills: SkillVocabulary) {
        self.language = language
        self.defaultLanguage = defaultLanguage
        unstatedLanguage = editionLanguages.isEmpty || editionLanguages.contains(defaultLanguage) ? defaultLanguage : editionLanguages[0]
        var names: [String: String] = [:]
        for skill in skills.declared {
            if let local = skill.names[language] { names[skill.key] = local }
        }
        skillNames = names
        self.skills = skills
    }

    func apply(_ publication: Publication) -> Publication {
        var copy = publication
        copy.talents = publication.talents.map { talent in
            var talent = localized(talent)
            talent.skills = talent.skills.map(localSkill)
            return talent
        }
        copy.vacancies = publication.vacancies.map { vacancy in
            var vacancy = localized(vacancy)
            vacancy.requiredSkills = vacancy.requiredSkills.map(localSkill)
            vacancy.preferredSkills = vacancy.preferredSkills.map(localSkill)
            return vacancy
        }
        copy.employers = publication.employers.map(localized)
        copy.pages = publication.pages.map(localized)
        copy.skillLabels = skillNames
        copy.reindex()
        return copy
    }

    /// The item with its translation's texts and body where there is one; its `language` is then its body's.
    /// Without `lang:` and without a translation, the text is in `unstatedLanguage`.
    private func localized<Item: Translatable>(_ item: Item) -> Item {
        var item = item
        let stated = item.language
        let written = stated ?? defaultLanguage
        item.language = written
        guard written != language, let translation = item.translations[language] else {
            if stated == nil { item.language = unstatedLanguage }
            return item
        }
        item.take(translation.texts)
        if let body = translation.body {
            item.body = body
            item.language = language
        }
        return item
    }

    func localSkill(_ skill: Skill) -> Skill {
        guard let name = skillNames[skills.key(of: skill.name)] else { return skill }
        var local = skill
        local.name = name
        return local
    }
}
