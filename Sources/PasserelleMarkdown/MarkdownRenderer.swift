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

    /// The HTML of `markdown`. `isPublished`, given an address under the base path (query and fragment cut),
    /// says whether the site publishes it: a link or image to anything else is removed, its text kept.
    /// A text beyond `MarkdownLimits` is not rendered: its `errors` say where.
    public func render(_ markdown: String, isPublished: ((String) -> Bool)? = nil) -> RenderedMarkdown {
        let findings = MarkdownLimits.check(markdown)
        guard findings.errors.isEmpty else { return RenderedMarkdown(html: "", notes: findings.warnings, errors: findings.errors) }
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

        var positions = LinePositions(markdown)
        var (notes, siteLinks) = rewrite(document, positions: &positions, isPublished: isPublished)
        notes = (findings.warnings + notes).sorted { ($0.line, $0.column, $0.message) < ($1.line, $1.column, $1.message) }
        guard let rendered = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else {
            return RenderedMarkdown(html: "", notes: notes, siteLinks: siteLinks)
        }
        defer { free(rendered) }
        // Raw HTML never reaches the output, so every `<a href="http` was made by the renderer itself.
        let html = Self.replacing(Array("<a href=\"http".utf8), with: Array("<a rel=\"noopener noreferrer\" href=\"http".utf8),
                                  in: UnsafeBufferPointer(start: UnsafeRawPointer(rendered).assumingMemoryBound(to: UInt8.self), count: strlen(rendered)))
        var result = RenderedMarkdown(html: html, notes: notes, siteLinks: siteLinks)
        result.steps = findings.steps + positions.steps
        return result
    }

    /// Checks and rewrites link and image addresses, and shifts headings so that the body starts at `<h2>`.
    private func rewrite(_ document: OpaquePointer, positions: inout LinePositions,
                         isPublished: ((String) -> Bool)?) -> (notes: [MarkdownNote], siteLinks: [SiteLink]) {
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
                let (line, column) = positions.position(of: node, url: url)
                var link = SiteLink(line: line, column: column, written: url, address: newURL, isImage: isImage)
                if let isPublished, !isPublished(link.path) {
                    link.published = false
                    refused.append(node)
                } else {
                    cmark_node_set_url(node, newURL)
                }
                siteLinks.append(link)
            case let .refuse(reason):
                refused.append(node)
                let (line, column) = positions.position(of: node, url: url)
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

/// The lines of a text, to give a link's place in Unicode scalars like every other message, each line read once.
///
/// cmark counts columns in bytes, and counts an autolink's (`<https://...>`) from the start of its paragraph rather
/// than of its line: such a column, past the end of the line, is found again by looking for the address in the line,
/// after the last one found there. Links come in the order of the text, so columns are counted on from the last one.
struct LinePositions {
    private let bytes: [UInt8]
    /// Where each line starts, and one past the text's end.
    private let starts: [Int]
    private var cursor = (line: 0, offset: 0, column: 1)
    private var searched: [Int: Int] = [:]
    /// Bytes read to find places, for tests of the cost.
    private(set) var steps = 0

    init(_ text: String) {
        bytes = Array(text.utf8)
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == 0x0A { starts.append(index + 1) }
        starts.append(bytes.count + 1)
        self.starts = starts
    }

    mutating func position(of node: OpaquePointer, url: String) -> (line: Int, column: Int) {
        let line = Int(cmark_node_get_start_line(node))
        var offset = Int(cmark_node_get_start_column(node)) - 1
        guard line >= 1, line < starts.count, offset >= 0 else { return (max(1, line), max(1, offset + 1)) }
        let start = starts[line - 1]
        let length = starts[line] - 1 - start
        if offset >= length {
            let needle = Array(url.utf8)
            let from = searched[line] ?? 0
            var found: Int?
            if !needle.isEmpty, from + needle.count <= length {
                found = (from...(length - needle.count)).first { bytes[(start + $0)...].starts(with: needle) }
                steps += (found ?? length) - from
            }
            offset = found ?? 0
            if let found { searched[line] = found + needle.count }
            if offset > 0, bytes[start + offset - 1] == UInt8(ascii: "<") { offset -= 1 }
        }
        if cursor.line != line || cursor.offset > offset { cursor = (line, 0, 1) }
        steps += offset - cursor.offset
        let column = bytes[(start + cursor.offset)..<(start + offset)].reduce(cursor.column) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        cursor = (line, offset, column)
        return (line, column)
    }
}

/// The HTML of a Markdown text, and what was changed in it for safety.
public struct RenderedMarkdown: Sendable {
    public var html: String
    public var notes: [MarkdownNote]
    /// Addresses inside the site; those the site does not publish were removed.
    public var siteLinks: [SiteLink] = []
    /// Limits the text goes beyond (`MarkdownLimits`): it was not rendered.
    public var errors: [MarkdownNote] = []
    /// Bytes the limits' scan and the search for places read, for tests of the cost.
    var steps = 0
}

/// A link or image to a page or file of the site: as the author wrote it, and as rewritten under the base path.
public struct SiteLink: Sendable, Hashable {
    public var line: Int
    public var column: Int
    public var written: String
    public var address: String
    public var isImage = false
    /// False when the site does not publish the address: the link or image was removed, its text kept.
    public var published = true

    /// The address without its query and fragment.
    public var path: String {
        guard let cut = address.firstIndex(where: { $0 == "#" || $0 == "?" }) else { return address }
        return String(address[..<cut])
    }
}

/// A removed address, located in the Markdown text (line 1 is the text's first line).
public struct MarkdownNote: Sendable, Hashable {
    public var line: Int
    public var column: Int
    public var message: String
    /// What to write instead, when it is not the usual kind of address.
    public var expected: String? = nil
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

extension MarkdownRenderer {
    /// The text with every occurrence of `pattern` replaced, compared byte by byte (Foundation's search, which
    /// compares as Unicode, cost more than the rest of the rendering).
    static func replacing(_ pattern: [UInt8], with replacement: [UInt8], in text: UnsafeBufferPointer<UInt8>) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(text.count + 64)
        var index = 0
        let first = pattern[0]
        while index < text.count {
            if text[index] == first, index + pattern.count <= text.count,
               (1..<pattern.count).allSatisfy({ text[index + $0] == pattern[$0] }) {
                result += replacement
                index += pattern.count
            } else {
                result.append(text[index])
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
