/// Every skill the content names, with all its spellings: the skills of skills.yml (canonical name, names per
/// language, aliases) and the names talents and vacancies write. The loader builds it once, so that each distinct
/// spelling is folded (`SkillName.fold`) once rather than every time a page, a match or an index meets it.
public struct SkillVocabulary: Sendable {
    public struct Entry: Sendable, Hashable {
        /// skills.yml's name for the skill, or the first spelling met for a skill it does not list.
        public var name: String
        /// From skills.yml: the skill's name per language code.
        public var names: [String: String]
        /// From skills.yml: the other names it goes by (synonyms, translations), as written.
        public var aliases: [String]
        /// The folded name that every spelling of the skill shares.
        public var key: String
        /// Listed in skills.yml.
        public var declared: Bool
    }

    public private(set) var entries: [Entry] = []
    /// Any spelling met → its entry: a lookup without folding.
    private var bySpelling: [String: Int] = [:]
    /// Folded spelling → its entry.
    private var byKey: [String: Int] = [:]

    /// The skills of skills.yml; where two of their names fold alike, the later one wins.
    public init(_ declared: [SkillAlias] = []) {
        var folded: [String: String] = [:]
        for alias in declared {
            let id = entries.count
            for name in [alias.name] + alias.aliases {
                let key = folded[name] ?? SkillName.fold(name)
                folded[name] = key
                byKey[key] = id
            }
            entries.append(Entry(name: alias.name, names: alias.names, aliases: alias.aliases, key: folded[alias.name] ?? alias.name, declared: true))
        }
        for (name, key) in folded { bySpelling[name] = byKey[key] }
    }

    /// The skills.yml skills, in the file's order.
    public var declared: [Entry] { entries.filter(\.declared) }

    /// Adds a spelling met in the content: folded once, then known by its letters.
    public mutating func add(_ spelling: String) {
        guard bySpelling[spelling] == nil else { return }
        let key = SkillName.fold(spelling)
        if let id = byKey[key] {
            bySpelling[spelling] = id
        } else {
            byKey[key] = entries.count
            bySpelling[spelling] = entries.count
            entries.append(Entry(name: spelling, names: [:], aliases: [], key: key, declared: false))
        }
    }

    /// The skills.yml skill a spelling names (any of its names, case and accents aside); nil for one it does not list.
    public func entry(of spelling: String) -> Entry? {
        let id = bySpelling[spelling] ?? byKey[SkillName.fold(spelling)]
        return id.map { entries[$0] }.flatMap { $0.declared ? $0 : nil }
    }

    /// The key every spelling of the same skill shares, aliases included: the skill's folded name.
    public func key(of spelling: String) -> String {
        if let id = bySpelling[spelling] { return entries[id].key }
        let folded = SkillName.fold(spelling)
        return byKey[folded].map { entries[$0].key } ?? folded
    }
}
