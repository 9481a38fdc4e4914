import PasserelleCore

extension ContentLoader.ParsedItem {
    /// The file the item was read from.
    var path: String? {
        switch self {
        case let .talent(item): return item.source.path
        case let .vacancy(item): return item.source.path
        case let .employer(item): return item.source.path
        case let .page(item): return item.source.path
        case let .translation(item): return item.translation.source.path
        case .none: return nil
        }
    }

    /// Gives the item the fingerprint of its file, and each translation written inside it one of its own.
    mutating func setFingerprint(_ fingerprint: Fingerprint) {
        func inline(_ translations: inout [String: Translation]) {
            for language in translations.keys {
                var hasher = StableHasher()
                hasher.combine(fingerprint)
                hasher.combine(language)
                translations[language]?.fingerprint = hasher.finalize()
            }
        }
        switch self {
        case var .talent(item): item.fingerprint = fingerprint; inline(&item.translations); self = .talent(item)
        case var .vacancy(item): item.fingerprint = fingerprint; inline(&item.translations); self = .vacancy(item)
        case var .employer(item): item.fingerprint = fingerprint; inline(&item.translations); self = .employer(item)
        case var .page(item): item.fingerprint = fingerprint; inline(&item.translations); self = .page(item)
        case var .translation(item): item.translation.fingerprint = fingerprint; self = .translation(item)
        case .none: break
        }
    }

    /// What the item's text says of its language, counted only for an item without `lang:` (the texts
    /// `TranslationLinker` recognises a language from).
    var languageEvidence: LanguageEvidence? {
        switch self {
        case let .talent(item) where item.language == nil: return LanguageEvidence([item.headline, item.body.text])
        case let .vacancy(item) where item.language == nil: return LanguageEvidence([item.title, item.description.text])
        case let .employer(item) where item.language == nil: return LanguageEvidence([item.body.text])
        case let .page(item) where item.language == nil: return LanguageEvidence([item.title, item.summary ?? "", item.body.text])
        default: return nil
        }
    }
}

extension ContentLoader.ParseOutcome {
    /// The outcome as the bytes the build cache keeps.
    func encoded() -> [UInt8] {
        var writer = ByteWriter()
        switch item {
        case .none: writer.int(0)
        case let .talent(talent): writer.int(1); writer.talent(talent)
        case let .vacancy(vacancy): writer.int(2); writer.vacancy(vacancy)
        case let .employer(employer): writer.int(3); writer.employer(employer)
        case let .page(page): writer.int(4); writer.page(page)
        case let .translation(pending):
            writer.int(5)
            writer.string(pending.folder)
            writer.string(pending.key)
            writer.translation(pending.translation)
        }
        writer.diagnostics(diagnostics)
        writer.mediaReferences(media)
        writer.optional(evidence) { $0.evidence($1) }
        return writer.bytes
    }

    init(decoding bytes: ArraySlice<UInt8>) throws(Damaged) {
        var reader = ByteReader(bytes)
        let item: ContentLoader.ParsedItem
        switch try reader.int() {
        case 0: item = .none
        case 1: item = .talent(try reader.talent())
        case 2: item = .vacancy(try reader.vacancy())
        case 3: item = .employer(try reader.employer())
        case 4: item = .page(try reader.page())
        case 5: item = .translation(PendingTranslation(folder: try reader.string(), key: try reader.string(), translation: try reader.translation()))
        default: throw Damaged()
        }
        self.init(item: item, diagnostics: try reader.diagnostics(), media: try reader.mediaReferences(),
                  evidence: try reader.optional { reader throws(Damaged) in try reader.evidence() })
        guard reader.atEnd else { throw Damaged() }
    }
}

extension ParsedSource {
    /// The outcome kept, when its bytes are whole.
    func outcome() -> ContentLoader.ParseOutcome? {
        if let check, Fingerprint.of(bytes: record) != check { return nil }
        return try? ContentLoader.ParseOutcome(decoding: record)
    }
}

/// Every item's `fingerprint` once the checks across files are done: the same whenever the item is. It is made of
/// the item's file (its path and bytes, and the `private:` keys of site.yml, which decide what is kept of it), of
/// what the checks across files changed (the language recognised, a photo, logo or image dropped when it is not
/// an image under media/) and of the fingerprint of each translation attached (its own file's, or for one written
/// inside a JSON original, the original's and its language). Later stages compare it to tell what changed.
enum ContentFingerprints {
    static func seal(_ content: inout Content) {
        func seal<Item: Translatable>(_ items: inout [Item], media: (Item) -> String?, fingerprint: WritableKeyPath<Item, Fingerprint>) {
            for index in items.indices {
                var hasher = StableHasher()
                hasher.combine(items[index][keyPath: fingerprint])
                hasher.combine(items[index].language ?? "")
                hasher.combine(media(items[index]).map { "+" + $0 } ?? "-")
                for (language, translation) in items[index].translations.sorted(by: { $0.key < $1.key }) {
                    hasher.combine(language)
                    hasher.combine(translation.fingerprint)
                }
                items[index][keyPath: fingerprint] = hasher.finalize()
            }
        }
        seal(&content.talents, media: \.photo, fingerprint: \.fingerprint)
        seal(&content.vacancies, media: { _ in nil }, fingerprint: \.fingerprint)
        seal(&content.employers, media: \.logo, fingerprint: \.fingerprint)
        seal(&content.pages, media: \.image, fingerprint: \.fingerprint)
    }
}
