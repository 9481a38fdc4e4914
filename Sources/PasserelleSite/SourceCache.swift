import Foundation
import PasserelleContent
import PasserelleCore

/// What every content file gave when the last build read it (`ParsedSources`), kept beside the build cache's other
/// files as `<base>.sources`, so that a build reads and decodes only the content files that changed.
///
/// A file of the project's own format rather than a database: a build reads every entry anyway (the checks across
/// files run over all items), so one read of one file, decoded on all cores, is the fastest way in, and a build
/// writes the file again only when a source changed, copying the unchanged entries' bytes as they are. See
/// docs/performance.md.
struct SourceCache {
    let file: String
    let fileSystem: any WritableFileSystem
    /// `serve`'s build worker keeps the decoded file between builds.
    let memory: BuildMemory?

    init(_ cache: BuildCache) {
        file = cache.base + ".sources"
        fileSystem = cache.fileSystem
        memory = cache.memory
    }

    /// What the parsed sources depend on besides the files: the program and the content folder.
    static func key(_ options: BuildOptions) -> Fingerprint {
        var hasher = StableHasher()
        hasher.combine(BuildCache.version)
        let program = FileStamp(path: "/proc/self/exe") ?? Bundle.main.executablePath.flatMap { FileStamp(path: $0) }
        hasher.combine(program?.text ?? "unknown")
        hasher.combine(URL(fileURLWithPath: options.content).standardizedFileURL.path)
        return hasher.finalize()
    }

    /// The file's entries, as read or as `serve`'s build worker keeps them.
    private struct Kept: Sendable {
        let key: Fingerprint
        let sources: ParsedSources
    }

    func load(key: Fingerprint) -> ParsedSources? {
        let read = { (try? fileSystem.readFile(file)).flatMap { ParsedSources(decoding: $0, key: key) } }
        guard let memory else { return read() }
        let kept = memory.remembered(at: file) { read().map { Kept(key: key, sources: $0) } }
        return kept?.key == key ? kept?.sources : read()
    }

    /// Written beside the last one, then renamed over it: a write that fails leaves the last one whole.
    func save(_ sources: ParsedSources, key: Fingerprint) {
        do {
            try fileSystem.createDirectory((file as NSString).deletingLastPathComponent)
            let bytes = sources.encoded(key: key)
            try fileSystem.writeFileAtomically(file, bytes)
            // Kept as the next build would read it back.
            if let memory, let written = ParsedSources(decoding: bytes, key: key) { memory.keep(Kept(key: key, sources: written), at: file) }
        } catch {
            // The last file stays whole: a write beside it is renamed over it only once complete.
        }
    }

    /// The stamps of the files under the content folder, as the cache check took them.
    static func stamps(_ check: CacheCheck, content: String) -> SourceStamps {
        let prefix = content.hasSuffix("/") ? content : content + "/"
        var stamps: [String: SourceStamp] = [:]
        for (path, stamp) in check.inputs where path.hasPrefix(prefix) {
            stamps[path] = SourceStamp(size: stamp.size, modified: stamp.modified, inode: stamp.inode)
        }
        return SourceStamps(stamps, taken: check.scanned)
    }
}
