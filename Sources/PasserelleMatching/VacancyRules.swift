import PasserelleContent
import PasserelleCore

/// A vacancy's hard rules and score inputs, as numbers, checked against many talents.
struct VacancyRules: Sendable {
    let country: Int
    let languages: [(code: Int, level: CEFRLevel)]
    let terms: ScoreTerms

    init(_ vacancy: Vacancy, codes: CodeTable) {
        country = codes.lookup("country:" + vacancy.country)
        languages = vacancy.languages.map { (codes.lookup("language:" + $0.code), $0.level) }
        terms = ScoreTerms(occupation: vacancy.occupation.map { codes.lookup("occupation:" + $0) }, minimumExperience: vacancy.experienceYears,
                           start: vacancy.start?.dayNumber, sector: vacancy.sector.map { codes.lookup(sector: $0) })
    }

    /// Mobility and languages.
    func allows(_ talent: TalentEntry) -> Bool {
        if !talent.mobility.isEmpty && !talent.mobility.contains(country) { return false }
        for language in languages {
            guard let has = talent.languages.first(where: { $0.code == language.code }), has.level >= language.level else { return false }
        }
        return true
    }

    func parts(_ talent: TalentEntry, requiredMet: Int, requiredTotal: Int, preferredMet: Int, preferredTotal: Int) -> ScoreParts {
        ScoreParts(
            requiredMet: requiredMet, requiredTotal: requiredTotal, preferredMet: preferredMet, preferredTotal: preferredTotal,
            sameOccupation: terms.occupation.map { $0 != -1 && talent.occupation == $0 },
            experience: talent.experience, minimumExperience: terms.minimumExperience,
            daysLate: terms.start.flatMap { start in talent.available.map { $0 - start } },
            sameSector: terms.sector.map { sector in sector != -1 && talent.sectors.contains(sector) })
    }
}
