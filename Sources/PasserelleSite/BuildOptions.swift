import Foundation
import PasserelleContent
import PasserelleCore

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
    /// The most items (talents, vacancies, employers, pages) a market may have for an edition's search index to be
    /// built while its pages render, and for the matches its pages show to be kept from one language to the next:
    /// less time, more memory (at 100,000 talents the two together take about 430 MB more). The output is the same
    /// either way.
    public var overlapLimit = 50_000
    /// The build cache's folder (outside the output): with it, a build renders and writes only what changed
    /// since the last one, and a build with nothing changed does nothing. Nil builds everything.
    public var cache: String?
    /// Whether the result must list every page and what each source published (for `--report`). A build with
    /// nothing changed then reads that list from the cache; without it, it reads only the sources' stamps.
    public var listsPublication = true
    /// What a long-running builder (`serve`'s build worker) keeps between builds; nil for a one-off build.
    public var memory: BuildMemory?

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
