/// Orthographic normalisation of Arabic, the same at build time and in the theme's search-text.js
/// (`normalizeArabic`), so that a word matches however it was vocalised or spelt:
/// "مُمَرِّضَة" and "ممرضه" normalise the same.
///
/// - removes tatweel U+0640, the harakat U+064B–U+0652 (tanwin, fatha, damma, kasra, shadda, sukun)
///   and the superscript alef U+0670;
/// - alef with hamza above or below, with madda, and alef wasla (أ إ آ ٱ) → bare alef ا;
/// - teh marbuta ة → heh ه; alef maksura ى → yeh ي;
/// - waw with hamza ؤ → waw و; yeh with hamza ئ → yeh ي.
public enum ArabicText {
    public static func normalize(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0640, 0x064B...0x0652, 0x0670:
                continue
            case 0x0622, 0x0623, 0x0625, 0x0671:
                result.append("\u{0627}")
            case 0x0629:
                result.append("\u{0647}")
            case 0x0649, 0x0626:
                result.append("\u{064A}")
            case 0x0624:
                result.append("\u{0648}")
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }
}
