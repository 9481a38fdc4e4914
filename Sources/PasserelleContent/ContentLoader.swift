import Foundation
import PasserelleCore

/// Loads a Content/ folder: site.yml, talents, vacancies, employers, pages and media.
///
/// Every file ends up in exactly one place: loaded, listed as skipped with a reason, or reported as an error.
/// Cross-file checks (duplicate slugs, employers named by vacancies, photos present) run once all files are read.
public struct ContentLoader: Sendable {
    public let fileSystem: any FileSystem
    /// Files larger than this are refused rather than read into memory.
    public var maxFileSize = 5 * 1024 * 1024
    /// How many files are read and decoded at once; the content does not depend on it.
    public var cores = ProcessInfo.processInfo.activeProcessorCount

    public init(fileSystem: any FileSystem = LocalFileSystem()) {
        self.fileSystem = fileSystem
    }

    public func load(from root: String) -> Content {
        load(from: root, reusing: nil, stamps: nil).content
    }

    /// Loads the folder, reading and decoding again only the files whose stamp (or, when the stamp is ambiguous,
    /// whose bytes) differ from what `previous` kept; the checks across files run over every item. The content and
    /// every message are the same as a load without `previous` gives. Files without a stamp are read and not kept.
    public func load(from root: String, reusing previous: ParsedSources?, stamps: SourceStamps?) -> (content: Content, parsed: ParsedSources) {
        var content = Content(root: root)
        var parsedSources = ParsedSources(context: Fingerprint(high: 0, low: 0))
        guard fileSystem.directoryExists(root) else {
            content.diagnostics.error(root, .start, "the content folder does not exist", expected: "a folder with site.yml, talents/, vacancies/...")
            return (content, parsedSources)
        }
        let rootReal = fileSystem.resolvedPath(root) ?? root
        let files: [ListedFile]
        do {
            files = try fileSystem.listFiles(under: root)
        } catch {
            content.diagnostics.error(root, .start, "the content folder cannot be read: \(error)")
            return (content, parsedSources)
        }
        content.files = files.map { joinPath(root, $0.relativePath) }
        var slugs: [String: [String: String]] = [:]  // kind → slug → first file
        var pending: [PendingTranslation] = []

        // 1. Sort every file out: skipped (with the reason), refused (with the error), or queued to be parsed.
        var steps: [LoadStep] = []
        func note(_ file: String, _ location: SourceLocation, _ message: String, expected: String? = nil) {
            var log = DiagnosticLog()
            log.error(file, location, message, expected: expected)
            steps.append(.note(log))
        }
        for (file, path) in zip(files, content.files) {
            let parts = file.relativePath.split(separator: "/").map(String.init)
            guard let top = parts.first else { continue }
            let name = parts.last ?? ""

            if file.isDirectory {
                content.skipped.append(SkippedFile(path: path, reason: "linked folder, not followed"))
                continue
            }
            if name.hasPrefix(".") {
                content.skipped.append(SkippedFile(path: path, reason: "hidden file"))
                continue
            }
            if file.isLink {
                switch fileSystem.linkTarget(path) {
                case .loop:
                    note(path, .start, "this link cannot be followed: it leads round a loop of links", expected: "a link to a file inside \(root)")
                    continue
                case .missing:
                    note(path, .start, "this link points at a file that does not exist", expected: "a link to a file inside \(root)")
                    continue
                case let .file(target) where !target.hasPrefix(rootReal + "/"):
                    note(path, .start, "this link points outside the content folder", expected: "a file inside \(root)")
                    continue
                case .file:
                    break
                }
            }
            if parts.count == 1 {
                if name == "site.yml" || name == "skills.yml" || name == "occupations.yml" {
                    content.settingsFiles.append(path)
                    continue
                }
                content.skipped.append(SkippedFile(path: path, reason: "not a content file (expected site.yml and the folders talents/, vacancies/, employers/, pages/, media/)"))
                continue
            }
            if top == "media" {
                guard let mediaPath = MediaPath.normalise(file.relativePath), MediaPath.isWebSafe(mediaPath) else {
                    note(path, .start, "this media file name cannot be published", expected: "ASCII letters, digits, '-', '_' and '.' in every folder and file name, none ending in '.'")
                    MediaPath.normalise(file.relativePath).map { _ = content.refusedMedia.insert($0) }
                    continue
                }
                let prefix: [UInt8]
                do { prefix = try fileSystem.readPrefix(path, count: MediaType.prefixLength) } catch {
                    note(path, .start, "the file cannot be read")
                    content.refusedMedia.insert(mediaPath)
                    continue
                }
                switch MediaType.check(name: name, prefix: prefix) {
                case let .success(type):
                    content.media.append(MediaFile(path: mediaPath, type: type))
                case let .failure(refusal):
                    note(path, .start, refusal.message, expected: refusal.expected)
                    content.refusedMedia.insert(mediaPath)
                }
                continue
            }
            guard ["talents", "vacancies", "employers", "pages"].contains(top) else {
                content.skipped.append(SkippedFile(path: path, reason: "not in a content folder (talents/, vacancies/, employers/, pages/, media/)"))
                continue
            }
            let pieces = name.split(separator: ".")
            let ext = pieces.count > 1 ? String(pieces[pieces.count - 1]) : ""
            let accepted = top == "talents" || top == "vacancies" ? ["md", "json"] : ["md"]
            guard accepted.contains(ext) else {
                content.skipped.append(SkippedFile(path: path, reason: "not a \(accepted.map { "." + $0 }.joined(separator: " or ")) file"))
                continue
            }
            if top != "pages" && parts.count > 2 {
                content.skipped.append(SkippedFile(path: path, reason: "\(top)/ has no sub-folders"))
                continue
            }
            var slug = String(name.dropLast(ext.count + 1))
            var translation: String?
            if let dot = slug.lastIndex(of: "."), Self.isLanguageSuffix(slug[slug.index(after: dot)...]) {
                translation = String(slug[slug.index(after: dot)...])
                slug = String(slug[..<dot])
                guard ext == "md" else {
                    content.skipped.append(SkippedFile(path: path, reason: "a translation is a .md file (\(slug).\(translation!).md)"))
                    continue
                }
            }
            if let long = (top == "pages" ? parts.dropFirst().dropLast() + [slug] : [slug]).first(where: { $0.utf8.count > Slug.maxLength }) {
                note(path, .start, "the \(long == slug ? "file" : "folder") name makes an address of \(long.utf8.count) characters",
                     expected: "at most \(Slug.maxLength) characters, such as amina-el-idrissi")
                continue
            }
            if top == "pages", let folder = parts.dropFirst().dropLast().first(where: { !Slug.isValid($0) }) {
                note(path, .start, "the folder '\(folder)' does not make a valid address", expected: "folder names of lower-case letters, digits and '-', such as news")
                continue
            }
            guard Slug.isValid(slug) else {
                note(path, .start, "'\(name)' does not make a valid slug", expected: "a file name of lower-case letters, digits and '-', such as amina-el-idrissi.md")
                continue
            }
            if file.size > maxFileSize {
                let mebibytes = maxFileSize % 1_048_576 == 0 ? ", \(maxFileSize / 1_048_576) MiB" : ""
                note(path, .start, "the file is \(NumberText.plain(Double(file.size))) bytes",
                     expected: "at most \(NumberText.plain(Double(maxFileSize))) bytes\(mebibytes)")
                continue
            }
            let slugKey = top == "pages" ? parts.dropFirst().dropLast().joined(separator: "/") + "/" + slug : slug
            if let language = translation {
                steps.append(.parse(ParseJob(path: path, top: top, parts: parts, slug: slug, slugKey: slugKey, ext: ext, translation: language)))
                continue
            }
            if let first = slugs[top]?[slugKey] {
                note(path, .start, "slug '\(slug)' is already used by \(first)", expected: "one file per slug")
                continue
            }
            slugs[top, default: [:]][slugKey] = path

            steps.append(.parse(ParseJob(path: path, top: top, parts: parts, slug: slug, slugKey: slugKey, ext: ext, translation: nil)))
        }

        // 2. site.yml first: its `private:` keys are withheld from every file as it is read.
        content.site = loadSite(root: root, into: &content.diagnostics)
        let withheld = Set(content.site?.privateKeys ?? [])
        // occupations.yml too: a file names its occupation by any label, which the loader turns into its id.
        let occupations = loadOccupations(root: root, languages: content.site?.languages ?? [], into: &content.diagnostics)
        content.occupations = occupations
        parsedSources.context = Self.context(withheld: withheld, occupations: occupations)
        let reusable = previous?.context == parsedSources.context ? previous : nil

        // 3. Read and decode the files on all cores (or take what an unchanged file gave last time); 4. gather them
        // in file order, with their messages, so that the content (and every message) is the same whatever the
        // number of cores.
        let jobs = steps.compactMap { step -> ParseJob? in if case let .parse(job) = step { return job } else { return nil } }
        let parsed = ConcurrentSlots<(ParseOutcome, ParsedSource?)>(count: jobs.count)
        let context = parsedSources.context
        DispatchQueue.concurrentPerform(iterations: max(1, min(cores, jobs.count / 64 + 1))) { _ in
            while let index = parsed.claim() {
                let job = jobs[index]
                parsed.set(index, outcome(job, withheld: withheld, occupations: occupations, context: context, previous: reusable?.entries[job.path],
                                          stamp: stamps?.stamps[job.path], taken: stamps?.taken ?? 0))
            }
        }
        var evidence: [String: LanguageEvidence] = [:]
        var next = 0
        for step in steps {
            switch step {
            case let .note(diagnostic):
                content.diagnostics.append(contentsOf: diagnostic)
            case .parse:
                defer { next += 1 }
                guard let (outcome, entry) = parsed.get(next) else { continue }
                if let entry { parsedSources.entries[jobs[next].path] = entry }
                if let found = outcome.evidence { evidence[outcome.item.path ?? ""] = found }
                content.diagnostics.append(contentsOf: outcome.diagnostics)
                content.mediaReferences.append(contentsOf: outcome.media)
                switch outcome.item {
                case let .talent(talent): content.talents.append(talent)
                case let .vacancy(vacancy): content.vacancies.append(vacancy)
                case let .employer(employer): content.employers.append(employer)
                case let .page(page): content.pages.append(page)
                case let .translation(translation): pending.append(translation)
                case .none: break
                }
            }
        }

        content.skills = SkillVocabulary(loadSkillAliases(root: root, languages: content.site?.languages ?? [], into: &content.diagnostics))
        for talent in content.talents { for skill in talent.skills { content.skills.add(skill.name) } }
        for vacancy in content.vacancies { for skill in vacancy.requiredSkills + vacancy.preferredSkills { content.skills.add(skill.name) } }
        if let site = content.site {
            TranslationLinker(site: site, slugs: slugs, evidence: evidence).link(pending, into: &content)
        }
        ContentValidator.validate(&content)
        ContentFingerprints.seal(&content)
        return (content, parsedSources)
    }

    /// What decoding a file depends on beside its bytes and path.
    static func context(withheld: Set<String>, occupations: OccupationVocabulary = OccupationVocabulary()) -> Fingerprint {
        var hasher = StableHasher()
        hasher.combine(String(decoding: ParsedSources.magic, as: UTF8.self))
        for key in withheld.sorted() { hasher.combine(key) }
        if !occupations.isEmpty { hasher.combine(occupations.fingerprint) }
        return hasher.finalize()
    }

    /// A content file to read and decode.
    struct ParseJob {
        let path: String
        let top: String
        let parts: [String]
        let slug: String
        let slugKey: String
        let ext: String
        /// The language of a translation (`<slug>.<lang>.md`); nil for an original.
        let translation: String?
    }

    enum LoadStep {
        case note(DiagnosticLog)
        case parse(ParseJob)
    }

    enum ParsedItem {
        case talent(Talent), vacancy(Vacancy), employer(Employer), page(Page), translation(PendingTranslation), none
    }

    struct ParseOutcome {
        var item: ParsedItem
        var diagnostics: DiagnosticLog
        var media: [MediaReference] = []
        /// What the text says of its language, for an item without `lang:`.
        var evidence: LanguageEvidence? = nil
    }

    /// What one file gives: the last load's outcome when the file is unchanged (by its stamp, or else by its
    /// bytes), otherwise the file read and decoded; with the entry to keep for the next load.
    private func outcome(_ job: ParseJob, withheld: Set<String>, occupations: OccupationVocabulary, context: Fingerprint, previous: ParsedSource?,
                         stamp: SourceStamp?, taken: Int64) -> (ParseOutcome, ParsedSource?) {
        if let previous, let stamp, previous.matches(stamp), let outcome = previous.outcome() { return (outcome, previous) }
        var log = FileDiagnostics(file: job.path)
        let bytes: [UInt8]
        do {
            bytes = try fileSystem.readFile(job.path)
        } catch {
            log.error(.start, "the file cannot be read")
            return (ParseOutcome(item: .none, diagnostics: log.log), nil)
        }
        let digest = Fingerprint.of(bytes)
        if let previous, previous.digest == digest, let outcome = previous.outcome() {
            return (outcome, stamp.map { ParsedSource(stamp: $0, stamped: taken, digest: digest, record: previous.record, check: previous.check) })
        }
        var hasher = StableHasher()
        hasher.combine(context)
        hasher.combine(job.path)
        hasher.combine(digest)
        var outcome = parse(job, bytes: bytes, withheld: withheld, occupations: occupations)
        outcome.item.setFingerprint(hasher.finalize())
        outcome.evidence = outcome.item.languageEvidence
        return (outcome, stamp.map { ParsedSource(stamp: $0, stamped: taken, digest: digest, record: outcome.encoded()[...], check: nil) })
    }

    /// Decodes one file's bytes; its messages in the order they were found.
    private func parse(_ job: ParseJob, bytes: [UInt8], withheld: Set<String>, occupations: OccupationVocabulary) -> ParseOutcome {
        var diagnostics = DiagnosticLog()
        var log = FileDiagnostics(file: job.path)
        var item = ParsedItem.none
        var media: [MediaReference] = []
        guard let text = text(of: bytes, into: &log) else {
            diagnostics.append(contentsOf: log.log)
            return ParseOutcome(item: .none, diagnostics: diagnostics)
        }
        let (path, slug, ext) = (job.path, job.slug, job.ext)
        if let language = job.translation {
            if let (fields, body) = frontMatter(text, withheld: withheld, occupations: occupations, log: &log) {
                let read = TranslationDecoder.decode(fields, language: language, keys: Translation.translatableKeys[job.top] ?? [],
                                                     source: SourceFile(path: path, format: .markdown), body: body)
                diagnostics.append(contentsOf: fields.log)
                item = .translation(PendingTranslation(folder: job.top, key: job.slugKey, translation: read))
            }
            diagnostics.append(contentsOf: log.log)
            return ParseOutcome(item: item, diagnostics: diagnostics)
        }
        let source = { (format: SourceFile.Format) in SourceFile(path: path, format: format) }
        switch job.top {
        case "talents":
            let talent: Talent? = decode(text, ext: ext, withheld: withheld, occupations: occupations, log: &log, into: &diagnostics, media: &media,
                markdown: { TalentDecoder.decode($0, slug: slug, source: source(.markdown), body: $1) },
                json: { fields in
                    fields.node["basics"] != nil
                        ? JSONResumeDecoder.decode(fields, slug: slug, source: source(.jsonResume))
                        : TalentDecoder.decode(fields, slug: slug, source: source(.json), body: MarkdownSource("", line: 1))
                })
            if let talent { item = .talent(talent) }
        case "vacancies":
            let vacancy: Vacancy? = decode(text, ext: ext, withheld: withheld, occupations: occupations, log: &log, into: &diagnostics, media: &media,
                markdown: { VacancyDecoder.decode($0, slug: slug, source: source(.markdown), body: $1) },
                json: { VacancyDecoder.decode($0, slug: slug, source: source(.json), body: nil) })
            if let vacancy { item = .vacancy(vacancy) }
        case "employers":
            let employer: Employer? = decode(text, ext: ext, withheld: withheld, occupations: occupations, log: &log, into: &diagnostics, media: &media,
                markdown: { EmployerDecoder.decode($0, slug: slug, source: source(.markdown), body: $1) })
            if let employer { item = .employer(employer) }
        default:
            let folders = Array(job.parts.dropFirst().dropLast())
            let isIndex = slug == "index"
            let page: Page? = decode(text, ext: ext, withheld: withheld, occupations: occupations, log: &log, into: &diagnostics, media: &media,
                markdown: { PageDecoder.decode($0, path: isIndex ? folders : folders + [slug], isIndex: isIndex, source: source(.markdown), body: $1) })
            if let page { item = .page(page) }
        }
        diagnostics.append(contentsOf: log.log)
        return ParseOutcome(item: item, diagnostics: diagnostics, media: media)
    }

    private func loadSite(root: String, into diagnostics: inout DiagnosticLog) -> SiteConfig? {
        let path = joinPath(root, "site.yml")
        guard fileSystem.fileExists(path) else {
            diagnostics.error(path, .start, "site.yml is missing", expected: "a site.yml with title and base_url")
            return nil
        }
        var log = FileDiagnostics(file: path)
        defer { diagnostics.append(contentsOf: log.log) }
        guard let text = readText(path, into: &log) else { return nil }
        do {
            let node = try YAMLReader.read(text)
            guard node.entries != nil else {
                log.error(node.location, "site.yml is \(node.kindName)", expected: "keys such as title: and base_url:")
                return nil
            }
            let fields = Fields(node, file: path)
            let site = SiteConfigDecoder.decode(fields)
            diagnostics.append(contentsOf: fields.log)
            return site
        } catch {
            log.error(error.location, error.message, expected: error.expected)
            return nil
        }
    }

    /// Content/skills.yml: `Skill name: [alias, alias]`, or `Skill name: {aliases: [...], fr: ..., nl: ...}` with the
    /// skill's name per language. Optional; a name may stand for one skill only.
    private func loadSkillAliases(root: String, languages: [String], into diagnostics: inout DiagnosticLog) -> [SkillAlias] {
        let path = joinPath(root, "skills.yml")
        guard fileSystem.fileExists(path) else { return [] }
        var log = FileDiagnostics(file: path)
        defer { diagnostics.append(contentsOf: log.log) }
        guard let text = readText(path, into: &log) else { return [] }
        let node: DataNode
        do { node = try YAMLReader.read(text) } catch {
            log.error(error.location, error.message, expected: error.expected)
            return []
        }
        guard let entries = node.entries else {
            log.error(node.location, "skills.yml is \(node.kindName)", expected: "lines such as 'JavaScript: [JS, ECMAScript]'")
            return []
        }
        var result: [SkillAlias] = []
        var owner: [String: String] = [:]  // folded name → skill it stands for
        for entry in entries {
            var items: [DataNode] = []
            var names: [String: String] = [:]
            if let list = entry.value.items {
                items = list
            } else if entry.value.scalarText != nil {
                items = [entry.value]
            } else if let map = entry.value.entries {
                for field in map {
                    if field.key == "aliases" {
                        guard let list = field.value.items else {
                            log.error(field.value.location, "the aliases of '\(entry.key)' are \(field.value.kindName)", expected: "a list of other names, e.g. [JS, ECMAScript]")
                            continue
                        }
                        items += list
                    } else if Codes.languages.contains(field.key) {
                        guard let name = field.value.scalarText?.trimmed, !name.isEmpty else {
                            log.error(field.value.location, "the '\(field.key)' name of '\(entry.key)' is \(field.value.kindName)", expected: "the skill's name in that language")
                            continue
                        }
                        if !languages.contains(field.key) {
                            log.warning(field.keyLocation, "'\(field.key)' is not one of the site's languages; the name counts for matching only")
                        }
                        names[field.key] = name
                        items.append(field.value)
                    } else {
                        log.warning(field.keyLocation, "unknown key '\(field.key)' in '\(entry.key)' is ignored", expected: "aliases, or a language code such as fr, nl, ar")
                    }
                }
            } else {
                log.error(entry.value.location, "the aliases of '\(entry.key)' are \(entry.value.kindName)", expected: "a list of other names, e.g. [JS, ECMAScript], or {aliases: [...], fr: ..., nl: ...}")
                continue
            }
            var aliases: [String] = []
            for item in [DataNode(.scalar(entry.key, plain: true), at: entry.keyLocation)] + items {
                guard let name = item.scalarText?.trimmed, !name.isEmpty else {
                    log.error(item.location, "an alias of '\(entry.key)' is \(item.kindName)", expected: "a skill name")
                    continue
                }
                let folded = SkillName.fold(name)
                if let other = owner[folded] {
                    if other != entry.key { log.error(item.location, "'\(name)' already stands for '\(other)'", expected: "each name for one skill only") }
                    continue
                }
                owner[folded] = entry.key
                if item.location != entry.keyLocation { aliases.append(name) }
            }
            result.append(SkillAlias(name: entry.key, aliases: aliases, names: names))
        }
        return result
    }

    func readText(_ path: String, into log: inout FileDiagnostics) -> String? {
        do {
            return text(of: try fileSystem.readFile(path), into: &log)
        } catch {
            log.error(.start, "the file cannot be read")
            return nil
        }
    }

    private func text(of bytes: [UInt8], into log: inout FileDiagnostics) -> String? {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            log.error(.start, "the file is empty", expected: "front matter or JSON")
            return nil
        }
        do {
            return try SourceText.decode(bytes)
        } catch {
            log.error(error.location, error.message, expected: error.expected)
            return nil
        }
    }

    /// Splits and reads the front matter; nil (with errors logged) when it cannot be read.
    private func frontMatter(_ text: String, withheld: Set<String>, occupations: OccupationVocabulary, log: inout FileDiagnostics) -> (Fields, MarkdownSource)? {
        do {
            let document = try FrontMatterDocument.split(text)
            guard let yaml = document.yaml else {
                log.error(.start, "the file has no front matter", expected: "a first line '---', YAML keys, then '---'")
                return nil
            }
            let node = try YAMLReader.read(yaml, lineOffset: document.yamlLineOffset)
            guard node.entries != nil else {
                log.error(node.location, "the front matter is \(node.kindName)", expected: "keys such as title: or name:")
                return nil
            }
            let fields = Fields(node, file: log.file, withheld: withheld, occupations: occupations)
            let body = MarkdownSource(document.body, line: document.bodyLine)
            fields.refuseControlReferences(in: body)
            return (fields, body)
        } catch {
            log.error(error.location, error.message, expected: error.expected)
            return nil
        }
    }

    /// Reads a Markdown file's front matter or a JSON document, and hands its keys to the matching decoder.
    /// Syntax errors go to the file's log, the decoder's findings straight to `diagnostics`.
    private func decode<Item>(_ text: String, ext: String, withheld: Set<String>, occupations: OccupationVocabulary, log: inout FileDiagnostics, into diagnostics: inout DiagnosticLog,
                              media: inout [MediaReference], markdown: (Fields, MarkdownSource) -> Item?, json: ((Fields) -> Item?)? = nil) -> Item? {
        let fields: Fields
        var body = MarkdownSource("", line: 1)
        if ext == "md" {
            guard let (read, readBody) = frontMatter(text, withheld: withheld, occupations: occupations, log: &log) else { return nil }
            fields = read
            body = readBody
        } else {
            guard let node = readJSONObject(text, log: &log) else { return nil }
            fields = Fields(node, file: log.file, withheld: withheld, occupations: occupations)
        }
        defer {
            diagnostics.append(contentsOf: fields.log)
            media.append(contentsOf: fields.mediaReferences)
        }
        if ext == "md" { return markdown(fields, body) }
        return json?(fields)
    }

    private func readJSONObject(_ text: String, log: inout FileDiagnostics) -> DataNode? {
        do {
            let node = try JSONReader.read(text)
            guard node.entries != nil else {
                log.error(node.location, "the JSON document is \(node.kindName)", expected: "an object { ... }")
                return nil
            }
            return node
        } catch {
            log.error(error.location, error.message, expected: error.expected)
            return nil
        }
    }

}

extension ContentLoader {
    /// `fr` in `amal.fr.md`: two or three lower-case letters.
    static func isLanguageSuffix(_ text: Substring) -> Bool {
        (2...3).contains(text.utf8.count) && text.utf8.allSatisfy { $0 >= 0x61 && $0 <= 0x7A }
    }
}

/// File names that make URLs: lower-case ASCII letters, digits and `-`.
public enum Slug {
    /// The longest slug: an address stays readable, and every file made from it (`<slug>.fr.md`, its folder in
    /// the output) keeps within the 255 bytes a file name may have.
    public static let maxLength = 200

    public static func isValid(_ slug: String) -> Bool {
        !slug.isEmpty && slug.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }
}
