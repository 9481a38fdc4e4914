import Testing
@testable import PasserelleContent
import PasserelleCore

@Suite struct TalentLoaderTests {
    let markdownTalent = """
    ---
    name: Amal Haddad
    headline: Java developer
    photo: media/talents/amal.png
    city: Fès
    country: MA
    programme: palim
    sectors: [ict]
    skills:
      - Java
      - {name: SQL, esco: "http://data.europa.eu/esco/skill/abc", level: advanced}
    languages:
      - {code: ar, level: native}
      - {code: fr, level: B2}
    mobility: [BE, MA]
    available_from: 2027-01-15
    experience_years: 3
    video: https://youtu.be/dQw4w9WgXcQ
    linkedin: https://www.linkedin.com/in/amal-haddad
    email: amal@example.com
    phone: "+212 600 000 000"
    consent: true
    ---
    I write backend services.

    ## Experience
    """

    @Test func loadsAMarkdownProfile() throws {
        let folder = TestFolder()
        folder.write("talents/amal-haddad.md", markdownTalent)
        folder.writeBytes("media/talents/amal.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let content = folder.load()
        #expect(folder.messages(content) == [])
        let talent = try #require(content.talents.first)
        #expect(talent.slug == "amal-haddad")
        #expect(talent.name == "Amal Haddad")
        #expect(talent.city == "Fès")
        #expect(talent.skills == [Skill(name: "Java"), Skill(name: "SQL", esco: "http://data.europa.eu/esco/skill/abc", level: "advanced")])
        #expect(talent.languages == [LanguageLevel(code: "ar", level: .native), LanguageLevel(code: "fr", level: .b2)])
        #expect(talent.mobility == ["BE", "MA"])
        #expect(talent.availableFrom == Day("2027-01-15"))
        #expect(talent.video == .youtube(id: "dQw4w9WgXcQ"))
        #expect(talent.photo == "media/talents/amal.png")
        #expect(talent.body.line == 24)
        #expect(talent.body.text.hasPrefix("I write backend services."))
        #expect(content.media == [MediaFile(path: "media/talents/amal.png", type: .png)])
    }

    @Test func loadsAJSONProfileWithItsBody() throws {
        let folder = TestFolder()
        folder.write("talents/omar.json", """
        {"name": "عمر الفاسي", "headline": "Nurse", "country": "MA", "skills": ["Wound care"],
         "languages": [{"code": "nl", "level": "B1"}], "consent": true, "body": "## Experience\\n\\nTen years."}
        """)
        let content = folder.load()
        #expect(folder.messages(content) == [])
        let talent = try #require(content.talents.first)
        #expect(talent.name == "عمر الفاسي")
        #expect(talent.source.format == .json)
        #expect(talent.body.text == "## Experience\n\nTen years.")
    }

    @Test func mapsAJSONResumeDocument() throws {
        let folder = TestFolder()
        folder.write("talents/nadia.json", """
        {
          "basics": {
            "name": "Nadia Ouali", "label": "Care assistant", "email": "nadia@example.com", "phone": "+212 6",
            "summary": "I care for elderly people.",
            "location": {"address": "12 Rue X", "postalCode": "10000", "city": "Rabat", "countryCode": "MA"},
            "profiles": [{"network": "LinkedIn", "url": "https://www.linkedin.com/in/nadia"}, {"network": "X", "url": "https://x.com/n"}]
          },
          "work": [{"name": "Clinique Atlas", "position": "Care assistant", "startDate": "2021-03", "highlights": ["Night shifts"]}],
          "education": [{"institution": "IFCS Rabat", "area": "Nursing", "studyType": "Diploma", "endDate": "2020"}],
          "skills": [{"name": "Geriatric care", "keywords": ["Hygiene", "Patient transfer"]}],
          "languages": [{"language": "Arabic", "fluency": "Native speaker"}, {"language": "French", "fluency": "Fluent"},
                        {"language": "Dutch", "fluency": "A2"}],
          "meta": {"consent": true, "programme": "gsp-soins", "mobility": ["BE"], "available_from": "2027-02-01", "experience_years": 4}
        }
        """)
        let content = folder.load()
        #expect(folder.messages(content) == [])
        let talent = try #require(content.talents.first)
        #expect(talent.source.format == .jsonResume)
        #expect(talent.headline == "Care assistant")
        #expect(talent.city == "Rabat" && talent.country == "MA")
        #expect(talent.linkedin == "https://www.linkedin.com/in/nadia")
        #expect(talent.skills.map(\.name) == ["Geriatric care", "Hygiene", "Patient transfer"])
        #expect(talent.languages == [LanguageLevel(code: "ar", level: .native), LanguageLevel(code: "fr", level: .c1), LanguageLevel(code: "nl", level: .a2)])
        #expect(talent.mobility == ["BE"] && talent.programme == "gsp-soins" && talent.consent)
        #expect(talent.body.text.contains("I care for elderly people."))
        #expect(talent.body.text.contains("## Experience\n\n### Care assistant, Clinique Atlas\n\n*2021\\-03 –*") || talent.body.text.contains("### Care assistant, Clinique Atlas"))
        #expect(talent.body.text.contains("## Education"))
        #expect(!talent.body.text.contains("12 Rue X") && !talent.body.text.contains("nadia@example.com"))
    }

    @Test func reportsEveryProblemOfEveryFileAtOnce() {
        let folder = TestFolder()
        folder.write("talents/bad-one.md", """
        ---
        name: Bad One
        country: Morocco
        skills: Java
        languages:
          - {code: french, level: B2}
          - {code: nl, level: B3}
        available_from: 2027-02-30
        linkedin: javascript:alert(1)
        photo: ../site.yml
        consnet: true
        ---
        Body
        """)
        folder.write("talents/bad-two.json", "{\"name\": \"Two\",\n \"headline\": \"x\" \"country\": \"MA\"}")
        let messages = TestFolder().messages(folder.load()).map { $0.replacingOccurrences(of: folder.path + "/", with: "") }
        #expect(messages.contains("talents/bad-one.md:2:1: error: missing required key 'headline' (an occupation or one-line pitch)"))
        #expect(messages.contains("talents/bad-one.md:3:10: error: 'Morocco' is not a country code (an ISO 3166-1 alpha-2 country code such as BE or MA)"))
        #expect(messages.contains("talents/bad-one.md:4:9: error: 'skills' is a string (a list of skills: text, or {name, esco, level})"))
        #expect(messages.contains("talents/bad-one.md:6:12: error: 'french' is not a language code (an ISO 639-1 language code such as fr, nl, ar)"))
        #expect(messages.contains("talents/bad-one.md:7:23: error: 'B3' is not a CEFR level (a CEFR level: A1, A2, B1, B2, C1, C2 or native)"))
        #expect(messages.contains("talents/bad-one.md:8:17: error: 'available_from' is not a valid date: '2027-02-30' (a date YYYY-MM-DD)"))
        #expect(messages.contains("talents/bad-one.md:9:11: error: 'linkedin' is not a safe web address: 'javascript:alert(1)' (an https address on linkedin.com)"))
        #expect(messages.contains("talents/bad-one.md:10:8: error: 'photo' must be a file under media/: '../site.yml' (a path under media/, such as media/talents/photo.jpg)"))
        #expect(messages.contains("talents/bad-one.md:11:1: warning: unknown key 'consnet' is ignored (did you mean 'consent'?)"))
        #expect(messages.contains("talents/bad-one.md:2:1: error: missing required key 'consent' (true or false)"))
        #expect(messages.contains("talents/bad-two.json:2:18: error: unexpected '\"' in an object (',' or '}')"))
    }

    @Test func warnsAboutAMissingPhotoAndFallsBackToInitials() throws {
        let folder = TestFolder()
        folder.write("talents/amal-haddad.md", markdownTalent)
        let content = folder.load()
        #expect(!content.diagnostics.hasErrors)
        #expect(folder.messages(content).contains("talents/amal-haddad.md:4:8: warning: photo 'media/talents/amal.png' is not in media/; an initials avatar is shown instead (a file under media/)"))
        #expect(content.talents.first?.photo == nil)
    }

    @Test func aMissingPhotoIsReportedBesideTheFilesErrors() throws {
        let folder = TestFolder()
        folder.write("talents/amal-haddad.md", markdownTalent.replacingOccurrences(of: "country: MA", with: "country: XX"))
        let messages = folder.messages(folder.load())
        #expect(messages.contains("talents/amal-haddad.md:6:10: error: 'XX' is not a country code (an ISO 3166-1 alpha-2 country code such as BE or MA)"))
        #expect(messages.contains { $0.hasPrefix("talents/amal-haddad.md:4:8: warning: photo 'media/talents/amal.png' is not in media/") })
    }

    @Test func anOversizedFileGivesItsSizeInBytes() {
        let folder = TestFolder()
        folder.write("talents/big.md", markdownTalent + String(repeating: "x", count: 4096 - markdownTalent.utf8.count + 1))
        var loader = ContentLoader()
        loader.maxFileSize = 4096
        folder.write("site.yml", TestFolder.siteYAML)
        let content = loader.load(from: folder.path)
        #expect(folder.messages(content) == ["talents/big.md:1:1: error: the file is 4,097 bytes (at most 4,096 bytes)"])
    }

    @Test func refusesLinkedInAddressesElsewhere() {
        let folder = TestFolder()
        folder.write("talents/a.md", markdownTalent.replacingOccurrences(of: "https://www.linkedin.com/in/amal-haddad", with: "https://linkedin.com.evil.example/in/a"))
        #expect(folder.messages(folder.load()).contains { $0.contains("error: 'linkedin' is on linkedin.com.evil.example") })
    }
}

@Suite struct ContentFolderTests {
    @Test func loadsVacanciesEmployersAndNestedPages() throws {
        let folder = TestFolder()
        folder.write("vacancies/nurse-gent.md", """
        ---
        title: Nurse
        employer: zorg
        city: Gent
        country: BE
        skills: {required: [Wound care], preferred: [Dutch]}
        languages: [{code: nl, level: B1}]
        employment_type: FULL_TIME
        valid_through: 2027-06-30
        salary: {min: 2800, max: 3400, currency: EUR, unit: MONTH}
        ---
        Join our team.
        """)
        folder.write("vacancies/dev.json", """
        {"title": "Developer", "employer": "Some Company", "country": "MA", "skills": {"required": ["Java"]},
         "description": "Build **things**."}
        """)
        folder.write("employers/zorg.md", "---\nname: Zorg NV\ncountry: BE\nwebsite: https://zorg.example.be\n---\nWe care.\n")
        folder.write("pages/projects/palim.md", "---\ntitle: PALIM\nmenu: true\nweight: 10\ndate: 2021-04-30\n---\nText\n")
        folder.write("pages/index.md", "---\ntitle: Welcome\n---\nIntro\n")
        let content = folder.load()
        #expect(folder.messages(content) == [])
        let nurse = try #require(content.vacancies.first { $0.slug == "nurse-gent" })
        #expect(nurse.requiredSkills.map(\.name) == ["Wound care"] && nurse.preferredSkills.map(\.name) == ["Dutch"])
        #expect(nurse.salary == Salary(min: 2800, max: 3400, currency: "EUR", unit: .month))
        #expect(nurse.description.text.contains("Join our team."))
        #expect(content.vacancies.first { $0.slug == "dev" }?.description.text == "Build **things**.")
        #expect(content.employers.first?.name == "Zorg NV")
        let palim = try #require(content.pages.first { $0.title == "PALIM" })
        #expect(palim.path == ["projects", "palim"] && palim.menu && palim.weight == 10)
        #expect(content.pages.first { $0.isIndex }?.path == [])
    }

    @Test func reportsVacancyProblemsWithTheirPlace() {
        let folder = TestFolder()
        folder.write("vacancies/v.json", """
        {"title": "X", "employer": "e", "country": "BE", "skills": {"required": []},
         "employment_type": "SOMETIMES", "valid_through": "30/06/2027",
         "salary": {"min": 3000, "max": 2000, "currency": "euro", "unit": "WEEK"}, "description": "d"}
        """)
        let messages = folder.messages(folder.load())
        #expect(messages.contains("vacancies/v.json:1:73: error: 'skills.required' is empty (a list of skills: text, or {name, esco, level})"))
        #expect(messages.contains("vacancies/v.json:2:21: error: 'SOMETIMES' is not an employment type (FULL_TIME, PART_TIME, CONTRACTOR, TEMPORARY or INTERN)"))
        #expect(messages.contains("vacancies/v.json:2:51: error: 'valid_through' is not a valid date: '30/06/2027' (a date YYYY-MM-DD)"))
        #expect(messages.contains("vacancies/v.json:3:33: error: salary max 2000 is below min 3000 (max ≥ min)"))
        #expect(messages.contains("vacancies/v.json:3:51: error: 'euro' is not a currency code (an ISO 4217 code such as EUR or MAD)"))
        #expect(messages.contains("vacancies/v.json:3:67: error: 'WEEK' is not a salary unit (HOUR, MONTH or YEAR)"))
    }

    @Test func refusesDuplicateSlugsAndBadFileNames() {
        let folder = TestFolder()
        let talent = "---\nname: A\nheadline: B\ncountry: MA\nskills: [x]\nconsent: true\n---\n"
        folder.write("talents/amal.md", talent)
        folder.write("talents/amal.json", #"{"name": "A", "headline": "B", "country": "MA", "skills": ["x"], "consent": true}"#)
        folder.write("talents/Amal Haddad.md", talent)
        let messages = folder.messages(folder.load())
        #expect(messages.contains("talents/amal.md:1:1: error: slug 'amal' is already used by talents/amal.json (one file per slug)"))
        #expect(messages.contains { $0.hasPrefix("talents/Amal Haddad.md:1:1: error: 'Amal Haddad.md' does not make a valid slug") })
    }

    @Test func reportsBrokenFilesWithoutCrashing() {
        let folder = TestFolder()
        folder.write("talents/empty.md", "")
        folder.writeBytes("talents/binary.md", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x10])
        folder.writeBytes("talents/latin1.md", Array("---\nname: Ren".utf8) + [0xE9] + Array("\n---\n".utf8))
        folder.write("talents/no-front-matter.md", "Just text\n")
        folder.write("talents/bad-yaml.md", "---\nname: [unclosed\nheadline: x\n---\n")
        folder.write("pages/list.md", "---\n- a\n- b\n---\n")
        let messages = folder.messages(folder.load())
        #expect(messages.contains("talents/empty.md:1:1: error: the file is empty (front matter or JSON)"))
        #expect(messages.contains("talents/binary.md:1:4: error: this is a binary file, not text (UTF-8 text)"))
        #expect(messages.contains("talents/latin1.md:2:10: error: invalid UTF-8 byte sequence (UTF-8 text)"))
        #expect(messages.contains("talents/no-front-matter.md:1:1: error: the file has no front matter (a first line '---', YAML keys, then '---')"))
        #expect(messages.contains { $0.hasPrefix("talents/bad-yaml.md:3:") && $0.contains("error: invalid YAML") })
        #expect(messages.contains("pages/list.md:2:1: error: the front matter is a list (keys such as title: or name:)"))
    }

    @Test func listsFilesItDoesNotPublishWithAReason() {
        let folder = TestFolder()
        folder.write("talents/notes.txt", "x")
        folder.write("README.md", "x")
        folder.write("drafts/x.md", "x")
        let content = folder.load()
        #expect(content.skipped.map(\.path).sorted() == ["README.md", "drafts/x.md", "talents/notes.txt"].map { folder.path + "/" + $0 })
        #expect(content.skipped.allSatisfy { !$0.reason.isEmpty })
    }

    @Test func requiresSiteYAMLWithTitleAndBaseURL() {
        let folder = TestFolder()
        folder.write("site.yml", "title: X\nbase_url: ftp://example.org/\nlanguages: [en, xx]\n")
        let messages = folder.messages(folder.load())
        #expect(messages.contains { $0.hasPrefix("site.yml:2:11: error: 'base_url' is not a safe web address") })
        #expect(messages.contains("site.yml:3:17: error: 'xx' is not a language code (an ISO 639-1 code such as en, fr, nl, ar)"))
    }
}

/// Files are read and decoded on all cores; what is loaded, and every message, comes in the same order whatever
/// the number of cores.
@Suite struct ParallelLoadingTests {
    @Test func theContentAndItsMessagesDoNotDependOnTheNumberOfCores() {
        let folder = TestFolder()
        for n in 0..<300 {
            switch n % 10 {
            case 3: folder.write("talents/t\(n).md", "---\nname: Broken \(n)\nskills: [Java\n---\nText.\n")
            case 5: folder.write("talents/t\(n).json", "{\"name\": \"Json \(n)\", \"consent\": true, \"skills\": [\"SQL\"], \"favourite\": 1}")
            case 7: folder.write("talents/T\(n).md", "---\nname: Bad slug\n---\n")
            default: folder.write("talents/t\(n).md", "---\nname: Talent \(n)\nheadline: Nurse\ncountry: MA\nskills: [Nursing]\nconsent: true\n---\nText \(n).\n")
            }
        }
        folder.write("talents/t1.fr.md", "---\nheadline: Infirmière\n---\nTexte.\n")
        folder.write("site.yml", TestFolder.siteYAML)
        var loads: [(names: [String], messages: [String])] = []
        for cores in [1, 2, 5] {
            var loader = ContentLoader()
            loader.cores = cores
            let content = loader.load(from: folder.path)
            loads.append((content.talents.map(\.name), content.diagnostics.all.map(\.description)))
        }
        #expect(loads[0].names.count == 210)
        #expect(loads[0].messages.contains { $0.contains("t5.json") })
        #expect(loads[0].messages.contains { $0.contains("t3.md") && $0.contains("error") })
        #expect(loads[0].messages.contains { $0.contains("T7.md") })
        #expect(loads[0].names == loads[1].names && loads[1].names == loads[2].names)
        #expect(loads[0].messages == loads[1].messages && loads[1].messages == loads[2].messages)
    }
}

/// Every number a user can type, fed the values that once crashed a build or slipped through: each is a located
/// error that gives the allowed range, and nothing else of the file is lost.
@Suite struct NumberRangeTests {
    /// A file, the line of the number in it, and the key as messages name it.
    struct Field: CustomTestStringConvertible, Sendable {
        let file: String
        let key: String
        let range: String
        let text: @Sendable (String) -> String
        let line: Int
        var testDescription: String { "\(file) \(key)" }
    }

    static let talentFront = "---\nname: N\nheadline: H\ncountry: MA\nskills: [Java]\nconsent: true\n"
    static let fields: [Field] = [
        Field(file: "talents/t.md", key: "experience_years", range: "a number from 0 to 70",
              text: { talentFront + "experience_years: \($0)\n---\n" }, line: 7),
        Field(file: "talents/t.json", key: "experience_years", range: "a number from 0 to 70",
              text: { "{\"name\": \"N\", \"headline\": \"H\", \"country\": \"MA\", \"skills\": [\"Java\"], \"consent\": true,\n\"experience_years\": \($0)}" }, line: 2),
        Field(file: "talents/r.json", key: "meta.experience_years", range: "a number from 0 to 70",
              text: { "{\"basics\": {\"name\": \"N\", \"label\": \"H\", \"location\": {\"countryCode\": \"MA\"}}, \"skills\": [{\"name\": \"Java\"}],\n\"meta\": {\"consent\": true, \"experience_years\": \($0)}}" }, line: 2),
        Field(file: "vacancies/v.md", key: "experience_years", range: "a number from 0 to 70",
              text: { "---\ntitle: T\nemployer: E\ncountry: BE\nskills: {required: [Java]}\nexperience_years: \($0)\n---\nText.\n" }, line: 6),
        Field(file: "vacancies/v.json", key: "salary.min", range: "a number from 0 to 1,000,000,000",
              text: { "{\"title\": \"T\", \"employer\": \"E\", \"country\": \"BE\", \"skills\": {\"required\": [\"Java\"]}, \"description\": \"D\",\n\"salary\": {\"min\": \($0), \"currency\": \"EUR\", \"unit\": \"MONTH\"}}" }, line: 2),
        Field(file: "vacancies/w.md", key: "salary.max", range: "a number from 0 to 1,000,000,000",
              text: { "---\ntitle: T\nemployer: E\ncountry: BE\nskills: {required: [Java]}\nsalary: {currency: EUR, unit: YEAR,\n  max: \($0)}\n---\nText.\n" }, line: 7),
        Field(file: "pages/p.md", key: "weight", range: "a whole number from -1,000,000 to 1,000,000",
              text: { "---\ntitle: P\nweight: \($0)\n---\n" }, line: 3),
        Field(file: "site.yml", key: "matching.top", range: "a whole number from 1 to 100",
              text: { TestFolder.siteYAML + "\nmatching:\n  top: \($0)\n" }, line: 5),
        Field(file: "site.yml", key: "matching.weights.sector", range: "a number from 0 to 10,000",
              text: { TestFolder.siteYAML + "\nmatching:\n  weights: {sector: \($0), occupation: 1}\n" }, line: 5),
        Field(file: "site.yml", key: "page_size", range: "a whole number from 1 to 200",
              text: { TestFolder.siteYAML + "\npage_size: \($0)\n" }, line: 4),
    ]

    /// The values refused everywhere (JSON has no NaN or infinity: YAML's are text there, a syntax error in JSON).
    static let extremes = ["1e300", "-1e300", "1e19", "-1e19", "99999999999999999999", "-1", "1e400", ".nan", ".inf", "-.inf"]

    @Test(arguments: fields, extremes)
    func anExtremeIsALocatedErrorWithTheRange(_ field: Field, _ value: String) throws {
        let folder = TestFolder()
        folder.write(field.file, field.text(value))
        if field.file != "site.yml" { folder.write("site.yml", TestFolder.siteYAML) }
        let messages = folder.load().diagnostics.errors.map { $0.description.replacingOccurrences(of: folder.path + "/", with: "") }
        if value == "-1" && field.range.contains("-") { return }  // in range for a page's weight
        let json = field.file.hasSuffix(".json")
        if json && (value.contains(".") || value == "1e400") {
            // Not a JSON number at all: a syntax error at the value.
            #expect(messages.count == 1 && messages[0].hasPrefix("\(field.file):\(field.line):"), "\(messages)")
            return
        }
        let described = value.hasPrefix(".") || value.hasPrefix("-.") ? "the text '\(value)'" : value
        #expect(messages.count == 1, "\(messages)")
        #expect(messages.first?.hasPrefix("\(field.file):\(field.line):") == true, "\(messages)")
        #expect(messages.first?.hasSuffix("error: '\(field.key)' is \(described) (\(field.range))") == true, "\(messages)")
    }

    @Test(arguments: fields)
    func theBoundsAreAccepted(_ field: Field) throws {
        let bounds = field.range.replacingOccurrences(of: ",", with: "").split(separator: " ").compactMap { Int($0) }
        for bound in bounds {
            let folder = TestFolder()
            folder.write(field.file, field.text(String(bound)))
            if field.file != "site.yml" { folder.write("site.yml", TestFolder.siteYAML) }
            let content = folder.load()
            #expect(!content.diagnostics.hasErrors, "\(field.key) \(bound): \(folder.messages(content))")
        }
    }

    @Test func aWholeNumberIsNeededWhereOneIsCounted() {
        let folder = TestFolder()
        folder.write("pages/p.md", "---\ntitle: P\nweight: 0.5\n---\n")
        #expect(folder.messages(folder.load()) == ["pages/p.md:3:9: error: 'weight' is 0.5 (a whole number from -1,000,000 to 1,000,000)"])
        let site = TestFolder()
        site.write("site.yml", TestFolder.siteYAML + "\npage_size: 12.5\n")
        #expect(site.messages(site.load()) == ["site.yml:4:12: error: 'page_size' is 12.5 (a whole number from 1 to 200)"])
        site.write("site.yml", TestFolder.siteYAML + "\npage_size: 0\n")
        #expect(site.messages(site.load()) == ["site.yml:4:12: error: 'page_size' is 0 (a whole number from 1 to 200)"])
        site.write("site.yml", TestFolder.siteYAML + "\npage_size: 12\n")
        #expect(site.load().site?.pageSize == 12)
    }
}
