import PasserelleContent
import PasserelleCore

/// A skill resolved for matching: its folded name (after aliases) and ESCO URI, as numbers.
struct SkillKey: Hashable {
    /// -1 when the name is not known to any talent.
    var name: Int
    var esco: Int?

    /// When both sides give an ESCO URI, the URI decides; otherwise the names do.
    func matches(_ other: SkillKey) -> Bool {
        if let esco, let otherEsco = other.esco { return esco == otherEsco }
        return name >= 0 && name == other.name
    }
}

/// Skill names (by their vocabulary key, after aliases) and ESCO URIs as numbers; aliases from skills.yml share
/// their skill's number.
struct SkillNumbers: Sendable {
    let vocabulary: SkillVocabulary
    private var names: [String: Int] = [:]
    private var escos: [String: Int] = [:]
    private(set) var count = 0
    var escoCount: Int { escos.count }

    init(vocabulary: SkillVocabulary) {
        self.vocabulary = vocabulary
        for skill in vocabulary.declared {
            names[skill.key] = count
            count += 1
        }
    }

    /// Adds the skill's name and URI if new.
    mutating func intern(_ skill: Skill) -> SkillKey {
        let folded = vocabulary.key(of: skill.name)
        let name: Int
        if let known = names[folded] { name = known } else {
            name = count
            names[folded] = count
            count += 1
        }
        var esco: Int?
        if let uri = skill.esco {
            if let known = escos[uri] { esco = known } else {
                esco = escos.count
                escos[uri] = escos.count
            }
        }
        return SkillKey(name: name, esco: esco)
    }

    /// Looks the skill up without adding it: unknown names get -1, unknown URIs a number no talent has.
    func lookup(_ skill: Skill) -> SkillKey {
        SkillKey(name: names[vocabulary.key(of: skill.name)] ?? -1, esco: skill.esco.map { escos[$0] ?? -1 })
    }
}

/// Country, language, sector and occupation codes as small numbers.
struct CodeTable: Sendable {
    private var ids: [String: Int] = [:]
    /// Sector as written → its number.
    private var sectors: [String: Int] = [:]

    mutating func intern(_ code: String) -> Int {
        if let id = ids[code] { return id }
        ids[code] = ids.count
        return ids.count - 1
    }

    func lookup(_ code: String) -> Int { ids[code] ?? -1 }

    /// Sectors compare folded like skill names; each distinct spelling is folded once.
    mutating func intern(sector: String) -> Int {
        if let id = sectors[sector] { return id }
        let id = intern("sector:" + SkillName.fold(sector))
        sectors[sector] = id
        return id
    }

    func lookup(sector: String) -> Int { sectors[sector] ?? lookup("sector:" + SkillName.fold(sector)) }
}

/// What matching needs of a talent, as numbers.
struct TalentEntry: Sendable {
    var skills: [SkillKey]
    var mobility: [Int]
    var languages: [(code: Int, level: CEFRLevel)]
    var experience: Double?
    var available: Int?
    var occupation: Int?
    var sectors: [Int]

    init(_ talent: Talent, vocabulary: inout SkillNumbers, codes: inout CodeTable) {
        skills = talent.skills.map { vocabulary.intern($0) }
        mobility = talent.mobility.map { codes.intern("country:" + $0) }
        languages = talent.languages.map { (codes.intern("language:" + $0.code), $0.level) }
        experience = talent.experienceYears
        available = talent.availableFrom?.dayNumber
        occupation = talent.occupation.map { codes.intern("occupation:" + $0) }
        sectors = talent.sectors.map { codes.intern(sector: $0) }
    }

}

/// Skill → talents who have it: by name (any), by name without an ESCO URI, and by URI.
struct SkillIndex: Sendable {
    private var byName: [[Int32]]
    private var byNameWithoutEsco: [[Int32]]
    private var byEsco: [[Int32]]

    init(entries: [TalentEntry], keyCount: Int, escoCount: Int) {
        byName = Array(repeating: [], count: keyCount)
        byNameWithoutEsco = Array(repeating: [], count: keyCount)
        byEsco = Array(repeating: [], count: escoCount)
        for (talent, entry) in entries.enumerated() {
            for skill in entry.skills {
                byName[skill.name].append(Int32(talent))
                if let esco = skill.esco { byEsco[esco].append(Int32(talent)) }
                else { byNameWithoutEsco[skill.name].append(Int32(talent)) }
            }
        }
    }

    /// The talents with a skill that matches `key` (a talent may appear twice; `Scratch` counts it once).
    func postings(for key: SkillKey) -> [[Int32]] {
        if let esco = key.esco {
            var lists: [[Int32]] = []
            if esco >= 0 { lists.append(byEsco[esco]) }
            if key.name >= 0 { lists.append(byNameWithoutEsco[key.name]) }
            return lists
        }
        return key.name >= 0 ? [byName[key.name]] : []
    }
}

/// Per-vacancy counters, reused from one vacancy to the next.
struct Scratch {
    var required: [UInt16]
    var preferred: [UInt16]
    private var seen: [Int32]
    private var stamp: Int32 = 0
    private(set) var touched: [Int] = []

    init(talentCount: Int) {
        required = Array(repeating: 0, count: talentCount)
        preferred = Array(repeating: 0, count: talentCount)
        seen = Array(repeating: -1, count: talentCount)
    }

    mutating func begin() {
        for talent in touched {
            required[talent] = 0
            preferred[talent] = 0
        }
        touched.removeAll(keepingCapacity: true)
    }

    /// Counts one skill of the vacancy for every talent in the lists, once per talent.
    mutating func count(_ lists: [[Int32]], preferred isPreferred: Bool) {
        stamp &+= 1
        for list in lists {
            for raw in list {
                let talent = Int(raw)
                if seen[talent] == stamp { continue }
                seen[talent] = stamp
                if required[talent] == 0 && preferred[talent] == 0 { touched.append(talent) }
                if isPreferred { preferred[talent] &+= 1 } else { required[talent] &+= 1 }
            }
        }
    }
}

/// A candidate in a ranking: ties go to the lower index (the earlier slug).
struct Ranked: Sendable {
    var score: Double
    var talent: Int

    func isBetter(than other: Ranked) -> Bool {
        score != other.score ? score > other.score : talent < other.talent
    }
}

/// The best few, kept sorted as they come in.
struct TopList: Sendable {
    private(set) var items: [Ranked] = []

    mutating func insert(_ candidate: Ranked, limit: Int) {
        if items.count == limit, let last = items.last, !candidate.isBetter(than: last) { return }
        let position = items.firstIndex { candidate.isBetter(than: $0) } ?? items.count
        items.insert(candidate, at: position)
        if items.count > limit { items.removeLast() }
    }
}

/// A vacancy's hard rules and score inputs, as numbers, checked against many talents.
struct VacancyRules: Sendable {
    let country: Int
    let languages: [(code: Int, level: CEFRLevel)]
    let occupation: Int?
    let minimumExperience: Double?
    let start: Int?
    let sector: Int?

    init(_ vacancy: Vacancy, codes: CodeTable) {
        country = codes.lookup("country:" + vacancy.country)
        languages = vacancy.languages.map { (codes.lookup("language:" + $0.code), $0.level) }
        occupation = vacancy.occupation.map { codes.lookup("occupation:" + $0) }
        minimumExperience = vacancy.experienceYears
        start = vacancy.start?.dayNumber
        sector = vacancy.sector.map { codes.lookup(sector: $0) }
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
            sameOccupation: occupation.map { $0 != -1 && talent.occupation == $0 },
            experience: talent.experience, minimumExperience: minimumExperience,
            daysLate: start.flatMap { start in talent.available.map { $0 - start } },
            sameSector: sector.map { sector in sector != -1 && talent.sectors.contains(sector) })
    }
}
