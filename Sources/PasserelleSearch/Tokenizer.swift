import Foundation

/// Splits text into search terms the same way at build time (Swift) and at query time (the theme's
/// search-text.js): lower case, French elisions removed, accents folded, technical tokens kept whole
/// ("C#" → "csharp", ".NET" → "net", "Node.js" → "nodejs", "CI/CD" → "cicd"), then stemmed.
public enum Tokenizer {
    /// Words as written, before folding and stemming: runs of letters and digits, with the connectors
    /// `. / + # '` kept where they join a technical token.
    public static func words(_ text: String) -> [String] {
        rawWords(text).compactMap(clean)
    }

    /// The runs of word characters and connectors, as written (before `clean`).
    static func rawWords(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        func flush() {
            if !current.isEmpty { words.append(current) }
            current = ""
        }
        for scalar in text.unicodeScalars {
            if isWordScalar(scalar) || isConnector(scalar) {
                current.unicodeScalars.append(scalar)
            } else {
                flush()
            }
        }
        flush()
        return words
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        // ASCII: letters and digits only, without a look at the Unicode tables.
        if scalar.isASCII {
            return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark
    }

    static func isConnector(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ".", "/", "+", "#", "'", "’": true
        default: false
        }
    }

    /// Lower case, elision removed, connectors resolved; nil when nothing is left.
    static func clean(_ raw: String) -> String? {
        var word = raw.lowercased()
        if word.unicodeScalars.contains("’") { word = word.replacingOccurrences(of: "’", with: "'") }
        // French elisions: l'équipe, d'expérience, qu'il.
        for prefix in ["qu'", "l'", "d'", "j'", "n'", "s'", "c'", "m'", "t'"] where word.hasPrefix(prefix) && word.count > prefix.count {
            word.removeFirst(prefix.count)
            break
        }
        var result = ""
        for scalar in word.unicodeScalars {
            switch scalar {
            case "#": if !result.isEmpty { result += "sharp" }
            case "+": if !result.isEmpty { result += "plus" }
            case ".", "/", "'":
                continue  // joins: node.js → nodejs, ci/cd → cicd; leading .net → net; trailing dots dropped
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result.isEmpty ? nil : result
    }

    /// Folds case and accents of Latin letters, and normalises Arabic (see `ArabicText`).
    public static func fold(_ word: String) -> String {
        // ASCII has no accents to fold and no Arabic.
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return word }
        var result = ""
        for scalar in word.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark && !(0x0600...0x06FF).contains(scalar.value) { continue }
            result.unicodeScalars.append(scalar)
        }
        result = result.precomposedStringWithCanonicalMapping
        if result.unicodeScalars.contains(where: { (0x0600...0x06FF).contains($0.value) }) {
            result = ArabicText.normalize(result)
        }
        return result
    }

    /// The terms of a text, as the index and the query use them.
    public static func terms(_ text: String, language: String) -> [String] {
        var analyzer = TermAnalyzer(language: language)
        return analyzer.terms(text)
    }
}
