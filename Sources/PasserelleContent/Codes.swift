import PasserelleCore

/// The standard code lists content is checked against: ISO 3166-1 alpha-2 countries,
/// ISO 639-1 languages and CEFR levels.
public enum Codes {
    /// ISO 3166-1 alpha-2, officially assigned codes.
    public static let countries: Set<String> = Set("""
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ \
    CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR \
    GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP \
    KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT \
    MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW \
    SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG \
    UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
    """.split(separator: " ").map(String.init))

    /// ISO 639-1 two-letter language codes.
    public static let languages: Set<String> = Set("""
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en \
    eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv \
    ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne \
    ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st \
    su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
    """.split(separator: " ").map(String.init))

    /// Language names, in English, French and Dutch, to ISO 639-1 codes: JSON Resume writes names, not codes.
    public static let languageNames: [String: String] = [
        "arabic": "ar", "arabe": "ar", "arabisch": "ar", "moroccan arabic": "ar", "darija": "ar",
        "french": "fr", "français": "fr", "francais": "fr", "frans": "fr",
        "english": "en", "anglais": "en", "engels": "en",
        "dutch": "nl", "flemish": "nl", "néerlandais": "nl", "neerlandais": "nl", "nederlands": "nl", "vlaams": "nl",
        "spanish": "es", "espagnol": "es", "spaans": "es",
        "german": "de", "allemand": "de", "duits": "de",
        "italian": "it", "italien": "it", "italiaans": "it",
        "portuguese": "pt", "portugais": "pt", "portugees": "pt",
        "turkish": "tr", "turc": "tr", "turks": "tr",
        "chinese": "zh", "chinois": "zh", "chinees": "zh",
        "russian": "ru", "russe": "ru", "russisch": "ru",
    ]

    /// Looks a language up by code or name; nil when it is neither.
    public static func languageCode(forName name: String) -> String? {
        let key = name.trimmed.lowercased()
        if languages.contains(key) { return key }
        return languageNames[key]
    }
}

/// A CEFR level, ordered A1 < A2 < B1 < B2 < C1 < C2 < native.
public enum CEFRLevel: Int, Comparable, Sendable, CaseIterable {
    case a1 = 1, a2, b1, b2, c1, c2, native

    public init?(code: String) {
        switch code.trimmed.uppercased() {
        case "A1": self = .a1
        case "A2": self = .a2
        case "B1": self = .b1
        case "B2": self = .b2
        case "C1": self = .c1
        case "C2": self = .c2
        case "NATIVE": self = .native
        default: return nil
        }
    }

    /// The code as written in content files: `A1`...`C2`, `native`.
    public var code: String {
        switch self {
        case .a1: return "A1"
        case .a2: return "A2"
        case .b1: return "B1"
        case .b2: return "B2"
        case .c1: return "C1"
        case .c2: return "C2"
        case .native: return "native"
        }
    }

    /// Reads a JSON Resume `fluency`: a CEFR code, or one of the words in `fluencyWords`.
    public init?(fluency: String) {
        if let level = CEFRLevel(code: fluency) {
            self = level
            return
        }
        let key = fluency.trimmed.lowercased()
        guard let level = CEFRLevel.fluencyWords[key] else { return nil }
        self = level
    }

    /// Fluency words (LinkedIn's and JSON Resume's usual wording) and the level each one stands for.
    public static let fluencyWords: [String: CEFRLevel] = [
        "native": .native, "native speaker": .native, "mother tongue": .native, "first language": .native,
        "native or bilingual proficiency": .native, "bilingual": .native,
        "full professional proficiency": .c1, "fluent": .c1, "advanced": .c1, "proficient": .c2,
        "professional working proficiency": .b2, "upper intermediate": .b2,
        "intermediate": .b1, "limited working proficiency": .b1, "conversational": .b1,
        "elementary proficiency": .a2, "elementary": .a2, "basic": .a2, "pre-intermediate": .a2,
        "beginner": .a1, "notions": .a1,
    ]

    public static func < (lhs: CEFRLevel, rhs: CEFRLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}
