import Foundation
import PasserelleCore

/// Reads a talent from Markdown front matter or a plain JSON profile (the same keys).
enum TalentDecoder {
    static func decode(_ fields: Fields, slug: String, source: SourceFile, body: MarkdownSource) -> Talent? {
        defer { fields.finish() }
        fields.accept("email", "phone")  // private: checked to be text, never kept
        let contact = ["email", "phone"].compactMap { key in fields.string(key).map { (key: key, value: $0) } }
        let name = fields.string("name", required: true, expected: "the talent's name")
        let headline = fields.string("headline", required: true, expected: "an occupation or one-line pitch")
        let country = fields.country("country", required: true)
        let skills = fields.skills("skills", required: true)
        let consent = fields.bool("consent", required: true)
        var bodySource = body
        if source.format == .json, let bodyValue = fields.value("body", expected: "Markdown text") {
            if let text = bodyValue.scalarText {
                bodySource = MarkdownSource(jsonString: text, at: bodyValue.location)
                fields.refuseControlReferences(in: bodySource)
            }
            else { fields.error(bodyValue.location, "'body' is \(bodyValue.kindName)", expected: "Markdown text") }
        }
        for (key, value) in contact {
            if let (line, column) = PrivateText.find(value, phone: key == "phone", in: bodySource.text) {
                fields.error(bodySource.location(line: line, column: column), "the text repeats the private '\(key)': it would be published",
                             expected: "contact details only in '\(key)', which is never published")
            }
        }
        let talent = Talent(
            slug: slug, source: source,
            name: name ?? "", headline: headline ?? "",
            photo: fields.mediaPath("photo", role: "photo"),
            city: fields.string("city"),
            country: country ?? "",
            programme: fields.string("programme"),
            sectors: fields.strings("sectors"),
            occupation: fields.occupation("occupation"),
            skills: skills,
            languages: fields.languageLevels("languages"),
            mobility: fields.countries("mobility"),
            availableFrom: fields.day("available_from"),
            experienceYears: fields.number("experience_years", in: NumberRanges.experienceYears),
            video: fields.video("video"),
            linkedin: fields.webURL("linkedin", hosts: ["linkedin.com"], expected: "an https address on linkedin.com"),
            consent: consent ?? false,
            body: bodySource)
        guard name != nil, headline != nil, country != nil, consent != nil, !skills.isEmpty else { return nil }
        var written = talent
        written.language = fields.writtenIn()
        if source.format == .json { written.translations = fields.translations(textKeys: ["headline"], bodyKey: "body", source: source) }
        return written
    }
}

/// Reads a JSON Resume document (jsonresume.org) as a talent; programme keys sit in `meta`.
///
/// `basics.summary` becomes the introduction, `work` and `education` the CV sections;
/// `basics.email`, `basics.phone` and the street address are private and never kept.
enum JSONResumeDecoder {
    static func decode(_ fields: Fields, slug: String, source: SourceFile) -> Talent? {
        defer { fields.finish() }
        guard let basics = fields.object("basics", required: true, expected: "{name, label, ...}") else { return nil }
        defer { basics.finish() }
        basics.accept("email", "phone", "url")
        let name = basics.string("name", required: true, expected: "the talent's name")
        let headline = basics.string("label", required: true, expected: "an occupation or one-line pitch")
        let photo = basics.mediaPath("image", role: "photo")
        let summary = basics.string("summary")
        var city: String?
        var country: String?
        if let location = basics.object("location", expected: "{city, countryCode}") {
            location.accept("address", "postalCode", "region")
            city = location.string("city")
            country = location.country("countryCode", required: true)
            location.finish()
        } else {
            fields.error(basics.node.location, "missing required key 'basics.location.countryCode'", expected: "the talent's country")
        }
        var linkedin: String?
        for (index, item) in (basics.list("profiles", expected: "a list of {network, url}") ?? []).enumerated() {
            guard let profile = basics.object(of: item, key: "profiles", index: index, expected: "{network, url}") else { continue }
            profile.accept("username")
            let network = profile.string("network")?.lowercased()
            if network == "linkedin" {
                linkedin = profile.webURL("url", hosts: ["linkedin.com"], expected: "an https address on linkedin.com")
            } else {
                _ = profile.value("url", expected: "an address")
            }
            profile.finish()
        }

        var skills: [Skill] = []
        for (index, item) in (fields.list("skills", required: true, expected: "a list of {name, level, keywords}") ?? []).enumerated() {
            guard let skill = fields.object(of: item, key: "skills", index: index, expected: "{name, level, keywords}") else { continue }
            if let name = skill.string("name", required: true, expected: "the skill's name") {
                skills.append(Skill(name: name, level: skill.string("level")))
            }
            for keyword in skill.strings("keywords") where !skills.contains(where: { $0.name.lowercased() == keyword.lowercased() }) {
                skills.append(Skill(name: keyword))
            }
            skill.finish()
        }
        if skills.isEmpty { fields.error(fields.node.location, "no skills", expected: "at least one entry in 'skills'") }

        var languages: [LanguageLevel] = []
        for (index, item) in (fields.list("languages", expected: "a list of {language, fluency}") ?? []).enumerated() {
            guard let entry = fields.object(of: item, key: "languages", index: index, expected: "{language, fluency}") else { continue }
            defer { entry.finish() }
            guard let languageNode = entry.value("language", required: true, expected: "a language name or ISO 639-1 code"),
                  let languageName = entry.text(of: languageNode, key: "language") else { continue }
            guard let code = Codes.languageCode(forName: languageName) else {
                entry.error(languageNode.location, "unknown language '\(languageName)'", expected: "an ISO 639-1 code or a language name such as French, Dutch, Arabic")
                continue
            }
            guard let fluencyNode = entry.value("fluency", required: true, expected: "a CEFR level or words such as Native speaker, Fluent"),
                  let fluency = entry.text(of: fluencyNode, key: "fluency") else { continue }
            guard let level = CEFRLevel(fluency: fluency) else {
                entry.error(fluencyNode.location, "unknown fluency '\(fluency)'", expected: "A1..C2, native, or words such as Native speaker, Fluent, Intermediate, Beginner")
                continue
            }
            if languages.contains(where: { $0.code == code }) {
                entry.error(item.location, "language '\(code)' is listed twice", expected: "each language once")
                continue
            }
            languages.append(LanguageLevel(code: code, level: level))
        }

        var cv: [String] = []
        if let summary { cv.append(summary) }
        cv.append(contentsOf: section(fields, key: "work", heading: "Experience", titleKeys: ("position", "name")))
        cv.append(contentsOf: section(fields, key: "volunteer", heading: "Volunteering", titleKeys: ("position", "organization")))
        cv.append(contentsOf: education(fields))
        cv.append(contentsOf: simpleList(fields, key: "certificates", heading: "Certificates", nameKey: "name", byKey: "issuer"))
        cv.append(contentsOf: simpleList(fields, key: "awards", heading: "Awards", nameKey: "title", byKey: "awarder"))
        fields.accept("$schema", "interests", "references", "projects", "publications")

        var consent: Bool?
        var programme: String?, sectors: [String] = [], mobility: [String] = []
        var availableFrom: Day?, experienceYears: Double?, video: VideoLink?, occupation: String?, language: String?
        if let meta = fields.object("meta", required: true, expected: "{consent, programme, mobility, ...}") {
            meta.accept("canonical", "version", "lastModified", "theme")
            consent = meta.bool("consent", required: true)
            programme = meta.string("programme")
            sectors = meta.strings("sectors")
            mobility = meta.countries("mobility")
            availableFrom = meta.day("available_from")
            experienceYears = meta.number("experience_years", in: NumberRanges.experienceYears)
            video = meta.video("video")
            occupation = meta.occupation("occupation")
            language = meta.writtenIn()
            meta.finish()
        }
        guard let name, let headline, let country, let consent, !skills.isEmpty else { return nil }
        var talent = Talent(
            slug: slug, source: source, name: name, headline: headline, photo: photo, city: city, country: country,
            programme: programme, sectors: sectors, occupation: occupation, skills: skills, languages: languages,
            mobility: mobility, availableFrom: availableFrom, experienceYears: experienceYears, video: video,
            linkedin: linkedin, consent: consent,
            body: MarkdownSource(cv.joined(separator: "\n\n"), line: fields.node.location.line))
        talent.language = language
        return talent
    }

    /// `## Experience` with one `### Position, Company` block per entry. Text is escaped for Markdown.
    private static func section(_ fields: Fields, key: String, heading: String, titleKeys: (String, String)) -> [String] {
        guard let items = fields.list(key, expected: "a list of entries"), !items.isEmpty else { return [] }
        var blocks = ["## \(heading)"]
        for (index, item) in items.enumerated() {
            guard let entry = fields.object(of: item, key: key, index: index, expected: "an entry") else { continue }
            entry.accept("url", "location", "description")
            let title = [entry.string(titleKeys.0), entry.string(titleKeys.1)].compactMap { $0 }.map(MarkdownText.escape).joined(separator: ", ")
            var block = "### \(title.isEmpty ? "—" : title)"
            if let dates = dateRange(entry) { block += "\n\n*\(dates)*" }
            if let summary = entry.string("summary") { block += "\n\n" + MarkdownText.escape(summary) }
            let highlights = entry.strings("highlights")
            if !highlights.isEmpty { block += "\n\n" + highlights.map { "- " + MarkdownText.escape($0) }.joined(separator: "\n") }
            entry.finish()
            blocks.append(block)
        }
        return blocks
    }

    private static func education(_ fields: Fields) -> [String] {
        guard let items = fields.list("education", expected: "a list of entries"), !items.isEmpty else { return [] }
        var blocks = ["## Education"]
        for (index, item) in items.enumerated() {
            guard let entry = fields.object(of: item, key: "education", index: index, expected: "an entry") else { continue }
            entry.accept("url", "score", "courses")
            let degree = [entry.string("studyType"), entry.string("area")].compactMap { $0 }.joined(separator: ", ")
            let institution = entry.string("institution")
            let title = [degree.isEmpty ? nil : degree, institution].compactMap { $0 }.map(MarkdownText.escape).joined(separator: " — ")
            var block = "### \(title.isEmpty ? "—" : title)"
            if let dates = dateRange(entry) { block += "\n\n*\(dates)*" }
            entry.finish()
            blocks.append(block)
        }
        return blocks
    }

    private static func simpleList(_ fields: Fields, key: String, heading: String, nameKey: String, byKey: String) -> [String] {
        guard let items = fields.list(key, expected: "a list of entries"), !items.isEmpty else { return [] }
        var lines: [String] = []
        for (index, item) in items.enumerated() {
            guard let entry = fields.object(of: item, key: key, index: index, expected: "an entry") else { continue }
            entry.accept("url", "summary")
            let date = entry.string("date")
            let text = [entry.string(nameKey), entry.string(byKey), date].compactMap { $0 }.map(MarkdownText.escape).joined(separator: ", ")
            if !text.isEmpty { lines.append("- " + text) }
            entry.finish()
        }
        return lines.isEmpty ? [] : ["## \(heading)", lines.joined(separator: "\n")]
    }

    private static func dateRange(_ entry: Fields) -> String? {
        var start: String?, end: String?
        for key in ["startDate", "endDate"] {
            guard let value = entry.value(key, expected: "a date YYYY, YYYY-MM or YYYY-MM-DD") else { continue }
            guard let text = entry.text(of: value, key: key), Day(partial: text) != nil else {
                entry.error(value.location, "'\(entry.prefix)\(key)' is not a valid date", expected: "a date YYYY, YYYY-MM or YYYY-MM-DD")
                continue
            }
            if key == "startDate" { start = text } else { end = text }
        }
        switch (start, end) {
        case let (s?, e?): return "\(s) – \(e)"
        case let (s?, nil): return "\(s) –"
        case let (nil, e?): return "– \(e)"
        default: return nil
        }
    }
}

/// Escaping for text that becomes Markdown source, so that a JSON field cannot inject Markdown syntax.
enum MarkdownText {
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_{}[]()#+-.!<>|~&".contains(character) { out.append("\\") }
            if character == "\n" { out.append(" "); continue }
            out.append(character)
        }
        return out
    }
}

/// Finds a private value (an email address, a phone number) written again in a text that is published.
enum PrivateText {
    /// The line and column (1-based, in Unicode scalars) of the value in the text: an email address in any
    /// case, a phone number by its digits whatever the spaces, dots, dashes and brackets between them.
    static func find(_ value: String, phone: Bool, in text: String) -> (line: Int, column: Int)? {
        guard phone else {
            guard !value.isEmpty, let range = text.range(of: value, options: .caseInsensitive) else { return nil }
            return position(of: text[..<range.lowerBound].unicodeScalars.count, in: text.unicodeScalars)
        }
        let scalars = Array(text.unicodeScalars)
        let digits = value.unicodeScalars.compactMap(digit)
        guard digits.count >= 6, let start = scalars.indices.first(where: { matches(scalars, at: $0, digits: digits) }) else { return nil }
        return position(of: start, in: text.unicodeScalars)
    }

    /// The line and column of the scalar at `offset`.
    private static func position(of offset: Int, in scalars: String.UnicodeScalarView) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for scalar in scalars.prefix(offset) {
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }

    /// 0 to 9 for a decimal digit of any script (Arabic-Indic digits too), nil for anything else.
    private static func digit(_ scalar: Unicode.Scalar) -> Int? {
        // ASCII, the common case, without the Unicode property tables: only 0 to 9 are decimal digits there.
        if scalar.isASCII { return scalar.value >= 0x30 && scalar.value <= 0x39 ? Int(scalar.value - 0x30) : nil }
        return scalar.properties.numericType == .decimal ? scalar.properties.numericValue.map { Int($0) } : nil
    }

    /// The phone number's digits start at `start`, with only separators between them and no digit around.
    private static func matches(_ scalars: [Unicode.Scalar], at start: Int, digits: [Int]) -> Bool {
        let first = scalars[start]
        guard first == "+" || digit(first) != nil else { return false }
        if start > 0, digit(scalars[start - 1]) != nil { return false }
        var found = 0
        var index = start
        while index < scalars.count, found < digits.count {
            let scalar = scalars[index]
            if let value = digit(scalar) {
                guard value == digits[found] else { return false }
                found += 1
            } else if !" +.-()/\u{A0}".unicodeScalars.contains(scalar) {
                return false
            }
            index += 1
        }
        return found == digits.count && (index == scalars.count || digit(scalars[index]) == nil)
    }
}
