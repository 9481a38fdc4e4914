import PasserelleContent
import PasserelleCore

/// What ranking a set of vacancies needs, worked out once: the vacancies' hard rules in classes (vacancies with the
/// same country and languages share one), each with the talents and vacancies it covers as bits; an index of the
/// vacancies' required skills, one per place in the list; and the score bounds that let a ranking stop early.
struct RankingTables: Sendable {
    /// A group of vacancies with the same hard rules.
    struct RuleClass: Sendable {
        let rules: VacancyRules
        /// The talents these rules allow.
        let talents: [UInt64]
        /// The vacancies with these rules.
        var vacancies: [UInt64]
    }

    /// Vacancies with `total` required skills of which a talent meets `met`: none of them scores above `bound`.
    struct Group: Sendable {
        let met: Int
        let total: Int
        let bound: Double
    }

    let vacancies: [PreparedVacancy]
    let facts: VacancyFacts
    let classes: [RuleClass]
    /// For each vacancy, its class.
    let classOf: [Int]
    /// `slots[j]`: the vacancies whose j-th required skill matches a skill.
    let slots: [SkillIndex]
    /// Required-skill count → the vacancies with that many, as bits.
    let withRequired: [Int: [UInt64]]
    /// Every (met, total) pair, highest bound first.
    let groups: [Group]

    init(engine: MatchEngine, vacancies: [PreparedVacancy]) {
        self.vacancies = vacancies
        facts = VacancyFacts(vacancies)
        let vacancyWords = BitRow.words(vacancies.count)
        var classIndex: [String: Int] = [:]
        var classes: [RuleClass] = []
        var classOf: [Int] = []
        var withRequired: [Int: [UInt64]] = [:]
        for (position, vacancy) in vacancies.enumerated() {
            let key = vacancy.rules.hardRuleKey
            let index = classIndex[key] ?? {
                let talents = engine.entries.indices.filter { vacancy.rules.allows(engine.entries[$0]) }
                classes.append(RuleClass(rules: vacancy.rules, talents: BitRow.row(talents, count: engine.entries.count),
                                         vacancies: [UInt64](repeating: 0, count: vacancyWords)))
                classIndex[key] = classes.count - 1
                return classes.count - 1
            }()
            classOf.append(index)
            classes[index].vacancies[position >> 6] |= 1 << UInt64(position & 63)
            withRequired[vacancy.required.count, default: [UInt64](repeating: 0, count: vacancyWords)][position >> 6] |= 1 << UInt64(position & 63)
        }
        self.classes = classes
        self.classOf = classOf
        self.withRequired = withRequired
        let longest = vacancies.map(\.required.count).max() ?? 0
        slots = (0..<longest).map { slot in
            SkillIndex(keys: vacancies.map { slot < $0.required.count ? [$0.required[slot]] : [] },
                       nameCount: engine.vocabulary.count, escoCount: engine.vocabulary.escoCount)
        }
        groups = withRequired.keys.filter { $0 > 0 }.flatMap { total in
            (1...total).map { Group(met: $0, total: total, bound: ScoreParts.bound(met: $0, total: total, engine.settings.weights)) }
        }.sorted { ($0.bound, $0.total, $0.met) > ($1.bound, $1.total, $1.met) }
    }
}

/// Scratch rows reused from one ranking to the next by one worker.
struct RankingScratch {
    var counter = BitCounter()
    var preferredCounter = BitCounter()
    var eligible: [UInt64] = []
}

extension MatchEngine {
    /// The best `top` eligible talents for a vacancy, best first, among those with at least one of its required skills.
    ///
    /// The talents are counted by how many required skills they meet, 64 at a time, through bit rows; then scored
    /// from the most met down, and the count at which no talent can enter the list any more ends the ranking
    /// (each required skill met outweighs all the other parts of the score together).
    /// `position`: the vacancy's place in `facts`.
    func rankTalents(for vacancy: PreparedVacancy, at position: Int, of facts: VacancyFacts, eligible: [UInt64], top: Int,
                     scratch: inout RankingScratch) -> [Ranked] {
        let total = vacancy.required.count, preferredTotal = vacancy.preferred.count
        guard total > 0, top > 0 else { return [] }
        let words = BitRow.words(entries.count)
        scratch.counter.reset(maximum: total, words: words)
        for key in vacancy.required {
            index.add(key, to: &scratch.counter.row)
            scratch.counter.addRow()
        }
        scratch.preferredCounter.reset(maximum: preferredTotal, words: words)
        for key in vacancy.preferred {
            index.add(key, to: &scratch.preferredCounter.row)
            scratch.preferredCounter.addRow()
        }
        // Talents by (required met, preferred met), the group that may score highest first.
        let groups = (1...total).flatMap { met in
            (0...preferredTotal).map { preferred in
                (met: met, preferred: preferred, bound: ScoreParts.bound(met: met, total: total, preferred: (preferred, preferredTotal), settings.weights))
            }
        }.sorted { ($0.bound, $0.met, $0.preferred) > ($1.bound, $1.met, $1.preferred) }
        let terms = facts.terms[position], weights = settings.weights
        var best = TopList()
        for group in groups {
            if best.excludes(group.bound, limit: top) { break }
            for word in 0..<words {
                let bits = scratch.counter.exactly(group.met, word: word) & scratch.preferredCounter.exactly(group.preferred, word: word) & eligible[word]
                BitRow.forEachBit(bits, base: word << 6) { talent in
                    let parts = talentFacts.parts(talent, terms, required: (group.met, total), preferred: (group.preferred, preferredTotal))
                    best.insert(Ranked(score: parts.score(weights), talent: talent), limit: top)
                }
            }
        }
        return best.items
    }

    /// The best `top` vacancies for a talent, best first: those whose hard rules it meets and of whose required
    /// skills it has at least one. Counted and cut short as in `rankTalents`, over the vacancies.
    func rankVacancies(for talent: Int, in tables: RankingTables, top: Int, scratch: inout RankingScratch) -> [Ranked] {
        guard top > 0, !tables.slots.isEmpty else { return [] }
        let words = BitRow.words(tables.vacancies.count)
        if scratch.eligible.count != words { scratch.eligible = [UInt64](repeating: 0, count: words) }
        for word in 0..<words { scratch.eligible[word] = 0 }
        for rule in tables.classes where rule.talents[talent >> 6] & (1 << UInt64(talent & 63)) != 0 {
            for word in 0..<words { scratch.eligible[word] |= rule.vacancies[word] }
        }
        scratch.counter.reset(maximum: tables.slots.count, words: words)
        for slot in tables.slots {
            for key in entries[talent].skills { slot.add(key, to: &scratch.counter.row) }
            scratch.counter.addRow()
        }
        let weights = settings.weights
        var best = TopList()
        for group in tables.groups {
            if best.excludes(group.bound, limit: top) { break }
            guard let members = tables.withRequired[group.total] else { continue }
            for word in 0..<words {
                let bits = scratch.counter.exactly(group.met, word: word) & members[word] & scratch.eligible[word]
                BitRow.forEachBit(bits, base: word << 6) { vacancy in
                    let preferred = tables.facts.preferred(vacancy, by: talent, in: talentFacts)
                    let score = talentFacts.parts(talent, tables.facts.terms[vacancy], required: (group.met, group.total), preferred: preferred)
                        .score(weights)
                    best.insert(Ranked(score: score, talent: vacancy), limit: top)
                }
            }
        }
        return best.items
    }
}

extension BitRow {
    /// A row of `count` bits with `members` set.
    static func row(_ members: [Int], count: Int) -> [UInt64] {
        var row = [UInt64](repeating: 0, count: words(count))
        for member in members { row[member >> 6] |= 1 << UInt64(member & 63) }
        return row
    }
}

extension VacancyRules {
    /// Equal for vacancies whose hard rules (country, languages) are the same.
    var hardRuleKey: String {
        "\(country)" + languages.map { " \($0.code):\($0.level.rawValue)" }.joined()
    }
}

extension ScoreParts {
    /// The highest score a talent meeting `met` of `total` required skills (and, when given, so many of the
    /// preferred ones) can reach, whatever the other parts: a bound never below the true score, as `score` rounds.
    static func bound(met: Int, total: Int, preferred: (met: Int, total: Int)? = nil, _ weights: MatchWeights) -> Double {
        let others = weights.occupation + weights.experience + weights.availability + weights.sector
        let preferredPart = preferred.map { $0.total == 0 ? weights.preferredSkills : weights.preferredSkills * Double($0.met) / Double($0.total) }
            ?? weights.preferredSkills
        // Weights are never negative; the slack covers the rounding of the sums in `rest`.
        let rest = weights.total > 0 ? (preferredPart + others) / weights.total + 1e-9 : 0
        let value = 100 * (Double(met) + rest) / Double(total + 1)
        return (value * 10).rounded() / 10
    }
}
