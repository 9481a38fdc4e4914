import Foundation
import Testing
@testable import PasserelleMarkdown

/// Texts that would make cmark-gfm work in proportion to the square of their size are refused before parsing,
/// with the place of what goes beyond the limit; within the limits, work grows in proportion to the text.
@Suite struct MarkdownLimitsTests {
    let renderer = MarkdownRenderer(basePath: "/")

    func errors(_ text: String) -> [String] {
        renderer.render(text).errors.map { "\($0.line):\($0.column) \($0.message)" }
    }

    @Test func aTableOfTooManyColumnsIsRefusedAtItsDelimiterRow() {
        let header = "|" + String(repeating: "a|", count: 101)
        let delimiter = "|" + String(repeating: "-|", count: 101)
        #expect(errors("Intro\n\n\(header)\n\(delimiter)\n") == ["4:1 a table of 101 columns (at most 100)"])
        let fits = "|" + String(repeating: "a|", count: 100) + "\n" + " |" + String(repeating: ":-:|", count: 100) + "\n"
        #expect(errors(fits) == [])
        #expect(renderer.render(fits).html.components(separatedBy: "</th>").count == 101)
    }

    @Test func theCellsOfAllTablesAreCountedWithTheRowsTheyFill() {
        let table = "|" + String(repeating: "a|", count: 100) + "\n|" + String(repeating: "-|", count: 100) + "\n" + String(repeating: "x\n", count: 99) + "\n"
        // 100 columns × 100 rows (the header and 99 rows of one cell each, filled to 100) twice: 20,000 cells.
        #expect(errors(table + table) == [])
        #expect(errors(table + table + "Text\n\n" + table) == [
            "\(2 * 102 + 4):1 with this table of 100 columns and 100 rows, the text's tables make 30000 cells (at most 20000; every row is filled to its table's columns)",
        ])
    }

    @Test func blockQuotesAndListItemsOpenedOnOneLineAreLimited() {
        #expect(errors(String(repeating: ">", count: 20_000) + String(repeating: "a*", count: 20_000))
            == ["1:33 more than 32 block quotes and list items opened on one line (at most 32)"])
        #expect(errors("x\n" + String(repeating: "> - ", count: 17) + "a") == ["2:65 more than 32 block quotes and list items opened on one line (at most 32)"])
        #expect(errors(String(repeating: "> ", count: 32) + "a") == [])
        // A spaced thematic break and code are not nesting.
        #expect(errors(String(repeating: "- ", count: 40) + "\n\n```\n" + String(repeating: ">", count: 40) + "\n```\n") == [])
    }

    @Test func linksInOneParagraphAreLimited() {
        let links = String(repeating: "[a](/talents/) ", count: 1_000)
        #expect(errors(links) == [])
        #expect(errors("é " + links + "[b](/x/)") == ["1:15003 more than 1000 links, images or '[' in one paragraph (at most 1000; a blank line starts a new paragraph)"])
        #expect(errors(String(repeating: "![[]()\n", count: 500) + "\n" + String(repeating: "![[]()\n", count: 500)) == [], "two '[' each")
        #expect(errors(String(repeating: "![[]()\n", count: 1_200)) == ["501:2 more than 1000 links, images or '[' in one paragraph (at most 1000; a blank line starts a new paragraph)"])
        #expect(errors("`" + String(repeating: "[", count: 2_000) + "`") == [], "code spans hold no links")
    }

    @Test func rawHTMLDeclarationsInOneParagraphAreLimited() {
        #expect(errors("x" + String(repeating: "<?", count: 100)) == [])
        #expect(errors("x" + String(repeating: "<![CDATA[", count: 101)) == ["1:902 more than 100 '<?' or '<!' in one paragraph (at most 100; raw HTML is never published)"])
    }

    @Test func anAddressWithASpaceIsALocatedWarning() {
        let rendered = renderer.render("Intro\n\n![Team day](media/team day.jpg) and [é](a b)\nFine: [t](/x/ \"T\"), ![p](<media/p q.png>), `[c](a b)`, \\[e](a b)")
        #expect(rendered.notes.map { "\($0.line):\($0.column) \($0.message)" } == [
            "3:13 image address 'media/team day.jpg' has a space, so the image is shown as text",
            "3:41 link address 'a b' has a space, so the link is shown as text",
        ])
        #expect(rendered.notes.first?.expected == "<media/team day.jpg>, or each space written %20")
        #expect(rendered.html.contains("![Team day](media/team day.jpg)"), "cmark-gfm shows it as text")
        #expect(rendered.html.contains("<img src=\"/media/p%20q.png\""))
    }

    // MARK: - Work in proportion to the text

    /// The processor time this thread spends rendering `text` (other tests running at the same time do not count).
    func time(_ text: String) -> Double {
        var start = timespec(), end = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
        _ = renderer.render(text)
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
        return Double(end.tv_sec - start.tv_sec) * 1e9 + Double(end.tv_nsec - start.tv_nsec)
    }

    /// Each pathological pattern within the limits, `n` then `4n` times (paragraphs, marks, columns): four times the
    /// text takes less than 8 times as long, where work growing with the square of the size would take 16 times.
    /// Best of five, measured in turns.
    @Test(arguments: [
        ("links on one line", { @Sendable (n: Int) in String(repeating: String(repeating: "[a](/talents/) ", count: 999) + "\n\n", count: 2 * n) }),
        ("'![[]()' in a paragraph", { @Sendable (n: Int) in String(repeating: String(repeating: "![[]()\n", count: 499) + "\n", count: 4 * n) }),
        ("quotes before emphasis", { @Sendable (n: Int) in String(repeating: ">", count: 32) + String(repeating: "a*", count: 20_000 * n) }),
        ("list items on one line", { @Sendable (n: Int) in String(repeating: "* ", count: 32) + String(repeating: "a*", count: 20_000 * n) }),
        ("a wide table", { @Sendable (n: Int) in "|" + String(repeating: "a|", count: 25 * n) + "\n|" + String(repeating: "-|", count: 25 * n) + "\n" + String(repeating: "x\n", count: 190) }),
        ("declarations before a long text", { @Sendable (n: Int) in "x" + String(repeating: "<![CDATA[", count: 100) + String(repeating: "a", count: 25_000 * n) }),
        ("brackets before a long text", { @Sendable (n: Int) in String(repeating: "[", count: 999) + String(repeating: "a ", count: 50_000 * n) }),
    ] as [(String, @Sendable (Int) -> String)])
    func fourTimesTheTextIsAboutFourTimesTheWork(_ name: String, _ text: @Sendable (Int) -> String) {
        let small = text(1), large = text(4)
        #expect(renderer.render(large).errors.isEmpty, "\(name) stays within the limits")
        var best = (small: Double.infinity, large: Double.infinity)
        for _ in 0..<5 {
            best.small = min(best.small, time(small))
            best.large = min(best.large, time(large))
        }
        #expect(best.large < 8 * best.small, "\(name): \(best.small) ns then \(best.large) ns")
    }

    @Test func placesOfManyLinksOnOneLineAreFoundWithWorkInProportionToTheLine() {
        func steps(_ links: Int) -> Int {
            let text = "Intro\n" + String(repeating: "[é](javascript:x) <javascript:y> ", count: links)
            let rendered = renderer.render(text)
            #expect(rendered.notes.count == 2 * links)
            return rendered.steps
        }
        let small = steps(200), large = steps(400)
        #expect(Double(large) < 2.2 * Double(small), "\(small) then \(large)")
    }
}
