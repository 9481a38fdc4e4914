import Foundation
import Testing
@testable import PasserelleMarkdown

@Suite struct MarkdownRendererTests {
    let renderer = MarkdownRenderer(basePath: "/")

    @Test func rendersGitHubFlavouredExtensions() {
        let html = renderer.render("""
        | Figure | Value |
        |---|---:|
        | Talents | 120 |

        ~~old~~ new, see www.example.org

        - [x] done
        - [ ] to do
        """).html
        #expect(html.contains("<table>"))
        #expect(html.contains("<td align=\"right\">120</td>"))
        #expect(html.contains("<del>old</del>"))
        #expect(html.contains("<a rel=\"noopener noreferrer\" href=\"http://www.example.org\">www.example.org</a>"))
        #expect(html.contains("type=\"checkbox\" checked=\"\" disabled=\"\""))
    }

    @Test func neverPassesRawHTMLThrough() {
        let html = renderer.render("""
        Hello <script>alert(1)</script> <img src=x onerror=alert(2)>

        <iframe src="https://evil.example"></iframe>

        <div onclick="x()">block</div>
        """).html
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<iframe"))
        #expect(!html.contains("<div"))
        #expect(!html.contains("onerror"))
        #expect(html.contains("raw HTML omitted"))
    }

    @Test(arguments: [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](javascript&#58;alert(1))",
        "[x](&#x6A;avascript:alert(1))",
        "[x](vbscript:msgbox)",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](//evil.example/path)",
        "<javascript:alert(1)>",
        "![x](data:image/png;base64,iVBORw0KGgo=)",
        "![x](https://tracker.example/pixel.png)",
    ])
    func removesDangerousAndThirdPartyAddresses(markdown: String) {
        let rendered = renderer.render(markdown)
        let attributes = attributeValues(rendered.html).joined(separator: " ").lowercased()
        for word in ["javascript", "data:", "vbscript", "evil.example", "tracker.example"] {
            #expect(!attributes.contains(word), "\(rendered.html)")
        }
        #expect(rendered.notes.count == 1)
        #expect(rendered.notes.first?.line == 1)
    }

    /// The values of every href and src attribute.
    func attributeValues(_ html: String) -> [String] {
        var values: [String] = []
        var rest = Substring(html)
        while let range = rest.range(of: "(href|src)=\"[^\"]*\"", options: .regularExpression) {
            values.append(String(rest[range]))
            rest = rest[range.upperBound...]
        }
        return values
    }

    @Test func keepsSafeLinksAndMarksExternalOnes() {
        let html = renderer.render("[a](https://enabel.be) [b](mailto:info@example.org) [c](#top) [d](../x)").html
        #expect(html.contains("<a rel=\"noopener noreferrer\" href=\"https://enabel.be\">a</a>"))
        #expect(html.contains("<a href=\"mailto:info@example.org\">b</a>"))
        #expect(html.contains("<a href=\"#top\">c</a>"))
        #expect(html.contains("<a href=\"../x\">d</a>"))
    }

    @Test func putsSiteLinksUnderTheBasePath() {
        let html = MarkdownRenderer(basePath: "/programme/").render("[t](/talents/) ![p](media/a.png) [m](/media/cv.pdf)").html
        #expect(html.contains("href=\"/programme/talents/\""))
        #expect(html.contains("src=\"/programme/media/a.png\""))
        #expect(html.contains("href=\"/programme/media/cv.pdf\""))
    }

    @Test func startsBodyHeadingsAtLevelTwo() {
        let html = renderer.render("# Experience\n\n## Job\n\ntext").html
        #expect(html.contains("<h2>Experience</h2>"))
        #expect(html.contains("<h3>Job</h3>"))
        #expect(!html.contains("<h1>"))
    }

    @Test func locatesRemovedAddressesInTheText() {
        let notes = renderer.render("Intro\n\nSee [here](javascript:x) now").notes
        #expect(notes == [MarkdownNote(line: 3, column: 5, message: "link address 'javascript:x' removed: 'javascript:' addresses are not allowed")])
    }
}
