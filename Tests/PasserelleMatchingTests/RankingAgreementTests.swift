import Testing
@testable import PasserelleContent
import PasserelleCore
@testable import PasserelleMatching

/// A fixed sequence of pseudo-random numbers (SplitMix64), so that a failure can be replayed.
struct SeededNumbers {
    var state: UInt64

    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((value ^ (value >> 31)) % UInt64(bound))
    }

    mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }

    mutating func some<T>(_ items: [T], upTo count: Int) -> [T] { (0..<next(count + 1)).map { _ in pick(items) } }
}

/// Talents and vacancies drawn at random from small pools, so that shared skills, ties, aliases, ESCO URIs and
/// failed hard rules are all frequent.
struct RandomMarket {
    static let skills = ["Wound care", "wound-care", "Care planning", "First aid", "Java", "SQL", "Python", "Git", "Soins des plaies",
                         "Dementia care", "Unknown to talents"]
    static let esco = ["Java": "esco/java", "SQL": "esco/sql", "First aid": "esco/first-aid", "Git": "esco/other-git"]
    static let aliases = [SkillAlias(name: "Wound care", aliases: ["Soins des plaies"])]

    var talents: [Talent] = []
    var vacancies: [Vacancy] = []

    init(seed: UInt64, talentCount: Int, vacancyCount: Int) {
        var numbers = SeededNumbers(state: seed)
        func skillESCO(_ names: [String]) -> [String: String] {
            var uris: [String: String] = [:]
            for name in names where numbers.next(3) > 0 { uris[name] = Self.esco[name] }
            return uris
        }
        let languages: [[(String, CEFRLevel)]] = [[], [("nl", .b1)], [("nl", .a2), ("fr", .c1)], [("fr", .b2)], [("nl", .native)]]
        let days = [nil, "2027-01-01", "2027-03-01", "2027-04-15", "2027-09-01"]
        for index in 0..<talentCount {
            let skills = Array(Set(numbers.some(Array(Self.skills.dropLast()), upTo: 6)))
            talents.append(talent("t\(numbers.next(100_000))-\(index)", skills: skills, languages: numbers.pick(languages),
                                  mobility: numbers.pick([[], ["BE"], ["MA"], ["BE", "MA"]]), years: numbers.pick([nil, 0, 1, 2.5, 6]),
                                  available: numbers.pick(days), sectors: numbers.pick([[], ["care"], ["ict", "care"]]),
                                  occupation: numbers.pick([nil, "nurse", "developer"]), esco: skillESCO(skills)))
        }
        for index in 0..<vacancyCount {
            let required = numbers.some(Self.skills, upTo: 4)
            let preferred = numbers.some(Self.skills, upTo: 3)
            vacancies.append(vacancy("v\(numbers.next(100_000))-\(index)", required: required, preferred: preferred,
                                     languages: numbers.pick(languages), country: numbers.pick(["BE", "MA", "NL"]),
                                     years: numbers.pick([nil, 0, 2, 5]), start: numbers.pick(days), sector: numbers.pick([nil, "care", "ict"]),
                                     occupation: numbers.pick([nil, "nurse"]), esco: skillESCO(required + preferred)))
        }
    }
}

@Suite struct RankingAgreementTests {
    /// Every pair evaluated one by one, then sorted: what the ranking must give, ties included (the first `top` of each).
    func bruteForce(_ engine: MatchEngine, _ market: RandomMarket) -> (vacancies: [String: [Match]], talents: [String: [Match]]) {
        var byVacancy: [String: [Match]] = [:]
        var byTalent: [String: [Match]] = [:]
        for vacancy in market.vacancies {
            let listed = engine.allPairs(for: vacancy).filter { $0.eligible && $0.meetsARequiredSkill }
            byVacancy[vacancy.slug] = listed
            for match in listed { byTalent[match.talent, default: []].append(match) }
        }
        for talent in market.talents {
            byTalent[talent.slug] = (byTalent[talent.slug] ?? []).sorted(by: MatchEngine.bestFirst)
        }
        return (byVacancy, byTalent)
    }

    @Test(arguments: [1, 7, 2026])
    func theRankingEqualsEveryPairEvaluatedAndSorted(seed: UInt64) {
        let market = RandomMarket(seed: seed, talentCount: 300, vacancyCount: 90)
        let engine = MatchEngine(talents: market.talents, skills: SkillVocabulary(RandomMarket.aliases), settings: MatchingSettings())
        let expected = bruteForce(engine, market)
        #expect(expected.vacancies.values.contains { $0.count > 10 } && expected.talents.values.contains { $0.count > 10 })
        for top in [1, 3, 10, 500] {
            for jobs in [1, 2, 5] {
                let ranking = engine.rankAll(market.vacancies, top: top, jobs: jobs)
                for vacancy in market.vacancies {
                    #expect(ranking.matches(forVacancy: vacancy.slug) == expected.vacancies[vacancy.slug].map { Array($0.prefix(top)) }, "top \(top), jobs \(jobs)")
                }
                for talent in market.talents {
                    #expect(ranking.matches(forTalent: talent.slug) == expected.talents[talent.slug].map { Array($0.prefix(top)) }, "top \(top), jobs \(jobs)")
                }
            }
            for vacancy in market.vacancies.prefix(20) {
                #expect(engine.matches(for: vacancy, top: top) == Array(expected.vacancies[vacancy.slug]?.prefix(top) ?? []))
            }
        }
    }

    @Test func tiesAtTheCutAreBrokenBySlugOnBothSides() {
        let twins = (0..<12).map { talent("twin-\(String(format: "%02d", 11 - $0))", skills: ["Wound care"]) }
        let openings = (0..<12).map { vacancy("opening-\(String(format: "%02d", $0))", required: ["Wound care"]) }
        let ranking = MatchEngine(talents: twins, skills: SkillVocabulary(), settings: MatchingSettings()).rankAll(openings, top: 3, jobs: 2)
        #expect(ranking.matches(forVacancy: "opening-05")?.map(\.talent) == ["twin-00", "twin-01", "twin-02"])
        #expect(ranking.matches(forTalent: "twin-07")?.map(\.vacancy) == ["opening-00", "opening-01", "opening-02"])
    }
}

@Suite struct RankingUpdateTests {
    func expectSame(_ updated: MatchRanking, _ full: MatchRanking, _ talents: [Talent], _ vacancies: [Vacancy]) {
        for vacancy in vacancies { #expect(updated.matches(forVacancy: vacancy.slug) == full.matches(forVacancy: vacancy.slug)) }
        for talent in talents { #expect(updated.matches(forTalent: talent.slug) == full.matches(forTalent: talent.slug)) }
    }

    @Test(arguments: [3, 10])
    func oneTalentAddedEditedOrRemovedGivesTheFullRanking(top: Int) {
        let market = RandomMarket(seed: 42, talentCount: 200, vacancyCount: 60)
        let fresh = RandomMarket(seed: 43, talentCount: 3, vacancyCount: 0).talents
        let engine = MatchEngine(talents: market.talents, skills: SkillVocabulary(RandomMarket.aliases), settings: MatchingSettings())
        let ranking = engine.rankAll(market.vacancies, top: top, jobs: 2)
        // The talent listed most often: removing or editing it changes the most lists.
        let listed = market.vacancies.flatMap { ranking.matches(forVacancy: $0.slug) ?? [] }.map(\.talent)
        let busiest = try! #require(Dictionary(grouping: listed, by: { $0 }).max { ($0.value.count, $1.key) < ($1.value.count, $0.key) }?.key)
        var edited = try! #require(market.talents.first { $0.slug == busiest })
        edited.skills = fresh[0].skills
        edited.mobility = []
        var added = fresh[1]
        added.slug = "a-newcomer"
        let changes: [(slug: String, talent: Talent?)] = [(busiest, nil), (busiest, edited), (added.slug, added), (market.talents[5].slug, fresh[2])]
        for change in changes {
            var talents = market.talents.filter { $0.slug != change.slug }
            if var talent = change.talent {
                talent.slug = change.slug
                talents.append(talent)
            }
            let full = MatchEngine(talents: talents, skills: SkillVocabulary(RandomMarket.aliases), settings: MatchingSettings())
                .rankAll(market.vacancies, top: top, jobs: 1)
            let updated = ranking.updating(talent: change.slug, to: change.talent.map { var talent = $0; talent.slug = change.slug; return talent })
            expectSame(updated, full, talents + market.talents, market.vacancies)
        }
        let withoutBusiest = ranking.updating(talent: busiest, to: nil)
        #expect(withoutBusiest.matches(forTalent: busiest) == nil)
        #expect(market.vacancies.contains { withoutBusiest.matches(forVacancy: $0.slug) != ranking.matches(forVacancy: $0.slug) })
    }
}
