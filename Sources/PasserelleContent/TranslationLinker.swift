import PasserelleCore

/// A translation file read in the loader's pass, waiting for its original.
struct PendingTranslation: Equatable {
    /// `talents`, `vacancies`, `employers` or `pages`.
    let folder: String
    /// The original's slug, or for pages its folder path and slug (`news/launch`).
    let key: String
    var translation: Translation
}

/// Attaches translation files to their originals once every file is read, and checks every translation's language.
///
/// A translation into a language the site is not published in is skipped with the reason; one whose original
/// does not exist, or that repeats the original's language or another translation, is an error.
struct TranslationLinker {
    let site: SiteConfig
    /// Folder → slug key → the original's file, as the loader saw them.
    let slugs: [String: [String: String]]
    /// Source path → what the text of an item without `lang:` says of its language, counted when it was read.
    var evidence: [String: LanguageEvidence] = [:]

    func link(_ pending: [PendingTranslation], into content: inout Content) {
        var log = DiagnosticLog()
        let defaultLanguage = site.languages.first ?? "en"
        let talents = index(content.talents.map(\.slug)), vacancies = index(content.vacancies.map(\.slug))
        let employers = index(content.employers.map(\.slug))
        let pageKey = { (page: Page) in page.path.dropLast(page.isIndex ? 0 : 1).joined(separator: "/") + "/" + (page.isIndex ? "index" : page.path.last ?? "") }
        let pages = index(content.pages.map(pageKey))

        // An item without lang: takes the language its text is recognised in, among the site's languages but those
        // it is translated into (its author wrote those); unrecognised, it stays without one (the site's rule).
        var translatedInto: [String: Set<String>] = [:]
        for item in pending { translatedInto[item.folder + "/" + item.key, default: []].insert(item.translation.language) }
        func recognise<Item: Translatable>(_ items: inout [Item], _ folder: String, key: (Item) -> String, texts: (Item) -> [String]) {
            for i in items.indices where items[i].language == nil {
                let taken = translatedInto[folder + "/" + key(items[i]), default: []].union(items[i].translations.keys)
                let found = evidence[items[i].source.path] ?? LanguageEvidence(texts(items[i]))
                items[i].language = LanguageRecognizer(candidates: site.languages.filter { !taken.contains($0) }).recognise(found)
            }
        }
        recognise(&content.talents, "talents", key: \.slug, texts: { [$0.headline, $0.body.text] })
        recognise(&content.vacancies, "vacancies", key: \.slug, texts: { [$0.title, $0.description.text] })
        recognise(&content.employers, "employers", key: \.slug, texts: { [$0.body.text] })
        recognise(&content.pages, "pages", key: pageKey, texts: { [$0.title, $0.summary ?? "", $0.body.text] })

        // Translations written inside JSON originals: their languages are checked here too.
        func checkInline<Item: Translatable>(_ items: inout [Item], path: (Item) -> String) {
            for i in items.indices {
                for language in items[i].translations.keys.sorted() where !site.languages.contains(language) {
                    log.warning(path(items[i]), .start, "the translation into '\(language)' is not published: it is not one of the site's languages",
                                expected: "one of \(site.languages.joined(separator: ", ")) (site.yml languages)")
                    items[i].translations[language] = nil
                }
                if let own = items[i].translations[items[i].language ?? defaultLanguage] {
                    log.warning(own.source.path, .start, "the translation into '\(own.language)' is not used: the original is written in '\(own.language)'",
                                expected: "lang: in the original when it is not in the site's first language")
                    items[i].translations[own.language] = nil
                }
            }
        }
        checkInline(&content.talents, path: \.source.path)
        checkInline(&content.vacancies, path: \.source.path)
        checkInline(&content.employers, path: \.source.path)

        for item in pending {
            let translation = item.translation
            let path = translation.source.path
            guard site.languages.contains(translation.language) else {
                content.skipped.append(SkippedFile(path: path, reason: "translation into '\(translation.language)', not one of the site's languages (site.yml languages)"))
                continue
            }
            func attach<Item: Translatable>(_ items: inout [Item], _ positions: [String: Int]) {
                guard let position = positions[item.key] else {
                    if let original = slugs[item.folder]?[item.key] {
                        // The original's errors were reported already.
                        content.skipped.append(SkippedFile(path: path, reason: "translation of a file with errors (\(original))"))
                    } else {
                        log.error(path, .start, "this translation has no original: \(item.folder)/\(item.key) does not exist",
                                  expected: "the original file beside it, e.g. \(item.folder)/\(item.key).md")
                    }
                    return
                }
                if translation.language == (items[position].language ?? defaultLanguage) {
                    log.warning(path, .start, "this translation is not used: its original is written in '\(translation.language)' too",
                                expected: "lang: in the original when it is not in the site's first language")
                    content.skipped.append(SkippedFile(path: path, reason: "translation not used (its original is written in '\(translation.language)' too)"))
                } else if let other = items[position].translations[translation.language] {
                    log.error(path, .start, "the original already has a '\(translation.language)' translation in \(other.source.path)",
                              expected: "one translation per language")
                } else {
                    items[position].translations[translation.language] = translation
                }
            }
            switch item.folder {
            case "talents": attach(&content.talents, talents)
            case "vacancies": attach(&content.vacancies, vacancies)
            case "employers": attach(&content.employers, employers)
            default: attach(&content.pages, pages)
            }
        }
        content.diagnostics.append(contentsOf: log)
    }

    private func index(_ keys: [String]) -> [String: Int] {
        Dictionary(keys.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
    }
}
