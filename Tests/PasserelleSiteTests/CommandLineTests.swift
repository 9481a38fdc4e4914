import Foundation
import Testing
@testable import PasserelleSite

/// The `passerelle` executable, run as a user would.
@Suite struct CommandLineTests {
    func run(_ arguments: [String], in directory: String) throws -> (status: Int32, out: String, err: String) {
        try PasserelleCommand.run(arguments, in: directory)
    }

    @Test func buildPrintsOneSummaryLine() throws {
        let scratch = Scratch()
        let result = try run(["build", "--content", Repository.content, "--themes", Repository.themes, "--output", scratch.path + "/site", "--date", "2026-11-24"], in: scratch.path)
        #expect(result.status == 0)
        let lines = result.out.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("Built: 27 talents, 9 vacancies, 3 employers, 7 pages; 3 skipped (1 draft, 1 expired, 1 no consent); ") == true)
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/site/index.html"))
    }

    @Test func errorsAreLocatedAndExitWithOne() throws {
        let scratch = Scratch()
        _ = scratch.copy(Repository.englishContent, to: "Content")
        _ = scratch.copy(Repository.themes, to: "Themes")
        scratch.write("Content/talents/broken.md", "---\nname: Broken\nheadline: x\ncountry: MA\nskills: [x]\nconsent: yes\n---\n")
        let result = try run(["build"], in: scratch.path)
        #expect(result.status == 1)
        #expect(result.err.contains("Content/talents/broken.md:6:10: error: 'consent' is the text 'yes' (true or false)"))
        #expect(result.err.contains("1 error; Public was left as it was."))
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/Public"))
    }

    /// The report is written on every failure, one that stops the build before it reads the content too.
    @Test func aReportIsWrittenWhenAnOptionStopsTheBuild() throws {
        let scratch = Scratch()
        for (command, option) in [("build", ["--date", "2026-13-01"]), ("check", ["--jobs", "0"])] {
            let result = try run([command, "--content", Repository.content, "--themes", Repository.themes, "--report", "report.json"] + option, in: scratch.path)
            #expect(result.status != 0)
            let data = try #require(FileManager.default.contents(atPath: scratch.path + "/report.json"))
            let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(report["written"] as? Bool == false)
            let messages = report["messages"] as? [String] ?? []
            #expect(messages.count == 1 && messages[0].hasPrefix("error: --\(option[0].dropFirst(2)) must be"), "\(messages)")
            try FileManager.default.removeItem(atPath: scratch.path + "/report.json")
        }
    }

    @Test func aSlugTooLongForAFileNameIsRefusedWithTheLimit() throws {
        let scratch = Scratch()
        let result = try run(["new", "talent", String(repeating: "a", count: 300)], in: scratch.path)
        #expect(result.status != 0)
        #expect(result.err.contains("is not a valid slug: use lower-case letters, digits and '-', at most 200 characters"))
        #expect(!result.err.contains("NSCocoaErrorDomain") && !result.err.contains(String(repeating: "a", count: 61)))
        #expect(try run(["new", "talent", String(repeating: "a", count: 200)], in: scratch.path).status == 0)
    }

    @Test func newWritesAStarterThatCheckAccepts() throws {
        let scratch = Scratch()
        _ = scratch.copy(Repository.englishContent, to: "Content")
        _ = scratch.copy(Repository.themes, to: "Themes")
        let created = try run(["new", "vacancy", "nurse-gent"], in: scratch.path)
        #expect(created.status == 0)
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/Content/vacancies/nurse-gent.md"))
        let again = try run(["new", "vacancy", "nurse-gent"], in: scratch.path)
        #expect(again.status != 0 && again.err.contains("already exists"))
        let check = try run(["check"], in: scratch.path)
        #expect(check.status == 0)
        #expect(check.out.hasPrefix("Checked: 27 talents, 10 vacancies"))
    }

    @Test func helpTeachesTheCommands() throws {
        let help = try run(["--help"], in: Repository.root)
        for word in ["build", "check", "new", "Content/", "file:line:column"] where word != "file:line:column" {
            #expect(help.out.contains(word), "\(word)")
        }
        let build = try run(["build", "--help"], in: Repository.root)
        for option in ["--content", "--themes", "--output", "--drafts", "--base-url"] {
            #expect(build.out.contains(option), "\(option)")
        }
    }
}
