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
        var scratch = Scratch(talentCount: entries.count)
        return ranked(vacancy, top: top, scratch: &scratch).map { evaluate(talents[$0.talent], vacancy) }
    }

    /// Every talent against a vacancy, eligible or not, best first: eligible ones, then the others.
    public func allPairs(for vacancy: Vacancy) -> [Match] {
        talents.map { evaluate($0, vacancy) }.sorted(by: Self.bestFirst)
    }

    /// Matches of every vacancy and every talent, `top` of each: what the site shows.
    public func matchAll(_ vacancies: [Vacancy], top: Int) -> (byVacancy: [String: [Match]], byTalent: [String: [Match]]) {
        let vacancies = vacancies.sorted { $0.slug < $1.slug }
        var scratch = Scratch(talentCount: entries.count)
        var byVacancy: [String: [Match]] = [:]
        var bestForTalent = [TopList](repeating: TopList(), count: entries.count)
        for (vacancyRank, vacancy) in vacancies.enumerated() {
            let ranked = ranked(vacancy, top: top, scratch: &scratch) { talent, score in
                bestForTalent[talent].insert(Ranked(score: score, talent: vacancyRank), limit: top)
            }
            byVacancy[vacancy.slug] = ranked.map { evaluate(talents[$0.talent], vacancy) }
        }
        var byTalent: [String: [Match]] = [:]
        for (talentIndex, list) in bestForTalent.enumerated() where !list.items.isEmpty {
            byTalent[talents[talentIndex].slug] = list.items.map { evaluate(talents[talentIndex], vacancies[$0.talent]) }
        }
        return (byVacancy, byTalent)
    }

    /// Best first: eligible before ineligible, then higher score, then slug.
    public static func bestFirst(_ a: Match, _ b: Match) -> Bool {
        if a.eligible != b.eligible { return a.eligible }
        if a.score != b.score { return a.score > b.score }
        return (a.vacancy, a.talent) < (b.vacancy, b.talent)
    }

    /// The fast pass: counts each candidate's skills through the index, applies the hard rules and keeps the best `top`.
    /// `visit` sees every eligible candidate (for the talents' own lists).
    func ranked(_ vacancy: Vacancy, top: Int, scratch: inout Scratch, visit: (Int, Double) -> Void = { _, _ in }) -> [Ranked] {
        let required = vacancy.requiredSkills.map { vocabulary.lookup($0) }
        let preferred = vacancy.preferredSkills.map { vocabulary.lookup($0) }
        scratch.begin()
        for skill in required { scratch.count(index.postings(for: skill), preferred: false) }
        for skill in preferred { scratch.count(index.postings(for: skill), preferred: true) }
        let rules = VacancyRules(vacancy, codes: codes, vocabulary: vocabulary)
        var best = TopList()
        for talent in scratch.touched where scratch.required[talent] > 0 {
            let entry = entries[talent]
            guard rules.allows(entry) else { continue }
            let parts = rules.parts(entry, requiredMet: Int(scratch.required[talent]), requiredTotal: required.count,
                                    preferredMet: Int(scratch.preferred[talent]), preferredTotal: preferred.count)
            let score = parts.score(settings.weights)
            visit(talent, score)
            best.insert(Ranked(score: score, talent: talent), limit: top)
        }
        return best.items
    }

    /// The exact evaluation of one pair, with every reason: what the site and the command line show.
    public func evaluate(_ talent: Talent, _ vacancy: Vacancy) -> Match {
        var reasons: [MatchReason] = []
        var eligible = true
        if !talent.mobility.isEmpty {
            let ok = talent.mobility.contains(vacancy.country)
            eligible = eligible && ok
            reasons.append(.mobility(countries: talent.mobility, vacancyCountry: vacancy.country, ok: ok))
        }
        for language in vacancy.languages {
            let has = talent.languages.first { $0.code == language.code }?.level
            if (has ?? .a1) < language.level || has == nil { eligible = false }
            reasons.append(.language(code: language.code, required: language.level, has: has))
        }
        let talentSkills = talent.skills.map { vocabulary.lookup($0) }
        func split(_ wanted: [Skill]) -> (met: [String], missing: [String]) {
            var met: [String] = [], missing: [String] = []
            for skill in wanted {
                let key = vocabulary.lookup(skill)
                if talentSkills.contains(where: { $0.matches(key) }) { met.append(skill.name) } else { missing.append(skill.name) }
            }
            return (met, missing)
        }
        let required = split(vacancy.requiredSkills)
        let preferred = split(vacancy.preferredSkills)
        reasons.append(.requiredSkills(met: required.met, missing: required.missing))
        if !vacancy.preferredSkills.isEmpty { reasons.append(.preferredSkills(met: preferred.met, missing: preferred.missing)) }

        let entry = TalentEntry(talent, vocabulary: vocabulary, codes: codes)
        let rules = VacancyRules(vacancy, codes: codes, vocabulary: vocabulary)
        let parts = rules.parts(entry, requiredMet: required.met.count, requiredTotal: vacancy.requiredSkills.count,
                                preferredMet: preferred.met.count, preferredTotal: vacancy.preferredSkills.count)
        if let same = parts.sameOccupation { reasons.append(.occupation(same: same)) }
        if let minimum = vacancy.experienceYears, minimum > 0 { reasons.append(.experience(years: talent.experienceYears, minimum: minimum)) }
        if let start = vacancy.start { reasons.append(.availability(from: talent.availableFrom, start: start)) }
        if let sector = vacancy.sector, let same = parts.sameSector { reasons.append(.sector(name: sector, same: same)) }
        return Match(vacancy: vacancy.slug, talent: talent.slug, score: parts.score(settings.weights), eligible: eligible, reasons: reasons)
    }
}

extension MatchEngine {
    /// The indexed talent with this slug.
    public func talent(_ slug: String) -> Talent? {
        var low = 0, high = talents.count
        while low < high {
            let middle = (low + high) / 2
            if talents[middle].slug < slug { low = middle + 1 } else { high = middle }
        }
        return low < talents.count && talents[low].slug == slug ? talents[low] : nil
    }
}

extension Match {
    /// True when the talent has at least one of the vacancy's required skills: only such pairs are listed as matches.
    public var meetsARequiredSkill: Bool {
        reasons.contains { if case let .requiredSkills(met, _) = $0 { return !met.isEmpty } else { return false } }
    }
}
