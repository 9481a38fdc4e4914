import Foundation
import PasserelleContent
import PasserelleCore

/// What became of every file under the content folder (`passerelle build --report FILE`): published at which
/// addresses, skipped and why, or rejected with its errors, so that no file is lost silently.
public struct BuildReport: Encodable, Sendable {
    public enum Status: String, Encodable, Sendable {
        /// Pages or files of the written site come from it (`urls`).
        case published
        /// Valid, but the build wrote nothing because of errors elsewhere (or it was `passerelle check`).
        case accepted
        /// Read and left out on purpose (`reason`): no consent, a draft, an expired vacancy, a hidden file...
        case skipped
        /// It has errors (`errors`); nothing of it is published.
        case rejected
        /// site.yml and skills.yml: they shape the whole site rather than pages of their own.
        case settings
        /// Valid and published nowhere: a case the generator does not expect; reported so that it is seen.
        case unused
    }

    /// A message about one file, located in it.
    public struct Message: Encodable, Sendable {
        public var line: Int
        public var column: Int
        public var message: String
        public var expected: String?
    }

    public struct File: Encodable, Sendable {
        public var path: String
        public var status: Status
        public var urls: [String]?
        public var reason: String?
        public var errors: [Message]?
        public var warnings: [Message]?
    }

    /// True when the site was written; false for a failed build or a check.
    public var written: Bool
    /// How many files have each status.
    public var counts: [String: Int]
    public var files: [File]
    /// Messages that are not about a content file: the theme, the options, the output folder.
    public var messages: [String]

    public init(_ result: BuildResult, wrote: Bool) {
        written = wrote && result.succeeded
        var byFile: [String: [Diagnostic]] = [:]
        for diagnostic in result.diagnostics.sorted { byFile[diagnostic.file, default: []].append(diagnostic) }
        let skipped = Dictionary(result.skipped.map { ($0.path, $0.reason) }, uniquingKeysWith: { first, _ in first })
        let sources = Set(result.sources)
        files = result.sources.sorted().map { path in
            let found = byFile[path] ?? []
            let messages = { (severity: Diagnostic.Severity) -> [Message]? in
                let list = found.filter { $0.severity == severity }.map {
                    Message(line: $0.location.line, column: $0.location.column, message: $0.message, expected: $0.expected)
                }
                return list.isEmpty ? nil : list
            }
            var file = File(path: path, status: .unused, errors: messages(.error), warnings: messages(.warning))
            if file.errors != nil {
                file.status = .rejected
            } else if let reason = skipped[path] {
                file.status = .skipped
                file.reason = reason
            } else if let urls = result.published[path], !urls.isEmpty {
                file.status = result.succeeded && wrote ? .published : .accepted
                file.urls = urls
            } else if result.settingsFiles.contains(path) {
                file.status = .settings
            } else if !result.succeeded || !wrote {
                file.status = .accepted
            }
            return file
        }
        var counts: [String: Int] = [:]
        for file in files { counts[file.status.rawValue, default: 0] += 1 }
        self.counts = counts
        messages = result.diagnostics.sorted.filter { !sources.contains($0.file) }.map(\.description)
    }

    /// The report of a command stopped before it read the content (an option it cannot use): no file, and why.
    public init(stoppedBy message: String) {
        written = false
        counts = [:]
        files = []
        messages = [message]
    }

    /// Pretty, with sorted keys: the same build gives the same bytes.
    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return ((try? encoder.encode(self)) ?? Data("{}".utf8)) + Data("\n".utf8)
    }
}

/// Which content file each page and file of the output comes from.
struct SourceMap {
    private(set) var urls: [String: Set<String>] = [:]

    mutating func add(_ source: String, _ url: String) { urls[source, default: []].insert(url) }

    /// The pages of one language of a market: each item's own file, and the translation file it is read in.
    mutating func add(_ publication: Publication, routes: Routes, language: String) {
        func page(_ item: some Translatable, _ url: String) {
            add(item.source.path, url)
            if let translation = item.translations[language], translation.source.path != item.source.path { add(translation.source.path, url) }
        }
        for talent in publication.talents { page(talent, routes.talent(talent.slug)) }
        for vacancy in publication.vacancies { page(vacancy, routes.vacancy(vacancy.slug)) }
        for employer in publication.employers { page(employer, routes.employer(employer.slug)) }
        for item in publication.pages { page(item, routes.page(item.path)) }
    }

    /// Adds every address of another map.
    mutating func merge(_ other: SourceMap) { urls.merge(other.urls) { $0.union($1) } }

    /// Source path → its addresses, sorted.
    var sorted: [String: [String]] { urls.mapValues { $0.sorted() } }
}

