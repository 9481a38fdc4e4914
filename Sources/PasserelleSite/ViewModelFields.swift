import Mustache

// Template lookups answered by a switch rather than by reflection: swift-mustache asks `child(named:)`
// first, which is many times faster than its Mirror fallback. `ViewModelFieldsTests` checks that every
// stored property is answered.

extension Link: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "title": return self.title
        case "url": return self.url
        case "current": return self.current
        default: return nil
        }
    }
}

extension LayoutModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "lang": return self.lang
        case "dir": return self.dir
        case "siteTitle": return self.siteTitle
        case "siteDescription": return self.siteDescription
        case "homeURL": return self.homeURL
        case "talentsURL": return self.talentsURL
        case "vacanciesURL": return self.vacanciesURL
        case "searchURL": return self.searchURL
        case "menu": return self.menu
        case "footerLinks": return self.footerLinks
        case "stylesheet": return self.stylesheet
        case "printStylesheet": return self.printStylesheet
        case "script": return self.script
        case "t": return self.t
        default: return nil
        }
    }
}

extension PageMeta: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "title": return self.title
        case "description": return self.description
        case "canonical": return self.canonical
        case "isHome": return self.isHome
        case "breadcrumbs": return self.breadcrumbs
        default: return nil
        }
    }
}

extension Avatar: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "initials": return self.initials
        case "colour": return self.colour
        default: return nil
        }
    }
}

extension LanguageItem: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": return self.name
        case "level": return self.level
        case "code": return self.code
        default: return nil
        }
    }
}

extension TalentCard: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "url": return self.url
        case "name": return self.name
        case "headline": return self.headline
        case "place": return self.place
        case "photo": return self.photo
        case "photoAlt": return self.photoAlt
        case "avatar": return self.avatar
        case "topSkills": return self.topSkills
        case "moreSkills": return self.moreSkills
        case "languages": return self.languages
        case "mobility": return self.mobility
        case "availability": return self.availability
        case "filter": return self.filter
        default: return nil
        }
    }
}

extension CardFilter: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "sectors": return self.sectors
        case "skills": return self.skills
        case "languages": return self.languages
        case "countries": return self.countries
        case "programme": return self.programme
        case "available": return self.available
        default: return nil
        }
    }
}

extension SkillItem: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": return self.name
        case "level": return self.level
        default: return nil
        }
    }
}

extension VideoModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "file": return self.file
        case "embed": return self.embed
        case "watch": return self.watch
        case "provider": return self.provider
        default: return nil
        }
    }
}

extension TalentProfile: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "card": return self.card
        case "matches": return self.matches
        case "bodyHTML": return self.bodyHTML
        case "skills": return self.skills
        case "video": return self.video
        case "linkedin": return self.linkedin
        case "programme": return self.programme
        case "sectors": return self.sectors
        case "experience": return self.experience
        case "occupation": return self.occupation
        default: return nil
        }
    }
}

extension VacancyCard: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "url": return self.url
        case "title": return self.title
        case "employerName": return self.employerName
        case "employerURL": return self.employerURL
        case "place": return self.place
        case "sector": return self.sector
        case "employmentType": return self.employmentType
        case "salary": return self.salary
        case "closes": return self.closes
        case "start": return self.start
        default: return nil
        }
    }
}

extension VacancyDetail: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "card": return self.card
        case "matches": return self.matches
        case "descriptionHTML": return self.descriptionHTML
        case "requiredSkills": return self.requiredSkills
        case "preferredSkills": return self.preferredSkills
        case "languages": return self.languages
        case "experience": return self.experience
        case "occupation": return self.occupation
        default: return nil
        }
    }
}

extension EmployerCard: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "url": return self.url
        case "name": return self.name
        case "place": return self.place
        case "sector": return self.sector
        case "openCount": return self.openCount
        default: return nil
        }
    }
}

extension EmployerDetail: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "card": return self.card
        case "website": return self.website
        case "aboutHTML": return self.aboutHTML
        case "vacancies": return self.vacancies
        default: return nil
        }
    }
}

extension PageCard: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "url": return self.url
        case "title": return self.title
        case "date": return self.date
        case "isoDate": return self.isoDate
        case "summary": return self.summary
        default: return nil
        }
    }
}

extension ArticleModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "title": return self.title
        case "date": return self.date
        case "isoDate": return self.isoDate
        case "summary": return self.summary
        case "image": return self.image
        case "bodyHTML": return self.bodyHTML
        case "children": return self.children
        default: return nil
        }
    }
}

extension PageContext: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "site": return self.site
        case "page": return self.page
        case "home": return self.home
        case "talents": return self.talents
        case "talent": return self.talent
        case "vacancies": return self.vacancies
        case "vacancy": return self.vacancy
        case "employers": return self.employers
        case "employer": return self.employer
        case "article": return self.article
        case "search": return self.search
        case "listing": return self.listing
        case "summary": return self.summary
        default: return nil
        }
    }
}

extension HomeModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "introTitle": return self.introTitle
        case "introHTML": return self.introHTML
        case "featured": return self.featured
        case "vacancies": return self.vacancies
        case "news": return self.news
        case "stats": return self.stats
        default: return nil
        }
    }
}

extension MatchItem: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "url": return self.url
        case "title": return self.title
        case "subtitle": return self.subtitle
        case "score": return self.score
        case "scoreStep": return self.scoreStep
        case "required": return self.required
        case "missing": return self.missing
        case "preferred": return self.preferred
        case "languages": return self.languages
        default: return nil
        }
    }
}

extension MatchSection: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "items": return self.items
        case "explanation": return self.explanation
        default: return nil
        }
    }
}

extension SearchPageModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "base": return self.base
        case "manifest": return self.manifest
        case "stringsJSON": return self.stringsJSON
        case "textScript": return self.textScript
        case "engineScript": return self.engineScript
        case "pageScript": return self.pageScript
        default: return nil
        }
    }
}

extension ListingFilterModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "stringsJSON": return self.stringsJSON
        case "labelsJSON": return self.labelsJSON
        case "script": return self.script
        default: return nil
        }
    }
}

/// Inside `{{#text}}...{{/text}}` the text is on top of the context stack; it has no fields, and saying so
/// spares swift-mustache a reflection of the string at every lookup made inside the section.
extension String: @retroactive MustacheParent {
    public func child(named key: String) -> Any? { nil }
}
