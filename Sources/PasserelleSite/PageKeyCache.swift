import Foundation
import PasserelleContent
import PasserelleCore

/// What the build cache knows of each page: the inputs key it was made from, the fingerprint of what was
/// made (as the output state keeps it) and the messages making it gave. Kept in its own file of the build
/// cache (`.pagekeys`). Each entry is a fact that holds whatever build wrote it (a page with this key is this
/// page), so the file needs no build id: a page is kept only when the output state says the output holds a
/// file of the same fingerprint at its path.
struct PageRecord: Sendable, Equatable {
    var key: Fingerprint
    var output: Fingerprint
    var messages: [Diagnostic]
}

/// The page records of the last build, and those of this one, added an edition at a time.
final class PageRecords: @unchecked Sendable {
    static let version = "passerelle page keys 1"

    /// Output path → the last build's record.
    let previous: [String: PageRecord]
    /// Output path → fingerprint of the file the output holds (the build cache's output state).
    private let outputs: [String: Fingerprint]
    private let lock = NSLock()
    private var current: [(path: String, record: PageRecord)] = []

    init(previous: [String: PageRecord], outputs: [String: Fingerprint]) {
        self.previous = previous
        self.outputs = outputs
    }

    /// The last build's record of the page at `path` when its key is `key` and the output still holds what it made.
    func kept(_ path: String, key: Fingerprint) -> PageRecord? {
        guard let record = previous[path], record.key == key, outputs[path] == record.output else { return nil }
        return record
    }

    /// This build's records of an edition's pages.
    func add(_ records: [(path: String, record: PageRecord)]) {
        lock.lock()
        current += records
        lock.unlock()
    }

    /// This build's records.
    var all: [(path: String, record: PageRecord)] {
        lock.lock()
        defer { lock.unlock() }
        return current
    }
}

/// The `.pagekeys` file beside the build cache's others: a line `key<SP>output<TAB>path` per page, followed by a
/// line `messages<TAB>JSON` when making it gave any.
struct PageKeyFile: Sendable {
    let path: String
    let fileSystem: any WritableFileSystem
    /// A long-running builder's memory (`serve`): the records it last wrote, read again only if the file changed.
    let memory: BuildMemory?

    init(_ cache: BuildCache) {
        path = cache.base + ".pagekeys"
        fileSystem = cache.fileSystem
        memory = cache.memory
    }

    /// Nil when there is no whole file of this version.
    func load() -> [String: PageRecord]? {
        guard let memory else { return read() }
        return memory.remembered(at: path, read: read)
    }

    private func read() -> [String: PageRecord]? {
        guard var lines = CacheLines(path, fileSystem), lines.header(PageRecords.version) != nil else { return nil }
        var records: [String: PageRecord] = [:]
        var last: String?
        while let (key, value) = lines.entry() {
            if key == "messages", let page = last {
                guard let messages = try? JSONDecoder().decode([Diagnostic].self, from: Data(value.utf8)) else { return nil }
                records[page]?.messages = messages
                continue
            }
            // Two fingerprints of 32 digits with a space between them.
            guard key.utf8.count == 65, let page = Fingerprint(key.prefix(32)), let output = Fingerprint(key.suffix(32)) else { return nil }
            records[value] = PageRecord(key: page, output: output, messages: [])
            last = value
        }
        return lines.complete ? records : nil
    }

    /// Writes the records whole beside the last file, then renames it over it; paths the line format cannot hold
    /// are left out (those pages are made again).
    func save(_ records: [(path: String, record: PageRecord)]) {
        var text = CacheText(version: PageRecords.version, id: "1")
        for (page, record) in records
        where !page.hasTabOrLineBreak {
            text.entry(record.key.description + " " + record.output.description, page)
            if !record.messages.isEmpty, let json = try? JSONEncoder().encode(record.messages) {
                text.entry("messages", String(decoding: json, as: UTF8.self))
            }
        }
        do {
            try fileSystem.createDirectory((path as NSString).deletingLastPathComponent)
            try fileSystem.writeFileAtomically(path, text.bytes)
            if let memory {
                var kept: [String: PageRecord] = [:]
                for (page, record) in records { kept[page] = record }
                memory.keep(kept, at: path)
            }
        } catch {
            // The last file stays whole: a write beside it is renamed over it only once complete.
        }
    }

    func remove() { try? fileSystem.remove(path) }
}

/// What the render stage needs to decide which pages to make: the fingerprints of this build's sources and
/// the page records, the last build's and this one's.
struct PageDecisions: Sendable {
    let sources: SourceFingerprints
    let records: PageRecords
    let file: PageKeyFile

    /// Nil without a build cache. The last build's records are read only when its output is trusted.
    init?(_ check: CacheCheck, _ loaded: LoadedSite) {
        guard let cache = check.cache else { return nil }
        file = PageKeyFile(cache)
        sources = SourceFingerprints(loaded.content, inputs: check.inputs, settings: check.settings, recent: check.lastScan)
        let previous = check.previous == nil ? nil : file.load()
        records = PageRecords(previous: previous ?? [:], outputs: check.previous ?? [:])
    }

    /// Keeps this build's records for the next, once its output is written.
    func save(_ result: BuildResult) {
        guard !result.diagnostics.hasErrors, !result.incrementalWriteFailed else { return }
        file.save(records.all)
    }
}
