import PasserelleContent
import PasserelleCore
import PasserelleMatching

/// `passerelle match`: the same ranking the site shows, for one vacancy, one talent, or all of them.
public struct MatchRequest: Sendable {
    public var content: String
    public var vacancy: String?
    public var talent: String?
    /// nil: site.yml's `matching.top` (every pair with `includeIneligible`).
    public var top: Int?
    public var includeIneligible: Bool
    public var today: Day
    /// Ranks only this market's talents and vacancies, as its site does.
    public var market: String?

    public init(content: String = "Content", vacancy: String? = nil, talent: String? = nil, top: Int? = nil,
                includeIneligible: Bool = false, today: Day = .today, market: String? = nil) {
        self.market = market
        self.content = content
        self.vacancy = vacancy
        self.talent = talent
        self.top = top
        self.includeIneligible = includeIneligible
        self.today = today
    }
}

public struct MatchResult: Sendable {
    public var matches: [Match] = []
    public var diagnostics = DiagnosticLog()
}

extension SiteBuilder {
    /// Loads and checks the content like `build`, then ranks published talents against open vacancies.
    public func match(_ request: MatchRequest) -> MatchResult {
        var result = MatchResult()
        let content = ContentLoader(fileSystem: fileSystem).load(from: request.content)
        result.diagnostics = content.diagnostics
        guard let site = content.site, !content.diagnostics.hasErrors else { return result }
        var publication = Publication(content: content, today: request.today, includeDrafts: false, diagnostics: &result.diagnostics)
        if let name = request.market {
            guard let market = site.market(named: name, diagnostics: &result.diagnostics) else { return result }
            publication = publication.scoped(to: market)
        }
        let engine = MatchEngine(talents: publication.talents, skills: content.skills, settings: site.matching)
        let vacancies = publication.vacancies.sorted { $0.slug < $1.slug }
        let limit = request.top ?? (request.includeIneligible ? Int.max : site.matching.top)

        if let slug = request.vacancy {
            guard let vacancy = vacancies.first(where: { $0.slug == slug }) else {
                result.diagnostics.error(request.content, .start, "no open vacancy '\(slug)'", expected: "one of: \(vacancies.map(\.slug).joined(separator: ", "))")
                return result
            }
            result.matches = pairs(engine, vacancy, limit: limit, all: request.includeIneligible)
        } else if let slug = request.talent {
            guard let talent = engine.talent(slug) else {
                result.diagnostics.error(request.content, .start, "no published talent '\(slug)'", expected: "the slug of a talent with consent: true")
                return result
            }
            let evaluated = vacancies.compactMap { engine.evaluate(talent, $0) }
                .filter { request.includeIneligible || ($0.eligible && $0.meetsARequiredSkill) }
                .sorted(by: MatchEngine.bestFirst)
            result.matches = Array(evaluated.prefix(limit))
        } else {
            result.matches = vacancies.flatMap { pairs(engine, $0, limit: limit, all: request.includeIneligible) }
        }
        return result
    }

    private func pairs(_ engine: MatchEngine, _ vacancy: Vacancy, limit: Int, all: Bool) -> [Match] {
        all ? Array(engine.allPairs(for: vacancy).prefix(limit)) : engine.matches(for: vacancy, top: limit)
    }
}
