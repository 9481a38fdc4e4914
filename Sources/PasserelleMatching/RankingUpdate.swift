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
        // The other talents' places in the new engine, by slug.
        let place: (Int32) -> Int32? = { old in engine.talentIndex(self.engine.slugs[Int(old)]).map(Int32.init) }
        var scratch = RankingScratch()
        var talentsOf: [[Int32]] = []
        talentsOf.reserveCapacity(tables.vacancies.count)
        for (position, vacancy) in tables.vacancies.enumerated() {
            let old = self.talentsOf[position]
            if old.contains(where: { self.engine.slugs[Int($0)] == slug }) {
                let eligible = tables.classes[tables.classOf[position]].talents
                talentsOf.append(engine.rankTalents(for: vacancy, at: position, of: tables.facts, eligible: eligible, top: top, scratch: &scratch)
                    .map { Int32($0.talent) })
                continue
            }
            var list = old.compactMap(place)
            if let changed {
                let match = engine.evaluate(changed, vacancy)
                if match.eligible && match.meetsARequiredSkill {
                    let at = list.firstIndex { MatchEngine.bestFirst(match, engine.evaluate(Int($0), vacancy)) } ?? list.count
                    list.insert(Int32(changed), at: at)
                    if list.count > top { list.removeLast() }
                }
            }
            talentsOf.append(list)
        }
        let vacanciesOf = engine.talents.indices.map { index in
            index == changed
                ? engine.rankVacancies(for: index, in: tables, top: top, scratch: &scratch).map { Int32($0.talent) }
                : self.engine.talentIndex(engine.slugs[index]).map { self.vacanciesOf[$0] } ?? []
        }
        return MatchRanking(engine: engine, tables: tables, top: top, vacancySlugs: vacancySlugs, talentsOf: talentsOf, vacanciesOf: vacanciesOf)
    }
}
