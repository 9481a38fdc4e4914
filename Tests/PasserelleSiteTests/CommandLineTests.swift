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
