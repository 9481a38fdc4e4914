import PasserelleTemplates

/// sitemap.xml (absolute addresses from base_url) and robots.txt.
enum Sitemap {
    static func xml(links: [String], routes: Routes) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for link in links.sorted() {
            xml += "  <url><loc>\(escape(routes.absolute(link)))</loc></url>\n"
        }
        return xml + "</urlset>\n"
    }

    static func robots(routes: Routes) -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(routes.absolute(routes.file("sitemap.xml")))\n"
    }

    static func escape(_ text: String) -> String { HTMLEscaping.escape(text) }
}
