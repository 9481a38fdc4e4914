import Foundation
import Testing
@testable import PasserelleSite

/// `passerelle build --report FILE`: every content file, published at which addresses, skipped or rejected.
@Suite struct BuildReportTests {
    func report(_ arguments: [String], in scratch: Scratch) throws -> (status: Int32, report: [String: Any], bytes: Data) {
        let result = try PasserelleCommand.run(["build", "--content", Repository.content, "--themes", Repository.themes,
                                                "--date", "2026-11-24", "--no-cache", "--report", "report.json"] + arguments, in: scratch.path)
        let bytes = try #require(FileManager.default.contents(atPath: scratch.path + "/report.json"))
        return (result.status, try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: Any]), bytes)
    }

    func files(_ report: [String: Any]) -> [String: [String: Any]] {
        Dictionary(((report["files"] as? [[String: Any]]) ?? []).map { ($0["path"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
    }

    @Test func everyFileOfTheSampleIsAccountedForAndEveryAddressExists() throws {
        let scratch = Scratch()
        let (status, report, bytes) = try report(["--output", "site"], in: scratch)
        #expect(status == 0 && report["written"] as? Bool == true)
        let listed = files(report)
        let sources = (FileManager.default.subpaths(atPath: Repository.content) ?? []).filter { !$0.hasSuffix("/") }
            .filter { var isFolder: ObjCBool = false; FileManager.default.fileExists(atPath: Repository.content + "/" + $0, isDirectory: &isFolder); return !isFolder.boolValue }
        #expect(Set(listed.keys) == Set(sources.map { Repository.content + "/" + $0 }))
        #expect(report["counts"] as? [String: Int] == ["published": 69, "settings": 3, "skipped": 3])

        let site = BuiltSite(path: scratch.path + "/site")
        for (path, file) in listed where file["status"] as? String == "published" {
            let urls = file["urls"] as? [String] ?? []
            #expect(!urls.isEmpty, "\(path)")
            for url in urls { #expect(site.exists(String(url.dropFirst()) + (url.hasSuffix("/") ? "index.html" : "")), "\(url) of \(path)") }
        }
        // A talent of the Belgian market, in each of its languages, and a translation file with the page in its language.
        #expect(listed[Repository.content + "/talents/fatima-zahra-el-idrissi.md"]?["urls"] as? [String]
                == ["/be/en/talents/fatima-zahra-el-idrissi/", "/be/fr/talents/fatima-zahra-el-idrissi/", "/be/talents/fatima-zahra-el-idrissi/"])
        #expect(listed[Repository.content + "/talents/fatima-zahra-el-idrissi.nl.md"]?["urls"] as? [String] == ["/be/talents/fatima-zahra-el-idrissi/"])
        #expect(listed[Repository.content + "/talents/rachid-ait-hammou.md"]?["reason"] as? String == "no consent (consent: true is needed to publish)")

        // The same input gives the same bytes.
        let again = try self.report(["--output", "site2"], in: scratch)
        #expect(again.bytes == bytes)
    }

    @Test func aMarketBuiltAloneSaysWhyTheOtherMarketsFilesAreLeftOut() throws {
        let scratch = Scratch()
        let (status, report, _) = try report(["--output", "ma", "--market", "ma"], in: scratch)
        #expect(status == 0)
        let listed = files(report)
        #expect(!listed.values.contains { $0["status"] as? String == "unused" })
        #expect(listed[Repository.content + "/vacancies/nurse-antwerpen.md"]?["reason"] as? String == "in another market (this build is --market ma)")
        #expect(listed[Repository.content + "/talents/salma-benali.nl.md"]?["reason"] as? String
                == "in a language not built (none of the markets built is read in 'nl')")
    }

    @Test func aFailedBuildReportsTheRejectedFilesAndWritesNoSite() throws {
        let scratch = Scratch()
        _ = scratch.copy(Repository.englishContent, to: "Content")
        scratch.write("Content/talents/broken.md", "---\nname: Broken\nheadline: x\ncountry: MA\nskills: [x]\nconsent: yes\n---\n")
        let result = try PasserelleCommand.run(["build", "--themes", Repository.themes, "--date", "2026-11-24", "--no-cache", "--report", "report.json"], in: scratch.path)
        #expect(result.status == 1)
        let data = try #require(FileManager.default.contents(atPath: scratch.path + "/report.json"))
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(report["written"] as? Bool == false)
        let broken = files(report)["Content/talents/broken.md"]
        #expect(broken?["status"] as? String == "rejected")
        #expect((broken?["errors"] as? [[String: Any]])?.first?["line"] as? Int == 6)
        #expect(files(report)["Content/talents/salma-benali.md"]?["status"] as? String == "accepted")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/Public/index.html"))
    }

    @Test func theReportMayNotGoIntoTheFoldersABuildReadsOrReplaces() throws {
        let scratch = Scratch()
        for report in ["Content/report.json", "Public/report.json"] {
            let result = try PasserelleCommand.run(["build", "--content", "Content", "--output", "Public", "--report", report], in: scratch.path)
            #expect(result.status != 0 && result.err.contains("--report must be outside"))
        }
    }
}
