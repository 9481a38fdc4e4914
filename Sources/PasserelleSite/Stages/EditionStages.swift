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

/// Stage 5: index: the edition's search index, in shards the search page fetches as it needs them. Pages name
/// only its manifest, whose address is fixed (`SearchIndexBuilder.manifestPath`), so it can be built while the
/// edition's pages are rendered. With a build cache, the documents of items that did not change are neither made
/// nor analysed again (their postings come from the last build's `SearchIndexCache`), the files whose input did
/// not change are not encoded again, and the files the output already holds are not written again.
enum IndexStage {
    /// `shared`: the fingerprint of every input that is no item (see `SourceFingerprints`).
    static func run(_ localized: LocalizedEdition, _ loaded: LoadedSite, analysed: SearchMemo, check: CacheCheck, shared: Fingerprint,
                    into output: SiteOutput, _ run: inout BuildRun) {
        let (edition, theme) = (localized.edition, localized.edition.theme)
        let documents = SearchDocuments(routes: edition.routes, format: Formatter(strings: theme.strings, language: theme.language),
                                        publication: localized.publication, originals: localized.market.publication,
                                        defaultLanguage: loaded.defaultLanguage, memo: analysed, shared: shared)
        var indexer = SearchIndexBuilder(language: edition.language, skills: loaded.content.skills)
        indexer.jobs = run.jobs
        indexer.analysed = analysed.terms
        let cache = check.cache.map { SearchIndexCache($0, searchFolder: edition.routes.search) }
        indexer.keepsPostings = cache != nil
        let kept = cache?.load() ?? SearchIndexCache.Kept()
        let previous = check.previous ?? [:]
        let index = indexer.build(documents, reusing: kept.postings, keptFiles: kept.files, keptLabels: kept.labels, keep: { path, bytes in
            // A file the output holds as the last build wrote it stays as it is.
            let file = edition.routes.outputPath(edition.routes.search + path)
            guard let fingerprint = previous[file], bytes == nil || bytes == fingerprint else { return false }
            output.keep(file, fingerprint: fingerprint)
            return true
        }, emit: { path, bytes in
            output.add(edition.routes.outputPath(edition.routes.search + path), bytes: bytes)
        })
        // Nothing analysed or encoded, and as many documents: the kept state is this build's already. Otherwise it
        // is saved once the site is written, as the build cache is.
        if let cache, index.analysedCount > 0 || index.encodedCount > 0 || index.postings.count != kept.postings.count || index.files != kept.files
            || index.labels != kept.labels {
            analysed.keep(cache, cache.encode(SearchIndexCache.Kept(postings: index.postings, files: index.files, labels: index.labels),
                                              previous: kept.layout))
        }
        run.lap("index")
    }
}

/// Stage 6: render every page of an edition. A page whose inputs key is the last build's is not made at all;
/// any other gets its view model, then, unless the output already holds a page with the same fingerprint,
/// its template.
enum RenderStage {
    static func run(_ localized: LocalizedEdition, matches: MatchRanking?, _ loaded: LoadedSite,
                    reusable: [String: Fingerprint], keys: PageDecisions?,
                    into output: SiteOutput, published: inout PublishedPages, _ run: inout BuildRun) {
        let edition = localized.edition
        var renderer = SiteRenderer(site: loaded.site, edition: edition, publication: localized.publication,
                                    matches: matches, searchManifest: SearchIndexBuilder.manifestPath,
                                    knownLinks: localized.market.knownLinks)
        renderer.cores = run.jobs
        renderer.reusable = reusable
        if let keys {
            let pageKeys = PageKeys(sources: keys.sources, language: edition.language, knownLinks: localized.market.knownLinks,
                                    publication: localized.publication, featured: loaded.site.featured, matches: matches,
                                    manifest: SearchIndexBuilder.manifestPath)
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

/// Stages 4 to 6 for every edition of a market: localize, then index and render. In a rebuild (the last build's
/// output and index states at hand) most of an edition's work is bookkeeping on one core, so editions are built side by
/// side, one per core; in a full build each edition's own work already takes every core, and one edition at a
/// time bounds the memory its index takes. What the editions give is gathered in the order of their languages,
/// so the site and the report are the same either way.
enum EditionsStage {
    static func run(_ market: MarketBuild, matches: MatchRanking?, _ loaded: LoadedSite, analysed: SearchMemo, check: CacheCheck,
                    keys: PageDecisions?, into output: SiteOutput, published: inout PublishedPages, _ run: inout BuildRun) {
        let languages = market.languages
        let options = run.options
        let started = Date()
        let results = ConcurrentSlots<(run: BuildRun, published: PublishedPages)>(count: languages.count)
        let sideBySide = check.previous != nil && keys != nil
        let items = market.publication.talents.count + market.publication.vacancies.count + market.publication.employers.count
            + market.publication.pages.count
        // In a small market an edition's index is built beside its pages, and the matches a page shows are worked
        // out once for all the languages; in a large one, one after the other and at each page (memory).
        let overlaps = items <= options.overlapLimit
        let matches = overlaps ? matches?.keepingMatches() : matches
        DispatchQueue.concurrentPerform(iterations: sideBySide ? max(1, min(run.jobs, languages.count)) : 1) { _ in
            while let slot = results.claim() {
                var edition = BuildRun(options: options)
                var pages = PublishedPages()
                if let localized = LocalizeStage.run(languages[slot], of: market, loaded, &edition) {
                    indexAndRender(localized, overlapping: overlaps, matches: matches, loaded, analysed: analysed, check: check,
                                   keys: keys, into: output, published: &pages, &edition)
                }
                results.set(slot, (edition, pages))
            }
        }
        let editions = (0..<languages.count).compactMap { results.get($0) }
        // Each stage's time is its share of the time the editions took together (side by side, they overlap).
        let total = editions.reduce(0) { sum, edition in sum + edition.run.result.stages.reduce(0) { $0 + $1.seconds } }
        let scale = total > 0 ? Date().timeIntervalSince(started) / total : 1
        for (edition, pages) in editions {
            run.result.diagnostics.append(contentsOf: edition.result.diagnostics)
            if let made = edition.result.pagesMade { run.result.pagesMade = (run.result.pagesMade ?? 0) + made }
            published.links += pages.links
            published.sources.merge(pages.sources)
            for (stage, seconds) in edition.result.stages { run.add(stage, seconds: seconds * scale) }
        }
        run.restartClock()
    }

    /// Stages 5 and 6 for one edition. The index is built on its own thread while the pages are rendered: its
    /// single-threaded parts (the posting table, the manifest) run beside the render's work on every core. In a
    /// large market (`overlapping` false) one after the other, which bounds the memory the two take together.
    private static func indexAndRender(_ localized: LocalizedEdition, overlapping: Bool, matches: MatchRanking?, _ loaded: LoadedSite,
                                       analysed: SearchMemo, check: CacheCheck, keys: PageDecisions?, into output: SiteOutput,
                                       published pages: inout PublishedPages, _ edition: inout BuildRun) {
        let options = edition.options
        // The index's time is added once it is done; its place comes first, so `--timings` keeps the stages' order.
        edition.add("index", seconds: 0)
        let indexed = ConcurrentSlots<BuildRun>(count: 1)
        let indexing = DispatchSemaphore(value: 0)
        let index: @Sendable () -> Void = {
            var index = BuildRun(options: options)
            IndexStage.run(localized, loaded, analysed: analysed, check: check,
                           shared: keys?.sources.shared ?? Fingerprint(high: 0, low: 0), into: output, &index)
            indexed.set(0, index)
            indexing.signal()
        }
        if overlapping {
            // A thread of its own, not a pool's: a pool busy with other builds cannot hold it back while this one
            // waits for it.
            let thread = Thread(block: index)
            thread.stackSize = 8 << 20
            thread.start()
        } else {
            index()
        }
        edition.restartClock()
        RenderStage.run(localized, matches: matches, loaded, reusable: check.previous ?? [:],
                        keys: keys, into: output, published: &pages, &edition)
        indexing.wait()
        for (stage, seconds) in indexed.get(0)?.result.stages ?? [] { edition.add(stage, seconds: seconds) }
    }
}
