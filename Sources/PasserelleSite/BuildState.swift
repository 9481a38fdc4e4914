import Foundation
import PasserelleContent
import PasserelleCore

/// What the last build of an output folder read and wrote, kept in a folder outside the output
/// (`.passerelle-cache/` by default), so that the next build renders and writes only what changed. Three files,
/// so that a build reads only what it needs:
/// - `.stamps`: the settings of the build, the stamp of every file under the content and themes folders, and
///   the summary and messages: all a build with nothing changed reads besides `.pages`;
/// - `.pages`: every page's link and the addresses made from each source, reported again when nothing changed;
/// - `.outputs`: the fingerprint of every file written (a page's view model and templates, or a file's bytes),
///   read only when something changed.
///
/// Each starts with the same build id, so that files of two different builds are never taken together. The
/// output folder is trusted to be as the last build left it only while its marker file is the one that build
/// wrote; otherwise the next build is a full one.
struct BuildCache {
    /// Bumped when the format or the meaning of a fingerprint changes.
    static let version = "passerelle build cache 5"

    /// The part read first: is there anything to do?
    struct Stamps {
        var id: String
        var settings: Fingerprint
        /// When the sources were stamped, in nanoseconds since 1970: a file modified at that time or later may
        /// have changed again within the same clock tick, so it is never taken as unchanged.
        var scanned: Int64
        var marker: FileStamp
        var summary: CachedSummary
        var inputs: [String: FileStamp]
    }

    struct State {
        var settings: Fingerprint
        var scanned: Int64
        var marker: FileStamp
        var inputs: [String: FileStamp]
        var outputs: [String: Fingerprint]
        var pageLinks: [String]
        var summary: CachedSummary
        var sources: [String]
        var published: [String: [String]]
    }

    /// The three files' path, without their extension.
    let base: String
    let fileSystem: any WritableFileSystem
    /// A long-running builder's memory of the files' values, or nil.
    let memory: BuildMemory?

    /// One state per output folder.
    init(folder: String, output: String, fileSystem: any WritableFileSystem = LocalFileSystem(), memory: BuildMemory? = nil) {
        self.fileSystem = fileSystem
        self.memory = memory
        let absolute = URL(fileURLWithPath: output).standardizedFileURL.path
        base = (folder.hasSuffix("/") ? folder : folder + "/") + "build-\(Fingerprint.of(absolute).description.prefix(16))"
    }

    /// What changes every page: the program itself and the options that are not files.
    static func settings(_ options: BuildOptions) -> Fingerprint {
        var hasher = StableHasher()
        hasher.combine(version)
        // The program: a new passerelle may render the same sources differently.
        let program = FileStamp(path: "/proc/self/exe") ?? Bundle.main.executablePath.flatMap { FileStamp(path: $0) }
        hasher.combine(program?.text ?? "unknown")
        for path in [options.content, options.themes, options.output] {
            hasher.combine(URL(fileURLWithPath: path).standardizedFileURL.path)
        }
        hasher.combine(options.baseURL ?? "")
        hasher.combine(options.today.description)
        hasher.combine(options.includeDrafts ? 1 : 0)
        hasher.combine(options.market ?? "")
        return hasher.finalize()
    }

    /// What the files hold, as a build worker keeps it in memory: the pages and outputs with their build id.
    typealias PageList = (links: [String], sources: [String], published: [String: [String]])
    private struct KeptPages: Sendable { let id: String; let pages: PageList }
    private struct KeptOutputs: Sendable { let id: String; let outputs: [String: Fingerprint] }

    /// The file's value from the memory of a long-running builder when it has it, else read (and then kept).
    private func remembered<Value: Sendable>(_ file: String, _ read: () -> Value?) -> Value? {
        guard let memory else { return read() }
        return memory.remembered(at: file, read: read)
    }

    func loadStamps() -> Stamps? { remembered(base + ".stamps", readStamps) }

    /// Page links, sources and what was published from each: nil when not of the build `id`.
    func loadPages(id: String) -> PageList? {
        remembered(base + ".pages") { readPages().map { KeptPages(id: $0.id, pages: $0.pages) } }.flatMap { $0.id == id ? $0.pages : nil }
    }

    /// Output path → fingerprint: nil when not of the build `id`.
    func loadOutputs(id: String) -> [String: Fingerprint]? {
        remembered(base + ".outputs") { readOutputs().map { KeptOutputs(id: $0.id, outputs: $0.outputs) } }.flatMap { $0.id == id ? $0.outputs : nil }
    }

    private func readStamps() -> Stamps? {
        guard var lines = CacheLines(base + ".stamps", fileSystem), let id = lines.header(Self.version),
              let settings = lines.field("settings").flatMap(Fingerprint.init),
              let scanned = lines.field("scanned").flatMap({ Int64($0) }),
              let marker = lines.field("marker").flatMap(FileStamp.init),
              let summaryText = lines.field("summary"),
              let summary = try? JSONDecoder().decode(CachedSummary.self, from: Data(summaryText.utf8)) else { return nil }
        var stamps = Stamps(id: id, settings: settings, scanned: scanned, marker: marker, summary: summary, inputs: [:])
        while let (key, path) = lines.entry() {
            guard let stamp = FileStamp(key) else { return nil }
            stamps.inputs[path] = stamp
        }
        return lines.complete ? stamps : nil
    }

    private func readPages() -> (id: String, pages: PageList)? {
        guard var lines = CacheLines(base + ".pages", fileSystem), let id = lines.header(Self.version) else { return nil }
        var links: [String] = [], sources: [String] = [], published: [String: [String]] = [:]
        while let (key, value) = lines.entry() {
            switch key {
            case "link": links.append(value)
            case "source": sources.append(value)
            default:
                guard key.hasPrefix("from ") else { return nil }
                published[String(key.dropFirst(5)), default: []].append(value)
            }
        }
        guard lines.complete else { return nil }
        let pages: PageList = (links, sources, published)
        return (id, pages)
    }

    private func readOutputs() -> (id: String, outputs: [String: Fingerprint])? {
        guard var lines = CacheLines(base + ".outputs", fileSystem), let id = lines.header(Self.version) else { return nil }
        var outputs: [String: Fingerprint] = [:]
        while let (key, path) = lines.entry() {
            guard let fingerprint = Fingerprint(key) else { return nil }
            outputs[path] = fingerprint
        }
        return lines.complete ? (id, outputs) : nil
    }

    /// The three files.
    var files: [String] { [".outputs", ".pages", ".stamps"].map { base + $0 } }

    /// Writes the state: the three files written whole beside the last ones, then renamed over them, the stamps
    /// last; a write that fails leaves the last state whole. A path the line format cannot hold (a tab or a line break in a file
    /// name) leaves no state at all, so that the next build is a full one.
    func save(_ state: State) {
        let paths = Array(state.inputs.keys) + Array(state.outputs.keys) + state.pageLinks + state.sources
            + state.published.values.joined()
        guard !paths.contains(where: { $0.hasTabOrLineBreak }),
              let summary = try? Self.encoder.encode(state.summary) else {
            return remove()
        }
        let id = String(UInt64.random(in: 0..<UInt64.max), radix: 16)
        var outputs = CacheText(version: Self.version, id: id)
        for (path, fingerprint) in state.outputs.sorted(by: { $0.key < $1.key }) { outputs.entry(fingerprint.description, path) }
        var pages = CacheText(version: Self.version, id: id)
        for link in state.pageLinks { pages.entry("link", link) }
        for source in state.sources { pages.entry("source", source) }
        for (source, links) in state.published.sorted(by: { $0.key < $1.key }) {
            for link in links { pages.entry("from " + source, link) }
        }
        var stamps = CacheText(version: Self.version, id: id)
        stamps.field("settings", state.settings.description)
        stamps.field("scanned", String(state.scanned))
        stamps.field("marker", state.marker.text)
        stamps.field("summary", String(decoding: summary, as: UTF8.self))
        for (path, stamp) in state.inputs.sorted(by: { $0.key < $1.key }) { stamps.entry(stamp.text, path) }
        let texts = [outputs, pages, stamps]
        do {
            try fileSystem.createDirectory((base as NSString).deletingLastPathComponent)
            for (file, text) in zip(files, texts) { try fileSystem.writeFileAtomically(file + ".new", text.bytes) }
            for file in files { try fileSystem.rename(file + ".new", to: file) }
            if let memory {
                memory.keep(KeptOutputs(id: id, outputs: state.outputs), at: base + ".outputs")
                memory.keep(KeptPages(id: id, pages: (state.pageLinks, state.sources, state.published)), at: base + ".pages")
                memory.keep(Stamps(id: id, settings: state.settings, scanned: state.scanned, marker: state.marker,
                                   summary: state.summary, inputs: state.inputs), at: base + ".stamps")
            }
        } catch {
            for file in files { try? fileSystem.remove(file + ".new") }
        }
    }

    func remove() {
        for file in files { try? fileSystem.remove(file) }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
