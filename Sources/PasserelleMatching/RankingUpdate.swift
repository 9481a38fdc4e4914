import PasserelleContent
import PasserelleCore

extension MatchRanking {
    /// The ranking once one talent is added, edited or removed: equal to `rankAll` over the new talents, at the
    /// cost of that talent's lists only, for an incremental build where one talent file changed.
    ///
    /// A talent's score for a vacancy depends on that pair alone, so the other talents' own lists stay as they are.
    /// Its own list is ranked again; a vacancy's list is ranked again when the talent was in it (a lower talent
    /// may move up), and otherwise takes the talent in where it now fits.
    ///
    /// - Parameters:
    ///   - slug: the talent's slug (for a removal, the slug it had).
    ///   - talent: the talent as it now is; nil when it is no longer published.
    public func updating(talent slug: String, to talent: Talent?) -> MatchRanking {
        var talents = engine.talents.filter { $0.slug != slug }
        if let talent { talents.append(talent) }
        let engine = MatchEngine(talents: talents, skills: self.engine.vocabulary.vocabulary, settings: self.engine.settings)
        // Skills and codes are numbered afresh by the new engine.
        let tables = RankingTables(engine: engine, vacancies: self.tables.vacancies.map { engine.prepare($0.vacancy) })
        let changed = talent.flatMap { engine.talentIndex($0.slug) }
        var scratch = RankingScratch()
        var forVacancy = self.forVacancy
        for (position, vacancy) in tables.vacancies.enumerated() {
            if forVacancy[position].contains(where: { $0.talent == slug }) {
                let eligible = tables.classes[tables.classOf[position]].talents
                forVacancy[position] = engine.rankTalents(for: vacancy, at: position, of: tables.facts, eligible: eligible, top: top, scratch: &scratch)
                    .map { engine.evaluate($0.talent, vacancy) }
            } else if let changed {
                let match = engine.evaluate(changed, vacancy)
                guard match.eligible && match.meetsARequiredSkill else { continue }
                let place = forVacancy[position].firstIndex { MatchEngine.bestFirst(match, $0) } ?? forVacancy[position].count
                forVacancy[position].insert(match, at: place)
                if forVacancy[position].count > top { forVacancy[position].removeLast() }
            }
        }
        let forTalent = engine.talents.indices.map { index in
            index == changed
                ? engine.rankVacancies(for: index, in: tables, top: top, scratch: &scratch).map { engine.evaluate(index, tables.vacancies[$0.talent]) }
                : matches(forTalent: engine.talents[index].slug) ?? []
        }
        return MatchRanking(engine: engine, tables: tables, top: top, vacancySlugs: vacancySlugs, forVacancy: forVacancy, forTalent: forTalent)
    }
}
