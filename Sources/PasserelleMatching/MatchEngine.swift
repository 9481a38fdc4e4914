import Foundation
import PasserelleContent
import PasserelleCore

/// Finds, for each open vacancy, the talents who fit it best, and for each talent the vacancies.
///
/// Talents are indexed by skill (ESCO URI and folded name, after aliases), so a vacancy only scores the
/// talents who have at least one of its required skills: no brute force over every pair. Hard rules
/// (mobility, languages) come first; eligible candidates are scored with `ScoreParts`.
public struct MatchEngine: Sendable {
    public let settings: MatchingSettings
    /// The vocabulary's numbers; `vocabulary.vocabulary` builds the engine again when a talent changes.
    let vocabulary: SkillNumbers
    /// Talents sorted by slug: a talent's index is also its rank in ties.
    let talents: [Talent]
    /// The talents' slugs, in the same order, for lookups.
    let slugs: [String]
    let entries: [TalentEntry]
    let index: SkillIndex
    let talentFacts: TalentFacts
    let codes: CodeTable

    public init(talents: [Talent], skills: SkillVocabulary, settings: MatchingSettings) {
        self.settings = settings
        var vocabulary = SkillNumbers(vocabulary: skills)
        var codes = CodeTable()
        let sorted = talents.sorted { $0.slug < $1.slug }
        self.talents = sorted
        slugs = sorted.map(\.slug)
        let entries = sorted.map { TalentEntry($0, vocabulary: &vocabulary, codes: &codes) }
        self.entries = entries
        talentFacts = TalentFacts(entries)
        self.vocabulary = vocabulary
        self.codes = codes
        index = SkillIndex(keys: entries.map(\.skills), nameCount: vocabulary.count, escoCount: vocabulary.escoCount)
    }

    /// The best eligible talents for a vacancy (at most `top`), best first; ties by talent slug.
    public func matches(for vacancy: Vacancy, top: Int) -> [Match] {
        let prepared = prepare(vacancy)
        var scratch = RankingScratch()
        let eligible = BitRow.row(entries.indices.filter { prepared.rules.allows(entries[$0]) }, count: entries.count)
        return rankTalents(for: prepared, at: 0, of: VacancyFacts([prepared]), eligible: eligible, top: top, scratch: &scratch).map { evaluate($0.talent, prepared) }
    }

    /// Every talent against a vacancy, eligible or not, best first: eligible ones, then the others.
    public func allPairs(for vacancy: Vacancy) -> [Match] {
        let prepared = prepare(vacancy)
        return talents.indices.map { evaluate($0, prepared) }.sorted(by: Self.bestFirst)
    }

    /// The exact evaluation of one pair, with every reason: what the site and the command line show.
    /// Nil when the talent is not one of the engine's.
    public func evaluate(_ talent: Talent, _ vacancy: Vacancy) -> Match? {
        talentIndex(talent.slug).map { evaluate($0, prepare(vacancy)) }
    }

    /// Ranks every vacancy's talents and every talent's vacancies, `top` of each (the reasons of a pair are worked
    /// out when its page asks for them: see `MatchRanking`). Vacancies and talents are shared out
    /// over `jobs` cores; each list is ranked on its own, so the result does not depend on how many there are.
    public func rankAll(_ vacancies: [Vacancy], top: Int, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) -> MatchRanking {
        let tables = RankingTables(engine: self, vacancies: vacancies.sorted { $0.slug < $1.slug }.map(prepare))
        let prepared = tables.vacancies
        let total = prepared.count + entries.count
        let lists = ConcurrentSlots<[Int32]>(count: total)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, total / 200 + 1))) { _ in
            var scratch = RankingScratch()
            while let slot = lists.claim() {
                if slot < prepared.count {
                    let eligible = tables.classes[tables.classOf[slot]].talents
                    lists.set(slot, rankTalents(for: prepared[slot], at: slot, of: tables.facts, eligible: eligible, top: top, scratch: &scratch)
                        .map { Int32($0.talent) })
                } else {
                    lists.set(slot, rankVacancies(for: slot - prepared.count, in: tables, top: top, scratch: &scratch).map { Int32($0.talent) })
                }
            }
        }
        let all = (0..<total).map { lists.get($0) ?? [] }
        return MatchRanking(engine: self, tables: tables, top: top, vacancySlugs: prepared.map(\.vacancy.slug),
                            talentsOf: Array(all[..<prepared.count]), vacanciesOf: Array(all[prepared.count...]))
    }

    /// Best first: eligible before ineligible, then higher score, then slug.
    public static func bestFirst(_ a: Match, _ b: Match) -> Bool {
        if a.eligible != b.eligible { return a.eligible }
        if a.score != b.score { return a.score > b.score }
        return (a.vacancy, a.talent) < (b.vacancy, b.talent)
    }

    /// A vacancy's skills and rules as numbers, worked out once.
    func prepare(_ vacancy: Vacancy) -> PreparedVacancy {
        PreparedVacancy(vacancy: vacancy, required: vacancy.requiredSkills.map { vocabulary.lookup($0) },
                        preferred: vacancy.preferredSkills.map { vocabulary.lookup($0) },
                        rules: VacancyRules(vacancy, codes: codes))
    }

    /// The exact evaluation of an indexed talent against a prepared vacancy, with every reason.
    func evaluate(_ talentIndex: Int, _ prepared: PreparedVacancy) -> Match {
        let talent = talents[talentIndex]
        let entry = entries[talentIndex]
        let vacancy = prepared.vacancy
        // The hard rules decide, as in the ranking; the reasons say why.
        let eligible = prepared.rules.allows(entry)
        var reasons: [MatchReason] = []
        if !talent.mobility.isEmpty {
            reasons.append(.mobility(countries: talent.mobility, vacancyCountry: vacancy.country, ok: talent.mobility.contains(vacancy.country)))
        }
        for language in vacancy.languages {
            reasons.append(.language(code: language.code, required: language.level, has: talent.languages.first { $0.code == language.code }?.level))
        }
        func split(_ wanted: [Skill], _ keys: [SkillKey]) -> (met: [String], missing: [String]) {
            var met: [String] = [], missing: [String] = []
            for (skill, key) in zip(wanted, keys) {
                if entry.skills.contains(where: { $0.matches(key) }) { met.append(skill.name) } else { missing.append(skill.name) }
            }
            return (met, missing)
        }
        let required = split(vacancy.requiredSkills, prepared.required)
        let preferred = split(vacancy.preferredSkills, prepared.preferred)
        reasons.append(.requiredSkills(met: required.met, missing: required.missing))
        if !vacancy.preferredSkills.isEmpty { reasons.append(.preferredSkills(met: preferred.met, missing: preferred.missing)) }

        let parts = prepared.rules.parts(entry, requiredMet: required.met.count, requiredTotal: prepared.required.count,
                                         preferredMet: preferred.met.count, preferredTotal: prepared.preferred.count)
        if let same = parts.sameOccupation { reasons.append(.occupation(same: same)) }
        if let minimum = vacancy.experienceYears, minimum > 0 { reasons.append(.experience(years: talent.experienceYears, minimum: minimum)) }
        if let start = vacancy.start { reasons.append(.availability(from: talent.availableFrom, start: start)) }
        if let sector = vacancy.sector, let same = parts.sameSector { reasons.append(.sector(name: sector, same: same)) }
        return Match(vacancy: vacancy.slug, talent: talent.slug, score: parts.score(settings.weights), eligible: eligible, reasons: reasons)
    }
}

/// A vacancy ready to be matched many times.
struct PreparedVacancy: Sendable {
    let vacancy: Vacancy
    let required: [SkillKey]
    let preferred: [SkillKey]
    let rules: VacancyRules
}

extension MatchEngine {
    /// The indexed talent with this slug.
    public func talent(_ slug: String) -> Talent? {
        talentIndex(slug).map { talents[$0] }
    }

    func talentIndex(_ slug: String) -> Int? { SortedSearch.index(of: slug, in: slugs) }
}

extension Match {
    /// True when the talent has at least one of the vacancy's required skills: only such pairs are listed as matches.
    public var meetsARequiredSkill: Bool {
        reasons.contains { if case let .requiredSkills(met, _) = $0 { return !met.isEmpty } else { return false } }
    }
}

/// The ranking of every vacancy and talent, `top` of each. Only who is listed where is kept (a number per listed
/// pair); a pair's `Match`, with its reasons, is worked out again when a page asks for it: the same every time,
/// and held only while that page is made. Keeping every pair's reasons took most of a large build's memory
/// (about 780 MB at 100,000 talents).
public struct MatchRanking: Sendable {
    let engine: MatchEngine
    let tables: RankingTables
    let top: Int
    /// The ranked vacancies' slugs, sorted.
    let vacancySlugs: [String]
    /// For each vacancy (same order): its talents' places in the engine, best first.
    let talentsOf: [[Int32]]
    /// For each talent (engine order): its vacancies' places in `vacancySlugs`, best first.
    let vacanciesOf: [[Int32]]
    /// Where the pairs worked out are kept while the editions of a market are made, so that each is worked out
    /// once, not once per language; nil: worked out at every call.
    public var memo: MatchMemo?

    /// The same ranking, keeping the pairs it works out from one call to the next (see `MatchMemo`).
    public func keepingMatches() -> MatchRanking {
        var ranking = self
        ranking.memo = MatchMemo()
        return ranking
    }

    /// The talents who fit this vacancy, with the reasons; nil when the vacancy was not ranked.
    public func matches(forVacancy slug: String) -> [Match]? {
        MatchMemo.matches(in: memo, .vacancy(slug)) {
            SortedSearch.index(of: slug, in: vacancySlugs).map { position in
                talentsOf[position].map { engine.evaluate(Int($0), tables.vacancies[position]) }
            }
        }
    }

    /// The vacancies that fit this talent, with the reasons; nil when the talent is unknown.
    public func matches(forTalent slug: String) -> [Match]? {
        MatchMemo.matches(in: memo, .talent(slug)) {
            engine.talentIndex(slug).map { talent in vacanciesOf[talent].map { engine.evaluate(talent, tables.vacancies[Int($0)]) } }
        }
    }

    /// The slugs of the talents listed for this vacancy, best first, without working out the reasons.
    public func talentSlugs(forVacancy slug: String) -> [String] {
        SortedSearch.index(of: slug, in: vacancySlugs).map { talentsOf[$0].map { engine.slugs[Int($0)] } } ?? []
    }

    /// The slugs of the vacancies listed for this talent, best first, without working out the reasons.
    public func vacancySlugs(forTalent slug: String) -> [String] {
        engine.talentIndex(slug).map { vacanciesOf[$0].map { vacancySlugs[Int($0)] } } ?? []
    }
}

/// The matches worked out for the pages of one market's editions, by talent and by vacancy (nil: not ranked).
/// About 4 kB a talent at the default `top`: kept only while a market's editions are made, in markets small
/// enough for it (`BuildOptions.overlapLimit`).
public final class MatchMemo: @unchecked Sendable {
    enum Key: Hashable {
        case talent(String)
        case vacancy(String)
    }

    private var kept: [Key: [Match]?] = [:]
    private let lock = NSLock()

    /// The matches kept for `key`, else `make`'s (kept when there is a memo). Two threads asking for the same key
    /// at once may both work it out: the answer is the same.
    static func matches(in memo: MatchMemo?, _ key: Key, make: () -> [Match]?) -> [Match]? {
        guard let memo else { return make() }
        if let matches = memo.lock.withLock({ memo.kept[key] }) { return matches }
        let matches = make()
        memo.lock.withLock { memo.kept[key] = .some(matches) }
        return matches
    }
}

/// Binary search in a sorted list.
enum SortedSearch {
    static func index(of key: String, in sorted: [String]) -> Int? {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == key ? low : nil
    }
}
