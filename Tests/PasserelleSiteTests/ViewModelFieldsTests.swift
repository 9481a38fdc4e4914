import Testing
import PasserelleContent
import PasserelleMatching
import PasserelleTemplates
@testable import PasserelleSite
@testable import PasserelleTheme

/// Templates read view models through `value(forKey:)`: every stored property must be answered, with its own value.
@Suite struct ViewModelFieldsTests {
    func check(_ model: any TemplateObject) {
        for child in Mirror(reflecting: model).children {
            guard let label = child.label else { continue }
            guard let field = child.value as? any TemplateValueConvertible else {
                Issue.record("\(type(of: model)).\(label) cannot be read by a template")
                continue
            }
            #expect(describe(model.value(forKey: label)) == describe(field.templateValue), "\(type(of: model)).\(label)")
        }
        #expect(describe(model.value(forKey: "no_such_field")) == "null")
    }

    /// A value as text, objects by their fields, so that two answers compare by what a template would read.
    func describe(_ value: TemplateValue) -> String {
        switch value {
        case .null: "null"
        case let .bool(flag): "bool \(flag)"
        case let .int(number): "int \(number)"
        case let .double(number): "double \(number)"
        case let .string(text): "string \(text.debugDescription)"
        case let .list(items): "[" + items.values.map(describe).joined(separator: ", ") + "]"
        case let .object(object): "\(object)"
        }
    }

    @Test func everyViewModelAnswersEveryField() {
        let link = Link(title: "Talents", url: "/talents/", current: true)
        let note = TextLanguage(code: "fr", note: "This text has not been translated into English; it is shown in French.")
        let alternate = LanguageLink(code: "nl", name: "Nederlands", url: "/nl/", absolute: "https://x/nl/", current: false)
        let market = MarketCard(name: "Belgium", countries: "Vacancies and talents for Belgium", url: "/be/", languages: [alternate])
        let markets = MarketsModel(title: "Choose", intro: "One per country", items: [market])
        let strings = UIStrings(language: "en", values: ["a": "b"])
        let avatar = Avatar(initials: "AB", colour: 3)
        let language = LanguageItem(name: "Dutch", level: "B1", levelName: "B1 · intermediate", code: "nl")
        let card = TalentCard(url: "/t/", name: "Amal", headline: "Nurse", place: "Fès, Morocco", photo: nil, photoAlt: "Photo of Amal",
                              avatar: avatar, topSkills: ["Care"], moreSkills: "+1 more", languages: [language], mobility: "Belgium",
                              availability: "Available",
                              filter: CardFilter(sectors: "care", skills: "Care", languages: "nl:3", countries: "BE", programme: "gsp-soins", available: "20270101"))
        let item = MatchItem(url: "/v/", title: "Nurse", subtitle: "Zorg", score: "94.7", scoreStep: 90, required: "4 of 4",
                             missing: nil, preferred: "1 of 3", languages: "Dutch B2")
        let section = MatchSection(items: [item], explanation: "Score")
        let video = VideoModel(file: nil, embed: "https://www.youtube-nocookie.com/embed/x", watch: "https://youtube.com", provider: "YouTube")
        let skill = SkillItem(name: "Care", level: "advanced")
        let profile = TalentProfile(card: card, matches: section, bodyHTML: "<p>x</p>", textLanguage: note, skills: [skill], video: video, linkedin: "https://linkedin.com/in/a",
                                    programme: "PALIM", sectors: "Care", experience: "3 years", occupation: nil, occupationName: "Nurse")
        let vacancyCard = VacancyCard(url: "/v/", title: "Nurse", employerName: "Zorg", employerURL: "/e/", place: "Gent", sector: "Care",
                                      employmentType: "Full time", salary: "EUR 3,000", closes: "1 May", start: "1 June")
        let detail = VacancyDetail(card: vacancyCard, matches: nil, descriptionHTML: "<p>d</p>", textLanguage: note, requiredSkills: [skill], preferredSkills: [],
                                   languages: [language], experience: "At least 1 year", occupation: "http://data.europa.eu/esco/occupation/x", occupationName: nil)
        let employerCard = EmployerCard(url: "/e/", name: "Zorg", place: "Gent", sector: "Care", openCount: "1 open vacancy")
        let employer = EmployerDetail(card: employerCard, website: "https://zorg.example", aboutHTML: "<p>a</p>", textLanguage: note, vacancies: [vacancyCard])
        let pageCard = PageCard(url: "/p/", title: "PALIM", date: "1 May 2021", isoDate: "2021-05-01", summary: "s")
        let article = ArticleModel(title: "PALIM", date: nil, isoDate: nil, summary: "s", image: "/media/a.png", bodyHTML: "<p>b</p>", textLanguage: note, children: [pageCard])
        let layout = LayoutModel(lang: "en", dir: "ltr", siteTitle: "Site", siteDescription: "d", homeURL: "/", talentsURL: "/talents/",
                                 vacanciesURL: "/vacancies/", searchURL: "/search/", menu: [link], footerLinks: [link], stylesheet: "/a.css", printStylesheet: "/p.css",
                                 script: "/s.js", assets: "/assets/", t: strings)
        let meta = PageMeta(title: "T", description: nil, canonical: "https://x/", isHome: false, breadcrumbs: [link], languages: [alternate])
        let home = HomeModel(introTitle: "Hi", introHTML: "<p>i</p>", introLanguage: note, featured: [card], vacancies: [vacancyCard], news: [pageCard], stats: "1 talent")
        let search = SearchPageModel(base: "/search/", manifest: "manifest.x.gz", stringsJSON: "{}", textScript: "/t.js", filtersScript: "/f2.js", engineScript: "/e.js", pageScript: "/p.js")
        let listing = ListingFilterModel(base: "/search/", manifest: "manifest.gz", stringsJSON: "{}", textScript: "/t.js", filtersScript: "/f2.js",
                                         engineScript: "/e.js", script: "/f.js", pageSize: 24)
        var context = PageContext(site: layout, page: meta, home: home, talents: [card], talent: profile, vacancies: [vacancyCard], vacancy: detail,
                                  employers: [employerCard], employer: employer, article: article, search: search, listing: listing)
        context.summary = "27 talents"
        context.markets = markets
        let pagination = PaginationModel(label: "Pages", status: "Page 2 of 3", previous: link, next: link,
                                         pages: [PageNumber(number: "1", url: "/t/", label: "Page 1", current: false)])
        context.pagination = pagination
        let models: [any TemplateObject] = [pagination, pagination.pages[0], link, layout, meta, avatar, language, card, skill, video, profile, vacancyCard, detail, employerCard,
                                            employer, pageCard, article, context, home, item, section, search, listing, card.filter, note, alternate, market, markets]
        for model in models { check(model) }
    }

    /// `{{t.key}}`: the UI strings answer their keys, and nothing else.
    @Test func uiStringsAnswerTheirKeys() {
        let strings = UIStrings(language: "en", values: ["skip_to_content": "Skip to content"])
        #expect(describe(strings.value(forKey: "skip_to_content")) == "string \"Skip to content\"")
        #expect(describe(strings.value(forKey: "language")) == "null")
    }
}

/// The loaders keep numbers in range; the formatter still shows any number it is given rather than trapping on it.
@Suite struct FormatterTests {
    let format = Formatter(strings: UIStrings(language: "en", values: ["years_other": "{count} years", "years_one": "1 year"]), language: "en")

    @Test func numbersInRangeAreGrouped() {
        #expect(format.number(1_000_000_000) == "1,000,000,000")
        #expect(format.number(2900.5) == "2,900.5")
        #expect(format.years(70) == "70 years")
        #expect(format.years(2.5) == "2.5 years")
    }

    @Test(arguments: [1e300, -1e300, 1e19, -1e19, 9.3e18, Double.infinity, -Double.infinity, Double.nan, Double.greatestFiniteMagnitude])
    func aNumberBeyondTheRangesIsShownNotTrappedOn(_ value: Double) {
        #expect(!format.number(value).isEmpty)
        #expect(format.years(value).hasSuffix(" years"))
    }
}
