import Foundation
import PasserelleMatching

/// Stage 3: match: the best talents for each open vacancy, and the best vacancies for each talent, in a market.
enum MatchStage {
    /// Nil when site.yml turns matching off.
    static func run(_ market: MarketBuild, _ loaded: LoadedSite, _ run: inout BuildRun) -> MatchRanking? {
        defer { run.lap("match") }
        let site = loaded.site
        guard site.matching.show else { return nil }
        let engine = MatchEngine(talents: market.publication.talents, skills: loaded.content.skills, settings: site.matching)
        return engine.rankAll(market.publication.vacancies, top: site.matching.top, jobs: run.jobs)
    }
}
