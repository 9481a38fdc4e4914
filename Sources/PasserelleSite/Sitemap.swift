import PasserelleTemplates

/// sitemap.xml (absolute addresses from base_url) and robots.txt.
enum Sitemap {
    /// The most addresses one sitemap file may list (sitemaps.org).
    static let addressesPerFile = 50_000

    /// The sitemap files: `sitemap.xml` alone while the site has at most `limit` addresses; beyond, `sitemap.xml`
    /// is a sitemap index of `sitemap-1.xml`, `sitemap-2.xml`..., each listing at most `limit` addresses in order.
    static func files(links: [String], routes: Routes, limit: Int = addressesPerFile) -> [(path: String, text: String)] {
        let sorted = links.sorted()
        guard sorted.count > limit else { return [("sitemap.xml", xml(sorted, routes: routes))] }
        let parts = stride(from: 0, to: sorted.count, by: limit).enumerated().map { index, start in
            (path: "sitemap-\(index + 1).xml", text: xml(Array(sorted[start..<min(sorted.count, start + limit)]), routes: routes))
        }
        var index = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for part in parts {
            index += "  <sitemap><loc>\(escape(routes.absolute(routes.file(part.path))))</loc></sitemap>\n"
        }
        return [("sitemap.xml", index + "</sitemapindex>\n")] + parts
    }

    static func xml(_ sortedLinks: [String], routes: Routes) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for link in sortedLinks {
            xml += "  <url><loc>\(escape(routes.absolute(link)))</loc></url>\n"
        }
        return xml + "</urlset>\n"
    }

    static func robots(routes: Routes) -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(routes.absolute(routes.file("sitemap.xml")))\n"
    }

    static func escape(_ text: String) -> String { HTMLEscaping.escape(text) }
}
