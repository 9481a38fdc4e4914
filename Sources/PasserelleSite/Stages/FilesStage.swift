import Foundation
import PasserelleContent
import PasserelleCore

/// The files that are not rendered pages: the theme's assets and media/ per market, and at the output's root
/// the markets page, sitemap.xml, robots.txt and the output's marker.
enum FilesStage {
    /// The theme's assets and the content's media, under the market's folder.
    static func market(_ market: MarketBuild, _ loaded: LoadedSite, into output: SiteOutput, published: inout PublishedPages,
                       _ run: inout BuildRun) {
        let files = market.routes
        for (path, source) in loaded.themes[market.languages[0].code]?.assets ?? [:] {
            output.add(files.outputPath(files.file(path)), copyOf: source)
        }
        var media: [(path: String, source: SiteOutput.Source)] = []
        for file in loaded.content.media {
            let source = joinPath(run.options.content, file.path)
            media.append((files.outputPath(files.file(file.path)), .media(from: source, type: file.type)))
            published.sources.add(source, files.file(file.path))
        }
        output.addAll(media, cores: run.jobs)
    }

    /// The page that lists the markets, with its assets and the root 404 page; then the sitemap, robots.txt
    /// and the marker.
    static func root(_ enriched: EnrichedSite, into output: SiteOutput, published: inout PublishedPages, _ run: inout BuildRun) {
        let (loaded, site) = (enriched.loaded, enriched.loaded.site)
        let root = Routes(baseURL: site.baseURL)
        if run.options.market == nil, !site.markets.isEmpty, let theme = loaded.themes[loaded.defaultLanguage] {
            let html = MarketsPage(site: site, theme: theme, routes: root,
                                   autonyms: loaded.themes.mapValues { $0.strings.values["language_autonym"] ?? $0.language })
                .render(diagnostics: &run.result.diagnostics)
            output.add(root.outputPath(root.home), text: html)
            published.links.append(root.home)
            for (path, source) in theme.assets { output.add(root.outputPath(root.file(path)), copyOf: source) }
            // Static hosts serve one /404.html: the first market's, whose links lead into that market.
            if let first = enriched.markets.first, let html = output.text(at: root.outputPath(first.routes.notFound)) {
                output.add(root.outputPath(root.notFound), text: html)
            }
            run.lap("render")
        }
        for file in Sitemap.files(links: published.links.filter { !$0.hasSuffix("404.html") }, routes: root) {
            output.add(file.path, text: file.text)
        }
        output.add("robots.txt", text: Sitemap.robots(routes: root))
        output.add(OutputWriter.marker, text: OutputWriter.markerText)
    }
}

/// Stage 7: the report: images checked, what was published from which file, what was skipped and why.
enum ReportStage {
    static func run(_ enriched: EnrichedSite, published: PublishedPages, _ run: inout BuildRun) {
        let content = enriched.loaded.content
        SiteBuilder.checkImages(content, root: run.options.content, jobs: run.jobs, into: &run.result.diagnostics)
        run.result.pageLinks = published.links
        run.result.published = published.sources.sorted
        run.result.skipped += SiteBuilder.unusedTranslations(content, published: run.result.published, skipped: run.result.skipped)
        run.result.skipped.sort { $0.path < $1.path }
        run.result.diagnostics.removeDuplicates()
    }
}
