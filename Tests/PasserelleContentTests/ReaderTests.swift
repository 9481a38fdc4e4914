import Testing
@testable import PasserelleContent
import PasserelleCore

@Suite struct JSONReaderTests {
    @Test func readsNestedValuesWithTheirLocations() throws {
        let node = try JSONReader.read("{\n  \"name\": \"Amal\",\n  \"skills\": [\"Java\", {\"name\": \"SQL\"}],\n  \"years\": 2.5, \"ok\": true, \"none\": null\n}")
        #expect(node["name"]?.scalarText == "Amal")
        #expect(node["name"]?.location == SourceLocation(line: 2, column: 11))
        #expect(node["skills"]?.items?.count == 2)
        #expect(node["skills"]?.items?[1]["name"]?.location == SourceLocation(line: 3, column: 31))
        if case let .number(value, _) = node["years"]?.value { #expect(value == 2.5) } else { Issue.record("years is not a number") }
        if case .bool(true) = node["ok"]?.value {} else { Issue.record("ok is not true") }
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let node = try JSONReader.read(#"{"a": "caf\u00e9 \ud83d\ude00 \"q\" \\ \/"}"#)
        #expect(node["a"]?.scalarText == "café 😀 \"q\" \\ /")
    }

    @Test(arguments: [
        ("{\n  \"a\": 1\n  \"b\": 2\n}", 3, 3, "unexpected '\"' in an object"),
        ("{\"a\": [1, 2,]}", 1, 13, "unexpected ']'"),
        ("{\"a\": \"open", 1, 7, "this string is not closed"),
        ("{\"a\": 01}", 1, 7, "invalid number"),
        ("{\"a\": 1, \"a\": 2}", 1, 10, "key \"a\" appears twice"),
        ("{\"a\": tru}", 1, 7, "unexpected"),
        ("{\"é\": \"x\", \"b\" 2}", 1, 16, "after a key"),
    ])
    func reportsWhereTheSyntaxBreaks(text: String, line: Int, column: Int, message: String) {
        do {
            _ = try JSONReader.read(text)
            Issue.record("no error for \(text)")
        } catch {
            #expect(error.location == SourceLocation(line: line, column: column), "\(error.message)")
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test func refusesDeepNesting() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: SyntaxError.self) { try JSONReader.read(deep) }
    }
}

@Suite struct YAMLReaderTests {
    @Test func keepsLocationsShiftedByTheFrontMatterFence() throws {
        let node = try YAMLReader.read("name: Amal\nskills:\n  - Java\n", lineOffset: 1)
        #expect(node["name"]?.location == SourceLocation(line: 2, column: 7))
        #expect(node["skills"]?.items?.first?.location == SourceLocation(line: 4, column: 5))
    }

    @Test func keepsCountryCodesAndQuotedTextAsText() throws {
        let node = try YAMLReader.read("country: NO\nflag: true\nzip: \"1000\"\nyears: 3\n")
        #expect(node["country"]?.scalarText == "NO")
        if case .bool(true) = node["flag"]?.value {} else { Issue.record("flag should be a boolean") }
        if case .scalar("1000", plain: false) = node["zip"]?.value {} else { Issue.record("zip should stay text") }
        if case .number(3, _) = node["years"]?.value {} else { Issue.record("years should be a number") }
    }

    @Test func reportsSyntaxErrorsWithLineAndColumn() {
        do {
            _ = try YAMLReader.read("name: Amal\nskills: [Java\nheadline: x\n", lineOffset: 1)
            Issue.record("no error")
        } catch {
            #expect(error.location.line >= 3)
            #expect(error.message.contains("invalid YAML"))
        }
    }

    @Test func refusesAliasBombs() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...8 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            yaml += "a\(level): &a\(level) [\(refs)]\n"
        }
        #expect(throws: SyntaxError.self) { try YAMLReader.read(yaml) }
    }

    @Test func refusesDuplicateKeys() {
        #expect(throws: SyntaxError.self) { try YAMLReader.read("name: a\nname: b\n") }
    }
}

@Suite struct SourceTextTests {
    @Test func dropsTheByteOrderMarkAndWindowsLineEnds() throws {
        let text = try SourceText.decode([0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: x\r\n---\r\nbody\r\n".utf8))
        #expect(text == "---\ntitle: x\n---\nbody\n")
    }

    @Test func locatesInvalidUTF8() {
        do {
            _ = try SourceText.decode(Array("ok\nab".utf8) + [0xFF] + Array("c".utf8))
            Issue.record("no error")
        } catch {
            #expect(error.location == SourceLocation(line: 2, column: 3))
            #expect(error.message.contains("UTF-8"))
        }
    }

    @Test func refusesBinaryFiles() {
        #expect(throws: SyntaxError.self) { try SourceText.decode([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01]) }
    }

    @Test func splitsFrontMatterAndKnowsWhereTheBodyStarts() throws {
        let document = try FrontMatterDocument.split("---\ntitle: x\nmenu: true\n---\nHello\n")
        #expect(document.yaml == "title: x\nmenu: true")
        #expect(document.body == "Hello\n")
        #expect(document.bodyLine == 5)
    }

    @Test func reportsAnUnclosedFrontMatter() {
        #expect(throws: SyntaxError.self) { try FrontMatterDocument.split("---\ntitle: x\nno end\n") }
    }
}

@Suite struct CodeTests {
    @Test func readsFluencyWordsAsLevels() {
        #expect(CEFRLevel(fluency: "Native speaker") == .native)
        #expect(CEFRLevel(fluency: "Fluent") == .c1)
        #expect(CEFRLevel(fluency: "Professional working proficiency") == .b2)
        #expect(CEFRLevel(fluency: "elementary") == .a2)
        #expect(CEFRLevel(fluency: "b1") == .b1)
        #expect(CEFRLevel(fluency: "Kind of") == nil)
    }

    @Test func ordersLevelsWithNativeAboveC2() {
        #expect(CEFRLevel.a1 < .a2 && CEFRLevel.b2 < .c1 && CEFRLevel.c2 < .native)
    }

    @Test func validatesCalendarDays() {
        #expect(Day("2024-02-29") != nil)
        #expect(Day("2025-02-29") == nil)
        #expect(Day("2025-13-01") == nil)
        #expect(Day("2025-1-01") == nil)
        #expect(Day("2025-06-30")?.description == "2025-06-30")
    }

    @Test func recognisesVideoAddresses() {
        #expect(VideoLink(url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ") == .youtube(id: "dQw4w9WgXcQ"))
        #expect(VideoLink(url: "https://youtu.be/dQw4w9WgXcQ") == .youtube(id: "dQw4w9WgXcQ"))
        #expect(VideoLink(url: "https://vimeo.com/123456") == .vimeo(id: "123456"))
        #expect(VideoLink(url: "http://www.youtube.com/watch?v=dQw4w9WgXcQ") == nil)
        #expect(VideoLink(url: "https://evil.example/watch?v=dQw4w9WgXcQ") == nil)
        #expect(VideoLink(url: "https://www.youtube.com/watch?v=x\"onload=") == nil)
    }

    @Test func keepsMediaPathsInsideMedia() {
        #expect(MediaPath.normalise("media/talents/a.jpg") == "media/talents/a.jpg")
        #expect(MediaPath.normalise("/media/a.jpg") == "media/a.jpg")
        #expect(MediaPath.normalise("media/../site.yml") == nil)
        #expect(MediaPath.normalise("/etc/passwd") == nil)
        #expect(MediaPath.normalise("media/.hidden") == nil)
        #expect(MediaPath.normalise("https://example.org/a.jpg") == nil)
    }
}

/// Control characters other than tab and line breaks: an error at the character, whether it is in the file or
/// made by an escape; tabs, line ends (CRLF too) and a byte-order mark stay text.
@Suite struct ControlCharacterTests {
    func error(_ read: () throws(SyntaxError) -> Void) -> SyntaxError? {
        do { try read(); return nil } catch { return error }
    }

    @Test(arguments: [
        (#"{"name": "Amal\u0000 Haddad"}"#, 1, 15, "U+0000"),
        ("{\n  \"a\": \"x\\by\"}", 2, 10, "U+0008"),
        (#"{"a": "\f"}"#, 1, 8, "U+000C"),
        (#"{"a": "ok", "b": "é\u001b[31m"}"#, 1, 20, "U+001B"),
        (#"{"a": "\u007F"}"#, 1, 8, "U+007F"),
        (#"{"a": "\u0085"}"#, 1, 8, "U+0085"),
    ])
    func aJSONEscapeIsLocatedAtItsBackslash(text: String, line: Int, column: Int, code: String) throws {
        let found = try #require(error { () throws(SyntaxError) in _ = try JSONReader.read(text) })
        #expect(found.location == SourceLocation(line: line, column: column))
        #expect(found.message == "the control character \(code) is not allowed in text")
    }

    @Test func jsonTabsAndLineBreaksAreText() throws {
        let node = try JSONReader.read(#"{"a": "one\ttwo\r\nthree\nfour"}"#)
        #expect(node["a"]?.scalarText == "one\ttwo\r\nthree\nfour")
    }

    @Test(arguments: [
        ("name: \"Amal\\0 Haddad\"", 1, 12, "U+0000"),
        ("a: 1\ncity: \"Rabat é \\e[31m\"", 2, 16, "U+001B"),
        ("\"Java\\x07\": [J]", 1, 6, "U+0007"),
        ("list:\n  - !!str \"a\\u0001\"", 2, 13, "U+0001"),
        ("text: \"first \\\n  \\a\"", 2, 3, "U+0007"),
        ("a: \"\\\\0 is text, \\U0000009F is not\"", 1, 18, "U+009F"),
    ])
    func aYAMLEscapeIsLocatedAtItsBackslash(text: String, line: Int, column: Int, code: String) throws {
        let found = try #require(error { () throws(SyntaxError) in _ = try YAMLReader.read(text) })
        #expect(found.location == SourceLocation(line: line, column: column), "\(found.message)")
        #expect(found.message == "the control character \(code) is not allowed in text")
    }

    @Test func yamlTabsAndLineBreaksAreText() throws {
        let node = try YAMLReader.read("a: \"one\\ttwo\\r\\nthree\"\nb: \"x\ty\"")
        #expect(node["a"]?.scalarText == "one\ttwo\r\nthree")
        #expect(node["b"]?.scalarText == "x\ty")
    }

    @Test(arguments: [
        (Array("---\ntitle: a".utf8) + [0x07] + Array("b\n---\n".utf8), 2, 9, "U+0007"),
        (Array("body\nline \u{00E9}".utf8) + [0x1B] + Array("[0m".utf8), 2, 7, "U+001B"),
        (Array("x".utf8) + [0x7F], 1, 2, "U+007F"),
        (Array("\u{0627}\u{0644}".utf8) + [0xC2, 0x85], 1, 3, "U+0085"),
        ([0xEF, 0xBB, 0xBF] + Array("a\r\nb".utf8) + [0x0C], 2, 2, "U+000C"),
    ])
    func aControlCharacterInTheFileIsLocatedInCharacters(bytes: [UInt8], line: Int, column: Int, code: String) throws {
        let found = try #require(error { () throws(SyntaxError) in _ = try SourceText.decode(bytes) })
        #expect(found.location == SourceLocation(line: line, column: column))
        #expect(found.message == "the control character \(code) is not allowed in text")
    }

    @Test func tabsLineEndsAndAByteOrderMarkStayAccepted() throws {
        let text = try SourceText.decode([0xEF, 0xBB, 0xBF] + Array("a\tb\r\nc\rd\n\u{00A0}\u{2028}é".utf8))
        #expect(text == "a\tb\nc\nd\n\u{00A0}\u{2028}é")
    }
}
