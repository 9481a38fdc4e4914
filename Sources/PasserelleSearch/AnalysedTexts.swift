import Foundation
import PasserelleCore

/// The terms of texts analysed during one build, shared by its indexes (one per language and market): a text
/// shown untranslated in every language is cut into terms once, and each distinct word is stemmed once.
/// Texts are known by their fingerprint (`SearchDocument.Field.textFingerprint`), which the document's own
/// fingerprint is made from too, so that a text is read once to be looked up.
public final class AnalysedTexts: @unchecked Sendable {
    private var terms: [Fingerprint: [String]] = [:]
    /// Term (or nil) of each raw word, by language.
    private var words: [String: [String: String?]] = [:]
    private let lock = NSLock()

    public init() {}

    func terms(of text: Fingerprint) -> [String]? {
        lock.lock()
        defer { lock.unlock() }
        return terms[text]
    }

    func store(_ list: [String], of text: Fingerprint) {
        lock.lock()
        terms[text] = list
        lock.unlock()
    }

    /// An analyzer that knows every word analysed so far in `language`.
    func analyzer(for language: String) -> TermAnalyzer {
        lock.lock()
        defer { lock.unlock() }
        return TermAnalyzer(language: language, known: words[language] ?? [:])
    }

    /// Remembers the words `analyzer` analysed, for the analyzers handed out next.
    func keep(_ analyzer: TermAnalyzer) {
        lock.lock()
        words[analyzer.language, default: [:]].merge(analyzer.added) { old, _ in old }
        lock.unlock()
    }
}

struct TermAnalyzer {
    let language: String
    private var memo: [String: String?]
    /// The words analysed by this analyzer (not known when it was made).
    private(set) var added: [String: String?] = [:]
    /// Raw word → its `Word` entry, nil when its term is the word itself: each distinct word is folded once.
    private var entries: [String: String?] = [:]

    init(language: String, known: [String: String?] = [:]) {
        self.language = language
        self.memo = known
    }

    /// Terms of a text; each distinct raw word is cleaned, stemmed and folded once. With `words`, each word whose
    /// term is not the word itself (folded) also gives a `Word.mark`ed entry, `word<mark>term`: the index ships
    /// these so that the browser looks a query word up instead of stemming it.
    mutating func terms(_ text: String, words: Bool = false) -> [String] {
        var terms: [String] = []
        for raw in Tokenizer.rawWords(text) {
            let term: String?
            if let known = memo[raw] {
                term = known
            } else {
                term = Tokenizer.clean(raw).map { Tokenizer.fold(Stemmer.stem($0, language: language)) }
                memo[raw] = term
                added[raw] = term
            }
            guard let term else { continue }
            terms.append(term)
            guard words else { continue }
            if let known = entries[raw] {
                if let entry = known { terms.append(entry) }
                continue
            }
            let entry = Tokenizer.clean(raw).map(Tokenizer.fold).flatMap { $0 == term ? nil : Word.entry($0, term) }
            entries[raw] = entry
            if let entry { terms.append(entry) }
        }
        return terms
    }
}

/// A word of a document and the term it gave, kept with the document's terms (weight 0) so that kept postings
/// carry them too; the index gathers them into each shard's word list.
enum Word {
    static let mark: Character = "\u{1}"

    static func entry(_ word: String, _ term: String) -> String { word + String(mark) + term }

    /// Whether a term is an entry: a byte scan (no term has the mark).
    static func isEntry(_ term: String) -> Bool { term.utf8.contains(1) }

    /// The word and its term, for an entry; nil for a term.
    static func split(_ entry: String) -> (word: String, term: String)? {
        guard let mark = entry.firstIndex(of: Self.mark) else { return nil }
        return (String(entry[..<mark]), String(entry[entry.index(after: mark)...]))
    }
}
