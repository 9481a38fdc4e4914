import Foundation
import PasserelleContent
import PasserelleCore
import Testing

/// The inputs kept from the fuzz targets in Fuzz/ (Tests/Fixtures/fuzz/*.input), replayed as the targets read them
/// (FuzzSite.swift is the targets' own code): the first byte picks the kind of content file, the rest is the file.
/// Each must load with every file loaded, skipped or reported at a place inside it, and read on its own through
/// the front-matter splitter, the YAML reader and the JSON reader with every place inside the text.
@Suite struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/fuzz")

    static let names: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .filter { $0.hasSuffix(".input") }.sorted()

    static func input(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    /// `file:line:column: severity: message` lines of the input's own file, with the folder removed.
    static func messages(_ name: String) throws -> [String] {
        let (content, path, _) = FuzzSite.load(try input(name))
        return content.diagnostics.sorted.filter { $0.file == path }
            .map { $0.description.replacingOccurrences(of: FuzzSite.root + "/", with: "") }
    }

    @Test func theInputsAreThere() {
        #expect(Self.names.count >= 4)
    }

    @Test func theBaseSiteLoadsWithoutAMessage() {
        let (content, path, _) = FuzzSite.load([])
        #expect(path == nil)
        #expect(content.diagnostics.all.map(\.description) == [])
        #expect(content.site != nil)
        let counts: [Int] = [content.talents.count, content.vacancies.count, content.employers.count, content.pages.count]
        #expect(counts == [1, 1, 1, 1])
    }

    @Test func everyKindOfFileIsPlaced() {
        let expected = ["talents/fuzz.md", "talents/fuzz.json", "vacancies/fuzz.json", "vacancies/fuzz.md", "employers/fuzz.md",
                        "pages/fuzz.md", "talents/amal.fr.md", "site.yml"]
        #expect(FuzzSite.Kind.allCases.map { FuzzSite.place([FuzzSite.firstByte($0)])?.path } == expected)
        #expect((0..<4).map { FuzzSite.place([FuzzSite.firstByte(.translation, variant: $0)])?.path }
            == ["talents/amal.fr.md", "vacancies/nurse.fr.md", "employers/zorg.fr.md", "pages/about.fr.md"])
        #expect(FuzzSite.place([FuzzSite.firstByte(.yaml, variant: 1)])?.path == "skills.yml")
    }

    @Test(arguments: FuzzRegressionTests.names)
    func loadsWithLocatedMessages(_ name: String) throws {
        let input = try Self.input(name)
        let (content, path, bytes) = FuzzSite.load(input)
        #expect(FuzzSite.problems(content: content, path: path, bytes: bytes) == [])
        #expect(FuzzReaders.problems(Array(input.dropFirst())) == [])
    }

    // What each input found, at the place it is now reported.

    /// A flow list left open on the last line, without a final line break: libyaml puts the end on line 2.
    @Test func aYAMLErrorAtTheEndOfTheTextStaysOnItsLastLine() throws {
        #expect(try Self.messages("site-yaml-error-at-end-of-text.input")
            == ["site.yml:1:4: error: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 1)"])
    }

    /// A control character after a line of Arabic: the place was counted in bytes from a count of characters.
    /// (Control characters are now refused before YAML reads the text, at the same place.)
    @Test func aControlCharacterIsPlacedInCharacters() throws {
        #expect(try Self.messages("site-yaml-control-character-after-arabic.input")
            == ["site.yml:7:20: error: the control character U+0001 is not allowed in text (text without control characters; tabs and line breaks are allowed)"])
    }

    /// `??`: a key and value of nothing at the end of skills.yml, placed by libyaml on the line after the text.
    @Test func aYAMLValueAtTheEndOfTheTextStaysOnItsLastLine() throws {
        let messages = try Self.messages("skills-yaml-value-at-end-of-text.input")
        #expect(messages.count == 1)
        #expect(messages.allSatisfy { $0.hasPrefix("skills.yml:1:2: error: the aliases of '' are nothing (null)") })
    }

    /// A backslash before a line break in a JSON string: the place was counted past the line's end.
    @Test func anEscapedLineBreakIsReportedAtItsBackslash() throws {
        let text = String(decoding: try Self.input("json-escaped-line-break.input").dropFirst(), as: UTF8.self)
        #expect(throws: Never.self) { try JSONReader.read("[\"a\\n\"]") }
        do {
            _ = try JSONReader.read(text)
            Issue.record("the document was read")
        } catch {
            #expect(error.location == PasserelleCore.SourceLocation(line: 1, column: 3))
            #expect(error.message == "invalid escape in a string")
        }
    }

    /// A `\r` before a combining mark (U+06E3) outlived the string search that turned line ends into `\n`.
    @Test func everyCarriageReturnEndsALine() throws {
        let input = try Self.input("carriage-return-before-combining-mark.input")
        let text = try SourceText.decode(Array(input.dropFirst()))
        #expect(!text.unicodeScalars.contains("\r"))
        #expect(text.unicodeScalars.filter { $0 == "\n" }.count == input.filter { $0 == 0x0D }.count)
        #expect(try SourceText.decode(Array("a\r\u{6E3}b\r\n\u{301}c\n".utf8)) == "a\n\u{6E3}b\n\u{301}c\n")
        // A binary file's place counts `\r` and `\r\n` line ends as the text does.
        do {
            _ = try SourceText.decode([0x61, 0x0D, 0x62, 0x0D, 0x0A, 0x63, 0x00])
            Issue.record("the binary file was read")
        } catch {
            #expect(error.location == SourceLocation(line: 3, column: 2))
        }
    }

    /// Columns are counted on from the last place rather than from the line's start (which made minified JSON
    /// quadratic; speed is never asserted by a timed test): the places at the end of a long line are right.
    @Test func aLongJSONLineKeepsItsPlaces() throws {
        let text = "{\"skills\": [" + Array(repeating: "\"a\\n\u{e9}\"", count: 200_000).joined(separator: ",") + "], \"x\": \\}"
        do {
            _ = try JSONReader.read(text)
            Issue.record("the document was read")
        } catch {
            #expect(error.location == PasserelleCore.SourceLocation(line: 1, column: text.unicodeScalars.count - 1))
        }
        let list = try JSONReader.read("[" + Array(repeating: "1", count: 200_000).joined(separator: ",") + "]")
        #expect(list.items?.last?.location == PasserelleCore.SourceLocation(line: 1, column: 2 + 2 * 199_999))
    }
}
