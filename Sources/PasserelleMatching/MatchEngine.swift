import Foundation
import PasserelleContent

/// Finds, for each open vacancy, the talents who fit it best, and for each talent the vacancies.
///
/// Talents are indexed by skill (ESCO URI and folded name, after aliases), so a vacancy only scores the
/// talents who have at least one of its required skills: no brute force over every pair. Hard rules
/// (mobility, languages) come first; eligible candidates are scored with `ScoreParts`.
public struct MatchEngine: Sendable {
    public let settings: MatchingSettings
    let vocabulary: SkillVocabulary
    /// Talents sorted by slug: a talent's index is also its rank in ties.
    let talents: [Talent]
    let entries: [TalentEntry]
    let index: SkillIndex
    let codes: CodeTable

    public init(talents: [Talent], aliases: [SkillAlias], settings: MatchingSettings) {
        self.settings = settings
        var vocabulary = SkillVocabulary(aliases: aliases)
        var codes = CodeTable()
        let sorted = talents.sorted { $0.slug < $1.slug }
        self.talents = sorted
        let entries = sorted.map { TalentEntry($0, vocabulary: &vocabulary, codes: &codes) }
        self.entries = entries
        self.vocabulary = vocabulary
        self.codes = codes
        index = SkillIndex(entries: entries, keyCount: vocabulary.count, escoCount: vocabulary.escoCount)
    }

    /// The best eligible talents for a vacancy (at most `top`), best first; ties by talent slug.
    public func matches(for vacancy: Vacancy, top: Int) -> [Match] {
        let prepared = prepare(vacancy)
        var scratch = Scratch(talentCount: entries.count)
        return ranked(prepared, top: top, scratch: &scratch).map { evaluate($0.talent, prepared) }
    }

    /// Every talent against a vacancy, eligible or not, best first: eligible ones, then the others.
    public func allPairs(for vacancy: Vacancy) -> [Match] {
        let prepared = prepare(vacancy)
        return talents.indices.map { evaluate($0, prepared) }.sorted(by: Self.bestFirst)
    }

    /// The exact evaluation of one pair, with every reason: what the site and the command line show.
    public func evaluate(_ talent: Talent, _ vacancy: Vacancy) -> Match {
        guard let index = talentIndex(talent.slug) else {
            return MatchEngine(talents: [talent], aliases: vocabulary.aliases, settings: settings).evaluate(talent, vacancy)
        }
        return evaluate(index, prepare(vacancy))
    }

    /// Ranks every vacancy's talents and every talent's vacancies, `top` of each; the reasons are worked out
    /// later, page by page (`MatchRanking`). Vacancies are shared out over the machine's cores; the result
    /// does not depend on how many there are.
    public func rankAll(_ vacancies: [Vacancy], top: Int, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) -> MatchRanking {
        let prepared = vacancies.sorted { $0.slug < $1.slug }.map(prepare)
        let workers = max(1, min(jobs, prepared.count / 50 + 1))
        let chunk = (prepared.count + workers - 1) / max(workers, 1)
        let results = ConcurrentSlots<(byVacancy: [[Ranked]], bestForTalent: [TopList])>(count: workers)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let range = (worker * chunk)..<min(prepared.count, (worker + 1) * chunk)
            var scratch = Scratch(talentCount: entries.count)
            var bestForTalent = [TopList](repeating: TopList(), count: range.isEmpty ? 0 : entries.count)
            var byVacancy: [[Ranked]] = []
            for vacancyRank in range {
                byVacancy.append(ranked(prepared[vacancyRank], top: top, scratch: &scratch) { talent, score in
                    bestForTalent[talent].insert(Ranked(score: score, talent: vacancyRank), limit: top)
                })
            }
            results.set(worker, (byVacancy, bestForTalent))
        }
        var byVacancy: [[Ranked]] = []
        var merged = [TopList](repeating: TopList(), count: entries.count)
        for worker in 0..<workers {
            guard let (lists, best) = results.get(worker) else { continue }
            byVacancy.append(contentsOf: lists)
            for (talent, list) in best.enumerated() {
                for item in list.items { merged[talent].insert(item, limit: top) }
            }
        }
        return MatchRanking(engine: self, vacancies: prepared, byVacancy: byVacancy, byTalent: merged.map(\.items))
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
                        rules: VacancyRules(vacancy, codes: codes, vocabulary: vocabulary))
    }

    /// The fast pass: counts each candidate's skills through the index, applies the hard rules and keeps the best `top`.
    /// `visit` sees every eligible candidate (for the talents' own lists).
    func ranked(_ vacancy: PreparedVacancy, top: Int, scratch: inout Scratch, visit: (Int, Double) -> Void = { _, _ in }) -> [Ranked] {
        scratch.begin()
        for skill in vacancy.required { scratch.count(index.postings(for: skill), preferred: false) }
        for skill in vacancy.preferred { scratch.count(index.postings(for: skill), preferred: true) }
        var best = TopList()
        for talent in scratch.touched where scratch.required[talent] > 0 {
            let entry = entries[talent]
            guard vacancy.rules.allows(entry) else { continue }
            let parts = vacancy.rules.parts(entry, requiredMet: Int(scratch.required[talent]), requiredTotal: vacancy.required.count,
                                            preferredMet: Int(scratch.preferred[talent]), preferredTotal: vacancy.preferred.count)
            let score = parts.score(settings.weights)
            visit(talent, score)
            best.insert(Ranked(score: score, talent: talent), limit: top)
        }
        return best.items
    }

    /// The exact evaluation of an indexed talent against a prepared vacancy, with every reason.
    func evaluate(_ talentIndex: Int, _ prepared: PreparedVacancy) -> Match {
        let talent = talents[talentIndex]
        let entry = entries[talentIndex]
        let vacancy = prepared.vacancy
        var reasons: [MatchReason] = []
        var eligible = true
        if !talent.mobility.isEmpty {
            let ok = talent.mobility.contains(vacancy.country)
            eligible = eligible && ok
            reasons.append(.mobility(countries: talent.mobility, vacancyCountry: vacancy.country, ok: ok))
        }
        for language in vacancy.languages {
            let has = talent.languages.first { $0.code == language.code }?.level
            if has == nil || has! < language.level { eligible = false }
            reasons.append(.language(code: language.code, required: language.level, has: has))
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

    func talentIndex(_ slug: String) -> Int? {
        var low = 0, high = talents.count
        while low < high {
            let middle = (low + high) / 2
            if talents[middle].slug < slug { low = middle + 1 } else { high = middle }
        }
        return low < talents.count && talents[low].slug == slug ? low : nil
    }
}

extension Match {
    /// True when the talent has at least one of the vacancy's required skills: only such pairs are listed as matches.
    public var meetsARequiredSkill: Bool {
        reasons.contains { if case let .requiredSkills(met, _) = $0 { return !met.isEmpty } else { return false } }
    }
}

/// The ranking of every vacancy and talent, `top` of each; each page asks for its own matches, with
/// their reasons, when it is rendered.
public struct MatchRanking: Sendable {
    let engine: MatchEngine
    /// Vacancies by slug.
    let vacancies: [PreparedVacancy]
    /// For each vacancy (same order): its talents, best first.
    let byVacancy: [[Ranked]]
    /// For each talent (engine order): its vacancies (`talent` holds the vacancy's index), best first.
    let byTalent: [[Ranked]]

    private func vacancyIndex(_ slug: String) -> Int? {
        var low = 0, high = vacancies.count
        while low < high {
            let middle = (low + high) / 2
            if vacancies[middle].vacancy.slug < slug { low = middle + 1 } else { high = middle }
        }
        return low < vacancies.count && vacancies[low].vacancy.slug == slug ? low : nil
    }

    /// The talents who fit this vacancy, with the reasons; nil when the vacancy was not ranked.
    public func matches(forVacancy slug: String) -> [Match]? {
        guard let index = vacancyIndex(slug) else { return nil }
        return byVacancy[index].map { engine.evaluate($0.talent, vacancies[index]) }
    }

    /// The vacancies that fit this talent, with the reasons; nil when the talent is unknown.
    public func matches(forTalent slug: String) -> [Match]? {
        guard let index = engine.talentIndex(slug) else { return nil }
        return byTalent[index].map { engine.evaluate(index, vacancies[$0.talent]) }
    }
}
