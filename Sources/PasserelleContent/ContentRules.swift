/// Checks shared by the loaders: skills, languages, paths under media/, and web addresses.
extension Fields {
    public func skills(_ key: String, required: Bool = false) -> [Skill] {
        let expected = "a list of skills: text, or {name, esco, level}"
        guard let items = list(key, required: required, expected: expected) else { return [] }
        if required, items.isEmpty { error(node[key]?.location ?? node.location, "'\(prefix)\(key)' is empty", expected: expected) }
        return items.enumerated().compactMap { index, item in skill(of: item, key: key, index: index) }
    }

    func skill(of item: DataNode, key: String, index: Int) -> Skill? {
        if item.entries == nil {
            guard let name = text(of: item, key: "\(key)[\(index)]", expected: "a skill name") else { return nil }
            return Skill(name: name)
        }
        guard let fields = object(of: item, key: key, index: index, expected: "{name, esco, level}") else { return nil }
        defer { fields.finish() }
        guard let name = fields.string("name", required: true, expected: "the skill's name") else { return nil }
        var esco: String?
        if let value = fields.value("esco", expected: "an ESCO skill URI") {
            esco = fields.escoURI(of: value, key: "esco")
        }
        return Skill(name: name, esco: esco, level: fields.string("level"))
    }

    /// `[{code: fr, level: B2}, ...]`
    public func languageLevels(_ key: String) -> [LanguageLevel] {
        let expected = "a list of {code: ISO 639-1, level: A1..C2 or native}"
        guard let items = list(key, expected: expected) else { return [] }
        var seen = Set<String>()
        var result: [LanguageLevel] = []
        for (index, item) in items.enumerated() {
            guard let fields = object(of: item, key: key, index: index, expected: "{code, level}") else { continue }
            defer { fields.finish() }
            let code = fields.languageCode("code")
            let level = fields.level("level")
            guard let code, let level else { continue }
            if !seen.insert(code).inserted {
                error(item.location, "language '\(code)' is listed twice", expected: "each language once")
                continue
            }
            result.append(LanguageLevel(code: code, level: level))
        }
        return result
    }

    public func languageCode(_ key: String) -> String? {
        let expected = "an ISO 639-1 language code such as fr, nl, ar"
        guard let value = value(key, required: true, expected: expected), let text = text(of: value, key: key, expected: expected) else { return nil }
        guard Codes.languages.contains(text) else {
            error(value.location, "'\(text)' is not a language code", expected: expected)
            return nil
        }
        return text
    }

    public func level(_ key: String) -> CEFRLevel? {
        let expected = "a CEFR level: A1, A2, B1, B2, C1, C2 or native"
        guard let value = value(key, required: true, expected: expected), let text = text(of: value, key: key, expected: expected) else { return nil }
        guard let level = CEFRLevel(code: text) else {
            error(value.location, "'\(text)' is not a CEFR level", expected: expected)
            return nil
        }
        return level
    }

    /// A path under media/ that cannot leave it: no `..`, no absolute path, no scheme. `role` names what the file is
    /// for (photo, logo, image) in the message given when it is not in media/.
    public func mediaPath(_ key: String, role: String) -> String? {
        guard let value = value(key, expected: "a path under media/") else { return nil }
        let path = mediaPath(of: value, key: key)
        if let path { refer(to: path, at: value.location, role: role) }
        return path
    }

    public func mediaPath(of value: DataNode, key: String) -> String? {
        let expected = "a path under media/, such as media/talents/photo.jpg"
        guard let text = text(of: value, key: key, expected: expected) else { return nil }
        guard let path = MediaPath.normalise(text) else {
            error(value.location, "'\(prefix)\(key)' must be a file under media/: '\(text)'", expected: expected)
            return nil
        }
        return path
    }

    /// An https (or, with `allowHTTP`, http) address, optionally on given hosts.
    public func webURL(_ key: String, hosts: [String]? = nil, allowHTTP: Bool = false, expected: String = "an https:// address") -> String? {
        guard let value = value(key, expected: expected) else { return nil }
        guard let text = text(of: value, key: key, expected: expected) else { return nil }
        guard let url = WebURL(text), url.scheme == "https" || (allowHTTP && url.scheme == "http") else {
            error(value.location, "'\(prefix)\(key)' is not a safe web address: '\(text.prefix(80))'", expected: expected)
            return nil
        }
        if let hosts, !hosts.contains(where: { url.host == $0 || url.host.hasSuffix("." + $0) }) {
            error(value.location, "'\(prefix)\(key)' is on \(url.host)", expected: expected)
            return nil
        }
        return text
    }

    func escoURI(of value: DataNode, key: String) -> String? {
        let expected = "an ESCO URI such as http://data.europa.eu/esco/skill/..."
        guard let text = text(of: value, key: key, expected: expected) else { return nil }
        guard text.hasPrefix("http://data.europa.eu/esco/") || text.hasPrefix("https://data.europa.eu/esco/"),
              WebURL(text) != nil else {
            error(value.location, "'\(prefix)\(key)' is not an ESCO URI: '\(text.prefix(80))'", expected: expected)
            return nil
        }
        return text
    }

    /// `occupation:`: an occupation of occupations.yml (its id or any of its labels) or an ESCO occupation address;
    /// an occupation the vocabulary knows is given as its id.
    public func occupation(_ key: String) -> String? {
        let known = occupations.occupations.prefix(3).map(\.id).joined(separator: ", ")
        let expected = occupations.isEmpty ? "an ESCO occupation URI" : "an occupation of occupations.yml (\(known), …) or an ESCO occupation URI"
        guard let value = value(key, expected: expected), let name = text(of: value, key: key, expected: expected) else { return nil }
        if let occupation = occupations.occupation(named: name) { return occupation.id }
        guard name.contains(":") || occupations.isEmpty else {
            error(value.location, "'\(prefix)\(key)' is not an occupation of occupations.yml: '\(name.prefix(80))'", expected: expected)
            return nil
        }
        guard let uri = escoURI(of: value, key: key) else { return nil }
        if !uri.contains("/esco/occupation/") {
            error(value.location, "'\(prefix)\(key)' is not an ESCO occupation URI", expected: "http://data.europa.eu/esco/occupation/...")
            return nil
        }
        return uri
    }

    /// A YouTube or Vimeo address, or a video file under media/.
    public func video(_ key: String) -> VideoLink? {
        let expected = "a YouTube or Vimeo https address, or a file under media/"
        guard let value = value(key, expected: expected), let text = text(of: value, key: key, expected: expected) else { return nil }
        if text.hasPrefix("media/") || !text.contains(":") {
            guard let path = MediaPath.normalise(text) else {
                error(value.location, "'\(prefix)\(key)' must be a file under media/: '\(text)'", expected: expected)
                return nil
            }
            refer(to: path, at: value.location, role: "video")
            return .media(path: path)
        }
        guard let link = VideoLink(url: text) else {
            error(value.location, "'\(prefix)\(key)' is not a YouTube or Vimeo video address: '\(text.prefix(80))'", expected: expected)
            return nil
        }
        return link
    }
}

/// Paths under media/, normalised and kept inside it.
public enum MediaPath {
    /// `media/a/b.jpg` (a leading `/` or `./` is accepted); nil for anything that could leave media/.
    public static func normalise(_ text: String) -> String? {
        var path = text
        if path.hasPrefix("./") { path.removeFirst(2) }
        if path.hasPrefix("/media/") { path.removeFirst() }
        guard path.hasPrefix("media/") else { return nil }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return nil }
        for part in parts {
            if part.isEmpty || part == "." || part == ".." || part.hasPrefix(".") { return nil }
            if part.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\\" || $0 == ":" || $0.value == 0x7F }) { return nil }
        }
        return path
    }

    /// A name that is its own address: ASCII letters, digits, `-`, `_` and `.` in every part, so that the
    /// published file's URL needs no escaping on any static host; none ends in `.`, which some file systems and
    /// hosts drop (`a.pdf.` would be served as `a.pdf`, its type read from a name it does not have).
    public static func isWebSafe(_ path: String) -> Bool {
        path.split(separator: "/").allSatisfy { part in
            !part.isEmpty && part.last != "." && part.utf8.allSatisfy { byte in
                (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F || byte == 0x2E
            }
        }
    }
}

/// The parts of an absolute web address that the checks need; refuses anything odd.
public struct WebURL: Sendable {
    public var scheme: String
    public var host: String
    public var path: String
    public var query: String

    public init?(_ text: String) {
        guard !text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "\\" || $0 == "`" || $0.value == 0x7F }) else { return nil }
        guard let schemeEnd = text.range(of: "://") else { return nil }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let rest = text[schemeEnd.upperBound...]
        let hostEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var authority = String(rest[..<hostEnd])
        if authority.contains("@") { return nil }
        if let colon = authority.lastIndex(of: ":") {
            guard Int(authority[authority.index(after: colon)...]) != nil else { return nil }
            authority = String(authority[..<colon])
        }
        let host = authority.lowercased()
        guard !host.isEmpty, host.contains(".") || host == "localhost", host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }) else { return nil }
        let tail = rest[hostEnd...]
        let fragmentStart = tail.firstIndex(of: "#") ?? tail.endIndex
        let beforeFragment = tail[..<fragmentStart]
        if let questionMark = beforeFragment.firstIndex(of: "?") {
            path = String(beforeFragment[..<questionMark])
            query = String(beforeFragment[beforeFragment.index(after: questionMark)...])
        } else {
            path = String(beforeFragment)
            query = ""
        }
        self.scheme = scheme
        self.host = host
    }

    public func queryValue(_ name: String) -> String? {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0] == name { return String(parts[1]) }
        }
        return nil
    }
}

extension VideoLink {
    /// Reads youtube.com/watch?v=ID, youtu.be/ID, youtube.com/embed/ID, vimeo.com/ID and player.vimeo.com/video/ID.
    public init?(url text: String) {
        guard let url = WebURL(text), url.scheme == "https" else { return nil }
        let segments = url.path.split(separator: "/").map(String.init)
        func youtubeID(_ id: String?) -> String? {
            guard let id, id.count == 11, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
            return id
        }
        switch url.host {
        case "youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com", "www.youtube-nocookie.com":
            let id = segments.first == "watch" ? url.queryValue("v")
                : (segments.count == 2 && ["embed", "shorts", "live"].contains(segments[0])) ? segments[1] : nil
            guard let valid = youtubeID(id) else { return nil }
            self = .youtube(id: valid)
        case "youtu.be":
            guard segments.count == 1, let valid = youtubeID(segments[0]) else { return nil }
            self = .youtube(id: valid)
        case "vimeo.com", "www.vimeo.com", "player.vimeo.com":
            let id = url.host == "player.vimeo.com" ? (segments.count == 2 && segments[0] == "video" ? segments[1] : nil) : segments.first
            guard let id, !id.isEmpty, id.count <= 12, id.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            self = .vimeo(id: id)
        default:
            return nil
        }
    }
}
