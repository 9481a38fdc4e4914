import Foundation
import PasserelleContent
import PasserelleCore
import PasserelleMarkdown
import PasserelleMatching
import PasserelleTheme

/// The render stage: one HTML file per page, through the theme's templates.
struct SiteRenderer {
    let site: SiteConfig
    let edition: Edition
    let publication: Publication
    let factory: ViewModelFactory
    var routes: Routes { edition.routes }
    var theme: Theme { edition.theme }

    /// Every template a site needs; a theme lacking one falls back to the default theme's.
    static let templates = ["home", "talents", "talent", "vacancies", "vacancy", "employers", "employer", "page", "section", "search", "404", "markets"]

    /// A page made by `renderAll`: its HTML as UTF-8 bytes, or nil when the output already holds it (same fingerprint).
    struct Page: Sendable {
        let link: String
        let html: [UInt8]?
        /// Of the page's view model and the templates and strings it is rendered with.
        let fingerprint: Fingerprint
    }

    /// Where each page goes as soon as it is made, from the thread that made it; when set, `pages` keep no HTML.
    var deliver: (@Sendable (Page) -> Void)?
    /// Pages made by `renderAll`, in the order they were queued.
    private(set) var pages: [Page] = []
    /// How many of `pages` were not made at all (their inputs key was the last build's).
    private(set) var reused = 0
    /// Pages waiting to be built: their view model is made, then their template run, on all cores.
    private var jobs: [PageJob] = []
    /// Output path → fingerprint of the page the output folder holds (from the build cache): a page whose
    /// fingerprint is the same is not rendered again.
    var reusable: [String: Fingerprint] = [:]
    /// Every page's inputs key, and the last build's pages by key: a page whose key is unchanged is not made
    /// at all (`PageKeys`); nil without a build cache.
    var keys: (keys: PageKeys, records: PageRecords)?

    /// The search index's manifest, under `routes.search`; nil builds no search page.
    let searchManifest: String?
    /// How many pages are built at once; the output does not depend on it.
    var cores = ProcessInfo.processInfo.activeProcessorCount
    private let menu: [(link: Link, section: Bool)]
    private let footer: [Link]
    /// What every page of the edition shares, made once; each page sets only its menu's current entry.
    private let sharedLayout: LayoutModel

    init(site: SiteConfig, edition: Edition, publication: Publication,
         matches: MatchRanking?, searchManifest: String?, knownLinks: Set<String> = []) {
        self.searchManifest = searchManifest
        self.site = site
        self.edition = edition
        self.publication = publication
        let routes = edition.routes
        let format = Formatter(strings: edition.theme.strings, language: edition.language)
        var factory = ViewModelFactory(routes: routes, format: format, publication: publication,
                                       markdown: MarkdownRenderer(basePath: routes.basePath, filesPath: routes.siteRoot),
                                       matches: matches)
        factory.knownLinks = knownLinks
        if matches != nil { factory.vacancyHeads = factory.makeVacancyHeads() }
        self.factory = factory
        menu = Self.menuEntries(publication, routes: routes, strings: edition.theme.strings)
        footer = Self.footerLinks(publication, routes: routes, factory: factory)
        let strings = edition.theme.strings
        sharedLayout = LayoutModel(
            lang: edition.language, dir: strings.values["dir"] == "rtl" ? "rtl" : "ltr",
            siteTitle: site.title, siteDescription: site.description(in: edition.language), homeURL: routes.home,
            talentsURL: routes.talents, vacanciesURL: routes.vacancies, searchURL: routes.search,
            menu: [], footerLinks: footer,
            stylesheet: routes.file("assets/css/site.css"), printStylesheet: routes.file("assets/css/print.css"),
            script: routes.file("assets/js/site.js"), assets: routes.file("assets/"), t: strings)
    }

    var strings: UIStrings { theme.strings }

    /// Every address a market publishes: its pages in each of its languages (`routes` are the first's), and its files.
    static func links(of publication: Publication, routes: Routes, languages: [EditionLanguage], files: [String], pageSize: Int) -> Set<String> {
        var pages = [routes.home, routes.talents, routes.vacancies, routes.employers, routes.search]
        for (listing, items) in [(routes.talents, publication.talents.count), (routes.vacancies, publication.vacancies.count),
                                 (routes.employers, publication.employers.count)] {
            pages += Pagination.laterPages(of: listing, items: items, pageSize: pageSize, routes: routes)
        }
        for folder in publication.sections {
            let children = publication.pages(in: folder).count + publication.subsections(of: folder).count
            pages += Pagination.laterPages(of: routes.page(folder), items: children, pageSize: pageSize, routes: routes)
        }
        pages += publication.talents.map { routes.talent($0.slug) } + publication.vacancies.map { routes.vacancy($0.slug) }
        pages += publication.employers.map { routes.employer($0.slug) } + publication.pages.map { routes.page($0.path) }
        pages += publication.sections.map { routes.page($0) }
        var links = Set(files.map(routes.file))
        links.insert(routes.notFound)
        for language in languages {
            for page in pages { links.insert(routes.link(page, in: language.routes)) }
        }
        return links
    }

    /// The main menu: the generator's listings, then pages with `menu: true` by weight and title.
    /// `section` entries are current on every page below them.
    static func menuEntries(_ publication: Publication, routes: Routes, strings: UIStrings) -> [(link: Link, section: Bool)] {
        var entries = [
            (Link(title: strings.text("nav_talents"), url: routes.talents, current: false), true),
            (Link(title: strings.text("nav_vacancies"), url: routes.vacancies, current: false), true),
            (Link(title: strings.text("nav_employers"), url: routes.employers, current: false), true),
        ]
        let menuPages = publication.pages.filter { $0.menu && !$0.path.isEmpty }
            .sorted { (($0.weight ?? Int.max), $0.title) < (($1.weight ?? Int.max), $1.title) }
        for page in menuPages {
            entries.append((Link(title: page.title, url: routes.page(page.path), current: false), false))
        }
        return entries
    }

    /// The footer reaches every section and every top-level page, so no page is orphaned.
    static func footerLinks(_ publication: Publication, routes: Routes, factory: ViewModelFactory) -> [Link] {
        var links = publication.sections.filter { $0.count == 1 }.map {
            Link(title: factory.sectionTitle($0), url: routes.page($0), current: false)
        }
        for page in publication.pages where page.path.count == 1 && !page.isIndex && !page.menu {
            links.append(Link(title: page.title, url: routes.page(page.path), current: false))
        }
        return links.sorted { $0.title < $1.title }
    }

    func menu(current: String) -> [Link] {
        menu.map { entry in
            Link(title: entry.link.title, url: entry.link.url,
                 current: entry.section ? current.hasPrefix(entry.link.url) : current == entry.link.url)
        }
    }

    func layout(current: String) -> LayoutModel {
        var layout = sharedLayout
        layout.menu = menu(current: current)
        return layout
    }

    func meta(_ title: String, _ link: String, description: String? = nil, crumbs: [Link] = []) -> PageMeta {
        let home = Link(title: strings.text("nav_home"), url: routes.home, current: false)
        return PageMeta(title: title, description: description ?? site.description(in: edition.language), canonical: routes.absolute(link),
                        isHome: link == routes.home, breadcrumbs: crumbs.isEmpty ? [] : [home] + crumbs,
                        languages: link == routes.notFound ? [] : alternates(of: link))
    }

    /// The same page in each of the market's languages, for the language switcher and `hreflang` links.
    func alternates(of link: String) -> [LanguageLink] {
        guard edition.languages.count > 1 else { return [] }
        return edition.languages.map { language in
            let url = routes.link(link, in: language.routes)
            return LanguageLink(code: language.code, name: language.autonym, url: url, absolute: language.routes.absolute(url),
                                current: language.code == edition.language)
        }
    }

    mutating func render(_ template: String, link: String, _ context: PageContext, inputs: PageInputs = .edition,
                         diagnostics: inout DiagnosticLog) {
        jobs.append(PageJob(template: template, link: link, inputs: inputs, make: { _ in context }))
    }

    /// Queues a page whose view model is made later, in parallel with the others.
    mutating func renderLater(_ template: String, link: String, inputs: PageInputs,
                              make: @escaping @Sendable (inout DiagnosticLog) -> PageContext) {
        jobs.append(PageJob(template: template, link: link, inputs: inputs, make: make))
    }

    /// A page the last build made from the same inputs, when the output still holds it: it is not made again,
    /// and its messages are the last build's.
    private static func kept(_ job: PageJob, key: Fingerprint?, routes: Routes, records: PageRecords?) -> PageRecord? {
        // The 404 page is always made: the root /404.html is a copy of the first market's.
        guard let key, let records, job.link != routes.notFound else { return nil }
        return records.kept(routes.outputPath(job.link), key: key)
    }

    /// Builds every queued page on all cores: its view model (Markdown included), then, unless the output
    /// already holds a page with the same fingerprint, its template.
    /// Each page goes back to its own slot and diagnostics are merged in queue order, so the output
    /// is the same whatever the number of cores.
    private mutating func runJobs(diagnostics: inout DiagnosticLog) {
        enum Outcome {
            case rendered([UInt8], Fingerprint)
            case kept(Fingerprint)
            /// Not made: the last build made it from the same inputs.
            case reused(Fingerprint)
            case noTemplate
        }
        let (jobs, theme, routes, reusable, deliver) = (self.jobs, self.theme, self.routes, self.reusable, self.deliver)
        let (keys, records) = (self.keys?.keys, self.keys?.records)
        let results = ConcurrentSlots<(outcome: Outcome, log: DiagnosticLog, record: PageRecord?)>(count: jobs.count)
        let workers = max(1, min(cores, jobs.count / 32 + 1))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = results.claim() {
                var log = DiagnosticLog()
                let job = jobs[index]
                let key = keys?.key(job.inputs, template: job.template, link: job.link)
                if let record = Self.kept(job, key: key, routes: routes, records: records) {
                    deliver?(Page(link: job.link, html: nil, fingerprint: record.output))
                    results.set(index, (.reused(record.output), DiagnosticLog(record.messages), record))
                    continue
                }
                let context = job.make(&log)
                guard let templateFingerprint = theme.fingerprint(of: job.template) else {
                    results.set(index, (.noTemplate, log, nil))
                    continue
                }
                var hasher = StableHasher()
                hasher.combine(templateFingerprint)
                context.fingerprint(into: &hasher)
                let fingerprint = hasher.finalize()
                let record = key.map { PageRecord(key: $0, output: fingerprint, messages: log.all) }
                // The 404 page is always made: the root /404.html is a copy of the first market's.
                if job.link != routes.notFound, reusable[routes.outputPath(job.link)] == fingerprint {
                    deliver?(Page(link: job.link, html: nil, fingerprint: fingerprint))
                    results.set(index, (.kept(fingerprint), log, record))
                } else if let html = theme.renderBytes(job.template, context) {
                    if let deliver {
                        deliver(Page(link: job.link, html: html, fingerprint: fingerprint))
                        results.set(index, (.kept(fingerprint), log, record))
                    } else {
                        results.set(index, (.rendered(html, fingerprint), log, record))
                    }
                } else {
                    results.set(index, (.noTemplate, log, nil))
                }
            }
        }
        var made: [(path: String, record: PageRecord)] = []
        for (index, job) in jobs.enumerated() {
            guard let result = results.get(index) else { continue }
            diagnostics.append(contentsOf: result.log)
            if let record = result.record { made.append((routes.outputPath(job.link), record)) }
            switch result.outcome {
            case let .rendered(html, fingerprint): pages.append(Page(link: job.link, html: html, fingerprint: fingerprint))
            case let .kept(fingerprint): pages.append(Page(link: job.link, html: nil, fingerprint: fingerprint))
            case let .reused(fingerprint):
                pages.append(Page(link: job.link, html: nil, fingerprint: fingerprint))
                reused += 1
            case .noTemplate: diagnostics.error(theme.name, .start, "the theme has no template '\(job.template)'")
            }
        }
        self.jobs = []
        records?.add(made)
    }

    mutating func renderAll(diagnostics: inout DiagnosticLog) {
        renderHome(diagnostics: &diagnostics)
        renderTalents()
        renderVacancies()
        renderEmployers()
        renderPages(diagnostics: &diagnostics)
        renderSearch(diagnostics: &diagnostics)
        if edition.isDefaultLanguage {
            let notFound = PageContext(site: layout(current: ""), page: meta(strings.text("not_found_title"), routes.notFound))
            render("404", link: routes.notFound, notFound, diagnostics: &diagnostics)
        }
        runJobs(diagnostics: &diagnostics)
    }

    private mutating func renderHome(diagnostics: inout DiagnosticLog) {
        let intro = publication.homePage
        let featuredSlugs = site.featured
        var featured = featuredSlugs.compactMap { slug in publication.talents.first { $0.slug == slug } }
        if featured.isEmpty { featured = Array(publication.talents.prefix(4)) }
        let news = publication.pages.filter { $0.date != nil && !$0.isIndex && !$0.path.isEmpty }
            .sorted(by: Publication.newestFirst).prefix(3)
        let home = HomeModel(
            introTitle: intro?.title,
            introHTML: intro.map { factory.html($0.body, file: $0.source.path, diagnostics: &diagnostics) },
            introLanguage: factory.format.textLanguage(intro?.language),
            featured: featured.map(factory.talentCard),
            vacancies: publication.vacancies.prefix(4).map(factory.vacancyCard),
            news: news.map(factory.pageCard),
            stats: strings.text("home_stats", [
                "talents": strings.plural("talents_count", count: publication.talents.count),
                "vacancies": strings.plural("vacancies_count", count: publication.vacancies.count),
                "employers": strings.plural("employers_count", count: publication.employers.count)]))
        let context = PageContext(site: layout(current: routes.home), page: meta(intro?.title ?? site.title, routes.home, description: intro?.summary), home: home)
        render("home", link: routes.home, context, inputs: .home, diagnostics: &diagnostics)
    }

    /// A paginated listing (`/talents/`, `/talents/page/2/`...) and one page per item (`/talents/<slug>/`), with
    /// the listing as breadcrumb. Item pages are made later, in parallel.
    private mutating func renderCollection<Item: Sendable>(
        _ items: [Item], listing: (template: String, link: String, titleKey: String, countKey: String),
        fill: @escaping @Sendable (inout PageContext, ArraySlice<Item>) -> Void, detail: String, link: (Item) -> String,
        inputs: (card: @Sendable (Item) -> PageInputs.Card, page: (Item) -> PageInputs, search: Bool),
        page: @escaping @Sendable (Item, _ link: String, _ crumb: Link, inout DiagnosticLog) -> PageContext
    ) {
        let title = strings.text(listing.titleKey)
        renderListing(items, template: listing.template, link: listing.link, title: title,
                      summary: strings.plural(listing.countKey, count: items.count), inputs: { .cards($0.map(inputs.card), search: inputs.search) },
                      fill: fill)
        let crumb = Link(title: title, url: listing.link, current: false)
        for item in items {
            let itemLink = link(item)
            renderLater(detail, link: itemLink, inputs: inputs.page(item)) { diagnostics in page(item, itemLink, crumb, &diagnostics) }
        }
    }

    /// A listing cut into pages of `page_size` cards: the first at `link`, the others at `<link>page/2/`...,
    /// each with its page list and `rel=prev/next` links; later pages' titles say which page they are.
    /// Each page's view model is made later, in parallel.
    private mutating func renderListing<Item: Sendable>(
        _ items: [Item], template: String, link listing: String, title: String, summary: String?,
        description: String? = nil, crumbs: [Link] = [], inputs: (ArraySlice<Item>) -> PageInputs = { _ in .edition },
        fill: @escaping @Sendable (inout PageContext, ArraySlice<Item>) -> Void
    ) {
        let size = site.pageSize
        let count = Pagination.pageCount(items: items.count, pageSize: size)
        let view = self
        for number in 1...count {
            let link = routes.listingPage(listing, number)
            let cards = items[min(items.count, (number - 1) * size)..<min(items.count, number * size)]
            renderLater(template, link: link, inputs: inputs(cards)) { _ in
                let status = Pagination.status(current: number, count: count, strings: view.strings)
                var meta = view.meta(number == 1 ? title : "\(title) · \(status)", link, description: description, crumbs: crumbs)
                meta.previousPage = number > 1 ? view.routes.absolute(view.routes.listingPage(listing, number - 1)) : nil
                meta.nextPage = number < count ? view.routes.absolute(view.routes.listingPage(listing, number + 1)) : nil
                var context = PageContext(site: view.layout(current: link), page: meta)
                context.summary = summary
                context.pagination = Pagination.model(current: number, count: count, listing: listing, routes: view.routes, strings: view.strings)
                fill(&context, cards)
                return context
            }
        }
    }

    private mutating func renderTalents() {
        let (view, factory) = (self, self.factory)
        let listing = searchManifest.map { manifest in
            ListingFilterModel(base: routes.search, manifest: manifest, stringsJSON: searchStringsJSON, textScript: routes.file("assets/js/search-text.js"),
                               filtersScript: routes.file("assets/js/search-filters.js"), engineScript: routes.file("assets/js/search-engine.js"),
                               script: routes.file("assets/js/talent-filters.js"), pageSize: site.pageSize)
        }
        renderCollection(publication.talents, listing: ("talents", routes.talents, "talents_title", "talents_count"),
                         fill: { $0.talents = $1.map(factory.talentCard); $0.listing = listing }, detail: "talent", link: { view.routes.talent($0.slug) },
                         inputs: ({ .talent($0.slug) }, { .talent($0.slug) }, true),
                         page: { talent, link, crumb, diagnostics in
            let profile = factory.talentProfile(talent, diagnostics: &diagnostics)
            return PageContext(site: view.layout(current: link), page: view.meta(talent.name, link, description: talent.headline, crumbs: [crumb]), talent: profile)
        })
    }

    private mutating func renderVacancies() {
        let (view, factory) = (self, self.factory)
        renderCollection(publication.vacancies, listing: ("vacancies", routes.vacancies, "vacancies_title", "vacancies_count"),
                         fill: { $0.vacancies = $1.map(factory.vacancyCard) }, detail: "vacancy", link: { view.routes.vacancy($0.slug) },
                         inputs: ({ .vacancy($0.slug) }, { .vacancy($0.slug) }, false),
                         page: { vacancy, link, crumb, diagnostics in
            let detail = factory.vacancyDetail(vacancy, diagnostics: &diagnostics)
            let description = "\(vacancy.title) — \(detail.card.employerName), \(detail.card.place)"
            return PageContext(site: view.layout(current: link), page: view.meta(vacancy.title, link, description: description, crumbs: [crumb]), vacancy: detail)
        })
    }

    private mutating func renderEmployers() {
        let (view, factory) = (self, self.factory)
        renderCollection(publication.employers, listing: ("employers", routes.employers, "employers_title", "employers_count"),
                         fill: { $0.employers = $1.map(factory.employerCard) }, detail: "employer", link: { view.routes.employer($0.slug) },
                         inputs: ({ .employer($0.slug) }, { .employer($0.slug) }, false),
                         page: { employer, link, crumb, diagnostics in
            let detail = factory.employerDetail(employer, diagnostics: &diagnostics)
            return PageContext(site: view.layout(current: link), page: view.meta(employer.name, link, crumbs: [crumb]), employer: detail)
        })
    }

    /// /search/: the page that runs the theme's search script over the index built in the enrich stage.
    private mutating func renderSearch(diagnostics: inout DiagnosticLog) {
        guard let manifest = searchManifest else { return }
        let model = SearchPageModel(base: routes.search, manifest: manifest, stringsJSON: searchStringsJSON,
                                    textScript: routes.file("assets/js/search-text.js"),
                                    filtersScript: routes.file("assets/js/search-filters.js"), engineScript: routes.file("assets/js/search-engine.js"),
                                    pageScript: routes.file("assets/js/search-page.js"))
        var context = PageContext(site: layout(current: routes.search), page: meta(strings.text("search_title"), routes.search))
        context.search = model
        render("search", link: routes.search, context, inputs: .search, diagnostics: &diagnostics)
    }

    /// The `search_*` and `pagination_*` UI strings as a JSON object, for the search and filter scripts.
    var searchStringsJSON: String {
        SiteRenderer.jsonObject(strings.values.filter { $0.key.hasPrefix("search_") || $0.key.hasPrefix("pagination_") })
    }

    static func jsonObject(_ values: [String: String]) -> String {
        "{" + values.sorted { $0.key < $1.key }.map { jsonString($0.key) + ":" + jsonString($0.value) }.joined(separator: ",") + "}"
    }

    static func jsonString(_ text: String) -> String { JSONString.quoted(text) }

    private func crumbs(for folder: [String]) -> [Link] {
        (1...max(folder.count, 1)).compactMap { length in
            guard length <= folder.count else { return nil }
            let prefix = Array(folder.prefix(length))
            return Link(title: factory.sectionTitle(prefix), url: routes.page(prefix), current: false)
        }
    }

    private mutating func renderPages(diagnostics: inout DiagnosticLog) {
        for page in publication.pages where !page.path.isEmpty && !page.isIndex {
            let link = routes.page(page.path)
            let article = ArticleModel(
                title: page.title, date: page.date.map(factory.format.date), isoDate: page.date?.description, summary: page.summary,
                image: page.image.map(routes.file), bodyHTML: factory.html(page.body, file: page.source.path, diagnostics: &diagnostics),
                textLanguage: factory.format.textLanguage(page.language), children: [])
            let folder = Array(page.path.dropLast())
            let context = PageContext(site: layout(current: link), page: meta(page.title, link, description: page.summary, crumbs: crumbs(for: folder)), article: article)
            render("page", link: link, context, diagnostics: &diagnostics)
        }
        for folder in publication.sections {
            let index = publication.indexPage(of: folder)
            let children = publication.pages(in: folder).map(factory.pageCard)
                + publication.subsections(of: folder).map { PageCard(url: routes.page($0), title: factory.sectionTitle($0), date: nil, isoDate: nil, summary: nil) }
            let title = factory.sectionTitle(folder)
            let bodyHTML = index.map { factory.html($0.body, file: $0.source.path, diagnostics: &diagnostics) } ?? ""
            let (image, textLanguage) = (index?.image.map(routes.file), factory.format.textLanguage(index?.language))
            // The folder's introduction opens its first page; later pages list the rest of its pages.
            renderListing(children, template: "section", link: routes.page(folder), title: title, summary: nil, description: index?.summary,
                          crumbs: crumbs(for: Array(folder.dropLast()))) { context, cards in
                let first = cards.startIndex == 0
                context.article = ArticleModel(
                    title: context.page.title, date: nil, isoDate: nil, summary: first ? index?.summary : nil, image: first ? image : nil,
                    bodyHTML: first ? bodyHTML : "", textLanguage: textLanguage, children: Array(cards))
            }
        }
    }
}

/// A page to build: its template, its address, and how to make its view model.
struct PageJob: Sendable {
    let template: String
    let link: String
    /// What it shows, for its inputs key.
    let inputs: PageInputs
    let make: @Sendable (inout DiagnosticLog) -> PageContext
}
