import Foundation
import PasserelleContent
import PasserelleCore
import PasserelleMatching
import PasserelleSearch
import PasserelleTheme

/// What to build, from where, to where.
public struct BuildOptions: Sendable {
    public var content: String
    public var themes: String
    public var output: String
    public var includeDrafts: Bool
    /// Replaces site.yml's base_url (e.g. `http://localhost:8000/`).
    public var baseURL: String?
    /// The day vacancies are judged open against; today (UTC) by default.
    public var today: Day
    /// False for `check`: everything is validated and rendered, nothing written.
    public var write: Bool
    /// Builds only this market of site.yml's `markets:`, at the output's root.
    public var market: String?
    /// How many cores matching, indexing and rendering use; the output is the same for any number.
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// The build cache's folder (outside the output): with it, a build renders and writes only what changed
    /// since the last one, and a build with nothing changed does nothing. Nil builds everything.
    public var cache: String?

    public init(content: String = "Content", themes: String = "Themes", output: String = "Public", includeDrafts: Bool = false,
                baseURL: String? = nil, today: Day = .today, write: Bool = true, market: String? = nil) {
        self.market = market
        self.content = content
        self.themes = themes
        self.output = output
        self.includeDrafts = includeDrafts
        self.baseURL = baseURL
        self.today = today
        self.write = write
    }
}

/// What a build did: counts for the summary line, skipped files with reasons, every diagnostic.
public struct BuildResult: Sendable {
    public var diagnostics = DiagnosticLog()
    public var talents = 0
    public var vacancies = 0
    public var employers = 0
    public var pages = 0
    public var skipped: [SkippedFile] = []
    /// Files in the output.
    public var filesWritten = 0
    /// Files of the output written by an incremental build (the others were kept as they were); nil for a full build.
    public var filesChanged: Int?
    /// Files of the last build that an incremental build deleted (the site no longer has them).
    public var filesDeleted = 0
    public var seconds = 0.0
    /// Links of every HTML page, root-relative.
    public var pageLinks: [String] = []
    /// Every file found in the content folder, as messages name them, and the settings files among them.
    public var sources: [String] = []
    public var settingsFiles: [String] = []
    /// Content file → the addresses of the pages and files made from it, sorted.
    public var published: [String: [String]] = [:]
    /// Seconds spent in each stage of the pipeline, in order.
    public var stages: [(name: String, seconds: Double)] = []
    public var succeeded: Bool { !diagnostics.hasErrors }
    /// The output was not as the build cache said; the builder builds again without it.
    var incrementalWriteFailed = false

    /// One line: what was published, what was skipped and why, how long it took.
    public func summary(output: String, wrote: Bool) -> String {
        var line = "\(wrote ? "Built" : "Checked"): \(talents) talents, \(vacancies) vacancies, \(employers) employers, \(pages) pages"
        if !skipped.isEmpty {
            var reasons: [String: Int] = [:]
            for file in skipped { reasons[file.reason.split(separator: "(").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? file.reason, default: 0] += 1 }
            line += "; \(skipped.count) skipped (" + reasons.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + ")"
        }
        if wrote {
            line += "; \(filesWritten) files in \(output)"
            if let filesChanged {
                if filesChanged == 0 && filesDeleted == 0 {
                    line += " (nothing changed)"
                } else {
                    line += " (\(filesChanged) of them written" + (filesDeleted > 0 ? ", \(filesDeleted) old files deleted)" : ")")
                }
            }
        }
        return line + String(format: " in %.2f s", seconds)
    }
}

/// The build pipeline, top to bottom: load → validate → enrich → render → write.
public struct SiteBuilder: Sendable {
    let fileSystem: any FileSystem

    public init(fileSystem: any FileSystem = LocalFileSystem()) {
        self.fileSystem = fileSystem
    }

    public func build(_ options: BuildOptions) -> BuildResult {
        let started = Date()
        var result = run(options, incremental: true)
        if result.incrementalWriteFailed {
            // The output was not as the cache said (a page deleted by hand, a linked folder): build it all again.
            // Nothing was swapped in, so the output is still the last build's whatever this one gives.
            result = run(options, incremental: false)
        }
        result.seconds = Date().timeIntervalSince(started)
        return result
    }

    private func run(_ options: BuildOptions, incremental: Bool) -> BuildResult {
        var result = BuildResult()
        var clock = Date()
        // A stage met again (one market or language after another) adds to its first entry.
        func lap(_ stage: String) {
            let now = Date()
            if let index = result.stages.firstIndex(where: { $0.name == stage }) {
                result.stages[index].seconds += now.timeIntervalSince(clock)
            } else {
                result.stages.append((stage, now.timeIntervalSince(clock)))
            }
            clock = now
        }

        // 0. With a build cache: the stamps of every source file. When none changed since the last build and
        // the output is as that build left it, there is nothing to do.
        let cache = options.write ? options.cache.map { BuildCache(folder: $0, output: options.output) } : nil
        let settings = BuildCache.settings(options)
        let markerPath = joinPath(options.output, OutputWriter.marker)
        var inputs: [String: FileStamp] = [:]
        var previous: BuildCache.State?
        let scanned = FileStamp.now
        if let cache {
            inputs = FileStamp.all(under: [options.content, options.themes])
            if incremental, OutputWriter.linkRefusal(options.output) == nil, let state = cache.load(), state.settings == settings,
               FileStamp(path: markerPath) == state.marker {
                if state.inputs == inputs, !inputs.values.contains(where: { $0.modified >= state.scanned }) {
                    result = state.summary.result(pageLinks: state.pageLinks)
                    // A build cut short while it removed the old site leaves it beside the output.
                    for kept in OutputWriter(output: options.output).removeLeftovers() {
                        result.diagnostics.warning(options.output, .start, kept)
                    }
                    lap("unchanged")
                    return result
                }
                previous = state
            }
        }

        // 1. Load and validate every content file.
        var loader = ContentLoader(fileSystem: fileSystem)
        loader.cores = max(1, options.jobs)
        let content = loader.load(from: options.content)
        result.diagnostics = content.diagnostics
        result.sources = content.files
        result.settingsFiles = content.settingsFiles
        lap("load and validate")
        guard var site = content.site else { return result }
        if let baseURL = options.baseURL {
            guard let url = WebURL(baseURL), url.scheme == "http" || url.scheme == "https" else {
                result.diagnostics.error("--base-url", .start, "'\(baseURL)' is not an absolute web address", expected: "such as http://localhost:8000/")
                return result
            }
            site.baseURL = baseURL
        }
        var markets: [Market?] = site.markets.isEmpty ? [nil] : site.markets
        if let name = options.market {
            guard let market = site.market(named: name, diagnostics: &result.diagnostics) else { return result }
            markets = [market]
        }
        // The market's folder under the output; none when one market is built alone.
        let folder = { (market: Market?) in options.market == nil ? market?.slug : nil }

        // 2. The theme, in every language a page is written in.
        guard let themes = ThemeLoader(fileSystem: fileSystem, readStrings: YAMLReader.readStrings).load(
            themes: options.themes, name: site.theme, languages: site.languages, requiredTemplates: SiteRenderer.templates,
            diagnostics: &result.diagnostics, reportAt: (site.source, site.locations["theme"] ?? .start)) else {
            return result
        }
        lap("theme")

        // 3. Enrich: what is published at this date, and how items link up.
        var publication = Publication(content: content, today: options.today, includeDrafts: options.includeDrafts, diagnostics: &result.diagnostics)
        publication.nameSkills(aliases: content.skillAliases)
        let scoped = markets.map { market in market.map(publication.scoped) ?? publication }
        result.skipped = publication.skipped + Self.outsideMarkets(publication, markets: site.markets, built: scoped, only: options.market)
        result.talents = Set(scoped.flatMap { $0.talents.map(\.slug) }).count
        result.vacancies = Set(scoped.flatMap { $0.vacancies.map(\.slug) }).count
        result.employers = Set(scoped.flatMap { $0.employers.map(\.slug) }).count
        result.pages = publication.pages.count
        lap("enrich")

        var output = SiteOutput()
        var pageLinks: [String] = []
        var sourceMap = SourceMap()
        let analysedTexts = AnalysedTexts()
        let defaultLanguage = site.languages.first ?? "en"
        for (market, publication) in zip(markets, scoped) {
            // 4. Match: the best talents for each open vacancy, and the best vacancies for each talent, in this market.
            var matches: MatchRanking?
            if site.matching.show {
                let engine = MatchEngine(talents: publication.talents, aliases: content.skillAliases, settings: site.matching)
                matches = engine.rankAll(publication.vacancies, top: site.matching.top, jobs: max(1, options.jobs))
            }
            lap("match")

            let codes = market?.languages ?? site.languages
            let languages = codes.enumerated().map { index, code in
                EditionLanguage(code: code, routes: Routes(baseURL: site.baseURL, market: folder(market), language: index == 0 ? nil : code),
                                autonym: themes[code]?.strings.values["language_autonym"] ?? code)
            }
            // The same in every language of the market: for the check of Markdown links.
            let knownLinks = SiteRenderer.links(of: publication, routes: languages[0].routes, languages: languages,
                                                files: content.media.map(\.path) + (themes[languages[0].code]?.assets.keys.map { $0 } ?? []),
                                                pageSize: site.pageSize)
            for language in languages {
                guard let theme = themes[language.code] else { continue }
                let edition = Edition(language: language.code, routes: language.routes, theme: theme, languages: languages)
                sourceMap.add(publication, routes: language.routes, language: language.code)
                let local = Localizer(language: language.code, defaultLanguage: defaultLanguage, editionLanguages: codes,
                                      aliases: content.skillAliases).apply(publication)
                lap("enrich")

                // 5. Index: the search index, in shards the search page fetches as it needs them.
                let documents = SearchDocuments(routes: edition.routes, format: Formatter(strings: theme.strings, language: theme.language),
                                                publication: local)
                let searchDocuments = documents.all()
                let filterLabels = documents.labels(searchDocuments)
                var indexer = SearchIndexBuilder(language: language.code, aliases: content.skillAliases, labels: filterLabels)
                indexer.jobs = max(1, options.jobs)
                indexer.analysed = analysedTexts
                let index = indexer.build(searchDocuments)
                for (path, bytes) in index.files {
                    output.add(edition.routes.outputPath(edition.routes.search + path), bytes: bytes)
                }
                lap("index")

                // 6. Render every page.
                var renderer = SiteRenderer(site: site, edition: edition, publication: local,
                                            matches: matches, searchManifest: index.manifest,
                                            knownLinks: knownLinks)
                renderer.cores = max(1, options.jobs)
                renderer.reusable = previous?.outputs ?? [:]
                renderer.renderAll(diagnostics: &result.diagnostics)
                for page in renderer.pages {
                    output.add(edition.routes.outputPath(page.link), page: page.html, fingerprint: page.fingerprint)
                    pageLinks.append(page.link)
                }
                lap("render")
            }
            let files = languages[0].routes
            for (path, source) in themes[languages[0].code]?.assets ?? [:] {
                output.add(files.outputPath(files.file(path)), copyOf: source)
            }
            for media in content.media {
                let source = joinPath(options.content, media.path)
                output.add(files.outputPath(files.file(media.path)), media: source, type: media.type)
                sourceMap.add(source, files.file(media.path))
            }
        }

        // The page that lists the markets, at the output's root.
        let root = Routes(baseURL: site.baseURL)
        if options.market == nil, !site.markets.isEmpty, let theme = themes[defaultLanguage] {
            let html = MarketsPage(site: site, theme: theme, routes: root,
                                   autonyms: themes.mapValues { $0.strings.values["language_autonym"] ?? $0.language }).render(diagnostics: &result.diagnostics)
            output.add(root.outputPath(root.home), text: html)
            pageLinks.append(root.home)
            for (path, source) in theme.assets { output.add(root.outputPath(root.file(path)), copyOf: source) }
            // Static hosts serve one /404.html: the first market's, whose links lead into that market.
            if let first = markets.first, let page = first.flatMap({ Routes(baseURL: site.baseURL, market: $0.slug) }).map(\.notFound),
               let html = output.text(at: root.outputPath(page)) {
                output.add(root.outputPath(root.notFound), text: html)
            }
            lap("render")
        }
        checkImages(content, root: options.content, jobs: options.jobs, into: &result.diagnostics)
        result.pageLinks = pageLinks
        result.published = sourceMap.sorted
        result.skipped += Self.unusedTranslations(content, published: result.published, skipped: result.skipped)
        result.skipped.sort { $0.path < $1.path }
        for file in Sitemap.files(links: pageLinks.filter { !$0.hasSuffix("404.html") }, routes: root) {
            output.add(file.path, text: file.text)
        }
        output.add("robots.txt", text: Sitemap.robots(routes: root))
        output.add(OutputWriter.marker, text: OutputWriter.markerText)
        result.diagnostics.removeDuplicates()

        // 7. Write, all or nothing, and only over a folder Passerelle wrote: the new site is built beside the
        // output and swapped in at once (what earlier builds cut short left there is removed first).
        guard !result.diagnostics.hasErrors, options.write else { return result }
        if let refusal = OutputWriter.checkOutput(options.output, sources: [options.content, options.themes]) {
            result.diagnostics.error(options.output, .start, refusal.message, expected: refusal.expected)
            return result
        }
        var writer = OutputWriter(output: options.output)
        writer.cores = max(1, options.jobs)
        // An image under media/ that cannot be decoded is an error at that file; anything else, at the output.
        func writeFailed(_ error: Error) {
            if let failure = error as? OutputWriter.Failure, failure.path.hasPrefix(options.content + "/") {
                result.diagnostics.error(failure.path, .start, failure.reason, expected: MediaStripper.advice)
            } else {
                result.diagnostics.error(options.output, .start, "the site could not be written: \(error)")
            }
        }
        let kept = writer.removeLeftovers()
        // With the cache, the files whose fingerprint did not change are taken from the last build's output.
        let fingerprints = cache == nil ? [:] : output.fingerprints(cores: max(1, options.jobs))
        let unchanged = previous.map { previous in
            Set(fingerprints.lazy.filter { previous.outputs[$0.key] == $0.value }.map(\.key))
        } ?? []
        do {
            let removed = previous.map { $0.outputs.keys.filter { output.files[$0] == nil } } ?? []
            let staging = try writer.stage(output, unchanged: unchanged, removed: removed, mirror: cache != nil)
            result.filesWritten = output.files.count
            if previous != nil {
                result.filesDeleted = removed.count
                result.filesChanged = staging.written
            }
            // The state is saved before the swap, with the marker the new site brings: until the swap, the
            // output's marker is not that one, so a build cut short in between is followed by a full one.
            if let cache {
                if let marker = staging.markerStamp {
                    cache.save(BuildCache.State(settings: settings, scanned: scanned, marker: marker, inputs: inputs, outputs: fingerprints,
                                                pageLinks: pageLinks, summary: CachedSummary(result)))
                } else {
                    cache.remove()
                }
            }
            try writer.swap(staging)
        } catch {
            for kept in kept { result.diagnostics.warning(options.output, .start, kept) }
            if previous != nil {
                result.incrementalWriteFailed = true
                return result
            }
            writeFailed(error)
            return result
        }
        // Not kept in the state: the next build says it again only if the folder is still there.
        for kept in kept { result.diagnostics.warning(options.output, .start, kept) }
        lap("write")
        return result
    }

    /// Every image under media/ is opened (its header read) on all cores before anything is written: one that
    /// cannot be is an error at the file, all of them at once.
    func checkImages(_ content: Content, root: String, jobs: Int, into diagnostics: inout DiagnosticLog) {
        let images = content.media.filter { $0.type.kind == .image }
        let reasons = ConcurrentSlots<String>(count: images.count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, images.count / 16 + 1))) { _ in
            while let index = reasons.claim() {
                if let reason = MediaStripper.check(joinPath(root, images[index].path), type: images[index].type) { reasons.set(index, reason) }
            }
        }
        for (index, image) in images.enumerated() {
            if let reason = reasons.get(index) { diagnostics.error(joinPath(root, image.path), .start, reason, expected: MediaStripper.advice) }
        }
    }

    /// Talents, vacancies and employers that the markets built do not publish, with the reason, so that none
    /// disappears silently: in no market at all, or only in markets that `--market` left out.
    static func outsideMarkets(_ publication: Publication, markets: [Market], built: [Publication], only: String?) -> [SkippedFile] {
        guard !markets.isEmpty else { return [] }
        // A market lists a talent whose mobility names one of its countries, a vacancy in one of them, and an
        // employer there or hiring there.
        let countries = Set(markets.flatMap(\.countries))
        let where_ = markets.map { "\($0.slug): \($0.countries.joined(separator: ", "))" }.joined(separator: "; ")
        let elsewhere = "in another market (this build is --market \(only ?? ""))"
        var skipped: [SkippedFile] = []
        let talents = Set(built.flatMap { $0.talents.map(\.slug) })
        for talent in publication.talents where !talents.contains(talent.slug) {
            let mobility = talent.mobility.isEmpty ? "no mobility" : "mobility \(talent.mobility.joined(separator: ", "))"
            skipped.append(SkippedFile(path: talent.source.path, reason: countries.isDisjoint(with: talent.mobility)
                                       ? "in no market (\(mobility); markets \(where_))" : elsewhere))
        }
        let vacancies = Set(built.flatMap { $0.vacancies.map(\.slug) })
        for vacancy in publication.vacancies where !vacancies.contains(vacancy.slug) {
            skipped.append(SkippedFile(path: vacancy.source.path, reason: countries.contains(vacancy.country)
                                       ? elsewhere : "in no market (country \(vacancy.country); markets \(where_))"))
        }
        let employers = Set(built.flatMap { $0.employers.map(\.slug) })
        let hiring = Set(publication.vacancies.filter { countries.contains($0.country) }.map(\.employer))
        for employer in publication.employers where !employers.contains(employer.slug) {
            skipped.append(SkippedFile(path: employer.source.path, reason: countries.contains(employer.country) || hiring.contains(employer.slug)
                                       ? elsewhere : "in no market (country \(employer.country), no open vacancy in one; markets \(where_))"))
        }
        return skipped
    }

    /// Translation files no page was made from, with the reason: their original is skipped, or none of the
    /// markets built is read in their language.
    static func unusedTranslations(_ content: Content, published: [String: [String]], skipped: [SkippedFile]) -> [SkippedFile] {
        let reasons = Dictionary(skipped.map { ($0.path, $0.reason) }, uniquingKeysWith: { first, _ in first })
        var unused: [SkippedFile] = []
        func check<Item: Translatable>(_ items: [Item]) {
            for item in items {
                let original = item.source.path
                for translation in item.translations.values.sorted(by: { $0.language < $1.language }) {
                    let path = translation.source.path
                    guard path != original, published[path] == nil, reasons[path] == nil else { continue }
                    let reason = reasons[original].map { "translation of a skipped file (\(original): \($0))" }
                        ?? "in a language not built (none of the markets built is read in '\(translation.language)')"
                    unused.append(SkippedFile(path: path, reason: reason))
                }
            }
        }
        check(content.talents)
        check(content.vacancies)
        check(content.employers)
        check(content.pages)
        return unused
    }

}

extension Day {
    /// Today in UTC.
    public static var today: Day {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return Day(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)!
    }
}
