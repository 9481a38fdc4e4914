import Foundation
import PasserelleContent
import PasserelleCore

/// One market as the later stages build it: what it publishes, and the language editions it is read in.
struct MarketBuild {
    let market: Market?
    let publication: Publication
    /// Its editions, the market's first language first (at the market's root).
    let languages: [EditionLanguage]
    /// Every address the market publishes, in all its languages: for the check of Markdown links.
    let knownLinks: Set<String>
    var routes: Routes { languages[0].routes }
}

/// What is published at the build's date, per market.
struct EnrichedSite {
    let loaded: LoadedSite
    let publication: Publication
    let markets: [MarketBuild]
}

/// Stage 2: enrich: what is published at this date, how items link up, and what each market publishes.
enum EnrichStage {
    static func run(_ loaded: LoadedSite, _ run: inout BuildRun) -> EnrichedSite {
        let (options, content, site) = (run.options, loaded.content, loaded.site)
        var publication = Publication(content: content, today: options.today, includeDrafts: options.includeDrafts,
                                      diagnostics: &run.result.diagnostics)
        publication.nameSkills(content.skills)
        let scoped = loaded.markets.map { market in market.map(publication.scoped) ?? publication }
        run.result.skipped = publication.skipped
            + SiteBuilder.outsideMarkets(publication, markets: site.markets, built: scoped, only: options.market)
        run.result.talents = Set(scoped.flatMap { $0.talents.map(\.slug) }).count
        run.result.vacancies = Set(scoped.flatMap { $0.vacancies.map(\.slug) }).count
        run.result.employers = Set(scoped.flatMap { $0.employers.map(\.slug) }).count
        run.result.pages = publication.pages.count
        let markets = zip(loaded.markets, scoped).map { market, publication in
            Self.market(market, publication, loaded: loaded, alone: options.market != nil)
        }
        run.lap("enrich")
        return EnrichedSite(loaded: loaded, publication: publication, markets: markets)
    }

    /// A market's editions; its folder under the output, none when one market is built alone.
    private static func market(_ market: Market?, _ publication: Publication, loaded: LoadedSite, alone: Bool) -> MarketBuild {
        let site = loaded.site
        let folder = alone ? nil : market?.slug
        let languages = (market?.languages ?? site.languages).enumerated().map { index, code in
            EditionLanguage(code: code, routes: Routes(baseURL: site.baseURL, market: folder, language: index == 0 ? nil : code),
                            autonym: loaded.themes[code]?.strings.values["language_autonym"] ?? code)
        }
        let files = loaded.content.media.map(\.path) + (loaded.themes[languages[0].code]?.assets.keys.map { $0 } ?? [])
        let knownLinks = SiteRenderer.links(of: publication, routes: languages[0].routes, languages: languages, files: files,
                                            pageSize: site.pageSize)
        return MarketBuild(market: market, publication: publication, languages: languages, knownLinks: knownLinks)
    }
}
