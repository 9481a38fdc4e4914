import Foundation
import PasserelleContent
import PasserelleCore
import PasserelleTheme

/// Turns values into the text a reader sees, in the site's language: dates, numbers, salaries,
/// language and country names, CEFR labels. Words come from the theme's UI strings.
struct Formatter {
    let strings: UIStrings
    let language: String
    /// Read once from the UI strings, for what every page formats many times.
    private let listSeparator: String
    private let isRightToLeft: Bool
    /// By CEFR level (its raw value): its label ("B2", or "native" in the reader's language) and its name
    /// ("B2 · upper intermediate").
    private let cefrLabels: [String]
    private let cefrNames: [String]
    /// Month names, January first.
    private let months: [String]

    init(strings: UIStrings, language: String) {
        self.strings = strings
        self.language = language
        listSeparator = strings.values["list_separator"] ?? ", "
        isRightToLeft = strings.values["dir"] == "rtl"
        let levels = (0...(CEFRLevel.allCases.map(\.rawValue).max() ?? 0)).map(CEFRLevel.init(rawValue:))
        cefrLabels = levels.map { level in level.map { $0 == .native ? strings.text("cefr_native") : $0.code } ?? "" }
        months = (1...12).map { strings.text("month_\($0)") }
        cefrNames = levels.map { level in level.map { $0 == .native ? strings.text("cefr_native") : strings.text("cefr_\($0.code)") } ?? "" }
    }

    /// "24 November 2026" (en), "24 novembre 2026" (fr), month names from the UI strings.
    func date(_ day: Day) -> String {
        let month = months[day.month - 1]
        return strings.text("date_format", ["day": String(day.day), "month": month, "year": String(day.year)])
    }

    /// Grouped thousands: 3,200 (en), 3 200 (fr), 3.200 (nl).
    func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        // The loaders keep every number in a small range; one beyond Int (or not finite) is still shown, not trapped on.
        guard let whole = Int(exactly: rounded.rounded(.towardZero)), abs(rounded) < 1e15 else { return "\(value)" }
        var digits = String(abs(whole))
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits = String(digits.dropLast(3))
        }
        groups.insert(digits, at: 0)
        let separator: String
        let decimal: String
        switch language {
        case "fr": separator = "\u{202F}"; decimal = ","
        case "nl", "de", "es", "it", "ar": separator = "."; decimal = ","
        default: separator = ","; decimal = "."
        }
        var text = (whole < 0 ? "-" : "") + groups.joined(separator: separator)
        let cents = Int((abs(rounded) - Double(abs(whole))) * 100 + 0.5)
        if cents > 0 {
            var fraction = cents < 10 ? "0\(cents)" : "\(cents)"
            if fraction.hasSuffix("0") { fraction.removeLast() }
            text += decimal + fraction
        }
        return text
    }

    /// "EUR 3,200 – 3,800 per month"
    func salary(_ salary: Salary) -> String {
        let amount: String
        switch (salary.min, salary.max) {
        case let (min?, max?) where min == max: amount = number(min)
        case let (min?, max?): amount = strings.text("salary_range", ["min": number(min), "max": number(max)])
        case let (min?, nil): amount = strings.text("salary_from", ["amount": number(min)])
        case let (nil, max?): amount = strings.text("salary_up_to", ["amount": number(max)])
        default: amount = ""
        }
        return strings.text("salary_format", ["currency": salary.currency, "amount": amount,
                                              "unit": strings.text("salary_per_\(salary.unit.rawValue.lowercased())")])
    }

    /// "Antwerpen, Belgium", or the country alone.
    func place(city: String?, country: String) -> String {
        list([city.map(isolate), countryName(country)].compactMap { $0 })
    }

    /// Items joined with the language's list separator (", ", Arabic "، ").
    func list(_ items: [String]) -> String {
        items.joined(separator: listSeparator)
    }

    /// In a right-to-left page, text written by authors (a city, a skill) in its own bidi isolate (U+2068 … U+2069),
    /// so that a Latin name does not reorder the Arabic sentence around it.
    func isolate(_ text: String) -> String {
        isRightToLeft ? "\u{2068}" + text + "\u{2069}" : text
    }

    func sectorName(_ code: String) -> String { strings.values["sector_\(code)"] ?? code }
    func programmeName(_ code: String) -> String { strings.values["programme_\(code)"] ?? code }

    /// "Polish", "polonais", "Pools", "البولندية": a theme's `language_<code>` string, else the name CLDR gives
    /// in the page's language (through Foundation's Locale), else the code.
    func languageName(_ code: String) -> String {
        strings.values["language_\(code)"] ?? LocaleNames.shared.name(of: code, region: false, in: language) ?? code.uppercased()
    }

    /// "Poland", "Pologne", "Polen", "بولندا": a theme's `country_<code>` string, else CLDR's name, else the code.
    func countryName(_ code: String) -> String {
        strings.values["country_\(code)"] ?? LocaleNames.shared.name(of: code, region: true, in: language) ?? code
    }

    func cefrLabel(_ level: CEFRLevel) -> String { cefrLabels[level.rawValue] }

    /// "B2 · upper intermediate", from the UI strings.
    func cefrName(_ level: CEFRLevel) -> String { cefrNames[level.rawValue] }

    /// The language a text is shown in, with a note when it is not the reader's.
    func textLanguage(_ code: String?) -> TextLanguage {
        guard let code, code != language else { return TextLanguage(code: nil, note: nil) }
        return TextLanguage(code: code, note: strings.text("translation_note", ["language": languageName(code)]))
    }

    func employmentType(_ type: EmploymentType) -> String {
        strings.text("employment_\(type.rawValue.lowercased())")
    }

    func years(_ value: Double) -> String {
        let whole = value == value.rounded()
        let count = whole ? Int(exactly: value).map(String.init) ?? number(value) : number(value)
        return strings.text(value == 1 ? "years_one" : "years_other", ["count": count])
    }
}

/// A generated avatar: initials on a colour picked from the slug, so a talent without a photo is still recognisable.
struct InitialsAvatar {
    let initials: String
    let colour: Int

    static let colours = 8

    init(name: String, slug: String) {
        initials = Self.asciiInitials(name) ?? Self.initials(name)
        var hash: UInt32 = 2166136261
        for byte in slug.utf8 {
            hash = (hash ^ UInt32(byte)) &* 16777619
        }
        colour = Int(hash % UInt32(Self.colours))
    }

    /// The first letters of the first and last words, upper case; nil unless the name is ASCII, where a byte is
    /// a character and the white space is `\t`...`\r` and space.
    private static func asciiInitials(_ name: String) -> String? {
        guard name.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        let separator = { (byte: UInt8) in byte == 0x20 || (0x09...0x0D).contains(byte) || byte == UInt8(ascii: "-") }
        var (first, last): (UInt8?, UInt8?) = (nil, nil)
        var previous: UInt8 = 0x20
        for byte in name.utf8 {
            if separator(previous), !separator(byte) {
                if first == nil { first = byte } else { last = byte }
            }
            previous = byte
        }
        let upper = { (byte: UInt8) in (0x61...0x7A).contains(byte) ? byte - 0x20 : byte }
        return String(decoding: [first, last].compactMap { $0.map(upper) }, as: UTF8.self)
    }

    private static func initials(_ name: String) -> String {
        let words = name.split(whereSeparator: { $0.isWhitespace || $0 == "-" }).filter { !$0.isEmpty }
        let letters = words.prefix(1) + (words.count > 1 ? words.suffix(1) : [])
        let firsts = letters.compactMap { $0.first.map { String($0).uppercased() } }
        // Arabic letters would join into one word; a zero-width non-joiner keeps them apart.
        let arabic = firsts.contains { $0.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) } }
        return firsts.joined(separator: arabic ? "\u{200C}" : "")
    }
}

/// Language and region names from the CLDR data Foundation's Locale carries, looked up once per language and code.
final class LocaleNames: @unchecked Sendable {
    static let shared = LocaleNames()
    private let lock = NSLock()
    private var names: [String: String?] = [:]

    func name(of code: String, region: Bool, in language: String) -> String? {
        let key = (region ? "r:" : "l:") + language + ":" + code
        lock.lock()
        defer { lock.unlock() }
        if let known = names[key] { return known }
        let locale = Locale(identifier: language)
        var name = region ? locale.localizedString(forRegionCode: code) : locale.localizedString(forLanguageCode: code)
        // An unknown code gives nil, or itself back: the caller then shows the code.
        if name?.isEmpty == true || name == code { name = nil }
        names[key] = name
        return name
    }
}
