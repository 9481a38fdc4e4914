import Foundation
import PasserelleContent
import PasserelleCore

/// A file of the build cache, read line by line without Foundation's text machinery: a header line
/// (`version<TAB>id`), fields and entries (`key<TAB>value`), and a last line `end` that a file cut short lacks.
struct CacheLines {
    private let bytes: [UInt8]
    private var position = 0
    /// Whether the last line, `end`, was reached.
    private(set) var complete = false

    init?(_ file: String, _ fileSystem: any FileSystem) {
        guard let bytes = try? fileSystem.readFile(file) else { return nil }
        self.bytes = bytes
    }

    /// The next line split at its first tab; nil at the end of the file.
    private mutating func line() -> (key: String, value: String)? {
        guard position < bytes.count else { return nil }
        let start = position
        var tab: Int?
        while position < bytes.count, bytes[position] != 0x0A {
            if tab == nil, bytes[position] == 0x09 { tab = position }
            position += 1
        }
        let end = position
        position += 1
        guard let tab else { return (String(decoding: bytes[start..<end], as: UTF8.self), "") }
        return (String(decoding: bytes[start..<tab], as: UTF8.self), String(decoding: bytes[(tab + 1)..<end], as: UTF8.self))
    }

    /// The build id, when the first line names this version.
    mutating func header(_ version: String) -> String? {
        guard let (key, id) = line(), key == version, !id.isEmpty else { return nil }
        return id
    }

    mutating func field(_ name: String) -> Substring? {
        guard let (key, value) = line(), key == name else { return nil }
        return value[...]
    }

    /// The next entry; nil after the last (then `complete`) or at a malformed line.
    mutating func entry() -> (key: Substring, value: String)? {
        guard let (key, value) = line() else { return nil }
        if key == "end", value.isEmpty, position >= bytes.count {
            complete = true
            return nil
        }
        return (key[...], value)
    }
}

/// A file of the build cache as it is written: see `CacheLines`.
struct CacheText {
    /// Appended to in place: no string is made per line.
    private var text: [UInt8] = []

    init(version: String, id: String) { entry(version, id) }

    mutating func field(_ name: String, _ value: String) { entry(name, value) }
    mutating func entry(_ key: String, _ value: String) {
        text.append(contentsOf: key.utf8)
        text.append(0x09)
        text.append(contentsOf: value.utf8)
        text.append(0x0A)
    }

    /// The file's bytes, with the last line that says it is whole.
    var bytes: [UInt8] { text + Array("end\n".utf8) }
}

/// The part of a build's result a build with nothing changed reports again, besides its pages.
struct CachedSummary: Codable {
    var talents: Int
    var vacancies: Int
    var employers: Int
    var pages: Int
    var files: Int
    var skipped: [SkippedFile]
    var messages: [Diagnostic]
    var settingsFiles: [String]

    init(_ result: BuildResult) {
        talents = result.talents
        vacancies = result.vacancies
        employers = result.employers
        pages = result.pages
        files = result.filesWritten
        skipped = result.skipped
        messages = result.diagnostics.all
        settingsFiles = result.settingsFiles
    }

    /// The result of a build that found nothing to do: the last one's, with no file written.
    func result(pages: (links: [String], sources: [String], published: [String: [String]])) -> BuildResult {
        var result = BuildResult()
        result.talents = talents
        result.vacancies = vacancies
        result.employers = employers
        result.pages = self.pages
        result.filesWritten = files
        result.filesChanged = 0
        result.skipped = skipped
        result.diagnostics = DiagnosticLog(messages)
        result.pageLinks = pages.links
        result.settingsFiles = settingsFiles
        result.sources = pages.sources
        result.published = pages.published
        return result
    }
}
