/// Stemmers for the search terms: English (Porter2), light French, light Dutch and light Arabic.
///
/// The theme's search-text.js (`stem`) is a line-by-line port of this file: the index and the query
/// must stem every word the same, and Tests/Fixtures/text-terms.tsv checks both against one list.
/// Both work on Unicode scalars (code points), never on grapheme clusters or UTF-16 units.
public enum Stemmer {
    /// Stems one folded word (see `Tokenizer.fold`). Words with Arabic letters use the Arabic stemmer
    /// whatever the language; otherwise the primary subtag of `language` chooses ("en", "fr", "nl",
    /// so "fr-BE" is French), and any other language leaves the word as it is. Words shorter than
    /// three characters, or with a digit, are never stemmed.
    public static func stem(_ word: String, language: String) -> String {
        let letters = Array(word.unicodeScalars)
        if letters.count < 3 || letters.contains(where: { $0.properties.generalCategory == .decimalNumber }) {
            return word
        }
        if letters.contains(where: isArabicLetter) { return arabic(Letters(letters)) }
        switch language.lowercased().prefix(while: { $0 != "-" && $0 != "_" }) {
        case "en": return english(word)
        case "fr": return french(Letters(letters))
        case "nl": return dutch(Letters(letters))
        default: return word
        }
    }

    static func isArabicLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0620...0x064A, 0x066E...0x06D5, 0x06EE...0x06EF, 0x06FA...0x06FF: return true
        default: return false
        }
    }

    /// a e i o u y: the vowels of the Latin stemmers (input is folded, so without accents).
    static func isVowel(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar { case "a", "e", "i", "o", "u", "y": return true
        default: return false }
    }

    // MARK: English: Porter2

    /// Porter2, the Snowball English stemmer with its exceptional forms, step for step as published
    /// (https://snowballstem.org/algorithms/english/stemmer.html) up to Snowball 2.2, the version most
    /// implementations give (Snowball 3.0's later revisions, such as -ogist → -og, are not in it).
    static func english(_ word: String) -> String {
        if let special = englishExceptions[word] { return special }
        var w = Letters(Array(word.unicodeScalars))
        if w.s.first == "'" { w.s.removeFirst() }
        // Initial y, and y after a vowel, are consonants: Y.
        for i in 0..<w.count where w.s[i] == "y" && (i == 0 || isVowel(w.s[i - 1])) { w.s[i] = "Y" }
        // R1 is after the first non-vowel following a vowel (or after gener, commun, arsen); R2 is the
        // same inside R1.
        func regionStart(after start: Int) -> Int {
            var i = start
            while i < w.count && !isVowel(w.s[i]) { i += 1 }
            while i < w.count && isVowel(w.s[i]) { i += 1 }
            return min(i + 1, w.count)
        }
        let p1 = ["gener", "commun", "arsen"].first(where: w.starts).map { $0.unicodeScalars.count } ?? regionStart(after: 0)
        let p2 = regionStart(after: p1)

        // Step 0: apostrophe endings.
        if let suffix = w.ending(["'s'", "'s", "'"]) { w.drop(suffix) }
        // Step 1a: plurals.
        if w.ends("sses") { w.replace("sses", "ss") }
        else if let suffix = w.ending(["ied", "ies"]) { w.replace(suffix, w.count > 4 ? "i" : "ie") }
        else if w.ends("us") || w.ends("ss") {}
        else if w.ends("s") && w.s.dropLast(2).contains(where: isVowel) { w.drop("s") }
        if englishInvariantAfter1a.contains(w.string) { return w.string.replacingY() }

        // Step 1b: -eed, -ed, -ing.
        if let suffix = w.ending(["eedly", "ingly", "edly", "eed", "ing", "ed"]) {
            let start = w.count - suffix.unicodeScalars.count
            if suffix.hasPrefix("ee") {
                if start >= p1 { w.replace(suffix, "ee") }
            } else if w.s[..<start].contains(where: isVowel) {
                w.drop(suffix)
                if w.ending(["at", "bl", "iz"]) != nil { w.append("e") }
                else if w.ending(["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"]) != nil { w.s.removeLast() }
                else if p1 == w.count && endsShortSyllable(w.s[...]) { w.append("e") }
            }
        }
        // Step 1c: y after a non-vowel that is not the first letter → i.
        if let last = w.s.last, last == "y" || last == "Y", w.count > 2, !isVowel(w.s[w.count - 2]) {
            w.s[w.count - 1] = "i"
        }
        // Step 2: in R1.
        if case let (suffix, replacement)? = englishStep2.first(where: { w.ends($0.0) }), w.count - suffix.unicodeScalars.count >= p1 {
            let before = w.count - suffix.unicodeScalars.count - 1
            let previous = before >= 0 ? w.s[before] : " "
            switch suffix {
            case "ogi": if previous == "l" { w.replace(suffix, replacement) }
            case "li": if "cdeghkmnrt".unicodeScalars.contains(previous) { w.drop(suffix) }
            default: w.replace(suffix, replacement)
            }
        }
        // Step 3: in R1; -ative in R2.
        if case let (suffix, replacement)? = englishStep3.first(where: { w.ends($0.0) }) {
            let start = w.count - suffix.unicodeScalars.count
            if start >= p1 && (suffix != "ative" || start >= p2) { w.replace(suffix, replacement) }
        }
        // Step 4: in R2; -ion after s or t.
        if let suffix = w.ending(englishStep4) {
            let start = w.count - suffix.unicodeScalars.count
            if start >= p2 && (suffix != "ion" || (start > 0 && (w.s[start - 1] == "s" || w.s[start - 1] == "t"))) {
                w.drop(suffix)
            }
        }
        // Step 5: -e in R2, or in R1 not after a short syllable; -l in R2 after l.
        if w.ends("e") {
            let start = w.count - 1
            if start >= p2 || (start >= p1 && !endsShortSyllable(w.s[..<start])) { w.drop("e") }
        } else if w.ends("l") {
            let start = w.count - 1
            if start >= p2 && start > 0 && w.s[start - 1] == "l" { w.drop("l") }
        }
        return w.string.replacingY()
    }

    /// A short syllable ends the letters: non-vowel, vowel, non-vowel other than w, x, Y; or the
    /// letters are exactly a vowel and a non-vowel.
    static func endsShortSyllable(_ s: ArraySlice<Unicode.Scalar>) -> Bool {
        let a = Array(s), n = a.count
        if n >= 3 && !isVowel(a[n - 3]) && isVowel(a[n - 2]) && !isVowel(a[n - 1]) && !"wxY".unicodeScalars.contains(a[n - 1]) {
            return true
        }
        return n == 2 && isVowel(a[0]) && !isVowel(a[1])
    }

    static let englishExceptions: [String: String] = [
        "skis": "ski", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie",
        "idly": "idl", "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli", "singly": "singl",
        "sky": "sky", "news": "news", "howe": "howe", "atlas": "atlas", "cosmos": "cosmos", "bias": "bias", "andes": "andes",
    ]
    static let englishInvariantAfter1a: Set<String> = ["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"]
    /// Longest first: the first that ends the word is the longest.
    static let englishStep2: [(String, String)] = [
        ("ational", "ate"), ("ization", "ize"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"),
        ("tional", "tion"), ("biliti", "ble"), ("lessli", "less"),
        ("entli", "ent"), ("alism", "al"), ("aliti", "al"), ("ousli", "ous"), ("iviti", "ive"), ("fulli", "ful"), ("ation", "ate"),
        ("enci", "ence"), ("anci", "ance"), ("abli", "able"), ("izer", "ize"), ("ator", "ate"), ("alli", "al"),
        ("bli", "ble"), ("ogi", "og"), ("li", ""),
    ]
    static let englishStep3: [(String, String)] = [
        ("ational", "ate"), ("tional", "tion"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"), ("ative", ""),
        ("ical", "ic"), ("ness", ""), ("ful", ""),
    ]
    static let englishStep4 = [
        "ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion", "al", "er", "ic",
    ]

    // MARK: French: light

    /// Light French stemmer for accent-free words, after Jacques Savoy's light stemmer (UniNE):
    /// 1. plural: -aux → -al (journaux → journal; not -eaux) when 5+ letters; else a final -x, or a
    ///    final -s not after s or u, is removed when 4+ letters (soins → soin, bureaux → bureau; campus
    ///    and cplusplus stay);
    /// 2. the first of these endings, longest first, that leaves 4+ letters is removed: -atrice -ateur
    ///    -ation -ement -euse -eure -iere -ique -isme -iste -able -eur -ier -ite -ee -er -e
    ///    (developpeuse, developpeur, developpement, developper → developp; infirmiere → infirm);
    /// 3. a final doubled consonant is undoubled when 3+ letters remain (developp → develop,
    ///    informaticienn → informaticien, bonn → bon).
    static func french(_ word: Letters) -> String {
        var w = word
        if w.count >= 5 && w.ends("aux") && !w.ends("eaux") { w.replace("aux", "al") }
        else if w.count >= 4 && w.ends("x") { w.drop("x") }
        else if w.count >= 4 && w.ends("s") && !w.ends("ss") && !w.ends("us") { w.drop("s") }
        if let suffix = frenchEndings.first(where: { w.ends($0) && w.count - $0.unicodeScalars.count >= 4 }) { w.drop(suffix) }
        w.undouble(keeping: 3)
        return w.string
    }

    static let frenchEndings = [
        "atrice", "ateur", "ation", "ement", "euse", "eure", "iere", "ique", "isme", "iste", "able",
        "eur", "ier", "ite", "ee", "er", "e",
    ]

    // MARK: Dutch: light

    /// Light Dutch stemmer for accent-free words (after Kraaij-Pohlmann and Snowball's Dutch).
    /// A. The first rule that applies, each keeping 3+ letters:
    ///    1. -heden → -heid (vaardigheden → vaardigheid);
    ///    2. diminutives: -etje(s) removed, then undoubled (mannetje → man); -tje(s) removed after a
    ///       vowel, l or w (stoeltje → stoel); otherwise -je(s) removed (huisje → huis, kaartje → kaart);
    ///    3. -en after a non-vowel, then undoubled, and a final v or z → f or s (verpleegkundigen →
    ///       verpleegkundig, bakken → bak, bedrijven → bedrijf);
    ///    4. -s after a non-vowel other than j and s (ontwikkelaars → ontwikkelaar, teams → team);
    ///    5. the plural 's that the tokenizer joined, after a, o or y not doubled, keeping 4+
    ///       (collega's → collegas → collega, auto's → auto);
    ///    6. -s after e, keeping 4+ before -es, not after -ces (functies → functie, vacatures →
    ///       vacature; proces and succes stay).
    /// B. Then -e after a non-vowel, keeping 3+, undoubled, v or z → f or s (verpleegkundige →
    ///    verpleegkundig, vacature → vacatur, creatieve → creatief).
    static func dutch(_ word: Letters) -> String {
        var w = word
        func before(_ suffix: String) -> Unicode.Scalar? {
            let index = w.count - suffix.unicodeScalars.count - 1
            return index >= 0 ? w.s[index] : nil
        }
        func keeps(_ suffix: String, _ minimum: Int = 3) -> Bool { w.ends(suffix) && w.count - suffix.unicodeScalars.count >= minimum }
        func tidy() {
            w.undouble(keeping: 3)
            if w.ends("v") { w.replace("v", "f") } else if w.ends("z") { w.replace("z", "s") }
        }
        if keeps("heden") { w.replace("heden", "heid") }
        else if let suffix = ["etjes", "etje"].first(where: { keeps($0) }) { w.drop(suffix); w.undouble(keeping: 3) }
        else if let suffix = ["tjes", "tje"].first(where: { keeps($0) }), let c = before(suffix), isVowel(c) || c == "l" || c == "w" { w.drop(suffix) }
        else if let suffix = ["jes", "je"].first(where: { keeps($0) }) { w.drop(suffix) }
        else if keeps("en"), let c = before("en"), !isVowel(c) { w.drop("en"); tidy() }
        else if keeps("s"), let c = before("s"), !isVowel(c) && c != "j" && c != "s" { w.drop("s") }
        else if keeps("s", 4), let c = before("s"), c == "a" || c == "o" || c == "y", w.s[w.count - 3] != c { w.drop("s") }
        else if keeps("es", 4), before("es") != "c" { w.drop("s") }
        if keeps("e"), let c = before("e"), !isVowel(c) { w.drop("e"); tidy() }
        return w.string
    }

    // MARK: Arabic: light

    /// Light stemmer after Larkey's Light10 (as in Lucene), on normalised Arabic (see `ArabicText`):
    /// 1. one prefix: the article with its particles وال بال كال فال لل ال when 2+ letters remain, or
    ///    else the conjunction و when 3+ letters remain (والتمريض → تمريض, المعلومات → معلومات);
    /// 2. then, again and again, the first of the suffixes ها ان ات ون ين يه ية ه ة ي (two letters before
    ///    one) that ends the word and leaves 2+ letters is removed (ممرضات → ممرض, معلوماتها → معلومات →
    ///    معلوم); repeating makes a suffixed form end where its bare form does (فلسطينية, فلسطين → فلسط).
    static let arabicSuffixes = ["ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي"]

    static func arabic(_ word: Letters) -> String {
        var w = word
        if let prefix = ["وال", "بال", "كال", "فال", "لل", "ال"].first(where: { w.starts($0) && w.count - $0.unicodeScalars.count >= 2 }) {
            w.s.removeFirst(prefix.unicodeScalars.count)
        } else if w.starts("و") && w.count >= 4 {
            w.s.removeFirst()
        }
        while let suffix = arabicSuffixes.first(where: { w.ends($0) && w.count - $0.unicodeScalars.count >= 2 }) {
            w.drop(suffix)
        }
        return w.string
    }
}

/// A word as Unicode scalars, with the suffix operations the stemmers share.
struct Letters {
    var s: [Unicode.Scalar]
    init(_ s: [Unicode.Scalar]) { self.s = s }
    var count: Int { s.count }
    var string: String { var view = String.UnicodeScalarView(); view.append(contentsOf: s); return String(view) }

    func ends(_ suffix: String) -> Bool {
        let t = Array(suffix.unicodeScalars)
        return s.count >= t.count && s[(s.count - t.count)...].elementsEqual(t)
    }
    func starts(_ prefix: String) -> Bool {
        let t = Array(prefix.unicodeScalars)
        return s.count >= t.count && s[..<t.count].elementsEqual(t)
    }
    /// The first of `suffixes` that ends the word.
    func ending(_ suffixes: [String]) -> String? { suffixes.first(where: ends) }
    mutating func drop(_ suffix: String) { s.removeLast(suffix.unicodeScalars.count) }
    mutating func append(_ text: String) { s.append(contentsOf: text.unicodeScalars) }
    mutating func replace(_ suffix: String, _ replacement: String) { drop(suffix); append(replacement) }
    /// Removes the last letter when the last two are the same non-vowel and `minimum` letters remain.
    mutating func undouble(keeping minimum: Int) {
        if s.count > minimum && s[s.count - 1] == s[s.count - 2] && !Stemmer.isVowel(s[s.count - 1]) { s.removeLast() }
    }
}

private extension String {
    func replacingY() -> String {
        var view = String.UnicodeScalarView()
        for scalar in unicodeScalars { view.append(scalar == "Y" ? "y" : scalar) }
        return String(view)
    }
}
