import CStemmer
import Foundation

/// The search's stemmers: Snowball's own algorithms (libstemmer, the Snowball project's C library), for every
/// language Snowball has (Arabic, Dutch, English, French, German, Spanish and twenty-odd more).
///
/// The browser does not stem: each index ships, beside its terms, the terms every word of its documents gave
/// (`SearchIndexBuilder`'s word lists), so that a query word is looked up rather than stemmed again, and the
/// index and the query can never disagree.
public enum Stemmer {
    /// Stems one cleaned, lower-case word (`Tokenizer.clean`) as Snowball does, accents and all; the term is its
    /// stem folded (`Tokenizer.fold`). Words with Arabic letters use the Arabic stemmer whatever the language;
    /// otherwise the primary subtag of `language` chooses ("fr-BE" is French); a language Snowball does not have
    /// leaves the word as it is. Words shorter than three characters, or with a digit, are never stemmed.
    public static func stem(_ word: String, language: String) -> String {
        var letters = 0
        var arabic = false
        for scalar in word.unicodeScalars {
            if scalar.properties.generalCategory == .decimalNumber { return word }
            if isArabicLetter(scalar) { arabic = true }
            letters += 1
        }
        if letters < 3 { return word }
        let code = arabic ? "ar" : String(language.lowercased().prefix(while: { $0 != "-" && $0 != "_" }))
        return StemmerSet.current.stem(word, code: code)
    }

    /// Whether Snowball has a stemmer for this ISO 639-1 code.
    public static func hasStemmer(_ language: String) -> Bool { StemmerSet.current.stemmer(language) != nil }

    static func isArabicLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0620...0x064A, 0x066E...0x06D5, 0x06EE...0x06EF, 0x06FA...0x06FF: return true
        default: return false
        }
    }
}

/// One thread's Snowball stemmers, by language: a libstemmer stemmer keeps state between calls, so each thread
/// has its own, made when first needed and freed with the thread.
final class StemmerSet {
    private var stemmers: [String: OpaquePointer?] = [:]
    private static let key = "passerelle.snowball-stemmers"

    static var current: StemmerSet {
        let dictionary = Thread.current.threadDictionary
        if let set = dictionary[key] as? StemmerSet { return set }
        let set = StemmerSet()
        dictionary[key] = set
        return set
    }

    func stemmer(_ code: String) -> OpaquePointer? {
        if let known = stemmers[code] { return known }
        let made = code.isEmpty ? nil : sb_stemmer_new(code, "UTF_8")
        stemmers[code] = made
        return made
    }

    func stem(_ word: String, code: String) -> String {
        guard let stemmer = stemmer(code) else { return word }
        var utf8 = Array(word.utf8)
        guard let stemmed = sb_stemmer_stem(stemmer, &utf8, Int32(utf8.count)) else { return word }
        let length = Int(sb_stemmer_length(stemmer))
        return String(decoding: UnsafeBufferPointer(start: stemmed, count: length), as: UTF8.self)
    }

    deinit {
        for case let stemmer? in stemmers.values { sb_stemmer_delete(stemmer) }
    }
}
