import PasserelleContent
import PasserelleCore

/// How well one talent fits one vacancy: the score, whether the hard rules hold, and why.
public struct Match: Sendable, Hashable {
    public var vacancy: String
    public var talent: String
    /// 0 to 100, one decimal.
    public var score: Double
    /// False when a hard rule fails (mobility, a language level).
    public var eligible: Bool
    public var reasons: [MatchReason]
}

/// One reason behind a match, as data: the command line words it in English, the site in its own language.
public enum MatchReason: Sendable, Hashable {
    /// The talent works only in `countries`; the vacancy is in `vacancyCountry`. Hard rule.
    case mobility(countries: [String], vacancyCountry: String, ok: Bool)
    /// A language the vacancy requires, at a minimum level; `has` is nil when the talent does not list it. Hard rule.
    case language(code: String, required: CEFRLevel, has: CEFRLevel?)
    case requiredSkills(met: [String], missing: [String])
    case preferredSkills(met: [String], missing: [String])
    case occupation(same: Bool)
    case experience(years: Double?, minimum: Double)
    case availability(from: Day?, start: Day)
    case sector(name: String, same: Bool)

    /// True when this reason counts against the talent: a failed hard rule or a shortfall.
    public var isShortfall: Bool {
        switch self {
        case let .mobility(_, _, ok): return !ok
        case let .language(_, required, has): return (has ?? .a1) < required || has == nil
        case let .requiredSkills(_, missing), let .preferredSkills(_, missing): return !missing.isEmpty
        case let .occupation(same), let .sector(_, same): return !same
        case let .experience(years, minimum): return (years ?? 0) < minimum
        case let .availability(from, start): return (from ?? start) > start
        }
    }

    /// The reason in plain English, for `passerelle match`.
    public var english: String {
        func list(_ items: [String]) -> String { items.joined(separator: ", ") }
        func years(_ value: Double) -> String { Int(exactly: value).map(String.init) ?? String(value) }
        switch self {
        case let .mobility(countries, country, ok):
            return ok ? "mobility: works in \(list(countries)), including \(country)"
                      : "mobility: works only in \(list(countries)), the vacancy is in \(country)"
        case let .language(code, required, has):
            guard let has else { return "language: \(code) missing (\(required.code) required)" }
            return has >= required ? "language: \(code) \(has.code), \(required.code) required"
                                   : "language: \(code) \(has.code) is below \(required.code)"
        case let .requiredSkills(met, missing):
            let total = met.count + missing.count
            var text = "required skills: \(met.count) of \(total)"
            if !met.isEmpty { text += " (\(list(met)))" }
            if !missing.isEmpty { text += "; missing \(list(missing))" }
            return text
        case let .preferredSkills(met, missing):
            let total = met.count + missing.count
            return "preferred skills: \(met.count) of \(total)" + (met.isEmpty ? "" : " (\(list(met)))")
        case let .occupation(same):
            return same ? "occupation: the same occupation" : "occupation: another occupation"
        case let .experience(value, minimum):
            guard let value else { return "experience: not given, \(years(minimum)) years required" }
            return "experience: \(years(value)) years, \(years(minimum)) required"
        case let .availability(from, start):
            guard let from else { return "availability: not given, start \(start)" }
            if from == start { return "availability: from the start on \(start)" }
            return from < start ? "availability: from \(from), before the start on \(start)"
                                : "availability: from \(from), after the start on \(start)"
        case let .sector(name, same):
            return same ? "sector: \(name)" : "sector: not \(name)"
        }
    }
}
