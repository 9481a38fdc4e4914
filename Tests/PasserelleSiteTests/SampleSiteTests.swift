import Foundation
import Testing
import PasserelleContent
@testable import PasserelleSite

/// The sample site, built end to end, as a recruiter would see it.
@Suite struct SampleSiteTests {
    let scratch = Scratch()
    let result: BuildResult
    let site: BuiltSite

    init() {
        let output = scratch.path + "/Public"
        result = SiteBuilder.buildSample(into: output)
        site = BuiltSite(path: output)
    }

    @Test func buildsWithExactCounts() {
        #expect(result.diagnostics.errors.map(\.description) == [])
        #expect(result.talents == 27)
        #expect(result.vacancies == 9)
        #expect(result.employers == 3)
        #expect(result.pages == 7)
        let skipped = result.skipped.map { ($0.path.components(separatedBy: "Content/").last ?? "", $0.reason.components(separatedBy: " ").first ?? "") }
        #expect(skipped.map(\.0) == ["pages/news/draft-upcoming-call.md", "talents/rachid-ait-hammou.md", "vacancies/dotnet-developer-gent.json"])
        #expect(skipped.map(\.1) == ["draft", "no", "expired"])
        #expect(result.summary(output: "Public", wrote: true).hasPrefix("Built: 27 talents, 9 vacancies, 3 employers, 7 pages; 3 skipped (1 draft, 1 expired, 1 no consent); "))
    }

    @Test func writesEveryPageKind() {
        for page in ["index.html", "talents/index.html", "talents/salma-benali/index.html", "vacancies/index.html",
                     "vacancies/nurse-antwerpen/index.html", "employers/index.html", "employers/brusselsoft/index.html",
                     "projects/palim/index.html", "projects/index.html", "news/index.html", "about/index.html",
                     "404.html", "sitemap.xml", "robots.txt", "assets/css/site.css", "assets/js/site.js",
                     "media/talents/salma-benali.png"] {
            #expect(site.exists(page), "\(page) is missing")
        }
    }

    @Test func homeShowsIntroductionFeaturedTalentsVacanciesAndNews() {
        let home = site.html("index.html")
        #expect(home.contains("<h1>"))
        #expect(home.contains("27 talents · 9 open vacancies · 3 employers"))
        for featured in ["/talents/youssef-el-amrani/", "/talents/salma-benali/", "/talents/fatima-zahra-el-idrissi/", "/talents/hajar-moussaoui/"] {
            #expect(home.contains("href=\"\(featured)\""), "\(featured)")
        }
        #expect(site.count("class=\"card vacancy-card\"", in: "index.html") == 4)
        #expect(home.contains("href=\"/news/2026-05-palim-alumni-five-years-on/\""))
    }

    @Test func talentListingHasACardPerPublishedTalent() {
        // 24 cards a page (page_size's default): the 27 talents on two pages.
        let listing = site.html("talents/index.html") + site.html("talents/page/2/index.html")
        #expect(site.count("class=\"card talent-card\"", in: "talents/index.html") == 24)
        #expect(site.count("class=\"card talent-card\"", in: "talents/page/2/index.html") == 3)
        #expect(listing.contains("27 talents"))
        #expect(listing.contains("avatar-initials"))
        #expect(listing.contains("<bdi>سلمى بنعلي</bdi>"))
        #expect(listing.contains("<abbr class=\"level\" title=\"B2 · upper intermediate\">B2</abbr>"))
        #expect(listing.contains("Available from"))
    }

    @Test func talentProfileIsWhatARecruiterReads() {
        let profile = site.html("talents/salma-benali/index.html")
        #expect(profile.contains("<h1><bdi>سلمى بنعلي</bdi></h1>"))
        #expect(profile.contains("src=\"/media/talents/salma-benali.png\" alt=\"Photo of سلمى بنعلي\""))
        #expect(profile.contains("<h2>Experience</h2>"))
        #expect(profile.contains("<li>Arabic <span class=\"level\">native</span></li>"))
        #expect(profile.contains("<li>French <span class=\"level\">C1 · advanced</span></li>"))
        #expect(profile.contains("Will work in</dt><dd>Belgium, Morocco"))
        #expect(profile.contains("<dd>PALIM</dd>"))
        #expect(profile.contains("rel=\"stylesheet\" href=\"/assets/css/print.css\" media=\"print\""))
    }

    @Test func videoCVContactsNoThirdPartyUntilClicked() {
        let profile = site.html("talents/hamza-ouazzani/index.html")
        #expect(profile.contains("data-embed=\"https://www.youtube-nocookie.com/embed/"))
        #expect(!profile.contains("<iframe"))
        #expect(!profile.contains("i.ytimg.com") && !profile.contains("img.youtube.com"))
        #expect(site.html("talents/anas-berrada/index.html").contains("data-embed=\"https://player.vimeo.com/video/"))
        #expect(site.html("talents/youssef-el-amrani/index.html").contains("href=\"https://www.linkedin.com/in/"))
    }

    @Test func vacancyAndEmployerPagesShowTheFacts() {
        let vacancy = site.html("vacancies/nurse-antwerpen/index.html")
        #expect(vacancy.contains("href=\"/employers/zorggroep-schelde/\""))
        #expect(vacancy.contains("EUR "))
        #expect(vacancy.contains("per month") || vacancy.contains("per year") || vacancy.contains("per hour"))
        #expect(vacancy.contains("Required skills"))
        #expect(vacancy.contains("<li>Dutch <span class=\"level\">B1 · intermediate or higher</span></li>"))
        let employer = site.html("employers/zorggroep-schelde/index.html")
        #expect(employer.contains("href=\"/vacancies/nurse-antwerpen/\""))
        #expect(!site.exists("vacancies/dotnet-developer-gent/index.html"))
        #expect(!site.html("employers/brusselsoft/index.html").contains("dotnet-developer-gent"))
        #expect(!site.html("vacancies/index.html").contains("dotnet-developer-gent"))
    }

    @Test func pagesLiveAtTheirFolderPathsWithAMenu() {
        let palim = site.html("projects/palim/index.html")
        #expect(palim.contains("<table>"))
        #expect(palim.contains("9,677") || palim.contains("9 677") || palim.contains("9677"))
        let menu = palim.components(separatedBy: "<nav class=\"main-nav\"").last?.components(separatedBy: "</nav>").first ?? ""
        let order = ["/talents/", "/vacancies/", "/employers/", "/projects/palim/", "/projects/gsp-soins/", "/about/"]
            .map { menu.range(of: "href=\"\($0)\"")?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
        #expect(palim.contains("href=\"/projects/palim/\" aria-current=\"page\""))
        #expect(site.count("class=\"card page-card\"", in: "news/index.html") == 3)
        #expect(!site.exists("news/draft-upcoming-call/index.html"))
    }

    @Test func sitemapAndRobotsUseAbsoluteAddresses() {
        let sitemap = site.html("sitemap.xml")
        #expect(sitemap.contains("<loc>https://talents.example.org/</loc>"))
        #expect(sitemap.contains("<loc>https://talents.example.org/talents/salma-benali/</loc>"))
        #expect(!sitemap.contains("404"))
        #expect(sitemap.components(separatedBy: "<loc>").count - 1 == result.pageLinks.count - 1)
        #expect(site.html("robots.txt").contains("Sitemap: https://talents.example.org/sitemap.xml"))
        #expect(site.html("talents/salma-benali/index.html").contains("<link rel=\"canonical\" href=\"https://talents.example.org/talents/salma-benali/\">"))
    }

    @Test func everyInternalLinkAndAssetResolves() {
        #expect(site.references.count > 500)
        #expect(site.brokenReferences(basePath: "/") == [])
    }

    @Test func everyPageIsLinkedFromAnother() {
        let linked = Set(site.references.map(\.value))
        let orphans = result.pageLinks.filter { !linked.contains($0) && $0 != "/404.html" }
        #expect(orphans == [])
    }

    @Test func privateDataNeverReachesTheSite() throws {
        var secrets: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: Repository.content + "/talents")
        while let name = enumerator?.nextObject() as? String {
            let text = try String(contentsOfFile: Repository.content + "/talents/" + name, encoding: .utf8)
            for pattern in ["(email|phone): *\"?([^\"\\n]+)", "\"(email|phone|address|postalCode)\": *\"([^\"]+)\""] {
                let regex = try NSRegularExpression(pattern: pattern)
                for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    secrets.append(String(text[Range(match.range(at: 2), in: text)!]).trimmingCharacters(in: .whitespaces))
                }
            }
        }
        #expect(secrets.count > 20)
        secrets.append(contentsOf: ["rachid-ait-hammou", "must never appear on the site"])
        for (name, data) in site.files {
            let text = String(decoding: data, as: UTF8.self)
            for secret in secrets {
                #expect(!text.contains(secret), "\(secret) leaked into \(name)")
            }
        }
    }

    @Test func everyPageHasLanguageLandmarksAndAPolicy() {
        for (name, data) in site.files where name.hasSuffix(".html") {
            let page = String(decoding: data, as: UTF8.self)
            let folder = String(name.prefix(3))
            let language = ["fr/": "fr", "nl/": "nl", "ar/": "ar"][folder] ?? "en"
            #expect(page.contains("<html lang=\"\(language)\" dir=\"\(language == "ar" ? "rtl" : "ltr")\">"), "\(name)")
            #expect(page.contains("<main id=\"main\""), "\(name)")
            #expect(page.contains("Content-Security-Policy"), "\(name)")
            #expect(page.components(separatedBy: "<h1").count == 2, "\(name) should have one h1")
            #expect(!page.contains("{{") && !page.contains("}}"), "\(name) has template syntax left")
        }
    }
}
