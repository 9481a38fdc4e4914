import Foundation
import Testing
@testable import PasserelleContent
import PasserelleCore
@testable import PasserelleMatching

/// Builders for talents and vacancies with only what a test cares about.
func talent(_ slug: String, skills: [String], languages: [(String, CEFRLevel)] = [("nl", .b2), ("fr", .c1)], mobility: [String] = ["BE"],
            years: Double? = 3, available: String? = "2027-01-01", sectors: [String] = ["care"], occupation: String? = nil,
            esco: [String: String] = [:]) -> Talent {
    Talent(slug: slug, source: SourceFile(path: "talents/\(slug).md", format: .markdown), name: slug.capitalized, headline: "Nurse",
           photo: nil, city: nil, country: "MA", programme: nil, sectors: sectors, occupation: occupation,
           skills: skills.map { Skill(name: $0, esco: esco[$0]) },
           languages: languages.map { LanguageLevel(code: $0.0, level: $0.1) }, mobility: mobility,
           availableFrom: available.flatMap { Day($0) }, experienceYears: years, video: nil, linkedin: nil, consent: true,
           body: MarkdownSource("", line: 1))
}

func vacancy(_ slug: String, required: [String], preferred: [String] = [], languages: [(String, CEFRLevel)] = [("nl", .b1)],
             country: String = "BE", years: Double? = 2, start: String? = "2027-03-01", sector: String? = "care",
             occupation: String? = nil, esco: [String: String] = [:]) -> Vacancy {
    Vacancy(slug: slug, source: SourceFile(path: "vacancies/\(slug).json", format: .json), title: slug, employer: "e",
            employerLocation: .start, city: nil, country: country, sector: sector, occupation: occupation,
            requiredSkills: required.map { Skill(name: $0, esco: esco[$0]) }, preferredSkills: preferred.map { Skill(name: $0, esco: esco[$0]) },
            languages: languages.map { LanguageLevel(code: $0.0, level: $0.1) }, experienceYears: years, employmentType: nil,
            start: start.flatMap { Day($0) }, validThrough: nil, salary: nil, description: MarkdownSource("d", line: 1))
}

let nurse = vacancy("nurse-gent", required: ["Wound care", "Medication administration", "Care planning"], preferred: ["Palliative care"])

@Suite struct PlantedMatchTests {
    let talents = [
        talent("best", skills: ["Wound care", "Medication administration", "Care planning", "Palliative care"]),
        talent("wrong-mobility", skills: ["Wound care", "Medication administration", "Care planning", "Palliative care"], mobility: ["MA"]),
        talent("dutch-a2", skills: ["Wound care", "Medication administration", "Care planning", "Palliative care"], languages: [("nl", .a2)]),
        talent("no-dutch", skills: ["Wound care", "Medication administration", "Care planning"], languages: [("fr", .c2)]),
        talent("one-skill", skills: ["Wound care", "Palliative care"]),
        talent("two-skills", skills: ["Wound care", "Care planning"]),
        talent("no-skill", skills: ["Java"]),
        talent("anywhere", skills: ["Wound care", "Medication administration", "Care planning"], mobility: []),
    ]
    var engine: MatchEngine { MatchEngine(talents: talents, skills: SkillVocabulary(), settings: MatchingSettings()) }

    @Test func ranksTheTalentWhoMeetsEveryRequirementFirst() {
        let matches = engine.matches(for: nurse, top: 10)
        #expect(matches.map(\.talent) == ["best", "anywhere", "two-skills", "one-skill"])
        #expect(matches.first?.score == 100)
        #expect(matches.allSatisfy { $0.eligible })
        #expect(matches.map(\.score) == matches.map(\.score).sorted(by: >))
    }

    @Test func listsNoIneligibleTalentAndSaysWhyWithAll() {
        let all = engine.allPairs(for: nurse)
        #expect(all.count == talents.count)
        let byTalent = Dictionary(uniqueKeysWithValues: all.map { ($0.talent, $0) })
        #expect(byTalent["wrong-mobility"]?.eligible == false)
        #expect(byTalent["wrong-mobility"]?.reasons.contains(.mobility(countries: ["MA"], vacancyCountry: "BE", ok: false)) == true)
        #expect(byTalent["dutch-a2"]?.eligible == false)
        #expect(byTalent["dutch-a2"]?.reasons.map(\.english).contains("language: nl A2 is below B1") == true)
        #expect(byTalent["no-dutch"]?.reasons.map(\.english).contains("language: nl missing (B1 required)") == true)
        #expect(byTalent["one-skill"]?.reasons.map(\.english).contains("required skills: 1 of 3 (Wound care); missing Medication administration, Care planning") == true)
        #expect(all.prefix(5).allSatisfy { $0.eligible })
        #expect(all.suffix(3).allSatisfy { !$0.eligible })
    }

    @Test func availabilityOnTheStartDayIsFromTheStart() throws {
        let vacancy = vacancy("start", required: ["Wound care"], start: "2027-03-01")
        func reason(_ available: String) throws -> String {
            let engine = MatchEngine(talents: [talent("t", skills: ["Wound care"], available: available)], skills: SkillVocabulary(), settings: MatchingSettings())
            let match = try #require(engine.allPairs(for: vacancy).first)
            let reason = try #require(match.reasons.first { if case .availability = $0 { return true } else { return false } })
            #expect(reason.isShortfall == (available > "2027-03-01"))
            return reason.english
        }
        #expect(try reason("2027-03-01") == "availability: from the start on 2027-03-01")
        #expect(try reason("2027-02-28") == "availability: from 2027-02-28, before the start on 2027-03-01")
        #expect(try reason("2027-03-02") == "availability: from 2027-03-02, after the start on 2027-03-01")
    }

    @Test func scoresByTheDocumentedFormula() {
        let parts = ScoreParts(requiredMet: 2, requiredTotal: 4, preferredMet: 0, preferredTotal: 2, sameOccupation: nil,
                               experience: 1, minimumExperience: 2, daysLate: 45, sameSector: false)
        // rest = (40·0 + 20·1 + 18·0.5 + 14·0.5 + 8·0) / 100 = 0.36; score = 100 · (2 + 0.36) / (4 + 1) = 47.2
        #expect(parts.rest(MatchWeights()) == 0.36)
        #expect(parts.score(MatchWeights()) == 47.2)
        var weights = MatchWeights()
        for key in MatchWeights.keys { weights[key] = 0 }
        weights.sector = 1
        #expect(parts.score(weights) == 40)
    }

    @Test func oneMoreRequiredSkillOutweighsEverythingElse() {
        let fewer = ScoreParts(requiredMet: 2, requiredTotal: 3, preferredMet: 4, preferredTotal: 4, sameOccupation: true,
                               experience: 9, minimumExperience: 1, daysLate: -30, sameSector: true)
        let more = ScoreParts(requiredMet: 3, requiredTotal: 3, preferredMet: 0, preferredTotal: 4, sameOccupation: false,
                              experience: 0, minimumExperience: 5, daysLate: 200, sameSector: false)
        #expect(more.score(MatchWeights()) >= fewer.score(MatchWeights()))
        #expect(more.score(MatchWeights()) == 75 && fewer.score(MatchWeights()) == 75)
    }

    @Test func breaksTiesBySlug() {
        let twins = [talent("zineb", skills: ["Wound care"]), talent("amal", skills: ["Wound care"]), talent("hajar", skills: ["Wound care"])]
        let engine = MatchEngine(talents: twins, skills: SkillVocabulary(), settings: MatchingSettings())
        #expect(engine.matches(for: nurse, top: 10).map(\.talent) == ["amal", "hajar", "zineb"])
        #expect(engine.matches(for: nurse, top: 2).map(\.talent) == ["amal", "hajar"])
    }

    @Test func theFastPassAgreesWithThePairByPairEvaluation() {
        let vacancies = [nurse, vacancy("other", required: ["Care planning", "Java"], languages: [], country: "MA", years: nil, start: nil, sector: nil)]
        for vacancy in vacancies {
            let fast = engine.matches(for: vacancy, top: 100)
            let exact = engine.allPairs(for: vacancy).filter { $0.eligible && $0.meetsARequiredSkill }
            #expect(fast == exact)
        }
        let ranking = engine.rankAll(vacancies, top: 100)
        #expect(ranking.matches(forVacancy: "nurse-gent") == engine.matches(for: nurse, top: 100))
        #expect(ranking.matches(forTalent: "best")?.map(\.vacancy) == ["nurse-gent"])
        #expect(ranking.matches(forTalent: "anywhere")?.map(\.vacancy).sorted() == ["nurse-gent", "other"])
        #expect(ranking.matches(forVacancy: "no-such-vacancy") == nil)
    }
}

@Suite struct SkillMatchingTests {
    @Test func foldsCaseAccentsSpacingAndPunctuation() {
        #expect(SkillName.fold("Node.js") == SkillName.fold("nodejs"))
        #expect(SkillName.fold("Node JS") == SkillName.fold("NODE-JS"))
        #expect(SkillName.fold("Développement web") == SkillName.fold("developpement web"))
        #expect(SkillName.fold("CI/CD") == SkillName.fold("ci cd"))
        #expect(SkillName.fold("C#") != SkillName.fold("C"))
        #expect(SkillName.fold("C++") != SkillName.fold("C#"))
        #expect(SkillName.fold("مُمَرِّض") == SkillName.fold("ممرض"))
    }

    @Test func aliasesMapSynonymsAndTranslationsToOneSkill() {
        let aliases = [SkillAlias(name: "JavaScript", aliases: ["JS"]), SkillAlias(name: "Care assistant", aliases: ["Aide-soignant"]),
                       SkillAlias(name: "Nursing", aliases: ["Verpleegkunde"])]
        let talents = [talent("js", skills: ["js"]), talent("aide", skills: ["Aide soignant"]), talent("verpleeg", skills: ["Verpleegkunde"]),
                       talent("node", skills: ["Node JS"])]
        let engine = MatchEngine(talents: talents, skills: SkillVocabulary(aliases), settings: MatchingSettings())
        #expect(engine.matches(for: vacancy("dev", required: ["JavaScript"]), top: 5).map(\.talent) == ["js"])
        #expect(engine.matches(for: vacancy("care", required: ["Care assistant"]), top: 5).map(\.talent) == ["aide"])
        #expect(engine.matches(for: vacancy("nurse", required: ["nursing"]), top: 5).map(\.talent) == ["verpleeg"])
        #expect(engine.matches(for: vacancy("node", required: ["Node.js"]), top: 5).map(\.talent) == ["node"])
        #expect(engine.matches(for: vacancy("dev", required: ["JavaScript"]), top: 5).first?.reasons.contains(.requiredSkills(met: ["JavaScript"], missing: [])) == true)
    }

    @Test func whenBothSidesGiveAnESCOURITheURIDecides() {
        let java = "http://data.europa.eu/esco/skill/java"
        let other = "http://data.europa.eu/esco/skill/other"
        let talents = [
            talent("same-uri-other-name", skills: ["Programmeren in Java"], esco: ["Programmeren in Java": java]),
            talent("same-name-other-uri", skills: ["Java"], esco: ["Java": other]),
            talent("name-only", skills: ["Java"]),
        ]
        let engine = MatchEngine(talents: talents, skills: SkillVocabulary(), settings: MatchingSettings())
        let matches = engine.matches(for: vacancy("dev", required: ["Java"], esco: ["Java": java]), top: 5)
        #expect(matches.map(\.talent) == ["name-only", "same-uri-other-name"])
        let withoutURI = engine.matches(for: vacancy("dev", required: ["Java"]), top: 5)
        #expect(withoutURI.map(\.talent) == ["name-only", "same-name-other-uri"])
    }
}

@Suite struct MatchOutputTests {
    let matches = MatchEngine(talents: [talent("amal", skills: ["Wound care"]), talent("omar", skills: ["Wound care"], mobility: ["MA"])],
                              skills: SkillVocabulary(), settings: MatchingSettings()).allPairs(for: nurse)

    @Test func jsonIsAnArrayOfObjectsWithTheDocumentedKeys() throws {
        let data = Data(MatchOutput.json(matches).utf8)
        let parsed = try JSONSerialization.jsonObject(with: data)
        let array = try #require(parsed as? [[String: Any]])
        #expect(array.count == 2)
        for object in array {
            #expect(Set(object.keys) == ["vacancy", "talent", "score", "eligible", "reasons"])
            #expect(object["score"] as? Double != nil)
            #expect(object["eligible"] as? Bool != nil)
            #expect((object["reasons"] as? [String])?.isEmpty == false)
        }
        #expect(array.first?["talent"] as? String == "amal")
        #expect(array.first?["eligible"] as? Bool == true)
        #expect(array.last?["eligible"] as? Bool == false)
        #expect(MatchOutput.json([]) == "[]\n")
    }

    @Test func csvOpensInASpreadsheetWithoutRunningFormulas() {
        let csv = MatchOutput.csv(matches)
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines.first == "vacancy,talent,score,eligible,reasons")
        #expect(lines[1].hasPrefix("nurse-gent,amal,"))
        #expect(MatchOutput.csvField("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(MatchOutput.csvField("a, b") == "\"a, b\"")
        #expect(MatchOutput.csvField("-1") == "'-1")
    }

    @Test func tableMarksShortfalls() {
        let table = MatchOutput.table(matches)
        #expect(table.hasPrefix("VACANCY     TALENT  SCORE  ELIGIBLE\n"))
        #expect(table.contains("- mobility: works only in MA, the vacancy is in BE"))
        #expect(table.contains("+ language: nl B2, B1 required"))
    }
}
