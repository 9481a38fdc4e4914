import PasserelleContent

/// Where each page lives, as root-relative links and as files in the output.
///
/// Links are root-relative (`/programme/talents/amal/`) so that the same build works from a sub-folder
/// and from localhost; only the sitemap, canonical and alternate links use the absolute `base_url`.
///
/// Three roots nest: the output's (`base_url`'s path), a market's (`/be/`, holding its assets, media and 404
/// page) and a language's (`/be/fr/`; the market's first language is at the market's root).
public struct Routes: Sendable {
    /// The path of the output folder's root: starts and ends with `/`.
    public let outputRoot: String
    /// The market's root, where `assets/` and `media/` are: starts and ends with `/`.
    public let siteRoot: String
    /// The language's root, where its pages are: starts and ends with `/`.
    public let basePath: String
    /// Absolute, ends with `/`: the output root's address.
    public let baseURL: String

    /// `market` and `language` are folder names, nil for none (the whole site, the default language).
    public init(baseURL: String, market: String? = nil, language: String? = nil) {
        let absolute = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.baseURL = absolute
        if let url = WebURL(absolute) {
            outputRoot = url.path.hasSuffix("/") ? url.path : url.path + "/"
        } else {
            outputRoot = "/"
        }
        siteRoot = outputRoot + (market.map { $0 + "/" } ?? "")
        basePath = siteRoot + (language.map { $0 + "/" } ?? "")
    }

    public var home: String { basePath }
    public var talents: String { basePath + "talents/" }
    public var vacancies: String { basePath + "vacancies/" }
    public var employers: String { basePath + "employers/" }
    public var search: String { basePath + "search/" }
    public var notFound: String { siteRoot + "404.html" }
    public func talent(_ slug: String) -> String { basePath + "talents/\(slug)/" }
    public func vacancy(_ slug: String) -> String { basePath + "vacancies/\(slug)/" }
    public func employer(_ slug: String) -> String { basePath + "employers/\(slug)/" }
    public func page(_ path: [String]) -> String { path.isEmpty ? basePath : basePath + path.joined(separator: "/") + "/" }
    /// Page `number` of a listing: the listing itself for the first, then `/talents/page/2/`...
    public func listingPage(_ listing: String, _ number: Int) -> String { number <= 1 ? listing : listing + "page/\(number)/" }
    /// `media/...` or `assets/...` paths: shared by the market's languages.
    public func file(_ path: String) -> String { siteRoot + path }

    /// The absolute address of a root-relative link.
    public func absolute(_ link: String) -> String {
        baseURL + link.dropFirst(outputRoot.count)
    }

    /// The same page in another language's routes: `/be/talents/amal/` → `/be/fr/talents/amal/`.
    public func link(_ link: String, in other: Routes) -> String {
        other.basePath + link.dropFirst(basePath.count)
    }

    /// The output file of a root-relative link: `/fr/talents/amal/` → `fr/talents/amal/index.html`.
    public func outputPath(_ link: String) -> String {
        let relative = String(link.dropFirst(outputRoot.count))
        return relative.isEmpty || relative.hasSuffix("/") ? relative + "index.html" : relative
    }

    /// First URL segments that belong to the generator; a page cannot take them, nor a language code or a market.
    public static let reserved: Set<String> = ["talents", "vacancies", "employers", "assets", "media", "search", "404.html", "sitemap.xml", "robots.txt"]
}
