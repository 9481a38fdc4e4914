import CCmarkGFM
import Foundation

/// Markdown to HTML through cmark-gfm, safe for untrusted authors.
///
/// GitHub-flavoured extensions (table, strikethrough, autolink, tasklist, tagfilter) are on; raw HTML is
/// never passed through (cmark's safe mode), and every link and image address is checked here:
/// only http(s), mailto, tel, in-page and site-relative addresses survive. Site-relative addresses
/// (`/talents/`, `media/x.pdf`) get the site's base path so that the site works from a sub-folder.
public struct MarkdownRenderer: Sendable {
    /// The site's base path, starting and ending with `/` (e.g. `/` or `/programme/`).
    public var basePath: String
    /// Where `media/` and `assets/` live; the same as `basePath` unless the site is published in several
    /// languages (`/fr/` pages share the files of `/`).
    public var filesPath: String

    public init(basePath: String = "/", filesPath: String? = nil) {
        self.basePath = basePath.hasSuffix("/") ? basePath : basePath + "/"
        let files = filesPath ?? basePath
        self.filesPath = files.hasSuffix("/") ? files : files + "/"
    }

    /// The extensions attached to every parser, in this order.
    public static let extensionNames = ["table", "strikethrough", "autolink", "tasklist", "tagfilter"]

    private static let registration: Void = {
        cmark_gfm_core_extensions_ensure_registered()
    }()

    public func render(_ markdown: String) -> RenderedMarkdown {
        _ = Self.registration
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_FOOTNOTES
        guard let parser = cmark_parser_new(options) else { return RenderedMarkdown(html: "", notes: []) }
        defer { cmark_parser_free(parser) }
        for name in Self.extensionNames {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }
        markdown.withCString { pointer in
            cmark_parser_feed(parser, pointer, strlen(pointer))
        }
        guard let document = cmark_parser_finish(parser) else { return RenderedMarkdown(html: "", notes: []) }
        defer { cmark_node_free(document) }

        let (notes, siteLinks) = rewrite(document, lines: markdown.utf8.split(separator: 0x0A, omittingEmptySubsequences: false))
        guard let rendered = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else {
            return RenderedMarkdown(html: "", notes: notes, siteLinks: siteLinks)
        }
        defer { free(rendered) }
        var html = String(cString: rendered)
        // Raw HTML never reaches the output, so every `<a href="http` was made by the renderer itself.
        html = html.replacingOccurrences(of: "<a href=\"http", with: "<a rel=\"noopener noreferrer\" href=\"http")
        return RenderedMarkdown(html: html, notes: notes, siteLinks: siteLinks)
    }

    /// Checks and rewrites link and image addresses, and shifts headings so that the body starts at `<h2>`.
    private func rewrite(_ document: OpaquePointer, lines: [Substring.UTF8View.SubSequence]) -> (notes: [MarkdownNote], siteLinks: [SiteLink]) {
        var notes: [MarkdownNote] = []
        var siteLinks: [SiteLink] = []
        var headings: [OpaquePointer] = []
        var refused: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(document) else { return (notes, siteLinks) }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_HEADING {
                headings.append(node)
                continue
            }
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE else { continue }
            let isImage = type == CMARK_NODE_IMAGE
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            switch LinkPolicy.classify(url, isImage: isImage, basePath: basePath, filesPath: filesPath) {
            case .keep:
                break
            case let .rewrite(newURL):
                cmark_node_set_url(node, newURL)
                let (line, column) = Self.position(of: node, url: url, lines: lines)
                siteLinks.append(SiteLink(line: line, column: column, written: url, address: newURL))
            case let .refuse(reason):
                refused.append(node)
                let (line, column) = Self.position(of: node, url: url, lines: lines)
                notes.append(MarkdownNote(line: line, column: column,
                                          message: "\(isImage ? "image" : "link") address '\(url.prefix(60))' removed: \(reason)"))
            }
        }
        // A refused link or image leaves its text in place, with no address at all.
        for node in refused {
            while let child = cmark_node_first_child(node) { cmark_node_insert_before(node, child) }
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
        if let top = headings.map({ cmark_node_get_heading_level($0) }).min(), top < 2 {
            let shift = 2 - top
            for heading in headings {
                cmark_node_set_heading_level(heading, min(6, cmark_node_get_heading_level(heading) + shift))
            }
        }
        return (notes, siteLinks)
    }
}

extension MarkdownRenderer {
    /// Where a link starts, as (line, column in Unicode scalars) like every other message. cmark counts columns in
    /// bytes, and counts an autolink's (`<https://...>`) from the start of its paragraph rather than of its line:
    /// such a column, past the end of the line, is found again by looking for the address in the line.
    static func position(of node: OpaquePointer, url: String, lines: [Substring.UTF8View.SubSequence]) -> (line: Int, column: Int) {
        let line = Int(cmark_node_get_start_line(node))
        var offset = Int(cmark_node_get_start_column(node)) - 1
        guard line >= 1, line <= lines.count, offset >= 0 else { return (max(1, line), max(1, offset + 1)) }
        let text = Array(lines[line - 1])
        if offset >= text.count {
            let needle = Array(url.utf8)
            offset = needle.isEmpty ? 0 : (0...max(0, text.count - needle.count)).first { text[$0...].starts(with: needle) } ?? 0
            if offset > 0, text[offset - 1] == UInt8(ascii: "<") { offset -= 1 }
        }
        return (line, String(decoding: text.prefix(offset), as: UTF8.self).unicodeScalars.count + 1)
    }
}

/// The HTML of a Markdown text, and what was changed in it for safety.
public struct RenderedMarkdown: Sendable {
    public var html: String
    public var notes: [MarkdownNote]
    /// Addresses inside the site, for a check that they exist.
    public var siteLinks: [SiteLink] = []
}

/// A link or image to a page or file of the site: as the author wrote it, and as rewritten under the base path.
public struct SiteLink: Sendable, Hashable {
    public var line: Int
    public var column: Int
    public var written: String
    public var address: String
}

/// A removed address, located in the Markdown text (line 1 is the text's first line).
public struct MarkdownNote: Sendable, Hashable {
    public var line: Int
    public var column: Int
    public var message: String
}

/// Which link and image addresses content may use.
public enum LinkPolicy {
    public enum Decision: Equatable {
        case keep
        case rewrite(String)
        case refuse(String)
    }

    public static func classify(_ url: String, isImage: Bool, basePath: String, filesPath: String? = nil) -> Decision {
        let filesPath = filesPath ?? basePath
        let trimmed = url.trimmingSet(" \t\n")
        if trimmed.isEmpty || trimmed.hasPrefix("#") { return .keep }
        if trimmed.hasPrefix("//") || trimmed.hasPrefix("\\") || trimmed.hasPrefix("/\\") {
            return .refuse("addresses starting with // leave the site without saying how")
        }
        if let scheme = scheme(of: trimmed) {
            if isImage { return .refuse("images must be files of the site (media/...), so that no third party is contacted") }
            switch scheme {
            case "http", "https", "mailto", "tel": return .keep
            default: return .refuse("'\(scheme):' addresses are not allowed")
            }
        }
        if trimmed.hasPrefix("/media/") || trimmed.hasPrefix("/assets/") { return .rewrite(filesPath + trimmed.dropFirst()) }
        if trimmed.hasPrefix("/") { return .rewrite(basePath + trimmed.dropFirst()) }
        if trimmed.hasPrefix("media/") { return .rewrite(filesPath + trimmed) }
        return .keep
    }

    /// The scheme of an absolute address, lower-cased, ignoring characters browsers ignore; nil when relative.
    static func scheme(of url: String) -> String? {
        var letters = ""
        for scalar in url.unicodeScalars {
            if scalar == ":" { return letters.isEmpty ? nil : letters.lowercased() }
            if scalar == "/" || scalar == "?" || scalar == "#" { return nil }
            if scalar.value < 0x21 { continue }  // browsers drop tabs, newlines and controls inside schemes
            letters.unicodeScalars.append(scalar)
        }
        return nil
    }
}

extension String {
    fileprivate func trimmingSet(_ set: String) -> String {
        var result = Substring(self)
        while let first = result.first, set.contains(first) { result.removeFirst() }
        while let last = result.last, set.contains(last) { result.removeLast() }
        return String(result)
    }
}
