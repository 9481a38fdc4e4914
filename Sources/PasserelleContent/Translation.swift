import PasserelleCore

/// A translation of an item's text into another of the site's languages: `<slug>.fr.md` beside the original,
/// or `translations: {fr: {...}}` inside a JSON original.
///
/// Only text is translated (a talent's headline, a vacancy's title, a page's title and summary, and the body);
/// everything else (skills, dates, places) is the original's. A key left out falls back to the original.
public struct Translation: Sendable, Equatable {
    /// ISO 639-1 code of the translation.
    public var language: String
    public var source: SourceFile
    /// Translated values by key: `headline`, `title`, `summary`, `name`.
    public var texts: [String: String]
    /// The translated body (a vacancy's description); nil falls back to the original's.
    public var body: MarkdownSource?
    /// The same whenever the translation is: its file's bytes, or for one inside a JSON original, that file's.
    public var fingerprint = Fingerprint(high: 0, low: 0)

    public init(language: String, source: SourceFile, texts: [String: String], body: MarkdownSource?) {
        self.language = language
        self.source = source
        self.texts = texts
        self.body = body
    }

    /// The keys a translation may give, per folder; `body` stands for the Markdown body (`description` in a JSON vacancy).
    public static let translatableKeys: [String: [String]] = [
        "talents": ["headline"], "vacancies": ["title"], "employers": ["name"], "pages": ["title", "summary"],
    ]
}

/// Something written in one language that may have translations.
public protocol Translatable {
    /// The language the item is written in: `lang:`, or else the one recognised from its text once loaded
    /// (`LanguageRecognizer`); nil when neither says, which means the site's first language.
    var language: String? { get set }
    var translations: [String: Translation] { get set }
    /// The file the item was read from.
    var source: SourceFile { get }
    /// The Markdown text a translation's body replaces.
    var body: MarkdownSource { get set }
    /// Takes a translation's texts (`Translation.translatableKeys` of its folder).
    mutating func take(_ texts: [String: String])
}

extension Talent: Translatable {
    public mutating func take(_ texts: [String: String]) { self.headline = texts["headline"] ?? self.headline }
}

extension Vacancy: Translatable {
    public var body: MarkdownSource {
        get { description }
        set { description = newValue }
    }
    public mutating func take(_ texts: [String: String]) { title = texts["title"] ?? title }
}

extension Employer: Translatable {
    public mutating func take(_ texts: [String: String]) { name = texts["name"] ?? name }
}

extension Page: Translatable {
    public mutating func take(_ texts: [String: String]) {
        title = texts["title"] ?? title
        summary = texts["summary"] ?? summary
    }
}

/// One platform per destination market: site.yml `markets:`.
///
/// A market lists only the vacancies in its countries and the talents whose mobility includes one of them,
/// and is read in its own languages (the first at its root).
public struct Market: Sendable, Hashable {
    /// The folder under the output (`be`): a slug.
    public var slug: String
    /// Shown on the page that lists the markets; the country names when absent.
    public var name: String?
    /// ISO 3166 alpha-2 codes.
    public var countries: [String]
    /// ISO 639-1 codes, the market's default first; all of them are among the site's languages.
    public var languages: [String]

    public init(slug: String, name: String?, countries: [String], languages: [String]) {
        self.slug = slug
        self.name = name
        self.countries = countries
        self.languages = languages
    }
}

extension Fields {
    /// `lang:`: the language the item is written in; nil when absent.
    public func writtenIn(_ key: String = "lang") -> String? {
        guard node[key] != nil else {
            accept(key)
            return nil
        }
        return languageCode(key)
    }

    /// The translated texts given among `keys`.
    func texts(_ keys: [String]) -> [String: String] {
        var texts: [String: String] = [:]
        for key in keys {
            if let text = string(key) { texts[key] = text }
        }
        return texts
    }

    /// `translations: {fr: {headline: ..., body: ...}}` in a JSON original. `bodyKey` is the key of the body text.
    func translations(textKeys: [String], bodyKey: String, source: SourceFile) -> [String: Translation] {
        let expected = "languages with their translated keys, e.g. {\"fr\": {\"\(textKeys[0])\": \"...\", \"\(bodyKey)\": \"...\"}}"
        guard let value = value("translations", expected: expected) else { return [:] }
        guard let entries = value.entries else {
            error(value.location, "'\(prefix)translations' is \(value.kindName)", expected: expected)
            return [:]
        }
        var result: [String: Translation] = [:]
        for entry in entries {
            guard Codes.languages.contains(entry.key) else {
                error(entry.keyLocation, "'\(entry.key)' is not a language code", expected: "an ISO 639-1 code such as fr, nl, ar")
                continue
            }
            guard let fields = object(of: entry.value, key: "translations", name: entry.key, expected: "{\(textKeys.joined(separator: ", ")), \(bodyKey)}") else { continue }
            let texts = fields.texts(textKeys)
            var body: MarkdownSource?
            if let bodyValue = fields.value(bodyKey, expected: "Markdown text"), let text = fields.text(of: bodyValue, key: bodyKey, expected: "Markdown text") {
                let read = MarkdownSource(jsonString: text, at: bodyValue.location)
                fields.refuseControlReferences(in: read)
                body = read
            }
            fields.finish()
            result[entry.key] = Translation(language: entry.key, source: source,
                                            texts: texts, body: body)
        }
        return result
    }
}

/// Reads a translation file (`<slug>.fr.md`): the translatable keys of its kind, and the body.
enum TranslationDecoder {
    static func decode(_ fields: Fields, language: String, keys: [String], source: SourceFile, body: MarkdownSource) -> Translation {
        defer { fields.finish() }
        let texts = fields.texts(keys)
        for entry in fields.node.entries ?? [] where !keys.contains(entry.key) {
            fields.accept(entry.key)
            fields.warning(entry.keyLocation, "'\(entry.key)' is not translated: the original's value is used",
                           expected: "only \((keys + ["the body"]).joined(separator: ", ")) in a translation")
        }
        var located = body
        located.file = source.path
        return Translation(language: language, source: source, texts: texts, body: body.text.trimmed.isEmpty ? nil : located)
    }
}
