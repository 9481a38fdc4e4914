/// One line of Content/skills.yml: a skill and the other names it goes by (synonyms, translations).
public struct SkillAlias: Sendable, Hashable {
    public var name: String
    public var aliases: [String]
    /// The skill's name per language code, shown to readers of that language; also aliases for matching.
    public var names: [String: String] = [:]

    public init(name: String, aliases: [String], names: [String: String] = [:]) {
        self.name = name
        self.aliases = aliases
        self.names = names
    }
}
