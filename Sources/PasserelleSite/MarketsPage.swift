import PasserelleContent
import PasserelleCore
import PasserelleTheme

/// The output's root page when site.yml has `markets:`: one card per market, linking to it in each of its languages.
struct MarketsPage {
    let site: SiteConfig
    let theme: Theme
    /// The output root's routes.
    let routes: Routes
    /// Each language's name in itself.
    let autonyms: [String: String]

    func render(diagnostics: inout DiagnosticLog) -> String {
        let strings = theme.strings
        let format = Formatter(strings: strings, language: theme.language)
        let cards = site.markets.map { market -> MarketCard in
            let countries = format.list(market.countries.map(format.countryName))
            let languages = market.languages.enumerated().map { index, code in
                let marketRoutes = Routes(baseURL: site.baseURL, market: market.slug, language: index == 0 ? nil : code)
                return LanguageLink(code: code, name: autonyms[code] ?? format.languageName(code), url: marketRoutes.home,
                                    absolute: marketRoutes.absolute(marketRoutes.home), current: false)
            }
            return MarketCard(name: market.name ?? countries, countries: strings.text("market_countries", ["countries": countries]),
                              url: languages.first?.url ?? routes.home, languages: languages)
        }
        let layout = LayoutModel(
            lang: theme.language, dir: strings.values["dir"] == "rtl" ? "rtl" : "ltr",
            siteTitle: site.title, siteDescription: site.description(in: theme.language), homeURL: routes.home,
            talentsURL: nil, vacanciesURL: nil, searchURL: nil, menu: [], footerLinks: [],
            stylesheet: routes.file("assets/css/site.css"), printStylesheet: routes.file("assets/css/print.css"),
            script: routes.file("assets/js/site.js"), assets: routes.file("assets/"), t: strings)
        let meta = PageMeta(title: site.title, description: site.description(in: theme.language), canonical: routes.absolute(routes.home),
                            isHome: true, breadcrumbs: [], languages: [])
        var context = PageContext(site: layout, page: meta)
        context.markets = MarketsModel(title: strings.text("markets_title"), intro: strings.text("markets_intro"), items: cards)
        guard let html = theme.render("markets", context) else {
            diagnostics.error(theme.name, .start, "the theme has no template 'markets'")
            return ""
        }
        return html
    }
}
