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

/// Skill → the items (talents, or vacancies' skills in one place) with a skill that matches it: by name (any),
/// by name without an ESCO URI, and by URI. `SkillKey.matches` is symmetric, so the same lookup serves both ways.
struct SkillIndex: Sendable {
    private var byName: [PostingSet]
    private var byNameWithoutEsco: [PostingSet]
    private var byEsco: [PostingSet]

    /// `keys[item]`: the item's skills; unknown names and URIs (negative) are left out.
    init(keys: [[SkillKey]], nameCount: Int, escoCount: Int) {
        byName = Array(repeating: PostingSet(), count: nameCount)
        byNameWithoutEsco = Array(repeating: PostingSet(), count: nameCount)
        byEsco = Array(repeating: PostingSet(), count: escoCount)
        for (item, skills) in keys.enumerated() {
            for skill in skills {
                if skill.name >= 0 { byName[skill.name].append(item) }
                if let esco = skill.esco {
                    if esco >= 0 { byEsco[esco].append(item) }
                } else if skill.name >= 0 {
                    byNameWithoutEsco[skill.name].append(item)
                }
            }
        }
        for key in byName.indices {
            byName[key].finish(universe: keys.count)
            byNameWithoutEsco[key].finish(universe: keys.count)
        }
        for key in byEsco.indices { byEsco[key].finish(universe: keys.count) }
    }

    /// Sets in `row` the bit of every item with a skill that matches `key`.
    func add(_ key: SkillKey, to row: inout [UInt64]) {
        if let esco = key.esco {
            if esco >= 0 { byEsco[esco].add(to: &row) }
            if key.name >= 0 { byNameWithoutEsco[key.name].add(to: &row) }
        } else if key.name >= 0 {
            byName[key.name].add(to: &row)
        }
    }
}

