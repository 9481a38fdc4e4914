import PasserelleCore

extension ContentLoader {
    /// Content/occupations.yml: one entry per occupation, keyed by its id, with its labels per language (a name,
    /// or a list whose first is the one shown), `isco:` (the ISCO-08 unit group) and `esco:` (the ESCO
    /// occupation's address). Optional; a label stands for one occupation only.
    func loadOccupations(root: String, languages: [String], into diagnostics: inout DiagnosticLog) -> OccupationVocabulary {
        let path = joinPath(root, "occupations.yml")
        guard fileSystem.fileExists(path) else { return OccupationVocabulary() }
        var log = FileDiagnostics(file: path)
        defer { diagnostics.append(contentsOf: log.log) }
        guard let text = readText(path, into: &log) else { return OccupationVocabulary() }
        let node: DataNode
        do { node = try YAMLReader.read(text) } catch {
            log.error(error.location, error.message, expected: error.expected)
            return OccupationVocabulary()
        }
        let shape = "entries such as 'nurse: {isco: \"2221\", en: [nurse], fr: [infirmier, infirmière]}'"
        guard let entries = node.entries else {
            log.error(node.location, "occupations.yml is \(node.kindName)", expected: shape)
            return OccupationVocabulary()
        }
        var occupations: [OccupationVocabulary.Occupation] = []
        var owner: [String: String] = [:]  // folded id or label → the occupation it stands for
        for entry in entries {
            guard Slug.isValid(entry.key) else {
                log.error(entry.keyLocation, "'\(entry.key)' is not a valid occupation id", expected: "lower-case letters, digits and '-', such as care-assistant")
                continue
            }
            guard let fields = entry.value.entries else {
                log.error(entry.value.location, "the occupation '\(entry.key)' is \(entry.value.kindName)", expected: shape)
                continue
            }
            var occupation = OccupationVocabulary.Occupation(id: entry.key, labels: [:])
            func claim(_ name: String, at location: SourceLocation) -> Bool {
                let folded = SkillName.fold(name)
                if let other = owner[folded], other != entry.key {
                    log.error(location, "'\(name)' already stands for the occupation '\(other)'", expected: "each label for one occupation only")
                    return false
                }
                owner[folded] = entry.key
                return true
            }
            _ = claim(entry.key, at: entry.keyLocation)
            for field in fields {
                switch field.key {
                case "isco":
                    guard let code = field.value.scalarText?.trimmed, code.utf8.count == 4, code.utf8.allSatisfy({ (48...57).contains($0) }) else {
                        log.error(field.value.location, "the ISCO code of '\(entry.key)' is not four digits", expected: "an ISCO-08 unit group such as \"2221\" (in quotes)")
                        continue
                    }
                    occupation.isco = code
                case "esco":
                    guard let address = field.value.scalarText?.trimmed,
                          address.hasPrefix("http://data.europa.eu/esco/occupation/") || address.hasPrefix("https://data.europa.eu/esco/occupation/") else {
                        log.error(field.value.location, "the ESCO address of '\(entry.key)' is not an ESCO occupation", expected: "http://data.europa.eu/esco/occupation/...")
                        continue
                    }
                    occupation.esco = address
                case let language where Codes.languages.contains(language):
                    let items = field.value.items ?? [field.value]
                    var labels: [String] = []
                    for item in items {
                        guard let label = item.scalarText?.trimmed, !label.isEmpty else {
                            log.error(item.location, "a '\(language)' label of '\(entry.key)' is \(item.kindName)", expected: "the occupation's name in that language")
                            continue
                        }
                        if claim(label, at: item.location) { labels.append(label) }
                    }
                    if !languages.isEmpty, !languages.contains(language) {
                        log.warning(field.keyLocation, "'\(language)' is not one of the site's languages; its labels count for search and for naming the occupation only")
                    }
                    if !labels.isEmpty { occupation.labels[language] = labels }
                default:
                    log.warning(field.keyLocation, "unknown key '\(field.key)' in '\(entry.key)' is ignored", expected: "isco, esco, or a language code such as en, fr, nl, ar")
                }
            }
            if occupation.labels.isEmpty {
                log.error(entry.keyLocation, "the occupation '\(entry.key)' has no label", expected: "its name in at least one language, such as en: [nurse]")
                continue
            }
            occupations.append(occupation)
        }
        return OccupationVocabulary(occupations)
    }
}
