import Foundation
import PasserelleContent
import PasserelleCore
import PasserelleTheme

/// Every content file read and validated, with the markets this build publishes and the theme in each language.
struct LoadedSite {
    let content: Content
    let site: SiteConfig
    /// The markets built: site.yml's, the one `--market` names, or one with no market.
    let markets: [Market?]
    /// Language code → the theme in that language.
    var themes: [String: Theme] = [:]
    var defaultLanguage: String { site.languages.first ?? "en" }
}

/// Stage 1: load and validate every content file, then the theme in every language a page is written in. With a
/// build cache, only the content files that changed since the last build are read and decoded again.
struct LoadStage {
    let fileSystem: any FileSystem

    func run(_ run: inout BuildRun, check: CacheCheck) -> LoadedSite? {
        let options = run.options
        var loader = ContentLoader(fileSystem: fileSystem)
        loader.cores = run.jobs
        let content: Content
        if let cache = check.cache {
            let sources = SourceCache(cache), key = SourceCache.key(options)
            let previous = sources.load(key: key)
            let loaded = loader.load(from: options.content, reusing: previous,
                                     stamps: SourceCache.stamps(check, content: options.content))
            // Kept only for an output the build may write: a refused one leaves nothing behind.
            if loaded.parsed.differs(from: previous), OutputWriter.checkOutput(options.output, sources: [options.content, options.themes]) == nil {
                sources.save(loaded.parsed, key: key)
            }
            content = loaded.content
        } else {
            content = loader.load(from: options.content)
        }
        run.result.diagnostics = content.diagnostics
        run.result.sources = content.files
        run.result.settingsFiles = content.settingsFiles
        run.lap("load and validate")
        guard var site = content.site else { return nil }
        if let baseURL = options.baseURL {
            guard let url = WebURL(baseURL), url.scheme == "http" || url.scheme == "https" else {
                run.result.diagnostics.error("--base-url", .start, "'\(baseURL)' is not an absolute web address", expected: "such as http://localhost:8000/")
                return nil
            }
            site.baseURL = baseURL
        }
        var markets: [Market?] = site.markets.isEmpty ? [nil] : site.markets
        if let name = options.market {
            guard let market = site.market(named: name, diagnostics: &run.result.diagnostics) else { return nil }
            markets = [market]
        }
        var loaded = LoadedSite(content: content, site: site, markets: markets)
        guard let themes = ThemeLoader(fileSystem: fileSystem, readStrings: YAMLReader.readStrings).load(
            themes: options.themes, name: site.theme, languages: site.languages, requiredTemplates: SiteRenderer.templates,
            diagnostics: &run.result.diagnostics, reportAt: (site.source, site.locations["theme"] ?? .start)) else {
            return nil
        }
        loaded.themes = themes
        run.lap("theme")
        return loaded
    }
}
