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

    /// The best of three times of rendering `text`.
    func time(_ text: String) -> Double {
        (0..<3).map { _ in
            let start = DispatchTime.now().uptimeNanoseconds
            _ = renderer.render(text)
            return Double(DispatchTime.now().uptimeNanoseconds - start)
        }.min() ?? 0
    }

    /// Each pathological pattern at the limits, in `n` and `2n` paragraphs or units: twice the text takes less than
    /// 3.5 times as long (4 times or more when the work grows with the square of the size).
    @Test(arguments: [
        ("links on one line", { (n: Int) in String(repeating: String(repeating: "[a](/talents/) ", count: 999) + "\n\n", count: n) }),
        ("'![[]()' in a paragraph", { (n: Int) in String(repeating: String(repeating: "![[]()\n", count: 499) + "\n", count: n) }),
        ("quotes before emphasis", { (n: Int) in String(repeating: ">", count: 32) + String(repeating: "a*", count: 20_000 * n) }),
        ("list items on one line", { (n: Int) in String(repeating: "* ", count: 32) + String(repeating: "a*", count: 20_000 * n) }),
        ("a wide table", { (n: Int) in "|" + String(repeating: "a|", count: 100) + "\n|" + String(repeating: "-|", count: 100) + "\n" + String(repeating: "x\n", count: 20 * n) }),
        ("declarations before a long text", { (n: Int) in "x" + String(repeating: "<![CDATA[", count: 100) + String(repeating: "a", count: 25_000 * n) }),
        ("brackets before a long text", { (n: Int) in String(repeating: "[", count: 999) + String(repeating: "a ", count: 100_000 * n) }),
    ] as [(String, @Sendable (Int) -> String)])
    func twiceTheTextIsAboutTwiceTheWork(_ name: String, _ text: @Sendable (Int) -> String) {
        let small = text(4), large = text(8)
        #expect(renderer.render(large).errors.isEmpty, "\(name) stays within the limits")
        _ = time(small)
        let ratio = time(large) / time(small)
        #expect(ratio < 3.5, "\(name): \(ratio)")
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
