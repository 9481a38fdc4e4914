/// Recognises the language a text is written in, among a site's languages, for items written without `lang:`.
///
/// Small and deterministic: Arabic by its script; English, French and Dutch by how often their most frequent
/// little words (articles, pronouns, prepositions, auxiliaries) occur. Only a word that one of these languages alone
/// uses counts as evidence: "de", "en" and "je" (Dutch and French) or "in" and "is" (Dutch and English) say nothing,
/// whichever languages the site has, so that a French text on an English and Dutch site is not taken for Dutch.
/// A language is recognised when it has at least `minimumEvidence` such words, at least `dominance` times as many as
/// the next language, and is one of the candidates; otherwise (too little text, a tie, a mixed text, a language the
/// site is not written in) the answer is nil and the caller keeps its own rule.
public struct LanguageRecognizer: Sendable {
    /// The languages a text may be in, in the site's order.
    public let candidates: [String]

    /// Words of one language alone needed before that language is recognised.
    public static let minimumEvidence = 3
    /// How many times the next language's words the recognised language needs.
    public static let dominance = 2
    /// Letters of the Arabic script needed before a text is recognised as Arabic (a dozen words' worth).
    public static let minimumArabicLetters = 20

    /// The frequent little words of each language the recogniser knows by its words (lower case).
    public static let functionWords: [String: Set<String>] = [
        "en": [
            "the", "and", "of", "to", "with", "is", "in", "for", "a", "an", "on", "at", "by", "from", "as", "that",
            "this", "which", "who", "are", "was", "were", "be", "been", "have", "has", "had", "i", "my", "me", "am",
            "we", "our", "you", "your", "it", "its", "they", "their", "he", "she", "his", "her", "not", "or", "but",
            "also", "will", "would", "can", "into", "about", "since", "while", "than", "more", "these", "those",
            "when", "where", "such", "both",
        ],
        "fr": [
            "le", "la", "les", "et", "des", "est", "une", "un", "pour", "avec", "dans", "du", "de", "au", "aux", "en",
            "sur", "par", "qui", "que", "qu", "ne", "pas", "plus", "je", "j", "l", "d", "mon", "ma", "mes", "nous",
            "notre", "nos", "vous", "votre", "vos", "il", "elle", "ils", "elles", "son", "sa", "ses", "leur", "leurs",
            "ce", "cette", "ces", "sont", "été", "être", "ai", "suis", "depuis", "chez", "entre", "où", "mais", "ou",
            "aussi", "comme", "très",
        ],
        "nl": [
            "de", "het", "een", "en", "van", "is", "met", "voor", "niet", "ook", "zijn", "in", "op", "te", "dat",
            "die", "dit", "deze", "aan", "bij", "als", "om", "naar", "door", "uit", "over", "tot", "wordt", "worden",
            "werd", "heb", "heeft", "hebben", "ben", "ik", "mijn", "wij", "we", "ons", "onze", "je", "jij", "uw",
            "hij", "zij", "ze", "haar", "hun", "er", "maar", "of", "nog", "al", "kan", "wil", "sinds", "waar", "graag",
        ],
    ]

    /// Word → the one language of `functionWords` that uses it; words of two languages are left out.
    static let owners: [String: String] = {
        var owner: [String: String] = [:]
        var shared: Set<String> = []
        for (language, words) in functionWords {
            for word in words where !shared.contains(word) {
                if owner[word] == nil { owner[word] = language } else { owner[word] = nil; shared.insert(word) }
            }
        }
        return owner
    }()

    public init(candidates: [String]) {
        self.candidates = candidates
    }

    /// The language of `texts` read as one text (a headline, a body...), or nil when the evidence is too thin or tied.
    public func recognise(_ texts: [String]) -> String? {
        recognise(LanguageEvidence(texts))
    }

    /// The language the counted evidence of a text points to among the candidates, or nil.
    public func recognise(_ evidence: LanguageEvidence) -> String? {
        if evidence.arabicLetters >= Self.minimumArabicLetters, evidence.arabicLetters > Self.dominance * evidence.otherLetters {
            return candidates.contains("ar") ? "ar" : nil
        }
        let ranked = evidence.hits.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        guard let best = ranked.first, best.value >= Self.minimumEvidence else { return nil }
        let next = ranked.dropFirst().first?.value ?? 0
        return best.value >= Self.dominance * next && candidates.contains(best.key) ? best.key : nil
    }

    /// A letter of the Arabic script (Arabic, its supplements and presentation forms).
    static func isArabic(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0620...0x064A, 0x066E...0x06D3, 0x06D5, 0x06EE...0x06FF, 0x0750...0x077F, 0x08A0...0x08C9,
             0xFB50...0xFDFF, 0xFE70...0xFEFC: return true
        default: return false
        }
    }
}

/// What a text says of its language, counted once whatever the candidates: letters of the Arabic script and other
/// letters, and the little words of each language the recogniser knows. Counted when a file is read (on all cores,
/// and kept in the build cache), weighed against the site's languages once every file is read.
public struct LanguageEvidence: Sendable, Hashable {
    public var arabicLetters = 0
    public var otherLetters = 0
    /// Language → little words of that language alone.
    public var hits: [String: Int] = [:]

    init(arabicLetters: Int, otherLetters: Int, hits: [String: Int]) {
        self.arabicLetters = arabicLetters
        self.otherLetters = otherLetters
        self.hits = hits
    }

    /// Counts `texts` read as one text.
    public init(_ texts: [String]) {
        let owner = LanguageRecognizer.owners
        var word = String.UnicodeScalarView()
        func endWord() {
            guard !word.isEmpty else { return }
            if let language = owner[String(word).lowercased()] { hits[language, default: 0] += 1 }
            word.removeAll(keepingCapacity: true)
        }
        for text in texts {
            for scalar in text.unicodeScalars {
                if LanguageRecognizer.isArabic(scalar) {
                    arabicLetters += 1
                    endWord()
                } else if scalar.isASCII {
                    // The common case, without the Unicode property tables.
                    let value = scalar.value
                    if (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) {
                        otherLetters += 1
                        word.append(scalar)
                    } else {
                        endWord()
                    }
                } else if scalar.properties.isAlphabetic {
                    otherLetters += 1
                    word.append(scalar)
                } else if !word.isEmpty, scalar.properties.generalCategory == .nonspacingMark {
                    word.append(scalar)   // a decomposed accent stays in its word
                } else {
                    endWord()
                }
            }
            endWord()
        }
    }
}
