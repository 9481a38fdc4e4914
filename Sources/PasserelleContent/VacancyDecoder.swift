import PasserelleCore

/// Reads a vacancy from JSON (description in `description`) or Markdown (description in the body).
enum VacancyDecoder {
    static func decode(_ fields: Fields, slug: String, source: SourceFile, body: MarkdownSource?) -> Vacancy? {
        defer { fields.finish() }
        let title = fields.string("title", required: true, expected: "the job title")
        let employerNode = fields.value("employer", required: true, expected: "an employer slug or name")
        let employer = employerNode.flatMap { fields.text(of: $0, key: "employer", expected: "an employer slug or name") }
        let country = fields.country("country", required: true)

        var required: [Skill] = [], preferred: [Skill] = []
        if let skills = fields.object("skills", required: true, expected: "{required: [...], preferred: [...]}") {
            required = skills.skills("required", required: true)
            preferred = skills.skills("preferred")
            skills.finish()
        }

        var description: MarkdownSource?
        if source.format == .markdown {
            description = body
            if let body, body.text.trimmed.isEmpty {
                fields.error(SourceLocation(line: body.line, column: 1), "the description is empty", expected: "a Markdown description after the front matter")
                description = nil
            }
        } else if let value = fields.value("description", required: true, expected: "a Markdown description") {
            if let text = fields.text(of: value, key: "description", expected: "a Markdown description") {
                let read = MarkdownSource(jsonString: text, at: value.location)
                fields.refuseControlReferences(in: read)
                description = read
            }
        }

        var employmentType: EmploymentType?
        if let value = fields.value("employment_type", expected: "FULL_TIME, PART_TIME, CONTRACTOR, TEMPORARY or INTERN"),
           let text = fields.text(of: value, key: "employment_type") {
            employmentType = EmploymentType(rawValue: text)
            if employmentType == nil {
                fields.error(value.location, "'\(text)' is not an employment type", expected: "FULL_TIME, PART_TIME, CONTRACTOR, TEMPORARY or INTERN")
            }
        }

        let start = fields.day("start")
        let validThrough = fields.day("valid_through")

        let vacancy = Vacancy(
            slug: slug, source: source, title: title ?? "", employer: employer ?? "",
            employerLocation: employerNode?.location ?? fields.node.location,
            city: fields.string("city"), country: country ?? "",
            sector: fields.string("sector"), occupation: fields.occupation("occupation"),
            requiredSkills: required, preferredSkills: preferred,
            languages: fields.languageLevels("languages"),
            experienceYears: fields.number("experience_years", in: NumberRanges.experienceYears),
            employmentType: employmentType, start: start, validThrough: validThrough,
            salary: salary(fields), description: description ?? MarkdownSource("", line: 1))
        guard title != nil, employer != nil, country != nil, !required.isEmpty, description != nil else { return nil }
        var written = vacancy
        written.language = fields.writtenIn()
        if source.format == .json { written.translations = fields.translations(textKeys: ["title"], bodyKey: "description", source: source) }
        return written
    }

    private static func salary(_ fields: Fields) -> Salary? {
        guard let salary = fields.object("salary", expected: "{min, max, currency, unit}") else { return nil }
        defer { salary.finish() }
        let min = salary.number("min", in: NumberRanges.salary)
        let max = salary.number("max", in: NumberRanges.salary)
        let currencyNode = salary.value("currency", required: true, expected: "an ISO 4217 code such as EUR or MAD")
        var currency: String?
        if let currencyNode, let text = salary.text(of: currencyNode, key: "currency") {
            if text.count == 3, text.allSatisfy({ $0.isASCII && $0.isUppercase }) { currency = text }
            else { salary.error(currencyNode.location, "'\(text)' is not a currency code", expected: "an ISO 4217 code such as EUR or MAD") }
        }
        let unitExpected = "HOUR, MONTH or YEAR"
        var unit: SalaryUnit?
        if let unitNode = salary.value("unit", required: true, expected: unitExpected), let text = salary.text(of: unitNode, key: "unit") {
            unit = SalaryUnit(rawValue: text)
            if unit == nil { salary.error(unitNode.location, "'\(text)' is not a salary unit", expected: unitExpected) }
        }
        let given = ["min", "max"].contains { key in salary.node[key].map { if case .null = $0.value { false } else { true } } ?? false }
        if !given {
            salary.error(salary.node.location, "a salary needs 'min', 'max' or both", expected: "{min, max, currency, unit}")
        }
        if let min, let max, max < min {
            salary.error(salary.node["max"]?.location ?? salary.node.location, "salary max \(max.formatted(.number.grouping(.never))) is below min \(min.formatted(.number.grouping(.never)))", expected: "max ≥ min")
        }
        guard let currency, let unit, min != nil || max != nil else { return nil }
        return Salary(min: min, max: max, currency: currency, unit: unit)
    }
}

/// Reads `employers/<slug>.md`: name, place, website, and an about text in the body.
enum EmployerDecoder {
    static func decode(_ fields: Fields, slug: String, source: SourceFile, body: MarkdownSource) -> Employer? {
        defer { fields.finish() }
        let name = fields.string("name", required: true, expected: "the organisation's name")
        let country = fields.country("country", required: true)
        var employer = Employer(
            slug: slug, source: source, name: name ?? "", city: fields.string("city"), country: country ?? "",
            website: fields.webURL("website", allowHTTP: true, expected: "an https:// address"),
            sector: fields.string("sector"), logo: fields.mediaPath("logo", role: "logo"), body: body)
        guard name != nil, country != nil else { return nil }
        employer.language = fields.writtenIn()
        return employer
    }
}

/// Reads a page's front matter: title, date, summary, image, draft, weight, menu.
enum PageDecoder {
    static func decode(_ fields: Fields, path: [String], isIndex: Bool, source: SourceFile, body: MarkdownSource) -> Page? {
        defer { fields.finish() }
        let title = fields.string("title", required: true, expected: "the page title")
        var page = Page(
            path: path, source: source, title: title ?? "", date: fields.day("date"), summary: fields.string("summary"),
            image: fields.mediaPath("image", role: "image"), draft: fields.bool("draft") ?? false, weight: fields.int("weight", in: NumberRanges.pageWeight),
            menu: fields.bool("menu") ?? false, body: body, isIndex: isIndex)
        guard title != nil else { return nil }
        page.language = fields.writtenIn()
        return page
    }
}

/// Reads site.yml.
enum SiteConfigDecoder {
    static func decode(_ fields: Fields) -> SiteConfig? {
        defer { fields.finish() }
        let title = fields.string("title", required: true, expected: "the site's title")
        let baseURL = fields.webURL("base_url", allowHTTP: true, expected: "an absolute address such as https://talents.example.org/")
        if fields.node["base_url"] == nil {
            fields.error(fields.node.location, "missing required key 'base_url'", expected: "an absolute address such as https://talents.example.org/")
        }
        var languages: [String] = []
        if let items = fields.list("languages", expected: "a list of ISO 639-1 codes, the default first") {
            for item in items {
                guard let code = fields.text(of: item, key: "languages") else { continue }
                if Codes.languages.contains(code) { languages.append(code) }
                else { fields.error(item.location, "'\(code)' is not a language code", expected: "an ISO 639-1 code such as en, fr, nl, ar") }
            }
        }
        var theme = "default"
        if let value = fields.value("theme", expected: "a folder name under Themes/"), let name = fields.text(of: value, key: "theme") {
            if name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) { theme = name }
            else { fields.error(value.location, "'\(name)' is not a theme folder name", expected: "letters, digits, '-' or '_'") }
        }
        var locations: [String: SourceLocation] = [:]
        for entry in fields.node.entries ?? [] { locations[entry.key] = entry.value.location }
        let siteLanguages = languages.isEmpty ? ["en"] : languages
        let markets = markets(fields, languages: siteLanguages)
        // `description:` is one text, or one per language: {en: ..., fr: ...}.
        var description: String?
        var descriptions: [String: String] = [:]
        if let value = fields.value("description", expected: "a sentence, or one per language {en: ..., fr: ...}") {
            if let entries = value.entries {
                for entry in entries {
                    guard siteLanguages.contains(entry.key) else {
                        fields.warning(entry.keyLocation, "the description in '\(entry.key)' is not used: it is not one of the site's languages",
                                       expected: "one of \(siteLanguages.joined(separator: ", "))")
                        continue
                    }
                    if let text = fields.text(of: entry.value, key: "description.\(entry.key)") { descriptions[entry.key] = text }
                }
                description = descriptions[siteLanguages[0]]
            } else {
                description = fields.text(of: value, key: "description")
            }
        }
        guard let title, let baseURL else { return nil }
        var site = SiteConfig(
            title: title, description: description, baseURL: baseURL,
            languages: siteLanguages, theme: theme, featured: fields.strings("featured"),
            matching: matching(fields), source: fields.file, locations: locations)
        site.markets = markets
        site.descriptions = descriptions
        site.privateKeys = privateKeys(fields)
        if let pageSize = fields.int("page_size", in: NumberRanges.pageSize) { site.pageSize = pageSize }
        return site
    }

    /// Keys the content never needs to publish a page; a private key is withheld wherever it appears.
    static let publicOnlyKeys: Set<String> = ["name", "headline", "country", "skills", "consent", "title", "employer",
                                             "description", "body", "basics", "meta", "lang", "translations"]

    /// `private: [national_id, birth_date]`: keys accepted in content files and never published.
    private static func privateKeys(_ fields: Fields) -> [String] {
        let expected = "a list of key names, such as [national_id, birth_date]"
        guard let items = fields.list("private", expected: expected) else { return [] }
        var keys: [String] = []
        for (index, item) in items.enumerated() {
            guard let key = fields.text(of: item, key: "private[\(index)]", expected: expected) else { continue }
            if publicOnlyKeys.contains(key) {
                fields.error(item.location, "'\(key)' cannot be private: a page cannot be published without it",
                             expected: "a key such as national_id; not \(publicOnlyKeys.sorted().joined(separator: ", "))")
            } else if !keys.contains(key) {
                keys.append(key)
            }
        }
        return keys
    }

    /// `markets: {be: {name: Belgium, countries: [BE], languages: [nl, fr, en]}, ...}`
    private static func markets(_ fields: Fields, languages: [String]) -> [Market] {
        let expected = "market folders with their countries, e.g. {be: {countries: [BE], languages: [nl, fr, en]}}"
        guard let value = fields.value("markets", expected: expected) else { return [] }
        guard let entries = value.entries else {
            fields.error(value.location, "'markets' is \(value.kindName)", expected: expected)
            return []
        }
        var markets: [Market] = []
        for entry in entries {
            guard Slug.isValid(entry.key) else {
                fields.error(entry.keyLocation, "'\(entry.key)' cannot be a market's folder", expected: "lower-case letters, digits and '-', such as be or ma")
                continue
            }
            if languages.contains(entry.key) || ["assets", "media", "search"].contains(entry.key) {
                fields.error(entry.keyLocation, "the market '\(entry.key)' would share its folder with a language or the site's files", expected: "another name, such as be or ma")
                continue
            }
            guard let market = fields.object(of: entry.value, key: "markets", name: entry.key, expected: "{name, countries, languages}") else { continue }
            defer { market.finish() }
            let name = market.string("name")
            let countries = market.countries("countries")
            if countries.isEmpty {
                market.error(market.node["countries"]?.location ?? market.node.location,
                             market.node["countries"] == nil ? "missing required key 'markets.\(entry.key).countries'" : "'markets.\(entry.key).countries' is empty",
                             expected: "the ISO country codes of the market, e.g. [BE]")
            }
            var marketLanguages: [String] = []
            for item in market.list("languages", expected: "a list of the site's languages, the market's default first") ?? [] {
                guard let code = market.text(of: item, key: "languages") else { continue }
                if languages.contains(code) { marketLanguages.append(code) }
                else { market.error(item.location, "'\(code)' is not one of the site's languages", expected: "one of \(languages.joined(separator: ", ")) (site.yml languages)") }
            }
            guard !countries.isEmpty else { continue }
            markets.append(Market(slug: entry.key, name: name, countries: countries,
                                  languages: marketLanguages.isEmpty ? languages : marketLanguages))
        }
        return markets
    }

    /// `matching: {show: true, top: 10, weights: {preferred_skills: 40, ...}}`
    private static func matching(_ fields: Fields) -> MatchingSettings {
        var settings = MatchingSettings()
        guard let matching = fields.object("matching", expected: "{show, top, weights}") else { return settings }
        defer { matching.finish() }
        if let show = matching.bool("show") { settings.show = show }
        if let top = matching.int("top", in: NumberRanges.matchingTop) { settings.top = top }
        if let weights = matching.object("weights", expected: "{preferred_skills, occupation, experience, availability, sector}") {
            for key in MatchWeights.keys {
                if let value = weights.number(key, in: NumberRanges.matchingWeight) { settings.weights[key] = value }
            }
            if settings.weights.total <= 0 {
                weights.error(weights.node.location, "the matching weights add up to 0", expected: "at least one weight above 0")
            }
            weights.finish()
        }
        return settings
    }
}
