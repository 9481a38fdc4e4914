import Foundation
import PasserelleContent
import PasserelleCore

// Shared by the fuzz targets (Fuzz/Sources/FuzzSupport) and the regression tests that replay their findings
// (Tests/PasserelleContentTests/FuzzSite.swift is a link to this file), so that both load an input the same way.

/// Files kept in memory under absolute paths: a whole site is loaded without touching the disk.
public struct MemoryFileSystem: FileSystem {
    public struct MissingFile: Error {
        public let path: String
    }

    public var files: [String: [UInt8]]

    public init(_ files: [String: [UInt8]]) {
        self.files = files
    }

    public func listFiles(under directory: String) throws -> [ListedFile] {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return files.compactMap { path, bytes -> ListedFile? in
            guard path.hasPrefix(prefix) else { return nil }
            return ListedFile(relativePath: String(path.dropFirst(prefix.count)), isLink: false, isDirectory: false, size: bytes.count)
        }.sorted { $0.relativePath < $1.relativePath }
    }

    public func readFile(_ path: String) throws -> [UInt8] {
        guard let bytes = files[path] else { throw MissingFile(path: path) }
        return bytes
    }

    public func fileExists(_ path: String) -> Bool { files[path] != nil }

    public func directoryExists(_ path: String) -> Bool {
        let prefix = path.hasSuffix("/") ? path : path + "/"
        return files.keys.contains { $0.hasPrefix(prefix) }
    }

    public func resolvedPath(_ path: String) -> String? {
        fileExists(path) || directoryExists(path) ? path : nil
    }
}

/// A small valid site, and the place in it where a fuzz input goes.
public enum FuzzSite {
    public static let root = "/fuzz/Content"

    /// site.yml, and one talent, vacancy, employer and page that load without a message.
    public static let baseFiles: [String: String] = [
        "site.yml": """
        title: Fuzz site
        base_url: https://example.org/
        languages: [en, fr]
        """,
        "talents/amal.md": """
        ---
        name: Amal Haddad
        headline: Java developer
        country: MA
        skills: [Java, {name: SQL, level: advanced}]
        languages:
          - {code: ar, level: native}
          - {code: fr, level: B2}
        mobility: [BE]
        consent: true
        ---
        I write backend services.
        """,
        "vacancies/nurse.md": """
        ---
        title: Nurse
        employer: zorg
        city: Antwerpen
        country: BE
        sector: care
        skills:
          required: [Wound care]
        languages:
          - {code: nl, level: B1}
        valid_through: 2099-12-31
        ---
        Care for thirty residents.
        """,
        "employers/zorg.md": """
        ---
        name: Zorggroep
        city: Antwerpen
        country: BE
        sector: care
        ---
        A care group.
        """,
        "pages/about.md": """
        ---
        title: About
        summary: What the site is for.
        ---
        Talents and employers.
        """,
    ]

    /// The file an input becomes, chosen by its first byte (the rest is the file's content): the low three bits
    /// give the kind; for a translation the next two pick the original (talent, vacancy, employer, page), and
    /// for `yaml` the next one picks site.yml or skills.yml.
    public enum Kind: CaseIterable, Sendable {
        case talentMarkdown, talentJSON, vacancyJSON, vacancyMarkdown, employerMarkdown, pageMarkdown, translation, yaml
    }

    /// The first byte of an input of this kind; `variant` picks the translation's original or the YAML file.
    public static func firstByte(_ kind: Kind, variant: Int = 0) -> UInt8 {
        UInt8(Kind.allCases.firstIndex(of: kind) ?? 0) | UInt8(variant & 3) << 3
    }

    /// The path under the content folder an input is written to, and the bytes written; nil for an empty input.
    public static func place(_ input: [UInt8]) -> (path: String, bytes: [UInt8])? {
        guard let first = input.first else { return nil }
        let bytes = Array(input.dropFirst())
        switch Kind.allCases[Int(first & 7)] {
        case .talentMarkdown: return ("talents/fuzz.md", bytes)
        case .talentJSON: return ("talents/fuzz.json", bytes)
        case .vacancyJSON: return ("vacancies/fuzz.json", bytes)
        case .vacancyMarkdown: return ("vacancies/fuzz.md", bytes)
        case .employerMarkdown: return ("employers/fuzz.md", bytes)
        case .pageMarkdown: return ("pages/fuzz.md", bytes)
        case .translation:
            let originals = ["talents/amal", "vacancies/nurse", "employers/zorg", "pages/about"]
            return (originals[Int(first >> 3) & 3] + ".fr.md", bytes)
        case .yaml: return ((first >> 3) & 1 == 0 ? "site.yml" : "skills.yml", bytes)
        }
    }

    /// Loads the base site with the input placed in it, on one core; the absolute path of the input's file.
    public static func load(_ input: [UInt8]) -> (content: Content, path: String?, bytes: [UInt8]) {
        var files: [String: [UInt8]] = [:]
        for (path, text) in baseFiles { files[root + "/" + path] = Array(text.utf8) }
        let placed = place(input)
        if let placed { files[root + "/" + placed.path] = placed.bytes }
        var loader = ContentLoader(fileSystem: MemoryFileSystem(files))
        loader.cores = 1
        return (loader.load(from: root), placed.map { root + "/" + $0.path }, placed?.bytes ?? [])
    }

    /// What is wrong with a load's result: a file neither loaded, skipped nor reported, or a message that points
    /// outside its file. Empty when all is well.
    public static func problems(content: Content, path: String?, bytes: [UInt8]) -> [String] {
        var problems: [String] = []
        for diagnostic in content.diagnostics.all where diagnostic.location.line < 1 || diagnostic.location.column < 1 {
            problems.append("location before the start of the file: \(diagnostic)")
        }
        guard let path else { return problems }
        let reported = content.diagnostics.all.contains { $0.file == path }
        if path == root + "/site.yml" {
            if content.site == nil && !content.diagnostics.errors.contains(where: { $0.file == path }) {
                problems.append("site.yml was neither read nor reported")
            }
        } else if path != root + "/skills.yml" {  // skills.yml may hold nothing at all
            let loaded = content.talents.contains { $0.source.path == path || $0.translations.values.contains { $0.source.path == path } }
                || content.vacancies.contains { $0.source.path == path || $0.translations.values.contains { $0.source.path == path } }
                || content.employers.contains { $0.source.path == path || $0.translations.values.contains { $0.source.path == path } }
                || content.pages.contains { $0.source.path == path || $0.translations.values.contains { $0.source.path == path } }
            let skipped = content.skipped.contains { $0.path == path }
            if !loaded && !skipped && !reported {
                problems.append("\(path) was neither loaded, skipped nor reported")
            }
        }
        // Messages about the input's file point inside it.
        let lines = TextLines(bytes)
        for diagnostic in content.diagnostics.all where diagnostic.file == path {
            if let problem = lines.problem(at: diagnostic.location) { problems.append("\(problem): \(diagnostic)") }
        }
        return problems
    }
}

/// The lines of a file as the loaders count them (after a byte-order mark, `\r\n` and `\r` ending lines),
/// to check that a location is inside the file.
public struct TextLines {
    /// The length of each line in Unicode scalars (in bytes that do not continue a UTF-8 sequence when the
    /// file is not UTF-8).
    public let lengths: [Int]
    public var count: Int { lengths.count }

    public init(_ bytes: [UInt8]) {
        if let text = try? SourceText.decode(bytes) {
            self.init(text)
            return
        }
        var lengths = [0]
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        var previous: UInt8 = 0
        for byte in body {
            defer { previous = byte }
            if byte == 0x0A && previous == 0x0D { continue }
            if byte == 0x0A || byte == 0x0D {
                lengths.append(0)
            } else if byte & 0xC0 != 0x80 {
                lengths[lengths.count - 1] += 1
            }
        }
        self.init(lengths: lengths)
    }

    public init(_ text: String) {
        self.init(lengths: text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.unicodeScalars.count })
    }

    private init(lengths: [Int]) {
        self.lengths = lengths
    }

    /// Why `location` (shifted by `lineOffset` lines) is not in this text; nil when it is.
    public func problem(at location: SourceLocation, lineOffset: Int = 0) -> String? {
        let line = location.line - lineOffset
        if line < 1 || location.column < 1 { return "location \(location.line):\(location.column) before the start" }
        if line > count { return "location \(location.line):\(location.column) after the last line (\(count + lineOffset))" }
        if location.column > lengths[line - 1] + 1 {
            return "location \(location.line):\(location.column) past the end of its line (\(lengths[line - 1]) characters)"
        }
        return nil
    }
}

/// The readers on their own: the text decoder, the front-matter splitter and the YAML reader of the front matter,
/// and the whole text through the YAML reader and the JSON reader.
public enum FuzzReaders {
    /// What is wrong with reading `input` (a file's bytes): a location outside the text, a split that loses text,
    /// or a JSON document that JSONReader accepts and JSONSerialization refuses. Empty when all is well.
    public static func problems(_ input: [UInt8]) -> [String] {
        var problems: [String] = []
        let text: String
        do {
            text = try SourceText.decode(input)
        } catch {
            if let problem = TextLines(input).problem(at: error.location) { problems.append("SourceText: \(problem)") }
            return problems
        }
        let lines = TextLines(text)
        if text.utf8.contains(UInt8(ascii: "\r")) { problems.append("SourceText kept a carriage return") }

        // The front matter, as the loader reads a Markdown file.
        do {
            let document = try FrontMatterDocument.split(text)
            let all = text.split(separator: "\n", omittingEmptySubsequences: false)
            if let yaml = document.yaml {
                // Line 1 is the opening fence, the line before the body the closing one.
                if document.bodyLine < 3 || document.bodyLine > all.count + 1 {
                    problems.append("the body starts on line \(document.bodyLine) of \(all.count)")
                } else {
                    if all[1..<(document.bodyLine - 2)].joined(separator: "\n") != yaml {
                        problems.append("the front matter is not the lines between the fences")
                    }
                    if all.dropFirst(document.bodyLine - 1).joined(separator: "\n") != document.body {
                        problems.append("the body is not the text from line \(document.bodyLine)")
                    }
                }
                problems += check("front matter", { () throws(SyntaxError) in try YAMLReader.read(yaml, lineOffset: document.yamlLineOffset) }, lines).problems
            } else if document.body != text || document.bodyLine != 1 {
                problems.append("a file without front matter is not all body")
            }
        } catch {
            if let problem = lines.problem(at: error.location) { problems.append("FrontMatterDocument: \(problem)") }
        }

        // The whole text as site.yml and as a JSON profile.
        problems += check("YAML", { () throws(SyntaxError) in try YAMLReader.read(text) }, lines).problems
        let json = check("JSON", { () throws(SyntaxError) in try JSONReader.read(text) }, lines)
        problems += json.problems
        if json.read, (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) == nil {
            problems.append("JSONReader accepts a document that JSONSerialization refuses")
        }
        return problems
    }

    /// Reads with `read` and checks that the error, or every value read, is located inside `lines`.
    private static func check(_ name: String, _ read: () throws(SyntaxError) -> DataNode, _ lines: TextLines) -> (problems: [String], read: Bool) {
        do {
            let node = try read()
            var problems: [String] = []
            func visit(_ node: DataNode) {
                if let problem = lines.problem(at: node.location) { problems.append("\(name) value: \(problem)") }
                switch node.value {
                case let .list(items): items.forEach(visit)
                case let .map(entries):
                    for entry in entries {
                        if let problem = lines.problem(at: entry.keyLocation) { problems.append("\(name) key '\(entry.key)': \(problem)") }
                        visit(entry.value)
                    }
                default: break
                }
            }
            visit(node)
            return (problems, true)
        } catch {
            return (lines.problem(at: error.location).map { ["\(name) error '\(error.message)': \($0)"] } ?? [], false)
        }
    }
}
