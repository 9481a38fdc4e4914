import Foundation
import Testing
@testable import PasserelleSite
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The output is replaced at once: a build killed at any moment leaves the previous site or the new one, what
/// a build cut short left beside the output is removed by the next, and a link as the output is refused.
@Suite struct OutputSwapTests {
    /// The sample site in a scratch folder, built with the `passerelle` executable as a user would.
    final class Project {
        let scratch = Scratch()
        var output: String { scratch.path + "/Public" }
        /// The three edits of the new version: a talent's headline, a consent withdrawn, a translation changed.
        let edits: [(path: String, old: String, new: String)] = [
            ("Content/talents/anas-berrada.md", "headline: Cloud engineer,", "headline: Cloud architect,"),
            ("Content/talents/zineb-alaoui.md", "consent: true", "consent: false"),
            ("Content/talents/salma-benali.fr.md", "headline: Développeuse full stack", "headline: Ingénieure full stack"),
        ]
        private var originals: [String: String] = [:]

        init() {
            _ = scratch.copy(Repository.content, to: "Content")
            _ = scratch.copy(Repository.themes, to: "Themes")
            for edit in edits {
                originals[edit.path] = (try? String(contentsOfFile: scratch.path + "/" + edit.path, encoding: .utf8)) ?? ""
            }
        }

        /// The sources as they were (false) or edited (true), with the first `count` edits.
        func use(edited: Bool, count: Int = 3) {
            for edit in edits.prefix(count) {
                let original = originals[edit.path] ?? ""
                #expect(original.contains(edit.old), "\(edit.path) has no '\(edit.old)'")
                let text = edited ? original.replacingOccurrences(of: edit.old, with: edit.new) : original
                _ = FileManager.default.createFile(atPath: scratch.path + "/" + edit.path, contents: Data(text.utf8))
            }
        }

        func arguments(output: String = "Public", cached: Bool = true) -> [String] {
            ["build", "--date", "2026-11-24", "--output", output] + (cached ? [] : ["--no-cache"])
        }

        @discardableResult
        func build(output: String = "Public", cached: Bool = true, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> String {
            let run = try PasserelleCommand.run(arguments(output: output, cached: cached), in: scratch.path)
            #expect(run.status == 0, "\(run.err)", sourceLocation: sourceLocation)
            return run.err
        }

        /// Folders beside the output whose names start with `.Public.`, but for the mirror.
        var leftovers: [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: scratch.path)) ?? []).filter { $0.hasPrefix(".Public.") && $0 != ".Public.mirror" }.sorted()
        }

        /// Whether a build is writing the new site: in a folder beside the output, or in the mirror (whose
        /// marker it removes first).
        var isStaging: Bool {
            let mirror = scratch.path + "/.Public.mirror/site"
            return leftovers.contains { $0.hasPrefix(".Public.building-") }
                || (FileManager.default.fileExists(atPath: mirror) && !FileManager.default.fileExists(atPath: mirror + "/" + OutputWriter.marker))
        }

        /// The mirror kept for the next build, when there is one, is the output, file for file (the same files).
        func checkMirror(sourceLocation: Testing.SourceLocation = #_sourceLocation) {
            let mirror = scratch.path + "/.Public.mirror/site"
            guard FileManager.default.fileExists(atPath: mirror) else { return }
            let files = BuiltSite(path: mirror).files
            #expect(files == BuiltSite(path: output).files, sourceLocation: sourceLocation)
            let unlinked = files.keys.filter { path in
                var mine = stat(), theirs = stat()
                return lstat(mirror + "/" + path, &mine) != 0 || lstat(output + "/" + path, &theirs) != 0 || mine.st_ino != theirs.st_ino
            }
            #expect(unlinked.isEmpty, "\(unlinked.prefix(3))", sourceLocation: sourceLocation)
        }
    }

    @Test func aLinkedOutputIsRefusedAndWhatItPointsAtIsKept() throws {
        let project = Project()
        try project.build(output: "www")
        let before = BuiltSite(path: project.scratch.path + "/www").files
        #expect(before.count > 1500)
        try FileManager.default.createSymbolicLink(atPath: project.output, withDestinationPath: "www")
        for cached in [true, false] {
            let run = try PasserelleCommand.run(project.arguments(cached: cached), in: project.scratch.path)
            #expect(run.status != 0)
            #expect(run.err.contains("Public:1:1: error: Public is a symbolic link to www; the output folder is replaced at each build, so passerelle does not build through a link (nothing was written)"), "\(run.err)")
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: project.output) == "www")
            #expect(BuiltSite(path: project.scratch.path + "/www").files == before, "www keeps every file")
        }
        #expect(project.leftovers.isEmpty)

        // A folder built into with the cache, then moved and linked back: nothing changed in the sources, yet the
        // link is refused rather than taken for the folder the cache describes.
        try FileManager.default.removeItem(atPath: project.output)
        try project.build()
        try FileManager.default.moveItem(atPath: project.output, toPath: project.scratch.path + "/moved")
        try FileManager.default.createSymbolicLink(atPath: project.output, withDestinationPath: "moved")
        let moved = BuiltSite(path: project.scratch.path + "/moved").files
        let run = try PasserelleCommand.run(project.arguments(), in: project.scratch.path)
        #expect(run.status != 0 && run.err.contains("Public is a symbolic link to moved"), "\(run.err)")
        #expect(BuiltSite(path: project.scratch.path + "/moved").files == moved)
    }

    @Test func whatBuildsCutShortLeftIsRemovedOnlyWhenMarkedAsTheirs() throws {
        let scratch = Scratch()
        let output = scratch.path + "/Public"
        let manager = FileManager.default
        #expect(SiteBuilder.buildSample(into: output).succeeded)
        let marker = OutputWriter.workspaceMarker
        let withdrawn = "talents/withdrawn-talent/index.html"
        // This build's kind of workspace, marked for this output: the old site after a swap, or the new one before.
        scratch.write(".Public.building-101-aa/\(marker)", OutputWriter.workspaceMarkerText(output: "Public"))
        scratch.write(".Public.building-101-aa/site/\(withdrawn)", "old page")
        scratch.write(".Public.building-101-aa/site/.passerelle", "")
        // One cut short after it carried the output's .git into the new site: the .git goes back.
        scratch.write(".Public.building-102-bb/\(marker)", OutputWriter.workspaceMarkerText(output: "Public"))
        scratch.write(".Public.building-102-bb/site/\(withdrawn)", "new page")
        scratch.write(".Public.building-102-bb/site/.git/HEAD", "ref: refs/heads/main\n")
        // Those of earlier versions, marked by the .passerelle file of a written site; an empty one.
        scratch.write(".Public.old-103/.passerelle", OutputWriter.markerText)
        scratch.write(".Public.old-103/\(withdrawn)", "old page")
        scratch.write(".Public.building-104/.passerelle", OutputWriter.markerText)
        scratch.write(".Public.building-104/fr/\(withdrawn)", "new page")
        try manager.createDirectory(atPath: scratch.path + "/.Public.old-105", withIntermediateDirectories: false)
        // One cut short as it wrote its marker: nothing else in it.
        scratch.write(".Public.building-107-ab/\(marker)", String(OutputWriter.workspaceMarkerText(output: "Public").prefix(9)))
        // Not theirs: no marker, a marker naming another output, another output's, one a running build holds,
        // a link to a marked folder.
        scratch.write(".Public.building-201/notes.txt", "mine")
        scratch.write(".Public.building-202-cc/\(marker)", OutputWriter.workspaceMarkerText(output: "Other"))
        scratch.write(".Public.building-202-cc/site/index.html", "other")
        scratch.write(".Public.building-206/\(marker)", "")
        scratch.write(".Public.building-206/index.html", "an empty marker beside other files")
        scratch.write(".Other.building-203/.passerelle", OutputWriter.markerText)
        scratch.write(".Public.building-204-dd/\(marker)", OutputWriter.workspaceMarkerText(output: "Public"))
        scratch.write(".Public.building-204-dd/site/index.html", "being built")
        let held = open(scratch.path + "/.Public.building-204-dd/\(marker)", O_RDONLY)
        #expect(held >= 0 && flock(held, LOCK_EX) == 0)
        defer { close(held) }
        scratch.write("elsewhere/.passerelle", OutputWriter.markerText)
        scratch.write("elsewhere/index.html", "elsewhere")
        try manager.createSymbolicLink(atPath: scratch.path + "/.Public.old-205", withDestinationPath: scratch.path + "/elsewhere")

        #expect(SiteBuilder.buildSample(into: output).succeeded)
        let entries = try manager.contentsOfDirectory(atPath: scratch.path).filter { $0.hasPrefix(".") }.sorted()
        #expect(entries == [".Other.building-203", ".Public.building-201", ".Public.building-202-cc", ".Public.building-204-dd", ".Public.old-205",
                           ".Public.building-206", ".Public.mirror"].sorted())
        #expect(manager.contents(atPath: output + "/.git/HEAD") == Data("ref: refs/heads/main\n".utf8), "the carried .git is back")
        #expect(manager.contents(atPath: scratch.path + "/.Public.building-201/notes.txt") == Data("mine".utf8))
        #expect(manager.fileExists(atPath: scratch.path + "/.Public.building-202-cc/site/index.html"))
        #expect(manager.fileExists(atPath: scratch.path + "/.Public.building-204-dd/site/index.html"))
        #expect(manager.contents(atPath: scratch.path + "/elsewhere/index.html") == Data("elsewhere".utf8))
        #expect(!BuiltSite(path: output).exists(withdrawn))

        // A .git in a leftover when the output has one too: the leftover stays, and the build says so.
        scratch.write(".Public.building-106-ee/\(marker)", OutputWriter.workspaceMarkerText(output: "Public"))
        scratch.write(".Public.building-106-ee/site/.git/HEAD", "ref: refs/heads/other\n")
        let again = SiteBuilder.buildSample(into: output)
        #expect(again.succeeded)
        #expect(again.diagnostics.warnings.filter { $0.file == output }.map(\.message) == [
            "\(scratch.path)/.Public.building-106-ee was left by a build that did not end and holds .git, which Public has too; it was left as it is",
        ])
        #expect(manager.contents(atPath: output + "/.git/HEAD") == Data("ref: refs/heads/main\n".utf8))
        #expect(manager.contents(atPath: scratch.path + "/.Public.building-106-ee/site/.git/HEAD") == Data("ref: refs/heads/other\n".utf8))
    }

    @Test func aBuildCutShortBetweenTwoRenamesIsUndoneByTheNext() throws {
        let scratch = Scratch()
        let output = scratch.path + "/Public"
        #expect(SiteBuilder.buildSample(into: output).succeeded)
        scratch.write("Public/.gitkeep", "kept")
        // Where renaming cannot exchange two folders at once: the output moved to old/, its .gitkeep already in
        // the new site, which is not yet in place.
        let workspace = scratch.path + "/.Public.building-301-ff"
        scratch.write(".Public.building-301-ff/\(OutputWriter.workspaceMarker)", OutputWriter.workspaceMarkerText(output: "Public"))
        try FileManager.default.createDirectory(atPath: workspace + "/site", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: output + "/.gitkeep", toPath: workspace + "/site/.gitkeep")
        try FileManager.default.moveItem(atPath: output, toPath: workspace + "/old")
        let writer = OutputWriter(output: output)
        #expect(writer.removeLeftovers() == [])
        #expect(BuiltSite(path: output).exists("index.html"), "the old site is back")
        #expect(FileManager.default.contents(atPath: output + "/.gitkeep") == Data("kept".utf8))
        #expect(!FileManager.default.fileExists(atPath: workspace))
    }

    @Test func anIncrementalBuildLinksWhatDidNotChangeAndNeverWritesIntoIt() throws {
        let project = Project()
        try project.build()
        let before = BuiltSite(path: project.output).files
        // Another name for every file of the output: a file written in place would change under it too.
        let snapshot = project.scratch.path + "/snapshot"
        var inodes: [String: UInt64] = [:]
        for path in before.keys {
            let target = snapshot + "/" + path
            try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            #expect(link(project.output + "/" + path, target) == 0)
            var info = stat()
            _ = lstat(target, &info)
            inodes[path] = UInt64(info.st_ino)
        }
        project.use(edited: true, count: 1)
        let summary = try PasserelleCommand.run(project.arguments(), in: project.scratch.path).out
        let after = BuiltSite(path: project.output).files
        #expect(BuiltSite(path: snapshot).files == before, "the previous site's files are as they were")
        let differing = after.keys.filter { after[$0] != before[$0] }.count
        // The files that are still the same file as before.
        func unchanged(_ files: [String: Data]) -> Int {
            files.keys.filter { path in
                var info = stat()
                return lstat(project.output + "/" + path, &info) == 0 && UInt64(info.st_ino) == inodes[path]
            }.count
        }
        /// The files written, as a build's summary says.
        func changed(_ summary: String) throws -> Int {
            let count = summary.range(of: "[0-9]+ of them written", options: .regularExpression).map { summary[$0].prefix { $0.isNumber } }
            return try #require(count.flatMap { Int($0) }, "\(summary)")
        }
        let linked = unchanged(after)
        // Every file not written is the same file as before (the marker is written at each build).
        let reported = try changed(summary)
        #expect(differing > 0 && reported < after.count / 4)
        #expect(after.count - linked <= reported + 1, "\(linked) of \(after.count) files kept; \(summary)")
        #expect(differing <= after.count - linked)
        #expect(project.leftovers.isEmpty)
        project.checkMirror()
        #expect(FileManager.default.fileExists(atPath: project.scratch.path + "/.Public.mirror/site/index.html"))

        // The next build starts from the mirror: what it did not write is still the same file.
        project.use(edited: true, count: 2)
        let next = try PasserelleCommand.run(project.arguments(), in: project.scratch.path).out
        let final = BuiltSite(path: project.output).files
        let kept = unchanged(final)
        #expect(final.count - kept <= (try changed(next)) + reported + 2, "\(kept) of \(final.count) files kept; \(next)")
        #expect(BuiltSite(path: snapshot).files == before)
        project.use(edited: true, count: 2)
        try project.build(output: "reference", cached: false)
        #expect(final == BuiltSite(path: project.scratch.path + "/reference").files)
        project.checkMirror()
        #expect(project.leftovers.isEmpty)

        // A build without the cache still writes only what changed: the record kept with the mirror says what
        // the output holds. Its site is the one a build into a new folder gives, and the mirror stays its copy.
        project.use(edited: true, count: 3)
        let beforeUncached = BuiltSite(path: project.output).files
        let uncached = try PasserelleCommand.run(project.arguments(cached: false), in: project.scratch.path).out
        let afterUncached = BuiltSite(path: project.output).files
        let keptUncached = afterUncached.keys.count { path in
            var mine = stat(), theirs = stat()
            return lstat(project.scratch.path + "/.Public.mirror/site/" + path, &mine) == 0
                && lstat(project.output + "/" + path, &theirs) == 0 && mine.st_ino == theirs.st_ino
        }
        #expect(afterUncached != beforeUncached)
        #expect(try changed(uncached) < afterUncached.count / 4, "\(uncached)")
        #expect(keptUncached == afterUncached.count, "\(keptUncached) of \(afterUncached.count) files linked in the mirror")
        try project.build(output: "reference-uncached", cached: false)
        #expect(afterUncached == BuiltSite(path: project.scratch.path + "/reference-uncached").files)
        project.checkMirror()
        #expect(project.leftovers.isEmpty)

        // A record that does not describe the output (another program or options) is not used: the whole site
        // is written anew, and is the same.
        let record = project.scratch.path + "/.Public.mirror/fingerprints"
        let text = try String(contentsOfFile: record, encoding: .utf8)
        try text.replacingOccurrences(of: "settings\t", with: "settings\t0").write(toFile: record, atomically: true, encoding: .utf8)
        let rewritten = try PasserelleCommand.run(project.arguments(cached: false), in: project.scratch.path).out
        #expect(!rewritten.contains("of them written"), "\(rewritten)")
        #expect(BuiltSite(path: project.output).files == afterUncached)
        project.checkMirror()
        #expect(project.leftovers.isEmpty)
    }

    /// Kills `passerelle build` at many moments of an incremental build: the output is always the previous site or
    /// the new one, byte for byte, and the next build gives exactly the new one.
    @Test func aBuildKilledAtAnyMomentLeavesThePreviousSiteOrTheNewOne() throws {
        let project = Project()
        project.use(edited: true)
        try project.build(output: "reference-edited", cached: false)
        project.use(edited: false)
        try project.build(output: "reference-original", cached: false)
        let sites = [false: BuiltSite(path: project.scratch.path + "/reference-original").files,
                     true: BuiltSite(path: project.scratch.path + "/reference-edited").files]
        #expect(sites[false] != sites[true])
        try project.build()
        #expect(BuiltSite(path: project.output).files == sites[false])
        // How long an uninterrupted incremental build takes here, to spread the kills over it.
        project.use(edited: true)
        let started = Date()
        try project.build()
        let duration = Date().timeIntervalSince(started)
        #expect(BuiltSite(path: project.output).files == sites[true])

        enum Moment { case fraction(Double), afterStaging(milliseconds: Int) }
        var moments: [Moment] = [0.2, 0.5, 0.7, 0.85, 0.95].map { .fraction($0) }
        moments += [0, 0, 1, 3, 8, 20].map { .afterStaging(milliseconds: $0) }
        var random = SeededGenerator(seed: 20261124)
        moments += (0..<3).map { _ in .fraction(Double.random(in: 0.4...1.1, using: &random)) }
        var current = true
        var killedWhileStaging = 0
        for (trial, moment) in moments.enumerated() {
            let target = !current
            project.use(edited: target)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: PasserelleCommand.executable)
            process.arguments = project.arguments()
            process.currentDirectoryURL = URL(fileURLWithPath: project.scratch.path)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            var sawStaging = false
            switch moment {
            case let .fraction(fraction):
                usleep(UInt32(duration * fraction * 1_000_000))
            case let .afterStaging(milliseconds):
                while process.isRunning, !sawStaging {
                    sawStaging = project.isStaging
                    if !sawStaging { usleep(200) }
                }
                usleep(UInt32(milliseconds * 1000))
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if sawStaging, process.terminationReason == .uncaughtSignal { killedWhileStaging += 1 }
            let left = BuiltSite(path: project.output).files
            #expect(left == sites[current] || left == sites[target],
                    "trial \(trial): the output is a mix (\(left.keys.filter { left[$0] != sites[target]?[$0] }.count) files differ from the new site)")
            if left == sites[target] { current = target }
            // Every other time, and at the end: a build that runs to the end gives exactly the new site.
            if trial % 2 == 1 || trial == moments.count - 1 {
                try project.build()
                #expect(BuiltSite(path: project.output).files == sites[target], "trial \(trial): the build after the kill")
                #expect(project.leftovers.isEmpty, "trial \(trial): \(project.leftovers)")
                project.checkMirror()
                current = target
            }
        }
        #expect(killedWhileStaging > 0, "no kill landed while the new site was being written")
    }
}

/// SplitMix64: the same numbers on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
