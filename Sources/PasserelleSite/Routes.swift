import PasserelleContent

/// Where each page lives, as root-relative links under the site's base path and as files in the output.
///
/// Links are root-relative (`/programme/talents/amal/`) so that the same build works from a sub-folder
/// and from localhost; only the sitemap and canonical links use the absolute `base_url`.
public struct Routes: Sendable {
    /// Starts and ends with `/`.
    public let basePath: String
    /// Absolute, ends with `/`.
    public let baseURL: String

    public init(baseURL: String) {
        let absolute = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.baseURL = absolute
        if let url = WebURL(absolute) {
            basePath = url.path.hasSuffix("/") ? url.path : url.path + "/"
        } else {
            basePath = "/"
        }
    }

    public var home: String { basePath }
    public var talents: String { basePath + "talents/" }
    public var vacancies: String { basePath + "vacancies/" }
    public var employers: String { basePath + "employers/" }
    public var search: String { basePath + "search/" }
    public func talent(_ slug: String) -> String { basePath + "talents/\(slug)/" }
    public func vacancy(_ slug: String) -> String { basePath + "vacancies/\(slug)/" }
    public func employer(_ slug: String) -> String { basePath + "employers/\(slug)/" }
    public func page(_ path: [String]) -> String { path.isEmpty ? basePath : basePath + path.joined(separator: "/") + "/" }
    /// `media/...` or `assets/...` paths.
    public func file(_ path: String) -> String { basePath + path }

    /// The absolute address of a root-relative link.
    public func absolute(_ link: String) -> String {
        baseURL + link.dropFirst(basePath.count)
    }

    /// The output file of a root-relative link: `/talents/amal/` → `talents/amal/index.html`.
    public func outputPath(_ link: String) -> String {
        let relative = String(link.dropFirst(basePath.count))
        return relative.isEmpty || relative.hasSuffix("/") ? relative + "index.html" : relative
    }

    /// First URL segments that belong to the generator; a page cannot take them.
    public static let reserved: Set<String> = ["talents", "vacancies", "employers", "assets", "media", "search", "404.html", "sitemap.xml", "robots.txt"]
}
