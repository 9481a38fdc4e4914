import PasserelleContent
import PasserelleCore

/// The commented starter files written by `passerelle new`: each one passes `passerelle check` as it is.
public enum StarterFiles {
    public enum Kind: String, CaseIterable, Sendable {
        case talent, vacancy, page
    }

    /// The path under the content folder, or nil when the slug is not valid
    /// (pages may name folders: `news/open-day`).
    public static func relativePath(kind: Kind, slug: String) -> String? {
        let parts = slug.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.allSatisfy(Slug.isValid), slug.utf8.count <= Slug.maxLength, kind == .page || parts.count == 1 else { return nil }
        switch kind {
        case .talent: return "talents/\(slug).md"
        case .vacancy: return "vacancies/\(slug).md"
        case .page: return "pages/\(slug).md"
        }
    }

    public static func text(kind: Kind, slug: String, today: Day) -> String {
        let nextYear = Day(year: today.year + 1, month: today.month, day: min(today.day, 28)) ?? today
        let title = (slug.split(separator: "/").last ?? Substring(slug)).split(separator: "-")
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
        switch kind {
        case .talent:
            return """
            ---
            # A talent profile. Required keys: name, headline, country, skills, consent.
            name: \(title)
            headline: Junior web developer            # occupation or one-line pitch
            city: Casablanca
            country: MA                               # ISO 3166-1 alpha-2 code
            programme: palim                          # cohort, e.g. palim, gsp-soins
            sectors: [ict]
            skills:                                   # plain names, or {name, esco, level}
              - JavaScript
              - SQL
            languages:                                # ISO 639-1 code and CEFR level (A1..C2 or native)
              - {code: ar, level: native}
              - {code: fr, level: B2}
            mobility: [BE, MA]                        # countries the talent will work in
            available_from: \(today)                  # YYYY-MM-DD
            experience_years: 1
            # photo: media/talents/\(slug).jpg        # without a photo, an initials avatar is shown
            # video: https://www.youtube.com/watch?v=XXXXXXXXXXX
            # linkedin: https://www.linkedin.com/in/your-name
            # email and phone may be kept here: they are never published.
            consent: false                            # only true is published: set it once the talent agrees
            ---
            A short introduction in the talent's own words.

            ## Experience

            - What, where, when.

            ## Education

            - Diploma, school, year.

            """
        case .vacancy:
            return """
            ---
            # A vacancy. Required keys: title, employer, country, skills.required, and a description below.
            title: \(title)
            employer: example-employer                # a slug from employers/, or the employer's name
            city: Brussels
            country: BE                               # ISO 3166-1 alpha-2 code
            sector: ict
            skills:
              required: [JavaScript]
              preferred: [SQL]
            languages:                                # minimum CEFR level per language
              - {code: fr, level: B1}
            experience_years: 1                       # minimum
            employment_type: FULL_TIME                # FULL_TIME, PART_TIME, CONTRACTOR, TEMPORARY, INTERN
            start: \(nextYear)
            valid_through: \(nextYear)                # not listed as open after this day
            salary: {min: 3000, max: 3600, currency: EUR, unit: MONTH}   # unit: HOUR, MONTH or YEAR
            ---
            What the job is, the team, and what the employer offers.

            """
        case .page:
            return """
            ---
            # A page; its folder under pages/ is its address. Only title is required.
            title: \(title)
            date: \(today)
            summary: One sentence shown in lists.
            # menu: true                              # list it in the main menu
            # weight: 10                              # menu order, smallest first
            # draft: true                             # built only with --drafts
            ---
            The page's text, in Markdown.

            """
        }
    }
}
