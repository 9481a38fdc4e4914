import PasserelleContent
import PasserelleCore

/// The score of a pair, from its parts, 0 to 100:
///
///     score = 100 × (required skills met + rest) / (required skills + 1)
///
/// where `rest`, from 0 to 1, is the weighted share of the other parts (site.yml's `matching.weights`):
/// preferred skills met, same occupation, experience against the minimum, availability against the start,
/// same sector. Each required skill met is worth as much as all the other parts together, so a talent
/// with more required skills always scores at least as high as one with fewer.
///
/// A part the vacancy does not ask for (no preferred skills, no occupation...) counts as fully met,
/// so that it moves no talent up or down.
struct ScoreParts {
    var requiredMet: Int
    var requiredTotal: Int
    var preferredMet: Int
    var preferredTotal: Int
    /// nil when the vacancy names no occupation.
    var sameOccupation: Bool?
    var experience: Double?
    var minimumExperience: Double?
    /// Days between the vacancy's start and the talent's availability, positive when the talent is late; nil when unknown.
    var daysLate: Int?
    var sameSector: Bool?

    /// Availability counts fully up to the start date and falls to nothing 90 days after it.
    static let availabilityGraceDays = 90.0

    /// The weighted share of the parts other than required skills, 0 to 1.
    func rest(_ weights: MatchWeights) -> Double {
        let preferred = preferredTotal == 0 ? 1 : Double(preferredMet) / Double(preferredTotal)
        let occupation = sameOccupation.map { $0 ? 1.0 : 0 } ?? 1
        var experienceShare = 1.0
        if let minimum = minimumExperience, minimum > 0 {
            experienceShare = min(1, (experience ?? 0) / minimum)
        }
        let availability = daysLate.map { max(0, min(1, 1 - Double($0) / Self.availabilityGraceDays)) } ?? 1
        let sector = sameSector.map { $0 ? 1.0 : 0 } ?? 1
        guard weights.total > 0 else { return 0 }
        return (weights.preferredSkills * preferred + weights.occupation * occupation + weights.experience * experienceShare
            + weights.availability * availability + weights.sector * sector) / weights.total
    }

    func score(_ weights: MatchWeights) -> Double {
        let value = 100 * (Double(requiredMet) + rest(weights)) / Double(requiredTotal + 1)
        return (value * 10).rounded() / 10
    }
}

extension Day {
    /// Days since 1 January of year 1 (proleptic Gregorian), for differences between days.
    var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let m = month <= 2 ? month + 12 : month
        return 365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + day
    }
}
