import Foundation
import Testing
import PasserelleContent
import PasserelleCore
import PasserelleMatching
@testable import PasserelleSite

@Suite struct MatchingSiteTests {
    /// The talent links of a page's match list, in order.
    func matchLinks(_ html: String, prefix: String) -> [String] {
        guard let section = html.components(separatedBy: "<section class=\"matches\"").dropFirst().first else { return [] }
        var links: [String] = []
        var rest = Substring(section.components(separatedBy: "</section>")[0])
        while let range = rest.range(of: "<h3 class=\"match-title\"><a href=\"\(prefix)[a-z0-9-]+/\"", options: .regularExpression) {
            let text = rest[range]
            let start = text.range(of: prefix)!.upperBound
            links.append(String(text[start...].dropLast(2)))
            rest = rest[range.upperBound...]
        }
        return links
    }

    @Test func vacancyPagesShowTheSameRankingAsTheMatchCommand() {
        let scratch = Scratch()
        #expect(SiteBuilder.buildSample(into: scratch.path + "/Public").succeeded)
        let site = BuiltSite(path: scratch.path + "/Public")
        let vacancies = ["nurse-antwerpen", "care-assistant-liege", "java-developer-brussels", "home-care-worker-leuven"]
        for slug in vacancies {
            let command = SiteBuilder().match(MatchRequest(content: Repository.englishContent, vacancy: slug, today: Repository.sampleDay))
            #expect(!command.diagnostics.hasErrors)
            #expect(!command.matches.isEmpty, "\(slug) has no match")
            #expect(matchLinks(site.html("vacancies/\(slug)/index.html"), prefix: "/talents/") == command.matches.map(\.talent), "\(slug)")
        }
        let page = site.html("vacancies/nurse-antwerpen/index.html")
        #expect(page.contains("Talents who fit this vacancy"))
        #expect(page.contains("Required skills: 4 of 4"))
        #expect(page.contains("Languages: Dutch B2 (B1 required)"))
        // The consent-less talent never appears, the talents listed are all eligible.
        #expect(!page.contains("rachid-ait-hammou"))
    }

    @Test func talentPagesListTheVacanciesThatFit() {
        let scratch = Scratch()
        #expect(SiteBuilder.buildSample(into: scratch.path + "/Public").succeeded)
        let site = BuiltSite(path: scratch.path + "/Public")
        let command = SiteBuilder().match(MatchRequest(content: Repository.englishContent, talent: "hajar-moussaoui", today: Repository.sampleDay))
        #expect(command.matches.first?.vacancy == "care-assistant-liege")
        #expect(matchLinks(site.html("talents/hajar-moussaoui/index.html"), prefix: "/vacancies/") == command.matches.map(\.vacancy))
        // Hajar writes her skills in French; skills.yml maps them to the vacancy's English names.
        #expect(command.matches.first?.reasons.contains(.requiredSkills(met: ["Personal care", "Patient transfer", "Hygiene and infection control"], missing: [])) == true)
        // The expired vacancy is never matched.
        #expect(!site.html("talents/hajar-moussaoui/index.html").contains("dotnet-developer-gent"))
    }

    @Test func siteYAMLCanTurnTheDisplayOffAndTuneIt() {
        let scratch = Scratch()
        let content = scratch.copy(Repository.englishContent, to: "Content")
        let site = (try? String(contentsOfFile: content + "/site.yml", encoding: .utf8)) ?? ""
        scratch.write("Content/site.yml", site + "\nmatching:\n  show: false\n")
        #expect(SiteBuilder.buildSample(into: scratch.path + "/off", content: content).succeeded)
        #expect(!BuiltSite(path: scratch.path + "/off").html("vacancies/nurse-antwerpen/index.html").contains("class=\"matches\""))

        scratch.write("Content/site.yml", site + "\nmatching:\n  top: 1\n  weights: {preferred_skills: 0, occupation: 0, experience: 0, availability: 0, sector: 1}\n")
        #expect(SiteBuilder.buildSample(into: scratch.path + "/one", content: content).succeeded)
        #expect(BuiltSite(path: scratch.path + "/one").count("class=\"match\"", in: "vacancies/nurse-antwerpen/index.html") == 1)

        scratch.write("Content/site.yml", site + "\nmatching:\n  top: 0\n  weights: {required_skills: 50, sector: -1}\n")
        let bad = SiteBuilder.buildSample(into: scratch.path + "/bad", content: content)
        let messages = bad.diagnostics.all.map(\.description).joined(separator: "\n")
        #expect(messages.contains("error: 'matching.top' is 0 (a whole number from 1 to 100)"))
        #expect(messages.contains("error: 'matching.weights.sector' is -1 (a number from 0 to 10,000)"))
        #expect(messages.contains("warning: unknown key 'matching.weights.required_skills' is ignored"))
    }

    @Test func skillsYAMLRefusesANameThatStandsForTwoSkills() {
        let scratch = Scratch()
        let content = scratch.copy(Repository.englishContent, to: "Content")
        scratch.write("Content/skills.yml", "JavaScript: [JS]\nJava: [js, Jakarta EE]\nNursing: Verpleegkunde\n")
        let result = SiteBuilder.buildSample(into: scratch.path + "/Public", content: content)
        #expect(result.diagnostics.errors.map(\.description) == ["\(content)/skills.yml:2:8: error: 'js' already stands for 'JavaScript' (each name for one skill only)"])
    }
}

@Suite struct MatchCommandTests {
    @Test func jsonForOneVacancyIsRankedAndExcludesIneligibleTalentsUnlessAll() throws {
        let scratch = Scratch()
        let run = { (arguments: [String]) throws -> (Int32, String) in
            let result = try PasserelleCommand.run(["match", "--content", Repository.content, "--date", "2026-11-24"] + arguments, in: scratch.path)
            return (result.status, result.out)
        }
        let (status, json) = try run(["--vacancy", "nurse-antwerpen", "--format", "json"])
        #expect(status == 0)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8))
        let ranked = try #require(parsed as? [[String: Any]])
        #expect(ranked.map { $0["talent"] as? String } == ["ilyas-bakkali", "fatima-zahra-el-idrissi", "yassine-amrani"])
        #expect(ranked.allSatisfy { $0["eligible"] as? Bool == true && $0["vacancy"] as? String == "nurse-antwerpen" })
        let scores = ranked.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >) && scores.count == 3)

        let (_, allJSON) = try run(["--vacancy", "nurse-antwerpen", "--format", "json", "--all"])
        let everyone = try #require(try JSONSerialization.jsonObject(with: Data(allJSON.utf8)) as? [[String: Any]])
        #expect(everyone.count == 27)
        #expect(everyone.contains { $0["eligible"] as? Bool == false && ($0["reasons"] as? [String])?.contains { $0.hasPrefix("language: nl") } == true })

        let (missing, _) = try run(["--vacancy", "dotnet-developer-gent"])
        #expect(missing == 1)
        let (csvStatus, csv) = try run(["--format", "csv", "--top", "1"])
        #expect(csvStatus == 0 && csv.hasPrefix("vacancy,talent,score,eligible,reasons\r\n"))
        #expect(csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1 + 9)
    }
}
