import Foundation
import PasserelleContent
import PasserelleCore

/// `passerelle match` output: a table for people, JSON for programs, CSV for spreadsheets.
public enum MatchOutput {
    public enum Format: String, CaseIterable, Sendable {
        case table, json, csv
    }

    public static func render(_ matches: [Match], as format: Format) -> String {
        switch format {
        case .table: return table(matches)
        case .json: return json(matches)
        case .csv: return csv(matches)
        }
    }

    static func scoreText(_ score: Double) -> String {
        score == score.rounded() ? String(Int(score)) : String(score)
    }

    /// One object per pair: vacancy, talent, score (number), eligible (bool), reasons (strings).
    public static func json(_ matches: [Match]) -> String {
        guard !matches.isEmpty else { return "[]\n" }
        let objects = matches.map { match in
            let reasons = match.reasons.map { JSONString.quoted($0.english) }.joined(separator: ", ")
            return "  {\"vacancy\": \(JSONString.quoted(match.vacancy)), \"talent\": \(JSONString.quoted(match.talent)), "
                + "\"score\": \(scoreText(match.score)), \"eligible\": \(match.eligible), \"reasons\": [\(reasons)]}"
        }
        return "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    /// RFC 4180, with text that a spreadsheet would run as a formula made inert.
    public static func csv(_ matches: [Match]) -> String {
        var lines = ["vacancy,talent,score,eligible,reasons"]
        for match in matches {
            let fields = [match.vacancy, match.talent, scoreText(match.score), match.eligible ? "true" : "false",
                          match.reasons.map(\.english).joined(separator: " | ")]
            lines.append(fields.map(csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func csvField(_ text: String) -> String {
        var value = text
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { value = "'" + value }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }

    /// Aligned columns; the reasons follow on indented lines.
    public static func table(_ matches: [Match]) -> String {
        guard !matches.isEmpty else { return "No matches.\n" }
        let vacancyWidth = max(7, matches.map(\.vacancy.count).max() ?? 0)
        let talentWidth = max(6, matches.map(\.talent.count).max() ?? 0)
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        var out = pad("VACANCY", vacancyWidth) + "  " + pad("TALENT", talentWidth) + "  SCORE  ELIGIBLE\n"
        var previous: String?
        for match in matches {
            if let previous, previous != match.vacancy { out += "\n" }
            previous = match.vacancy
            out += pad(match.vacancy, vacancyWidth) + "  " + pad(match.talent, talentWidth) + "  "
                + pad(scoreText(match.score), 5) + "  " + (match.eligible ? "yes" : "no") + "\n"
            for reason in match.reasons {
                out += String(repeating: " ", count: vacancyWidth + 2) + (reason.isShortfall ? "- " : "+ ") + reason.english + "\n"
            }
        }
        return out
    }
}
