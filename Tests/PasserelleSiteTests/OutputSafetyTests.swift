import Foundation
import Testing
@testable import PasserelleSite
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// What the output holds and where it may be: plain files only (a linked media file is published as the bytes it
/// points at), the output folder's permissions kept, and never an output inside the sources.
@Suite struct OutputSafetyTests {
    typealias Project = OutputSwapTests.Project

    /// Every path under `root`, relative, with its lstat.
    func tree(_ root: String) -> [(path: String, info: stat)] {
        var found: [(String, stat)] = []
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        while let path = enumerator.nextObject() as? String {
            var info = stat()
            if lstat(root + "/" + path, &info) == 0 { found.append((path, info)) }
        }
        return found
    }

    @Test func linkedMediaIsPublishedAsTheBytesItPointsAtNeverAsALink() throws {
        let project = Project()
        let media = project.scratch.path + "/Content/media"
        let pdf = "%PDF-1.4\n% the linked document\n%%EOF\n"
        let video = [0, 0, 0, 24] + Array("ftypisom\0\0\u{2}\0isomiso2".utf8) + Array(repeating: 7, count: 64)
        project.scratch.write("Content/media/b.pdf", pdf)
        project.scratch.write("Content/media/clip.mp4", bytes: video)
        try FileManager.default.createDirectory(atPath: media + "/docs", withIntermediateDirectories: true)
        let links = [
            "a.pdf": "b.pdf", "abs.pdf": media + "/b.pdf", "docs/rel.pdf": "../b.pdf",
            "moving.mp4": "clip.mp4", "docs/abs.mp4": media + "/clip.mp4",
        ]
        for (name, target) in links { try FileManager.default.createSymbolicLink(atPath: media + "/" + name, withDestinationPath: target) }
        for cached in [false, true, true] {
            try project.build(cached: cached)
            let files = tree(project.output)
            let published = files.filter { entry in links.keys.contains { entry.path.hasSuffix("media/" + $0) } }
            for name in links.keys {
                #expect(published.contains { $0.path.hasSuffix("media/" + name) }, "media/\(name) is published")
            }
            for entry in files {
                #expect((entry.info.st_mode & S_IFMT) != S_IFLNK, "\(entry.path) is a link")
            }
            for entry in published {
                #expect((entry.info.st_mode & S_IFMT) == S_IFREG, "\(entry.path)")
                let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: project.output + "/" + entry.path)))
                #expect(bytes == (entry.path.hasSuffix(".pdf") ? Array(pdf.utf8) : video), "\(entry.path)")
            }
            let scratchPath = Data(project.scratch.path.utf8)
            let leaking = files.filter { entry in
                (entry.info.st_mode & S_IFMT) == S_IFREG
                    && (try? Data(contentsOf: URL(fileURLWithPath: project.output + "/" + entry.path)))?.range(of: scratchPath) != nil
            }
            #expect(leaking.isEmpty, "\(leaking.prefix(3).map(\.path))")
            // The linked files themselves are left as they are.
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: media + "/abs.pdf") == media + "/b.pdf")
        }
    }

    @Test(arguments: [0o700, 0o750] as [mode_t])
    func theOutputFolderKeepsItsPermissions(mode: mode_t) throws {
        let project = Project()
        let output = project.scratch.path + "/H"
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: false)
        project.scratch.write("H/.keep", "mine\n")
        chmod(output, mode)
        func check(_ when: String) {
            var info = stat()
            #expect(lstat(output, &info) == 0 && info.st_mode & 0o7777 == mode, "\(when): \(String(info.st_mode & 0o7777, radix: 8))")
            // The folders a build works in beside the output are never more open than the output.
            for folder in [".H.mirror", ".H.mirror/site"] where lstat(project.scratch.path + "/" + folder, &info) == 0 {
                #expect(info.st_mode & 0o077 & ~mode == 0, "\(when): \(folder) is \(String(info.st_mode & 0o7777, radix: 8))")
            }
            #expect(FileManager.default.fileExists(atPath: output + "/.keep"))
        }
        try project.build(output: "H", cached: false)
        check("a full build")
        try project.build(output: "H")
        check("a full build with the cache")
        project.use(edited: true, count: 1)
        let run = try PasserelleCommand.run(project.arguments(output: "H"), in: project.scratch.path)
        #expect(run.status == 0, "\(run.err)")
        let written = run.out.range(of: "[0-9]+ of them written", options: .regularExpression).flatMap { Int(run.out[$0].prefix { $0.isNumber }) }
        #expect((written ?? .max) < 500, "the build was incremental: \(run.out)")
        #expect(FileManager.default.fileExists(atPath: project.scratch.path + "/.H.mirror/site"))
        check("an incremental build")
        project.use(edited: false, count: 1)
        try project.build(output: "H")
        check("a second incremental build")
    }

    @Test func anOutputInsideTheContentOrThemesFolderIsRefusedAndNothingIsWritten() throws {
        let project = Project()
        let root = project.scratch.path
        try FileManager.default.createSymbolicLink(atPath: root + "/linked", withDestinationPath: "Content/media")
        let before = tree(root + "/Content").map(\.path).sorted() + tree(root + "/Themes").map(\.path).sorted()
        let cases: [(output: String, source: String)] = [
            ("Content/out", "Content"), ("Content/media/out", "Content"), ("./Content/../Content/out", "Content"),
            ("Content/out/", "Content"), ("linked/out", "Content"), (root + "/Content/pages/out", "Content"),
            ("Themes/out", "Themes"), ("Themes/default/new/out", "Themes"),
        ]
        for (output, source) in cases {
            for cached in [true, false] {
                let run = try PasserelleCommand.run(project.arguments(output: output, cached: cached), in: root)
                #expect(run.status == 1, "\(output): \(run.err)")
                #expect(run.err.contains("\(output):1:1: error: refusing to write the site into \(source): \(output) is inside it (nothing was written) (an output folder outside the content and themes folders, e.g. Public)"), "\(run.err)")
            }
        }
        #expect(tree(root + "/Content").map(\.path).sorted() + tree(root + "/Themes").map(\.path).sorted() == before, "nothing was written into the sources")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == ["Content", "Themes", "linked"])
        // Beside the sources, the same names build.
        try project.build(output: "./Content/../Public/")
        #expect(FileManager.default.fileExists(atPath: project.output + "/" + OutputWriter.marker))
    }
}
