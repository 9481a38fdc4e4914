import Foundation
import Testing
@testable import PasserelleContent
import PasserelleCore

/// A load that reuses what the last one read (the build cache's parsed sources) gives exactly the content and the
/// messages a load of every file gives, after every kind of edit.
@Suite struct ParsedSourcesTests {
    static let repository: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The sample content and the hostile-input corpus's cases in one scratch folder.
    final class Workspace {
        let folder = TestFolder()
        var content: String { folder.path + "/Content" }
        /// When the stamps are taken: far enough after every write of the test that no stamp is ambiguous, unless a
        /// test says otherwise.
        var taken = Int64(Date().timeIntervalSince1970 + 3600) * 1_000_000_000
        private(set) var kept: ParsedSources?

        init() {
            try? FileManager.default.copyItem(atPath: ParsedSourcesTests.repository + "/Content", toPath: content)
            // Files that fail in every way, beside the sample's.
            let cases = ParsedSourcesTests.repository + "/Tests/Fixtures/hostile/cases"
            for name in (try? FileManager.default.contentsOfDirectory(atPath: cases)) ?? [] {
                for folder in ["talents", "vacancies", "employers", "pages"] {
                    let source = cases + "/" + name + "/content/" + folder
                    for file in (try? FileManager.default.contentsOfDirectory(atPath: source)) ?? [] where !file.hasPrefix(".") {
                        try? FileManager.default.copyItem(atPath: source + "/" + file, toPath: content + "/" + folder + "/hostile-" + name + "-" + file)
                    }
                }
            }
        }

        func stamps() -> SourceStamps {
            var stamps: [String: SourceStamp] = [:]
            for relative in FileManager.default.enumerator(atPath: content)?.allObjects as? [String] ?? [] {
                var info = stat()
                let path = content + "/" + relative
                guard stat(path, &info) == 0 else { continue }
                stamps[path] = SourceStamp(size: Int64(info.st_size), modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                                           inode: UInt64(info.st_ino))
            }
            return SourceStamps(stamps, taken: taken)
        }

        /// Loads reusing the last load's parsed sources (through the bytes of their file), and expects what a load of
        /// every file gives; returns the content.
        @discardableResult
        func reloadMatchesFullLoad(_ step: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Content {
            let key = Fingerprint.of("test")
            let previous = kept.flatMap { ParsedSources(decoding: $0.encoded(key: key), key: key) }
            #expect(kept == nil || previous != nil, "\(step): the file reads back", sourceLocation: sourceLocation)
            let (content, parsed) = ContentLoader().load(from: self.content, reusing: previous, stamps: stamps())
            kept = parsed
            let full = ContentLoader().load(from: self.content)
            expectSame(content, full, step, sourceLocation: sourceLocation)
            return content
        }

        func edit(_ relative: String, _ change: (String) -> String) {
            let path = content + "/" + relative
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            #expect(change(text) != text, "the edit of \(relative) changes nothing")
            FileManager.default.createFile(atPath: path, contents: Data(change(text).utf8))
        }
    }

    static func expectSame(_ content: Content, _ full: Content, _ step: String, sourceLocation: Testing.SourceLocation) {
        #expect(content.talents == full.talents, "\(step): talents", sourceLocation: sourceLocation)
        #expect(content.vacancies == full.vacancies, "\(step): vacancies", sourceLocation: sourceLocation)
        #expect(content.employers == full.employers, "\(step): employers", sourceLocation: sourceLocation)
        #expect(content.pages == full.pages, "\(step): pages", sourceLocation: sourceLocation)
        #expect(content.diagnostics.all == full.diagnostics.all, "\(step): messages", sourceLocation: sourceLocation)
        #expect(content.skipped == full.skipped, "\(step): skipped files", sourceLocation: sourceLocation)
        #expect(content.mediaReferences == full.mediaReferences, "\(step): media named", sourceLocation: sourceLocation)
        #expect(content.media == full.media && content.files == full.files && content.settingsFiles == full.settingsFiles,
                sourceLocation: sourceLocation)
    }

    @Test func everyKindOfEditGivesWhatAFullLoadGives() throws {
        let site = Workspace()
        let first = site.reloadMatchesFullLoad("first load")
        #expect(first.talents.count > 5 && first.diagnostics.errors.count > 5, "the sample and the hostile cases are loaded")
        #expect(site.kept?.count ?? 0 > first.talents.count + first.vacancies.count)
        site.reloadMatchesFullLoad("nothing changed")

        site.edit("talents/anas-berrada.md") { $0 + "\nOne more line.\n" }
        let edited = site.reloadMatchesFullLoad("a talent edited")
        #expect(edited.talents.first { $0.slug == "anas-berrada" }?.body.text.contains("One more line.") == true)
        #expect(edited.talents.first { $0.slug == "anas-berrada" }?.fingerprint != first.talents.first { $0.slug == "anas-berrada" }?.fingerprint)
        #expect(edited.talents.first { $0.slug != "anas-berrada" }?.fingerprint == first.talents.first { $0.slug != "anas-berrada" }?.fingerprint)

        try FileManager.default.removeItem(atPath: site.content + "/talents/zineb-alaoui.md")
        site.reloadMatchesFullLoad("a file deleted")

        site.folder.write("Content/talents/new-talent.md", "---\nname: New Talent\nheadline: Nurse\ncountry: MA\nconsent: true\nsalary: 3\n---\nA nurse.\n")
        let added = site.reloadMatchesFullLoad("a file added with a warning")
        let errors = { (content: Content) in content.diagnostics.errors.filter { $0.file.hasSuffix("new-talent.md") }.count }
        #expect(added.diagnostics.warnings.contains { $0.file.hasSuffix("new-talent.md") })
        site.edit("talents/new-talent.md") { $0.replacingOccurrences(of: "country: MA", with: "country: [MA]") }
        #expect(errors(site.reloadMatchesFullLoad("an error made")) > errors(added))
        site.edit("talents/new-talent.md") { $0.replacingOccurrences(of: "country: [MA]", with: "country: MA") }
        #expect(errors(site.reloadMatchesFullLoad("the error fixed")) == errors(added))

        let translations = try FileManager.default.contentsOfDirectory(atPath: site.content + "/talents").filter { $0.hasSuffix(".fr.md") }
        let translation = try #require(translations.sorted().first)
        site.edit("talents/" + translation) { $0 + "\nUne ligne de plus.\n" }
        site.reloadMatchesFullLoad("a translation edited")

        site.edit("site.yml") { $0 + "\nprivate: [salary]\n" }
        site.reloadMatchesFullLoad("site.yml's private keys edited")
        site.edit("skills.yml") { $0 + "\nNursing care: [Nursing]\n" }
        site.reloadMatchesFullLoad("skills.yml edited")
        // The files name occupations by their labels: a vocabulary edit reads them all again.
        site.edit("occupations.yml") { $0.replacingOccurrences(of: "en: [Nurse, ", with: "en: [Registered nurse (RN), ") }
        site.reloadMatchesFullLoad("occupations.yml edited")
    }

    /// A file modified so near the time it was stamped that its stamp may not show a later change is read again
    /// and compared by its bytes.
    @Test func anAmbiguousStampIsCheckedByTheBytes() throws {
        let site = Workspace()
        site.taken = Int64(Date().timeIntervalSince1970) * 1_000_000_000
        site.reloadMatchesFullLoad("first load")
        let path = site.content + "/talents/anas-berrada.md"
        var before = stat()
        stat(path, &before)
        site.edit("talents/anas-berrada.md") { $0.replacingOccurrences(of: "consent: true", with: "consent: TRUE") }
        // The same size, inode and modification time: only the bytes tell.
        var times = [before.st_atim, before.st_mtim]
        utimensat(AT_FDCWD, path, &times, 0)
        site.reloadMatchesFullLoad("same stamp, other bytes")
    }

    @Test func aDamagedFileOrEntryIsNotUsed() throws {
        let site = Workspace()
        let first = site.reloadMatchesFullLoad("first load")
        let key = Fingerprint.of("test")
        let bytes = try #require(site.kept).encoded(key: key)
        #expect(ParsedSources(decoding: Array(bytes.dropLast(10)), key: key) == nil, "a file cut short")
        #expect(ParsedSources(decoding: bytes, key: Fingerprint.of("another program")) == nil)
        // A byte changed inside an entry (a talent's text): that file is read again, the others are reused.
        let text = Array(try #require(first.talents.first { $0.body.text.utf8.count > 40 }).body.text.utf8.prefix(40))
        let at = try #require((0...(bytes.count - text.count)).first { bytes[$0..<($0 + text.count)].elementsEqual(text) })
        var damaged = bytes
        damaged[at + 20] ^= 0x01
        let previous = try #require(ParsedSources(decoding: damaged, key: key))
        let (content, _) = ContentLoader().load(from: site.content, reusing: previous, stamps: site.stamps())
        ParsedSourcesTests.expectSame(content, ContentLoader().load(from: site.content), "damaged entry", sourceLocation: #_sourceLocation)
    }
}
