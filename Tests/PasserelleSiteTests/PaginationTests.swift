import Foundation
import Testing
import PasserelleContent
@testable import PasserelleSite

/// Listings in pages of `page_size` cards: every card on exactly one page, in every language and market, linked
/// by a page list and `rel=prev/next`; and the sitemap that lists them, split past 50,000 addresses.
@Suite struct PaginationTests {
    @Test func thePageListShowsTheEndsTheCurrentPageAndGaps() {
        #expect(Pagination.pageList(current: 1, count: 1) == [1])
        #expect(Pagination.pageList(current: 3, count: 7) == [1, 2, 3, 4, 5, 6, 7])
        #expect(Pagination.pageList(current: 1, count: 417) == [1, 2, 3, 4, 5, nil, 417])
        #expect(Pagination.pageList(current: 5, count: 417) == [1, nil, 4, 5, 6, nil, 417])
        // A gap never stands for one page: page 2 is shown rather than an ellipsis.
        #expect(Pagination.pageList(current: 4, count: 417) == [1, 2, 3, 4, 5, nil, 417])
        #expect(Pagination.pageList(current: 417, count: 417) == [1, nil, 413, 414, 415, 416, 417])
        #expect(Pagination.pageCount(items: 0, pageSize: 24) == 1)
        #expect(Pagination.pageCount(items: 24, pageSize: 24) == 1)
        #expect(Pagination.pageCount(items: 25, pageSize: 24) == 2)
    }

    /// The sample with markets, every listing in pages of `size` cards.
    static func build(pageSize size: Int, in scratch: Scratch) -> BuiltSite {
        let content = scratch.copy(Repository.content, to: "Content")
        let site = (try? String(contentsOfFile: content + "/site.yml", encoding: .utf8)) ?? ""
        FileManager.default.createFile(atPath: content + "/site.yml", contents: Data((site + "\npage_size: \(size)\n").utf8))
        var options = BuildOptions(content: content, themes: Repository.themes, output: scratch.path + "/Public", today: Repository.sampleDay)
        options.cache = nil
        let result = SiteBuilder().build(options)
        #expect(result.succeeded, "\(result.diagnostics.errors)")
        return BuiltSite(path: scratch.path + "/Public")
    }

    /// Every edition's folder of a built site: `be/`, `be/fr/`, `ma/ar/`...
    static func editions(of site: BuiltSite) -> [String] {
        site.files.keys.filter { $0.hasSuffix("talents/index.html") && !$0.contains("/page/") }
            .map { String($0.dropLast("talents/index.html".count)) }.sorted()
    }

    /// The pages of a listing in an edition, in order: `talents/index.html`, `talents/page/2/index.html`...
    static func pages(of listing: String, in edition: String, site: BuiltSite) -> [String] {
        var pages = [edition + listing + "index.html"]
        while FileManager.default.fileExists(atPath: site.path + "/" + edition + listing + "page/\(pages.count + 1)/index.html") {
            pages.append(edition + listing + "page/\(pages.count + 1)/index.html")
        }
        return pages
    }

    /// The addresses a page's cards link to.
    static func cardLinks(_ html: String, card: String) -> [String] {
        html.components(separatedBy: "class=\"card \(card)\"").dropFirst().compactMap { part in
            part.range(of: "<a href=\"").map { start in String(part[start.upperBound...].prefix { $0 != "\"" }) }
        }
    }

    @Test func everyCardIsOnExactlyOnePageOfItsListingInEveryEditionAndMarket() {
        let scratch = Scratch()
        let site = Self.build(pageSize: 4, in: scratch)
        let editions = Self.editions(of: site)
        #expect(editions == ["be/", "be/en/", "be/fr/", "ma/", "ma/ar/", "ma/en/"])
        for edition in editions {
            for (listing, card, item) in [("talents/", "talent-card", "talents/"), ("vacancies/", "vacancy-card", "vacancies/"),
                                          ("employers/", "employer-card", "employers/")] {
                // The item pages the edition publishes: each must be on one page of the listing, once.
                let items = Set(site.files.keys.filter {
                    $0.hasPrefix(edition + item) && $0.hasSuffix("/index.html") && $0.split(separator: "/").count == edition.split(separator: "/").count + 3
                        && !$0.contains("/page/")
                }.map { "/" + $0.dropLast("index.html".count) })
                let pages = Self.pages(of: listing, in: edition, site: site)
                #expect(pages.count == Pagination.pageCount(items: items.count, pageSize: 4), "\(edition)\(listing)")
                var seen: [String] = []
                for (index, page) in pages.enumerated() {
                    let links = Self.cardLinks(site.html(page), card: card)
                    #expect(links.count == (index < pages.count - 1 ? 4 : items.count - 4 * (pages.count - 1)), "\(page)")
                    seen += links
                }
                #expect(seen.count == Set(seen).count, "\(edition)\(listing): a card on two pages")
                #expect(Set(seen) == items, "\(edition)\(listing)")
            }
        }
    }

    @Test func pagesLinkTheirNeighboursAndNameTheCurrentPage() throws {
        let scratch = Scratch()
        let site = Self.build(pageSize: 2, in: scratch)
        let pages = Self.pages(of: "talents/", in: "be/", site: site)
        #expect(pages.count > 7, "enough pages for gaps")
        let base = "https://talents.example.org/be/talents/"
        for (index, page) in pages.enumerated() {
            let number = index + 1, html = site.html(page)
            let address = { (n: Int) in n == 1 ? base : base + "page/\(n)/" }
            #expect(html.contains("<link rel=\"canonical\" href=\"\(address(number))\">"), "\(page)")
            #expect(html.contains("<link rel=\"prev\" href=\"\(address(number - 1))\">") == (number > 1), "\(page)")
            #expect(html.contains("<link rel=\"next\" href=\"\(address(number + 1))\">") == (number < pages.count), "\(page)")
            // One page list, named in the page's language, with the current page marked and its neighbours linked.
            #expect(html.components(separatedBy: "<nav class=\"pagination\" aria-label=\"Pagina&#39;s\">").count == 2, "\(page)")
            let current = "/be/talents/" + (number == 1 ? "" : "page/\(number)/")
            #expect(html.contains("<a href=\"\(current)\" aria-label=\"Pagina \(number)\" aria-current=\"page\">\(number)</a>"), "\(page)")
            let list = html.components(separatedBy: "<nav class=\"pagination\"").last ?? ""
            #expect(list.components(separatedBy: "aria-current=\"page\">").count == 2, "\(page): one current page")
            #expect(html.contains("rel=\"prev\">Vorige pagina</a>") == (number > 1), "\(page)")
            #expect(html.contains("rel=\"next\">Volgende pagina</a>") == (number < pages.count), "\(page)")
            #expect(html.contains("Pagina \(number) van \(pages.count)"), "\(page)")
            #expect(html.contains("class=\"pagination-gap\" aria-hidden=\"true\">…</li>"), "\(page): \(pages.count) pages need a gap")
        }
        // The same page in Arabic, right to left, with its strings.
        let arabic = site.html("ma/ar/talents/page/2/index.html")
        #expect(arabic.contains("aria-label=\"الصفحات\""))
        #expect(arabic.contains("<link rel=\"alternate\" hreflang=\"fr\" href=\"https://talents.example.org/ma/talents/page/2/\">"))
        // Every page is in the sitemap.
        let sitemap = site.html("sitemap.xml")
        for page in pages { #expect(sitemap.contains("<loc>https://talents.example.org/\(page.dropLast("index.html".count))</loc>"), "\(page)") }
        #expect(sitemap.contains("<loc>https://talents.example.org/ma/ar/talents/page/2/</loc>"))
    }

    @Test func aFolderListingIsPaginatedWithItsIntroductionOnTheFirstPage() {
        let scratch = Scratch()
        let site = Self.build(pageSize: 2, in: scratch)
        let pages = Self.pages(of: "news/", in: "be/en/", site: site)
        #expect(pages.count == 2)
        #expect(Self.cardLinks(site.html(pages[0]), card: "page-card").count == 2)
        #expect(Self.cardLinks(site.html(pages[1]), card: "page-card").count == 1)
        #expect(site.html(pages[1]).contains("<title>News · Page 2 of 2 · "))
        #expect(site.html(pages[1]).contains("rel=\"prev\">Previous page</a>"))
    }

    @Test func aPageAtAListingPagesAddressIsALocatedError() {
        let scratch = Scratch()
        let content = scratch.copy(Repository.content, to: "Content")
        let site = (try? String(contentsOfFile: content + "/site.yml", encoding: .utf8)) ?? ""
        FileManager.default.createFile(atPath: content + "/site.yml", contents: Data((site + "\npage_size: 2\n").utf8))
        scratch.write("Content/pages/news/page/2.md", "---\ntitle: Second\n---\nText.\n")
        // Page 9 of the news listing does not exist: that address is free.
        scratch.write("Content/pages/news/page/9.md", "---\ntitle: Ninth\n---\nText.\n")
        var options = BuildOptions(content: content, themes: Repository.themes, output: scratch.path + "/Public", today: Repository.sampleDay)
        options.cache = nil
        let result = SiteBuilder().build(options)
        let errors = result.diagnostics.errors.map { "\($0.file):\($0.location.line):\($0.location.column): \($0.message)" }
        #expect(errors == [content + "/pages/news/page/2.md:1:1: the page's address /news/page/2/ is page 2 of the /news/ listing"])
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/Public"))
    }

    @Test func aSmallSiteHasOneSitemapALargeOneASitemapIndex() {
        let routes = Routes(baseURL: "https://example.org/programme/")
        let links = (1...7).map { routes.page(["p\($0)"]) }
        let small = Sitemap.files(links: links, routes: routes, limit: 7)
        #expect(small.map(\.path) == ["sitemap.xml"])
        #expect(small[0].text.contains("<urlset") && small[0].text.components(separatedBy: "<url>").count == 8)
        let large = Sitemap.files(links: links, routes: routes, limit: 3)
        #expect(large.map(\.path) == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"])
        #expect(large[0].text.contains("<sitemapindex"))
        #expect(large[0].text.contains("<sitemap><loc>https://example.org/programme/sitemap-3.xml</loc></sitemap>"))
        #expect(!large[0].text.contains("<url>"))
        let listed = large.dropFirst().map { file in file.text.components(separatedBy: "<loc>").dropFirst().map { String($0.prefix { $0 != "<" }) } }
        #expect(listed.map(\.count) == [3, 3, 1])
        #expect(listed.flatMap { $0 } == links.sorted().map(routes.absolute))
        #expect(Sitemap.robots(routes: routes).contains("Sitemap: https://example.org/programme/sitemap.xml"))
    }

    @Test func addingOrRemovingATalentRebuildsToTheSameBytesAsAFullBuild() throws {
        let workspace = IncrementalBuildTests.Workspace()
        workspace.edit("Content/site.yml") { $0 + "\npage_size: 3\n" }
        #expect(workspace.build().succeeded)
        let pagesBefore = Self.pages(of: "talents/", in: "be/", site: BuiltSite(path: workspace.output)).count
        // A new talent early in the order shifts every later card to the next page.
        try workspace.scratch.replace("Content/talents/aaa-new-talent.md", with: "Content/talents/youssef-el-amrani.md")
        workspace.edit("Content/talents/aaa-new-talent.md") { $0.replacingOccurrences(of: "Youssef El Amrani", with: "Aaron Abadi") }
        workspace.rebuildMatchesFullBuild("a talent added")
        try FileManager.default.removeItem(atPath: workspace.content + "/talents/aaa-new-talent.md")
        try FileManager.default.removeItem(atPath: workspace.content + "/talents/hajar-moussaoui.md")
        workspace.rebuildMatchesFullBuild("two talents removed")
        let pagesAfter = Self.pages(of: "talents/", in: "be/", site: BuiltSite(path: workspace.output)).count
        #expect(pagesAfter <= pagesBefore)
        // No page is left over from the longer listing.
        #expect(!FileManager.default.fileExists(atPath: workspace.output + "/be/talents/page/\(pagesAfter + 1)/index.html"))
    }
}
