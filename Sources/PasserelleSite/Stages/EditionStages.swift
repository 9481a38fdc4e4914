import Foundation
import PasserelleContent
import PasserelleCore
import PasserelleMatching
import PasserelleSearch

/// One language edition of a market, with its items read in that language.
struct LocalizedEdition {
    let edition: Edition
    let market: MarketBuild
    /// The market's publication, translated and with skills named in the edition's language.
    let publication: Publication
}

/// Stage 4 (per edition, part of enrich): each item in the edition's language.
enum LocalizeStage {
    /// Nil for a language the theme has no strings for.
    static func run(_ language: EditionLanguage, of market: MarketBuild, _ loaded: LoadedSite, _ run: inout BuildRun) -> LocalizedEdition? {
        guard let theme = loaded.themes[language.code] else { return nil }
        let edition = Edition(language: language.code, routes: language.routes, theme: theme, languages: market.languages)
        let local = Localizer(language: language.code, defaultLanguage: loaded.defaultLanguage, editionLanguages: market.languages.map(\.code),
                              skills: loaded.content.skills).apply(market.publication)
        run.lap("enrich")
        return LocalizedEdition(edition: edition, market: market, publication: local)
    }
}

/// What the render stage needs of an edition's search index.
struct EditionIndex {
    /// The manifest's path under the search folder.
    let manifest: String
}

/// Stage 5: index: the edition's search index, in shards the search page fetches as it needs them. With a build
/// cache, the postings of documents whose text did not change and the files whose input did not change are
/// taken from the last build (`SearchIndexCache`), and the files the output already holds are not written again.
enum IndexStage {
    static func run(_ localized: LocalizedEdition, _ loaded: LoadedSite, analysed: SearchMemo, check: CacheCheck,
                    into output: SiteOutput, _ run: inout BuildRun) -> EditionIndex {
        let (edition, theme) = (localized.edition, localized.edition.theme)
        let documents = SearchDocuments(routes: edition.routes, format: Formatter(strings: theme.strings, language: theme.language),
                                        publication: localized.publication, memo: analysed)
        let searchDocuments = documents.all(jobs: run.jobs)
        let filterLabels = documents.labels(searchDocuments)
        var indexer = SearchIndexBuilder(language: edition.language, skills: loaded.content.skills, labels: filterLabels)
        indexer.jobs = run.jobs
        indexer.analysed = analysed.terms
        let cache = check.cache.map { SearchIndexCache($0, searchFolder: edition.routes.search) }
        indexer.keepsPostings = cache != nil
        let kept = cache?.load() ?? SearchIndexCache.Kept()
        let previous = check.previous ?? [:]
        let index = indexer.build(searchDocuments, reusing: kept.postings, keptFiles: kept.files, keep: { path in
            // A file the output holds as the last build wrote it stays as it is.
            let file = edition.routes.outputPath(edition.routes.search + path)
            guard let fingerprint = previous[file] else { return false }
            output.keep(file, fingerprint: fingerprint)
            return true
        }, emit: { path, bytes in
            output.add(edition.routes.outputPath(edition.routes.search + path), bytes: bytes)
        })
        // Nothing analysed or encoded, and as many documents: the kept state is this build's already. Otherwise it
        // is saved once the site is written, as the build cache is.
        if let cache, index.analysedCount > 0 || index.encodedCount > 0 || index.postings.count != kept.postings.count || index.files != kept.files {
            analysed.keep(cache, cache.encode(SearchIndexCache.Kept(postings: index.postings, files: index.files), previous: kept.layout))
        }
        run.lap("index")
        return EditionIndex(manifest: index.manifest)
    }
}

/// Stage 6: render every page of an edition. A page whose inputs key is the last build's is not made at all;
/// any other gets its view model, then, unless the output already holds a page with the same fingerprint,
/// its template.
enum RenderStage {
    static func run(_ localized: LocalizedEdition, index: EditionIndex, matches: MatchRanking?, _ loaded: LoadedSite,
                    reusable: [String: Fingerprint], keys: PageDecisions?,
                    into output: SiteOutput, published: inout PublishedPages, _ run: inout BuildRun) {
        let edition = localized.edition
        var renderer = SiteRenderer(site: loaded.site, edition: edition, publication: localized.publication,
                                    matches: matches, searchManifest: index.manifest,
                                    knownLinks: localized.market.knownLinks)
        renderer.cores = run.jobs
        renderer.reusable = reusable
        if let keys {
            let pageKeys = PageKeys(sources: keys.sources, language: edition.language, knownLinks: localized.market.knownLinks,
                                    publication: localized.publication, featured: loaded.site.featured, matches: matches,
                                    manifest: index.manifest)
            renderer.keys = (pageKeys, keys.records)
        }
        // Each page goes to the output as soon as it is made, on the thread that made it.
        let routes = edition.routes
        renderer.deliver = { page in output.add(routes.outputPath(page.link), page: page.html, fingerprint: page.fingerprint) }
        renderer.renderAll(diagnostics: &run.result.diagnostics)
        published.links += renderer.pages.map(\.link)
        run.result.pagesMade = (run.result.pagesMade ?? 0) + renderer.pages.count - renderer.reused
        published.sources.add(localized.market.publication, routes: edition.routes, language: edition.language)
        run.lap("render")
    }
}

/// The pages made so far and the sources they were made from.
struct PublishedPages {
    /// Every HTML page's link, root-relative, in the order made.
    var links: [String] = []
    var sources = SourceMap()
}
