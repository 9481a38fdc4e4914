import Foundation
import PasserelleContent
#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#else
import Darwin
private let systemWrite = Darwin.write
#endif

/// The files of a built site, before anything touches the disk.
struct SiteOutput {
    enum Source {
        case bytes([UInt8])
        case copy(from: String)
        /// A file from media/: an image is written again without its metadata, anything else copied.
        case media(from: String, type: MediaType)
        /// A page the last build wrote with the same fingerprint: the file in the output is kept as it is.
        case unchanged
    }

    struct File {
        var source: Source
        /// A page's: its view model and templates. Nil for other files: their bytes' or source's, found at write.
        var fingerprint: Fingerprint?
    }

    /// Relative path in the output folder → content.
    private(set) var files: [String: File] = [:]

    mutating func add(_ path: String, text: String) { files[path] = File(source: .bytes(Array(text.utf8))) }
    mutating func add(_ path: String, bytes: [UInt8]) { files[path] = File(source: .bytes(bytes)) }
    mutating func add(_ path: String, copyOf source: String) { files[path] = File(source: .copy(from: source)) }
    mutating func add(_ path: String, media source: String, type: MediaType) { files[path] = File(source: .media(from: source, type: type)) }
    /// A rendered page, or (nil) one left as the last build wrote it.
    mutating func add(_ path: String, page html: String?, fingerprint: Fingerprint) {
        files[path] = File(source: html.map { .bytes(Array($0.utf8)) } ?? .unchanged, fingerprint: fingerprint)
    }
    func contains(_ path: String) -> Bool { files[path] != nil }
    /// A file added as text or bytes, as text.
    func text(at path: String) -> String? {
        if case let .bytes(bytes)? = files[path]?.source { return String(decoding: bytes, as: UTF8.self) }
        return nil
    }

    /// What the build cache keeps for each file: the page's fingerprint, or that of the bytes, or of the
    /// copied file's path and stamp.
    func fingerprint(of file: File) -> Fingerprint {
        if let fingerprint = file.fingerprint { return fingerprint }
        switch file.source {
        case let .bytes(bytes): return Fingerprint.of(bytes)
        case let .copy(from), let .media(from, _):
            var hasher = StableHasher()
            hasher.combine(URL(fileURLWithPath: from).standardizedFileURL.path)
            hasher.combine(FileStamp(path: from)?.text ?? "missing")
            if case let .media(_, type) = file.source { hasher.combine(type.rawValue + " " + MediaStripper.version) }
            return hasher.finalize()
        case .unchanged: return Fingerprint(high: 0, low: 0)
        }
    }

    /// Every file's fingerprint, on all cores.
    func fingerprints(cores: Int) -> [String: Fingerprint] {
        let entries = Array(files)
        let slots = ConcurrentSlots<Fingerprint>(count: entries.count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(cores, entries.count / 256 + 1))) { _ in
            while let index = slots.claim() { slots.set(index, fingerprint(of: entries[index].value)) }
        }
        var result: [String: Fingerprint] = [:]
        result.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() { result[entry.key] = slots.get(index) }
        return result
    }
}

/// The write stage: builds the whole site in a folder beside the output, then swaps it in,
/// so that a failed build never leaves a half-written site.
///
/// Top-level entries of the old output whose names start with a dot (`.gitkeep`, `.git`) are carried over.
struct OutputWriter {
    struct Failure: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "\(path): \(reason)" }
    }

    let output: String
    /// How many files are written or removed at once.
    var cores = 1

    /// Files being written by an incremental build start with this; a full build does not carry them over.
    static let temporaryPrefix = ".passerelle-new-"

    /// The file that marks a folder as written by Passerelle: only such a folder (or an empty one) is replaced.
    static let marker = ".passerelle"

    /// Refuses an output folder that holds the sources, or that has files Passerelle did not write.
    static func checkOutput(_ output: String, sources: [String]) -> String? {
        let manager = FileManager.default
        let outputPath = URL(fileURLWithPath: output).standardizedFileURL.resolvingSymlinksInPath().path
        if outputPath == "/" { return "refusing to write the site over /" }
        for source in sources {
            let sourcePath = URL(fileURLWithPath: source).standardizedFileURL.resolvingSymlinksInPath().path
            if sourcePath == outputPath || sourcePath.hasPrefix(outputPath + "/") {
                return "refusing to replace \(output): it holds \(source)"
            }
        }
        guard let entries = try? manager.contentsOfDirectory(atPath: outputPath) else { return nil }
        let visible = entries.filter { !$0.hasPrefix(".") }
        if !visible.isEmpty && !entries.contains(marker) {
            return "\(output) has files that passerelle did not write (\(visible.sorted().prefix(3).joined(separator: ", "))); it was left as it is"
        }
        return nil
    }

    func write(_ site: SiteOutput) throws -> Int {
        let manager = FileManager.default
        let outputURL = URL(fileURLWithPath: output).standardizedFileURL
        let parent = outputURL.deletingLastPathComponent()
        let name = outputURL.lastPathComponent
        let id = ProcessInfo.processInfo.processIdentifier
        let staging = parent.appendingPathComponent(".\(name).building-\(id)")
        let retired = parent.appendingPathComponent(".\(name).old-\(id)")
        try? manager.removeItem(at: staging)
        try? manager.removeItem(at: retired)
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw Failure(path: parent.path, reason: "cannot create a folder to build in: \(error.localizedDescription)")
        }
        do {
            let files = site.files.sorted(by: { $0.key < $1.key })
            var createdFolders = Set<String>()
            for (path, _) in files {
                try Self.checkInside(path)
                let folder = (path as NSString).deletingLastPathComponent
                if !folder.isEmpty, createdFolders.insert(folder).inserted {
                    try manager.createDirectory(atPath: staging.path + "/" + folder, withIntermediateDirectories: true)
                }
            }
            // The files, on all cores: each worker takes the next file not yet written.
            let failures = ConcurrentSlots<Failure>(count: files.count)
            DispatchQueue.concurrentPerform(iterations: max(1, min(cores, files.count / 64 + 1))) { _ in
                while let index = failures.claim() {
                    let (path, file) = files[index]
                    if let failure = Self.put(file.source, at: staging.path + "/" + path) { failures.set(index, failure) }
                }
            }
            if let failure = (0..<files.count).lazy.compactMap({ failures.get($0) }).first { throw failure }
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: outputURL.path, isDirectory: &isDirectory) {
                guard isDirectory.boolValue else { throw Failure(path: outputURL.path, reason: "is a file, not a folder") }
                for entry in try manager.contentsOfDirectory(atPath: outputURL.path) where entry.hasPrefix(".") && !site.contains(entry)
                    && !entry.hasPrefix(Self.temporaryPrefix) {
                    try manager.moveItem(at: outputURL.appendingPathComponent(entry), to: staging.appendingPathComponent(entry))
                }
                try manager.moveItem(at: outputURL, to: retired)
                do {
                    try manager.moveItem(at: staging, to: outputURL)
                } catch {
                    try? manager.moveItem(at: retired, to: outputURL)
                    throw error
                }
                Self.removeTree(retired.path, cores: cores)
            } else {
                try manager.moveItem(at: staging, to: outputURL)
            }
        } catch let failure as Failure {
            try? manager.removeItem(at: staging)
            throw failure
        } catch {
            try? manager.removeItem(at: staging)
            throw Failure(path: output, reason: error.localizedDescription)
        }
        return site.files.count
    }

    /// Writes bytes to a new file, or copies one; nil when it worked.
    private static func put(_ source: SiteOutput.Source, at target: String) -> Failure? {
        switch source {
        case let .bytes(bytes):
            let descriptor = open(target, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard descriptor >= 0 else { return Failure(path: target, reason: "cannot write the file: \(String(cString: strerror(errno)))") }
            defer { close(descriptor) }
            var written = 0
            while written < bytes.count {
                let count = bytes.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress! + written, bytes.count - written) }
                guard count > 0 else { return Failure(path: target, reason: "cannot write the file: \(String(cString: strerror(errno)))") }
                written += count
            }
            return nil
        case let .copy(from):
            do {
                try FileManager.default.copyItem(atPath: from, toPath: target)
                return nil
            } catch {
                return Failure(path: target, reason: "cannot copy \(from): \(error.localizedDescription)")
            }
        case let .media(from, type):
            guard type.kind == .image else { return put(.copy(from: from), at: target) }
            switch MediaStripper.strip(from, type: type) {
            case let .success(bytes): return put(.bytes(bytes), at: target)
            case let .failure(failure): return failure
            }
        case .unchanged:
            return Failure(path: target, reason: "the page was to be kept from the last build, which has none here")
        }
    }

    /// Removes a folder and everything in it, its sub-folders on all cores.
    private static func removeTree(_ path: String, cores: Int) {
        let manager = FileManager.default
        let entries = ((try? manager.contentsOfDirectory(atPath: path)) ?? []).flatMap { entry -> [String] in
            let full = path + "/" + entry
            // A link is removed itself, never followed.
            var info = stat()
            guard lstat(full, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR,
                  let inner = try? manager.contentsOfDirectory(atPath: full) else { return [full] }
            return inner.map { full + "/" + $0 }
        }
        DispatchQueue.concurrentPerform(iterations: max(1, min(cores, entries.count))) { worker in
            for index in stride(from: worker, to: entries.count, by: max(1, min(cores, entries.count))) {
                try? manager.removeItem(atPath: entries[index])
            }
        }
        try? manager.removeItem(atPath: path)
    }

    private static func checkInside(_ path: String) throws {
        guard !path.split(separator: "/").contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }), !path.hasPrefix("/") else {
            throw Failure(path: path, reason: "refusing to write outside the output folder")
        }
    }

    /// The incremental write, over an output folder the last build left as `previous` says: writes the files
    /// whose fingerprint changed (each to a temporary file renamed over the old one, so a page being served is
    /// never half-written), deletes the files the site no longer has, and keeps the others untouched.
    /// The marker is rewritten last; the caller records its new stamp. Returns how many files changed.
    func update(_ site: SiteOutput, fingerprints: [String: Fingerprint], previous: [String: Fingerprint]) throws -> Int {
        let manager = FileManager.default
        let root = URL(fileURLWithPath: output).standardizedFileURL.path
        var changed = 0
        // Nothing is written or deleted through a linked folder inside the output: that could reach outside it.
        var checkedFolders = Set<String>()
        func checkFolders(of path: String) throws {
            var folder = (path as NSString).deletingLastPathComponent
            while !folder.isEmpty, checkedFolders.insert(folder).inserted {
                var info = stat()
                if lstat(root + "/" + folder, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
                    throw Failure(path: root + "/" + folder, reason: "is a link; the output is built again in full")
                }
                folder = (folder as NSString).deletingLastPathComponent
            }
        }
        // First the files of the last build the site no longer has (before any write, so that on a disk that
        // ignores case a renamed `Photo.jpg` → `photo.jpg` is not deleted after being written), then the folders
        // left empty.
        var emptied = Set<String>()
        for path in previous.keys.sorted() where site.files[path] == nil {
            try Self.checkInside(path)
            try checkFolders(of: path)
            try? manager.removeItem(atPath: root + "/" + path)
            changed += 1
            var folder = (path as NSString).deletingLastPathComponent
            while !folder.isEmpty { emptied.insert(folder); folder = (folder as NSString).deletingLastPathComponent }
        }
        for folder in emptied.sorted(by: { $0.count > $1.count }) {
            if (try? manager.contentsOfDirectory(atPath: root + "/" + folder))?.isEmpty == true {
                try? manager.removeItem(atPath: root + "/" + folder)
            }
        }
        var folders = Set<String>()
        let temporaryName = Self.temporaryPrefix + "\(ProcessInfo.processInfo.processIdentifier)"
        for (path, file) in site.files.sorted(by: { $0.key < $1.key }) where path != Self.marker {
            try Self.checkInside(path)
            guard previous[path] != fingerprints[path] || !manager.fileExists(atPath: root + "/" + path) else { continue }
            try checkFolders(of: path)
            let target = root + "/" + path
            let folder = (target as NSString).deletingLastPathComponent
            if folders.insert(folder).inserted { try manager.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            let temporary = folder + "/" + temporaryName
            try? manager.removeItem(atPath: temporary)
            if let failure = Self.put(file.source, at: temporary) { throw failure }
            guard rename(temporary, target) == 0 else {
                try? manager.removeItem(atPath: temporary)
                throw Failure(path: target, reason: "cannot replace the file")
            }
            changed += 1
        }
        if let marker = site.files[Self.marker] {
            let temporary = root + "/" + temporaryName
            if let failure = Self.put(marker.source, at: temporary) { throw failure }
            guard rename(temporary, root + "/" + Self.marker) == 0 else {
                throw Failure(path: root + "/" + Self.marker, reason: "cannot replace the file")
            }
        }
        return changed
    }
}
