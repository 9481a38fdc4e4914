import Foundation
import PasserelleCore
import PasserelleTemplates

/// A theme ready to render: its templates (with the default theme's as fallback), its assets and its UI strings.
///
/// Layout of a theme folder:
/// - `templates/*.mustache`: one template per page kind (`home`, `talent`...), and `base`, the layout they inherit;
/// - `partials/*.mustache`: pieces the templates include with `{{> name}}`;
/// - `assets/`: CSS, scripts and images, copied to `/assets/` in the site;
/// - `i18n/<language>.yml`: the UI strings, one flat `key: text` mapping per language.
public struct Theme: Sendable {
    public let name: String
    public let language: String
    public let strings: UIStrings
    /// Files to copy: path in the site under `assets/` → file to read.
    public let assets: [String: String]
    let library: TemplateLibrary
    let templateNames: Set<String>
    /// Template name → fingerprint of its text and of every partial and parent it uses, with this language's strings.
    let fingerprints: [String: Fingerprint]

    public func hasTemplate(_ name: String) -> Bool { templateNames.contains(name) }

    /// Changes when the template, a partial or parent it includes, or the UI strings change: a page rendered
    /// with the same fingerprint and view model is the same page.
    public func fingerprint(of template: String) -> Fingerprint? { fingerprints[template] }

    /// Renders a page template with a view model; nil when the theme has no such template.
    public func render(_ template: String, _ viewModel: some TemplateObject) -> String? {
        library.render(template, viewModel.templateValue)
    }

    /// Renders a page template as UTF-8 bytes, ready to be written; nil when the theme has no such template.
    public func renderBytes(_ template: String, _ viewModel: some TemplateObject) -> [UInt8]? {
        library.renderBytes(template, viewModel.templateValue)
    }
}

/// The UI strings of one language, from the theme's `i18n/<language>.yml`.
public struct UIStrings: Sendable, TemplateObject {
    public let language: String
    public let values: [String: String]
    /// The strings with `{name}` placeholders, cut at them once, so that filling one in scans nothing.
    private let pieces: [String: [Piece]]

    /// A run of text as written, or a placeholder's name.
    private enum Piece: Sendable {
        case text(String)
        case placeholder(String)
    }

    public init(language: String, values: [String: String]) {
        self.language = language
        self.values = values
        pieces = values.compactMapValues(Self.cut)
    }

    /// The string for `key`, with `{name}` placeholders filled in; the key itself when missing. The arguments are
    /// a short list searched in order, so that filling in a string hashes nothing.
    public func text(_ key: String, _ arguments: KeyValuePairs<String, String> = [:]) -> String {
        guard !arguments.isEmpty else { return values[key] ?? key }
        guard let pieces = pieces[key] else {
            return values[key] ?? Self.cut(key).map { Self.fill($0, arguments) } ?? key
        }
        return Self.fill(pieces, arguments)
    }

    /// `{name}` replaced by its argument; a placeholder without one is kept as written.
    private static func fill(_ pieces: [Piece], _ arguments: KeyValuePairs<String, String>) -> String {
        var result = ""
        result.reserveCapacity(64)
        for piece in pieces {
            switch piece {
            case let .text(text): result += text
            case let .placeholder(name):
                if let value = arguments.first(where: { $0.key == name })?.value { result += value } else { result += "{\(name)}" }
            }
        }
        return result
    }

    /// The text cut at its placeholders: `{` to the next `}`; a `{` with no `}` after it is text. Nil when it has none.
    private static func cut(_ text: String) -> [Piece]? {
        guard text.utf8.contains(UInt8(ascii: "{")) else { return nil }
        var pieces: [Piece] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { pieces.append(.text(String(rest[..<open]))) }
            pieces.append(.placeholder(String(rest[rest.index(after: open)..<close])))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        return pieces.contains { if case .placeholder = $0 { true } else { false } } ? pieces : nil
    }

    /// Picks `key_one` or `key_other` by count, then fills `{count}`.
    public func plural(_ key: String, count: Int) -> String {
        let variant = count == 1 ? "\(key)_one" : "\(key)_other"
        return text(values[variant] != nil ? variant : key, ["count": String(count)])
    }

    /// `{{t.key}}` in templates.
    public func value(forKey key: String) -> TemplateValue { values[key].map(TemplateValue.string) ?? .null }

    public func field(_ path: ArraySlice<String>) -> TemplateValue? {
        guard let key = path.first else { return .object(self) }
        guard let text = values[key] else { return nil }
        return path.count == 1 ? .string(text) : .null
    }

    /// `t` or `t.key` read from a view model: no copy of the strings is made.
    public func value(at path: ArraySlice<String>) -> TemplateValue { path.isEmpty ? .object(self) : field(path) ?? .null }
}

/// Reads themes from a Themes/ folder.
public struct ThemeLoader {
    public static let defaultTheme = "default"
    /// The language whose strings stand in for missing ones.
    public static let fallbackLanguage = "en"
    /// A tag alone on a template's first line keeps its line break, as it always has for themes: their pages stay as they were.
    static let firstLineStandalone = false
    let fileSystem: any FileSystem
    /// The reader of `i18n/<language>.yml`: the content's YAML reader, so that UI strings read as content does.
    let readStringsFile: StringsFileReader

    public init(fileSystem: any FileSystem = LocalFileSystem(), readStrings: @escaping StringsFileReader) {
        self.fileSystem = fileSystem
        self.readStringsFile = readStrings
    }

    /// Loads `name` once for every language: its templates and assets, falling back to the default theme's for
    /// those it lacks, are read and compiled once; its UI strings are read per language. Nil when it cannot be used.
    public func load(themes: String, name: String, languages: [String], requiredTemplates: [String],
                     diagnostics: inout DiagnosticLog, reportAt site: (file: String, location: SourceLocation)) -> [String: Theme]? {
        let defaultFolder = joinPath(themes, Self.defaultTheme)
        let themeFolder = joinPath(themes, name)
        guard fileSystem.directoryExists(themeFolder) else {
            diagnostics.error(site.file, site.location, "theme '\(name)' is not in \(themes)", expected: "a folder \(themeFolder)")
            return nil
        }
        let layers = name == Self.defaultTheme || !fileSystem.directoryExists(defaultFolder) ? [themeFolder] : [defaultFolder, themeFolder]

        var sources: [String: String] = [:]      // template name → file
        var assets: [String: String] = [:]
        for folder in layers {
            for file in (try? fileSystem.listFiles(under: folder)) ?? [] where !file.isDirectory {
                let path = file.relativePath
                let full = joinPath(folder, path)
                if (path.hasPrefix("templates/") || path.hasPrefix("partials/")) && path.hasSuffix(".mustache") {
                    let base = String(path.split(separator: "/").last!.dropLast(".mustache".count))
                    sources[base] = full
                } else if path.hasPrefix("assets/") {
                    if path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
                    assets[path] = full
                }
            }
        }
        var texts: [String: String] = [:]
        guard let library = compile(sources, requiredTemplates: requiredTemplates, themeFolder: themeFolder, texts: &texts, diagnostics: &diagnostics) else { return nil }
        let templates = TemplateDependencies(texts: texts)
        var english: [String: String]?
        var result: [String: Theme] = [:]
        for language in languages {
            let strings = self.strings(language, name: name, layers: layers, themeFolder: themeFolder, english: &english, diagnostics: &diagnostics)
            var stringsHasher = StableHasher()
            for (key, value) in strings.sorted(by: { $0.key < $1.key }) {
                stringsHasher.combine(key)
                stringsHasher.combine(value)
            }
            let stringsFingerprint = stringsHasher.finalize()
            let fingerprints = templates.fingerprints.mapValues { template in
                var hasher = StableHasher()
                hasher.combine(template)
                hasher.combine(stringsFingerprint)
                return hasher.finalize()
            }
            result[language] = Theme(name: name, language: language, strings: UIStrings(language: language, values: strings),
                                     assets: assets, library: library, templateNames: Set(sources.keys), fingerprints: fingerprints)
        }
        return result
    }

    /// The UI strings of one language: each layer's file, then English for the keys none of them gives, with warnings.
    /// `english` is read once, the first time a language needs it.
    private func strings(_ language: String, name: String, layers: [String], themeFolder: String, english: inout [String: String]?,
                         diagnostics: inout DiagnosticLog) -> [String: String] {
        var strings: [String: String] = [:]
        var stringsFile: [String: String] = [:]  // key → file it came from
        for folder in layers {
            let stringsPath = joinPath(folder, "i18n/\(language).yml")
            if fileSystem.fileExists(stringsPath) {
                for (key, value) in readStrings(stringsPath, diagnostics: &diagnostics) {
                    strings[key] = value
                    stringsFile[key] = stringsPath
                }
            } else if folder == themeFolder {
                diagnostics.warning(stringsPath, .start, "the theme has no UI strings for '\(language)'; English is used",
                                    expected: "a file i18n/\(language).yml")
            }
        }
        // Keys no file gives in the site's language are taken from English, so no page shows a raw key.
        if language != Self.fallbackLanguage {
            if english == nil {
                var read: [String: String] = [:]
                for folder in layers where fileSystem.fileExists(joinPath(folder, "i18n/\(Self.fallbackLanguage).yml")) {
                    read.merge(readStrings(joinPath(folder, "i18n/\(Self.fallbackLanguage).yml"), diagnostics: &diagnostics)) { $1 }
                }
                english = read
            }
            let fallback = english ?? [:]
            let missing = Set(fallback.keys).subtracting(strings.keys)
            if !missing.isEmpty && !stringsFile.isEmpty {
                diagnostics.warning(joinPath(themeFolder, "i18n/\(language).yml"), .start,
                                    "\(missing.count) UI strings are missing in '\(language)'; English is used for them: \(missing.sorted().prefix(5).joined(separator: ", "))\(missing.count > 5 ? "..." : "")")
            }
            for key in missing { strings[key] = fallback[key] }
        }
        if name != Self.defaultTheme {
            let ownFile = joinPath(themeFolder, "i18n/\(language).yml")
            let own = Set(stringsFile.filter { $0.value == ownFile }.keys)
            let borrowed = Set(strings.keys).subtracting(own).sorted()
            if !own.isEmpty && !borrowed.isEmpty {
                diagnostics.warning(ownFile, .start, "\(borrowed.count) UI strings are missing; the default theme's are used: \(borrowed.prefix(5).joined(separator: ", "))\(borrowed.count > 5 ? "..." : "")")
            }
        }
        return strings
    }

    /// Every template and partial compiled into one library; nil (with located errors) when one cannot be.
    private func compile(_ sources: [String: String], requiredTemplates: [String], themeFolder: String,
                         texts: inout [String: String], diagnostics: inout DiagnosticLog) -> TemplateLibrary? {
        var parsed: [String: TemplateLibrary.Parsed] = [:]
        var failed = false
        for (templateName, file) in sources.sorted(by: { $0.key < $1.key }) {
            guard let bytes = try? fileSystem.readFile(file), let text = String(validating: bytes, as: UTF8.self) else {
                diagnostics.error(file, .start, "the template cannot be read as UTF-8 text")
                failed = true
                continue
            }
            texts[templateName] = text
            do {
                parsed[templateName] = try TemplateLibrary.Parsed(text, firstLineStandalone: Self.firstLineStandalone)
            } catch {
                diagnostics.error(file, SourceLocation(line: error.line, column: error.column),
                                  "template syntax: \(error.message)", expected: "valid Mustache")
                failed = true
            }
        }
        for required in requiredTemplates where sources[required] == nil {
            diagnostics.error(themeFolder, .start, "the theme has no template '\(required)'", expected: "templates/\(required).mustache here or in the default theme")
            failed = true
        }
        return failed ? nil : TemplateLibrary(parsed)
    }

    private func readStrings(_ path: String, diagnostics: inout DiagnosticLog) -> [String: String] {
        do {
            let bytes = try fileSystem.readFile(path)
            var result: [String: String] = [:]
            for entry in try readStringsFile(bytes) {
                if let text = entry.text { result[entry.key] = text }
                else { diagnostics.error(path, entry.location, "UI string '\(entry.key)' is \(entry.kindName)", expected: "text") }
            }
            return result
        } catch let error as SyntaxError {
            diagnostics.error(path, error.location, error.message, expected: error.expected)
        } catch {
            diagnostics.error(path, .start, "the file cannot be read")
        }
        return [:]
    }

}

/// Which templates each template uses (`{{> partial}}`, `{{< parent}}`), so that a page's fingerprint covers
/// every template text it is rendered from, and an edit to one template re-renders only the pages that use it.
struct TemplateDependencies {
    /// Template name → fingerprint of the texts of the template and of everything it uses, transitively.
    let fingerprints: [String: Fingerprint]

    init(texts: [String: String]) {
        // A template that changes its delimiters or names a partial dynamically (`{{> *name}}`) may use any other.
        var uses: [String: Set<String>] = [:]
        for (name, text) in texts { uses[name] = Self.references(in: text) }
        let opaque = texts.values.contains { $0.contains("{{=") } || uses.values.contains { $0.contains { $0.hasPrefix("*") } }
        if opaque { for name in texts.keys { uses[name] = Set(texts.keys) } }
        var fingerprints: [String: Fingerprint] = [:]
        for name in texts.keys {
            var seen: Set<String> = [name]
            var queue = [name]
            while let next = queue.popLast() {
                for used in uses[next] ?? [] where seen.insert(used).inserted { queue.append(used) }
            }
            var hasher = StableHasher()
            for used in seen.sorted() {
                hasher.combine(used)
                hasher.combine(texts[used] ?? "")
            }
            fingerprints[name] = hasher.finalize()
        }
        self.fingerprints = fingerprints
    }

    /// The names after `{{>` and `{{<`, with spaces and line breaks around them skipped as the template parser
    /// does; a dynamic name keeps its `*`.
    static func references(in text: String) -> Set<String> {
        var names = Set<String>()
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            guard let sigil = rest.first, sigil == ">" || sigil == "<" else { continue }
            guard let close = rest.range(of: "}}") else { break }
            let name = rest[rest.index(after: rest.startIndex)..<close.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
            if !name.isEmpty { names.insert(name) }
            rest = rest[close.upperBound...]
        }
        return names
    }
}
