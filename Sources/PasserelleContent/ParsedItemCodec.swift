import PasserelleCore

/// The content model as bytes, field by field, for the build cache's parsed sources: what a file gave when it was
/// read (its item, messages, media named and language evidence) comes back exactly, without reading the file again.
/// Every field is written: `ParsedItemCodecTests` reads back the sample content's items and compares them whole.
typealias Damaged = ByteReader.Damaged

extension ByteWriter {
    mutating func markdown(_ value: MarkdownSource) {
        string(value.text)
        int(value.line)
        optional(value.file)
        optional(value.column) { $0.int($1) }
    }

    mutating func source(_ value: SourceFile) {
        string(value.path)
        string(value.format.rawValue)
    }

    mutating func skills(_ values: [Skill]) {
        array(values) { writer, skill in
            writer.string(skill.name)
            writer.optional(skill.esco)
            writer.optional(skill.level)
        }
    }

    mutating func languages(_ values: [LanguageLevel]) {
        array(values) { writer, language in
            writer.string(language.code)
            writer.int(language.level.rawValue)
        }
    }

    mutating func day(_ value: Day?) {
        optional(value) { writer, day in
            writer.int(day.year)
            writer.int(day.month)
            writer.int(day.day)
        }
    }

    mutating func translations(_ values: [String: Translation]) {
        dictionary(values) { $0.translation($1) }
    }

    mutating func translation(_ value: Translation) {
        string(value.language)
        source(value.source)
        dictionary(value.texts) { $0.string($1) }
        optional(value.body) { $0.markdown($1) }
        fingerprint(value.fingerprint)
    }

    mutating func talent(_ value: Talent) {
        string(value.slug); source(value.source); string(value.name); string(value.headline)
        optional(value.photo); optional(value.city); string(value.country); optional(value.programme)
        strings(value.sectors); optional(value.occupation); skills(value.skills); languages(value.languages)
        strings(value.mobility); day(value.availableFrom); optional(value.experienceYears) { $0.double($1) }
        optional(value.video) { writer, video in
            switch video {
            case let .media(path): writer.int(0); writer.string(path)
            case let .youtube(id): writer.int(1); writer.string(id)
            case let .vimeo(id): writer.int(2); writer.string(id)
            }
        }
        optional(value.linkedin); bool(value.consent); markdown(value.body); optional(value.language)
        translations(value.translations); fingerprint(value.fingerprint)
    }

    mutating func vacancy(_ value: Vacancy) {
        string(value.slug); source(value.source); string(value.title); string(value.employer)
        location(value.employerLocation); optional(value.city); string(value.country); optional(value.sector)
        optional(value.occupation); skills(value.requiredSkills); skills(value.preferredSkills); languages(value.languages)
        optional(value.experienceYears) { $0.double($1) }; optional(value.employmentType?.rawValue)
        day(value.start); day(value.validThrough)
        optional(value.salary) { writer, salary in
            writer.optional(salary.min) { $0.double($1) }
            writer.optional(salary.max) { $0.double($1) }
            writer.string(salary.currency)
            writer.string(salary.unit.rawValue)
        }
        markdown(value.description); optional(value.language); translations(value.translations); fingerprint(value.fingerprint)
    }

    mutating func employer(_ value: Employer) {
        string(value.slug); source(value.source); string(value.name); optional(value.city); string(value.country)
        optional(value.website); optional(value.sector); optional(value.logo); markdown(value.body)
        optional(value.language); translations(value.translations); fingerprint(value.fingerprint)
    }

    mutating func page(_ value: Page) {
        strings(value.path); source(value.source); string(value.title); day(value.date); optional(value.summary)
        optional(value.image); bool(value.draft); optional(value.weight) { $0.int($1) }; bool(value.menu)
        markdown(value.body); bool(value.isIndex); optional(value.language); translations(value.translations)
        fingerprint(value.fingerprint)
    }

    mutating func diagnostics(_ log: DiagnosticLog) {
        array(log.all) { writer, diagnostic in
            writer.string(diagnostic.severity.rawValue)
            writer.string(diagnostic.file)
            writer.location(diagnostic.location)
            writer.string(diagnostic.message)
            writer.optional(diagnostic.expected)
        }
    }

    mutating func mediaReferences(_ values: [MediaReference]) {
        array(values) { writer, reference in
            writer.string(reference.file)
            writer.location(reference.location)
            writer.string(reference.path)
            writer.string(reference.role)
        }
    }

    mutating func evidence(_ value: LanguageEvidence) {
        int(value.arabicLetters)
        int(value.otherLetters)
        dictionary(value.hits) { $0.int($1) }
    }
}

extension ByteReader {
    mutating func markdown() throws(Damaged) -> MarkdownSource {
        var value = MarkdownSource(try string(), line: try int())
        value.file = try optionalString()
        value.column = try optional { reader throws(Damaged) in try reader.int() }
        return value
    }

    mutating func source() throws(Damaged) -> SourceFile {
        SourceFile(path: try string(), format: try raw(SourceFile.Format.self))
    }

    mutating func skills() throws(Damaged) -> [Skill] {
        try array { reader throws(Damaged) in
            Skill(name: try reader.string(), esco: try reader.optionalString(), level: try reader.optionalString())
        }
    }

    mutating func languages() throws(Damaged) -> [LanguageLevel] {
        try array { reader throws(Damaged) in
            let code = try reader.string()
            guard let level = CEFRLevel(rawValue: try reader.int()) else { throw Damaged() }
            return LanguageLevel(code: code, level: level)
        }
    }

    mutating func day() throws(Damaged) -> Day? {
        try optional { reader throws(Damaged) in
            guard let day = Day(year: try reader.int(), month: try reader.int(), day: try reader.int()) else { throw Damaged() }
            return day
        }
    }

    mutating func double() throws(Damaged) -> Double? { try optional { reader throws(Damaged) in try reader.double() } }

    mutating func translations() throws(Damaged) -> [String: Translation] {
        try dictionary { reader throws(Damaged) in try reader.translation() }
    }

    mutating func translation() throws(Damaged) -> Translation {
        var value = Translation(language: try string(), source: try source(),
                                texts: try dictionary { reader throws(Damaged) in try reader.string() },
                                body: try optional { reader throws(Damaged) in try reader.markdown() })
        value.fingerprint = try fingerprint()
        return value
    }

    mutating func talent() throws(Damaged) -> Talent {
        Talent(slug: try string(), source: try source(), name: try string(), headline: try string(),
               photo: try optionalString(), city: try optionalString(), country: try string(), programme: try optionalString(),
               sectors: try strings(), occupation: try optionalString(), skills: try skills(), languages: try languages(),
               mobility: try strings(), availableFrom: try day(), experienceYears: try double(),
               video: try optional { reader throws(Damaged) in
                   let kind = try reader.int()
                   let text = try reader.string()
                   switch kind {
                   case 0: return VideoLink.media(path: text)
                   case 1: return .youtube(id: text)
                   case 2: return .vimeo(id: text)
                   default: throw Damaged()
                   }
               },
               linkedin: try optionalString(), consent: try bool(), body: try markdown(), language: try optionalString(),
               translations: try translations(), fingerprint: try fingerprint())
    }

    mutating func vacancy() throws(Damaged) -> Vacancy {
        Vacancy(slug: try string(), source: try source(), title: try string(), employer: try string(),
                employerLocation: try location(), city: try optionalString(), country: try string(), sector: try optionalString(),
                occupation: try optionalString(), requiredSkills: try skills(), preferredSkills: try skills(), languages: try languages(),
                experienceYears: try double(),
                employmentType: try optional { reader throws(Damaged) in try reader.raw(EmploymentType.self) },
                start: try day(), validThrough: try day(),
                salary: try optional { reader throws(Damaged) in
                    Salary(min: try reader.double(), max: try reader.double(), currency: try reader.string(),
                           unit: try reader.raw(SalaryUnit.self))
                },
                description: try markdown(), language: try optionalString(), translations: try translations(),
                fingerprint: try fingerprint())
    }

    mutating func employer() throws(Damaged) -> Employer {
        Employer(slug: try string(), source: try source(), name: try string(), city: try optionalString(), country: try string(),
                 website: try optionalString(), sector: try optionalString(), logo: try optionalString(), body: try markdown(),
                 language: try optionalString(), translations: try translations(), fingerprint: try fingerprint())
    }

    mutating func page() throws(Damaged) -> Page {
        Page(path: try strings(), source: try source(), title: try string(), date: try day(), summary: try optionalString(),
             image: try optionalString(), draft: try bool(), weight: try optional { reader throws(Damaged) in try reader.int() },
             menu: try bool(), body: try markdown(), isIndex: try bool(), language: try optionalString(),
             translations: try translations(), fingerprint: try fingerprint())
    }

    mutating func diagnostics() throws(Damaged) -> DiagnosticLog {
        DiagnosticLog(try array { reader throws(Damaged) in
            let severity = try reader.raw(Diagnostic.Severity.self)
            let file = try reader.string()
            let location = try reader.location()
            return Diagnostic(severity, file: file, at: location, try reader.string(), expected: try reader.optionalString())
        })
    }

    mutating func mediaReferences() throws(Damaged) -> [MediaReference] {
        try array { reader throws(Damaged) in
            MediaReference(file: try reader.string(), location: try reader.location(), path: try reader.string(), role: try reader.string())
        }
    }

    mutating func evidence() throws(Damaged) -> LanguageEvidence {
        LanguageEvidence(arabicLetters: try int(), otherLetters: try int(),
                         hits: try dictionary { reader throws(Damaged) in try reader.int() })
    }
}
