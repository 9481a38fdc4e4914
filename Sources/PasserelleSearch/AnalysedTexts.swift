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

    init(language: String, known: [String: String?] = [:]) {
        self.language = language
        self.memo = known
    }

    /// Terms of a text; each distinct raw word is cleaned, folded and stemmed once.
    mutating func terms(_ text: String) -> [String] {
        var terms: [String] = []
        for raw in Tokenizer.rawWords(text) {
            if let known = memo[raw] {
                if let term = known { terms.append(term) }
                continue
            }
            let term = Tokenizer.clean(raw).map { Stemmer.stem(Tokenizer.fold($0), language: language) }
            memo[raw] = term
            added[raw] = term
            if let term { terms.append(term) }
        }
        return terms
    }
}
