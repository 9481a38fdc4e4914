import Foundation
import PasserelleContent
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

    public init(content: String = "Content", themes: String = "Themes", output: String = "Public", includeDrafts: Bool = false,
                baseURL: String? = nil, today: Day = .today, write: Bool = true) {
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
    public var filesWritten = 0
    public var seconds = 0.0
    /// Links of every HTML page, root-relative.
    public var pageLinks: [String] = []
    /// Seconds spent in each stage of the pipeline, in order.
    public var stages: [(name: String, seconds: Double)] = []
    public var succeeded: Bool { !diagnostics.hasErrors }

    /// One line: what was published, what was skipped and why, how long it took.
    public func summary(output: String, wrote: Bool) -> String {
        var line = "\(wrote ? "Built" : "Checked"): \(talents) talents, \(vacancies) vacancies, \(employers) employers, \(pages) pages"
        if !skipped.isEmpty {
            var reasons: [String: Int] = [:]
            for file in skipped { reasons[file.reason.split(separator: "(").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? file.reason, default: 0] += 1 }
            line += "; \(skipped.count) skipped (" + reasons.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + ")"
        }
        if wrote { line += "; \(filesWritten) files in \(output)" }
        return line + String(format: " in %.2f s", seconds)
    }
}

/// The build pipeline, top to bottom: load → validate → enrich → render → write.
public struct SiteBuilder {
    let fileSystem: any FileSystem

    public init(fileSystem: any FileSystem = LocalFileSystem()) {
        self.fileSystem = fileSystem
    }

    public func build(_ options: BuildOptions) -> BuildResult {
        let started = Date()
        var result = run(options)
        result.seconds = Date().timeIntervalSince(started)
        return result
    }

    private func run(_ options: BuildOptions) -> BuildResult {
        var result = BuildResult()
        var clock = Date()
        func lap(_ stage: String) {
            let now = Date()
            result.stages.append((stage, now.timeIntervalSince(clock)))
            clock = now
        }

        // 1. Load and validate every content file.
        let content = ContentLoader(fileSystem: fileSystem).load(from: options.content)
        result.diagnostics = content.diagnostics
        lap("load and validate")
        guard var site = content.site else { return result }
        if let baseURL = options.baseURL {
            guard let url = WebURL(baseURL), url.scheme == "http" || url.scheme == "https" else {
                result.diagnostics.error("--base-url", .start, "'\(baseURL)' is not an absolute web address", expected: "such as http://localhost:8000/")
                return result
            }
            site.baseURL = baseURL
        }
        let routes = Routes(baseURL: site.baseURL)

        // 2. The theme, in the site's first language.
        let language = site.languages.first ?? "en"
        guard let theme = ThemeLoader(fileSystem: fileSystem).load(
            themes: options.themes, name: site.theme, language: language, requiredTemplates: SiteRenderer.templates,
            diagnostics: &result.diagnostics, reportAt: (site.source, site.locations["theme"] ?? .start)) else {
            return result
        }
        lap("theme")

        // 3. Enrich: what is published at this date, and how items link up.
        var publication = Publication(content: content, today: options.today, includeDrafts: options.includeDrafts, diagnostics: &result.diagnostics)
        publication.nameSkills(aliases: content.skillAliases)
        result.skipped = publication.skipped
        result.talents = publication.talents.count
        result.vacancies = publication.vacancies.count
        result.employers = publication.employers.count
        result.pages = publication.pages.count
        lap("enrich")

        // 4. Match: the best talents for each open vacancy, and the best vacancies for each talent.
        var matches: MatchRanking?
        if site.matching.show {
            let engine = MatchEngine(talents: publication.talents, aliases: content.skillAliases, settings: site.matching)
            matches = engine.rankAll(publication.vacancies, top: site.matching.top)
        }
        lap("match")

        // 5. Index: the search index, in shards the search page fetches as it needs them.
        let documents = SearchDocuments(routes: routes, format: Formatter(strings: theme.strings, language: theme.language),
                                        publication: publication)
        let searchDocuments = documents.all()
        let filterLabels = documents.labels(searchDocuments)
        let index = SearchIndexBuilder(language: theme.language, aliases: content.skillAliases, labels: filterLabels).build(searchDocuments)
        lap("index")

        // 6. Render every page.
        var renderer = SiteRenderer(site: site, routes: routes, theme: theme, publication: publication,
                                    matches: matches, searchManifest: index.manifest, filterLabels: filterLabels)
        renderer.renderAll(diagnostics: &result.diagnostics)
        result.pageLinks = renderer.pages.map(\.link)
        lap("render")

        var output = SiteOutput()
        for page in renderer.pages {
            output.add(routes.outputPath(page.link), text: page.html)
        }
        output.add("sitemap.xml", text: Sitemap.xml(links: renderer.pages.map(\.link).filter { !$0.hasSuffix("404.html") }, routes: routes))
        output.add("robots.txt", text: Sitemap.robots(routes: routes))
        for (path, bytes) in index.files {
            output.add("search/" + path, bytes: bytes)
        }
        for (path, source) in theme.assets {
            output.add(path, copyOf: source)
        }
        for media in content.media {
            output.add(media.path, copyOf: joinPath(options.content, media.path))
        }

        output.add(OutputWriter.marker, text: "This folder is written by passerelle build and replaced at each build.\n")

        // 7. Write, all or nothing, and only over a folder Passerelle wrote.
        guard !result.diagnostics.hasErrors, options.write else { return result }
        if let refusal = OutputWriter.checkOutput(options.output, sources: [options.content, options.themes]) {
            result.diagnostics.error(options.output, .start, refusal, expected: "an empty folder, a new one, or one written by passerelle")
            return result
        }
        do {
            result.filesWritten = try OutputWriter(output: options.output).write(output)
        } catch {
            result.diagnostics.error(options.output, .start, "the site could not be written: \(error)")
        }
        lap("write")
        return result
    }

    private func joinPath(_ a: String, _ b: String) -> String { a.hasSuffix("/") ? a + b : a + "/" + b }
}

extension Day {
    /// Today in UTC.
    public static var today: Day {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return Day(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)!
    }
}
