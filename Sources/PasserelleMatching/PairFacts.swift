import PasserelleContent
import PasserelleCore

/// What scoring reads of each talent, in flat arrays of plain numbers, so that many threads can score pairs at once
/// without copying talents or touching reference counts (which, shared between cores, costs more than the sums).
struct TalentFacts: Sendable {
    /// Talent t's skills are `skillNames[skillStart[t]..<skillStart[t + 1]]`, with `skillEscos` beside them.
    private var skillStart: [Int32] = [0]
    private var skillNames: [Int32] = []
    /// `SkillFacts.none` when the skill has no ESCO URI.
    private var skillEscos: [Int32] = []
    private var sectorStart: [Int32] = [0]
    private var sectors: [Int32] = []
    private var occupations: [Int32] = []
    /// Years of experience, 0 when not given (as `ScoreParts` reads them).
    private var experience: [Double] = []
    private var available: [Int] = []

    init(_ entries: [TalentEntry]) {
        for entry in entries {
            for skill in entry.skills {
                skillNames.append(Int32(skill.name))
                skillEscos.append(skill.esco.map(Int32.init) ?? SkillFacts.none)
            }
            skillStart.append(Int32(skillNames.count))
            sectors.append(contentsOf: entry.sectors.map(Int32.init))
            sectorStart.append(Int32(sectors.count))
            occupations.append(entry.occupation.map(Int32.init) ?? SkillFacts.none)
            experience.append(entry.experience ?? 0)
            available.append(entry.available ?? Int.min)
        }
    }

    /// True when one of the talent's skills matches the key (`SkillKey.matches`).
    @inline(__always)
    func has(_ talent: Int, name: Int32, esco: Int32) -> Bool {
        for skill in Int(skillStart[talent])..<Int(skillStart[talent + 1]) {
            let own = skillEscos[skill]
            if own != SkillFacts.none && esco != SkillFacts.none ? own == esco : (skillNames[skill] >= 0 && skillNames[skill] == name) {
                return true
            }
        }
        return false
    }

    /// The score parts other than skills, as `VacancyRules.parts` works them out.
    @inline(__always)
    func parts(_ talent: Int, _ terms: ScoreTerms, required: (met: Int, total: Int), preferred: (met: Int, total: Int)) -> ScoreParts {
        var sameSector: Bool?
        if let sector = terms.sector {
            sameSector = false
            if sector != -1 {
                for index in Int(sectorStart[talent])..<Int(sectorStart[talent + 1]) where Int(sectors[index]) == sector { sameSector = true }
            }
        }
        let from = available[talent]
        return ScoreParts(
            requiredMet: required.met, requiredTotal: required.total, preferredMet: preferred.met, preferredTotal: preferred.total,
            sameOccupation: terms.occupation.map { $0 != -1 && Int(occupations[talent]) == $0 },
            experience: experience[talent], minimumExperience: terms.minimumExperience,
            daysLate: terms.start.flatMap { start in from == Int.min ? nil : from - start },
            sameSector: sameSector)
    }
}

/// A vacancy's score inputs other than skills, as plain values (copied without reference counting).
struct ScoreTerms: Sendable {
    let occupation: Int?
    let minimumExperience: Double?
    let start: Int?
    let sector: Int?
}

/// Every vacancy's preferred skills and score terms, flat, read while scoring.
struct VacancyFacts: Sendable {
    let terms: [ScoreTerms]
    private var preferredStart: [Int32] = [0]
    private var preferredNames: [Int32] = []
    private var preferredEscos: [Int32] = []

    init(_ vacancies: [PreparedVacancy]) {
        terms = vacancies.map(\.rules.terms)
        for vacancy in vacancies {
            for key in vacancy.preferred {
                preferredNames.append(Int32(key.name))
                preferredEscos.append(key.esco.map(Int32.init) ?? SkillFacts.none)
            }
            preferredStart.append(Int32(preferredNames.count))
        }
    }

    /// How many of the vacancy's preferred skills the talent has, and how many there are.
    @inline(__always)
    func preferred(_ vacancy: Int, by talent: Int, in talents: TalentFacts) -> (met: Int, total: Int) {
        var met = 0
        for index in Int(preferredStart[vacancy])..<Int(preferredStart[vacancy + 1])
        where talents.has(talent, name: preferredNames[index], esco: preferredEscos[index]) {
            met += 1
        }
        return (met, Int(preferredStart[vacancy + 1] - preferredStart[vacancy]))
    }
}

enum SkillFacts {
    /// No ESCO URI, or no occupation (real codes and the "unknown" -1 are never this).
    static let none: Int32 = -2
}
