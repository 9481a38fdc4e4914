import Foundation
import PasserelleContent
import PasserelleCore

/// The files of the new site, written into the folder it is staged in (beside the output) as the stages make
/// them, on the threads that make them: no page is held in memory until the end, only each file's fingerprint
/// (for the build cache, and to tell the files that did not change since the last build).
///
/// A file whose fingerprint is the last build's is not written again: a mirror of the output already holds it,
/// or it is hard-linked to the output's own. Without a folder (`check`, or a build with errors), files are
/// fingerprinted only. A file that cannot be written is remembered, and the write stage then fails.
final class SiteOutput: @unchecked Sendable {
    enum Source {
        case bytes([UInt8])
        case copy(from: String)
        /// A file from media/: an image is written again without its metadata, anything else copied.
        case media(from: String, type: MediaType)
        /// A page the last build wrote with the same fingerprint: the file in the output is kept as it is.
        case unchanged
    }

    /// Where the files go, and where the files that did not change are found.
    struct Target {
        /// The staged site's folder.
        let folder: String
        /// True when `folder` is a mirror of the output: it holds every file of the last build already.
        let isMirror: Bool
        /// The output, whose unchanged files are hard-linked into `folder` when it is not a mirror.
        let current: String
    }

    private let target: Target?
    /// Output path → the fingerprint the last build wrote it with.
    private let previous: [String: Fingerprint]
    private let lock = NSLock()
    private var fingerprintsByPath: [String: Fingerprint] = [:]
    private var writtenPaths: [String] = []
    private var folders: Set<String> = []
    private var checkedFolders: Set<String> = []
    private var retained: [String: [UInt8]] = [:]
    private var temporaries = 0
    private(set) var failure: OutputWriter.Failure?

    init(target: Target?, previous: [String: Fingerprint]) {
        self.target = target
        self.previous = previous
    }

    func add(_ path: String, text: String) { put(path, .bytes(Array(text.utf8))) }
    func add(_ path: String, bytes: [UInt8]) { put(path, .bytes(bytes)) }
    func add(_ path: String, copyOf source: String) { put(path, .copy(from: source)) }
    /// A rendered page, or (nil) one left as the last build wrote it.
    func add(_ path: String, page html: String?, fingerprint: Fingerprint) {
        put(path, html.map { .bytes(Array($0.utf8)) } ?? .unchanged, fingerprint: fingerprint)
    }

    /// Keeps the bytes of the file at `path` when it is added, for `text(at:)`.
    func retain(_ path: String) { locked { retained[path] = [] } }

    /// A retained file, as text.
    func text(at path: String) -> String? {
        locked { retained[path].flatMap { $0.isEmpty ? nil : String(decoding: $0, as: UTF8.self) } }
    }

    /// Every file of the site and its fingerprint.
    var fingerprints: [String: Fingerprint] { locked { fingerprintsByPath } }
    /// The files written anew (not kept from the last build), the marker among them.
    var written: [String] { locked { writtenPaths } }

    private func locked<Value>(_ body: () -> Value) -> Value {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}
extension SiteOutput {
    /// Fingerprints a file and, unless the last build wrote it with the same fingerprint, writes it.
    func put(_ path: String, _ source: Source, fingerprint given: Fingerprint? = nil) {
        let fingerprint = given ?? Self.fingerprint(of: source)
        let stop: Bool = locked {
            fingerprintsByPath[path] = fingerprint
            if retained[path] != nil, case let .bytes(bytes) = source { retained[path] = bytes }
            return failure != nil
        }
        guard let target, !stop else { return }
        let unchanged = path != OutputWriter.marker && previous[path] == fingerprint
        if unchanged, target.isMirror { return }
        do {
            try OutputWriter.checkInside(path)
            let file = target.folder + "/" + path
            try makeFolder(of: path, in: target.folder)
            if target.isMirror {
                // A file of the mirror is a link to the output's: it is replaced, never written in place.
                let temporary = (file as NSString).deletingLastPathComponent + "/" + OutputWriter.temporaryPrefix
                    + "\(getpid())-\(locked { () -> Int in temporaries += 1; return temporaries })"
                unlink(temporary)
                if let failure = OutputWriter.put(source, at: temporary) { throw failure }
                guard rename(temporary, file) == 0 else {
                    throw OutputWriter.Failure(path: file, reason: "cannot replace the file: \(String(cString: strerror(errno)))")
                }
            } else {
                if unchanged, try linked(path, from: target.current, to: file) { return }
                if let failure = OutputWriter.put(source, at: file) { throw failure }
            }
            locked { writtenPaths.append(path) }
        } catch {
            let failure = error as? OutputWriter.Failure ?? OutputWriter.Failure(path: path, reason: "\(error)")
            locked { if self.failure == nil { self.failure = failure } }
        }
    }

    /// Adds files on all cores (media are decoded and encoded again: the slowest files to write).
    func addAll(_ files: [(path: String, source: Source)], cores: Int) {
        let next = ConcurrentSlots<Bool>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(cores, files.count / 16 + 1))) { _ in
            while let index = next.claim() { put(files[index].path, files[index].source) }
        }
    }

    /// Creates the folders above `path`, once.
    private func makeFolder(of path: String, in root: String) throws {
        let parent = (path as NSString).deletingLastPathComponent
        guard !parent.isEmpty, !locked({ folders.contains(parent) }) else { return }
        try Self.makeFolders(root + "/" + parent)
        locked { _ = folders.insert(parent) }
    }

    /// `mkdir -p` in as few calls as it takes: the folder itself first, its parents only when missing.
    private static func makeFolders(_ folder: String) throws {
        if mkdir(folder, 0o777) == 0 || errno == EEXIST { return }
        guard errno == ENOENT else {
            throw OutputWriter.Failure(path: folder, reason: "cannot create the folder: \(String(cString: strerror(errno)))")
        }
        try makeFolders((folder as NSString).deletingLastPathComponent)
        guard mkdir(folder, 0o777) == 0 || errno == EEXIST else {
            throw OutputWriter.Failure(path: folder, reason: "cannot create the folder: \(String(cString: strerror(errno)))")
        }
    }

    /// Links the output's file into the staged site; false when it is not a plain file there. Nothing is
    /// taken through a linked folder of the output: that could reach outside it.
    private func linked(_ path: String, from current: String, to file: String) throws -> Bool {
        var parent = (path as NSString).deletingLastPathComponent
        while !parent.isEmpty, locked({ checkedFolders.insert(parent).inserted }) {
            var info = stat()
            if lstat(current + "/" + parent, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
                throw OutputWriter.Failure(path: current + "/" + parent, reason: "is a link; the output is built again in full")
            }
            parent = (parent as NSString).deletingLastPathComponent
        }
        var info = stat()
        let source = current + "/" + path
        return lstat(source, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && link(source, file) == 0
    }

    /// What the build cache keeps for a file that is not a page: the fingerprint of its bytes, or of the
    /// copied file's path and stamp.
    static func fingerprint(of source: Source) -> Fingerprint {
        switch source {
        case let .bytes(bytes): return Fingerprint.of(bytes)
        case let .copy(from), let .media(from, _):
            var hasher = StableHasher()
            hasher.combine(URL(fileURLWithPath: from).standardizedFileURL.path)
            hasher.combine(FileStamp(path: from)?.text ?? "missing")
            if case let .media(_, type) = source { hasher.combine(type.rawValue + " " + MediaStripper.version) }
            return hasher.finalize()
        case .unchanged: return Fingerprint(high: 0, low: 0)
        }
    }
}
