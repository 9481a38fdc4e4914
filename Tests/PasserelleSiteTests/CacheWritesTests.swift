import Foundation
import PasserelleCore
@testable import PasserelleSite
import Testing

/// What a write that fails leaves behind, seen through a file system kept in memory.
@Suite struct CacheWritesTests {
    func state(_ page: String) -> BuildCache.State {
        BuildCache.State(settings: Fingerprint.of("settings"), scanned: 1, marker: FileStamp(size: 1, seconds: 2, nanoseconds: 3, inode: 4),
                         inputs: [:], outputs: [page: Fingerprint.of(page)], pageLinks: [], summary: CachedSummary(BuildResult()),
                         sources: [], published: [:])
    }

    /// A cache that cannot be written keeps the last build's state whole, so that the next build still starts from it.
    @Test func aFailedSaveLeavesTheLastStateWhole() throws {
        let disk = MemoryDisk()
        let cache = BuildCache(folder: "/cache", output: "/site", fileSystem: disk)
        cache.save(state("index.html"))
        disk.failWrites = true
        cache.save(state("about/index.html"))
        let stamps = try #require(cache.loadStamps())
        #expect(cache.loadOutputs(id: stamps.id)?.keys.sorted() == ["index.html"])
        #expect(disk.paths == cache.files.sorted())
    }

    /// A write that fails says which file it was.
    @Test func aFailedWriteNamesTheFile() throws {
        let folder = FileManager.default.temporaryDirectory.path + "/passerelle-writes-\(UUID().uuidString)"
        let path = folder + "/missing/file.txt"
        #expect { try LocalFileSystem().writeFileAtomically(path, Array("text".utf8)) } throws: { error in
            "\(error)".hasPrefix(path + ": ")
        }
    }
}

/// Files in memory; with `failWrites`, every write is refused before it changes anything.
final class MemoryDisk: WritableFileSystem, @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: [UInt8]] = [:]
    private var folders: Set<String> = ["/"]
    private var failing = false

    var failWrites: Bool {
        get { lock.withLock { failing } }
        set { lock.withLock { failing = newValue } }
    }

    var paths: [String] { lock.withLock { files.keys.sorted() } }

    func listFiles(under directory: String) throws -> [ListedFile] {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return lock.withLock {
            files.filter { $0.key.hasPrefix(prefix) }
                .map { ListedFile(relativePath: String($0.key.dropFirst(prefix.count)), isLink: false, isDirectory: false, size: $0.value.count) }
                .sorted { $0.relativePath < $1.relativePath }
        }
    }

    func readFile(_ path: String) throws -> [UInt8] {
        guard let bytes = lock.withLock({ files[path] }) else { throw FileWriteError(path: path, reason: "no such file") }
        return bytes
    }

    func fileExists(_ path: String) -> Bool { lock.withLock { files[path] != nil } }
    func directoryExists(_ path: String) -> Bool { lock.withLock { folders.contains(path) } }
    func resolvedPath(_ path: String) -> String? { lock.withLock { files[path] != nil || folders.contains(path) } ? path : nil }

    private func checkWritable(_ path: String) throws {
        if failWrites { throw FileWriteError(path: path, reason: "no space left on device") }
    }

    private func parentExists(_ path: String) -> Bool {
        let parent = (path as NSString).deletingLastPathComponent
        return folders.contains(parent.isEmpty ? "/" : parent)
    }

    func createDirectory(_ path: String) throws {
        try checkWritable(path)
        lock.withLock {
            var folder = path
            while !folder.isEmpty, folder != "/" {
                folders.insert(folder)
                folder = (folder as NSString).deletingLastPathComponent
            }
        }
    }

    func writeFileAtomically(_ path: String, _ bytes: [UInt8]) throws {
        try checkWritable(path)
        try lock.withLock {
            guard parentExists(path) else { throw FileWriteError(path: path, reason: "no such folder") }
            files[path] = bytes
        }
    }

    func rename(_ path: String, to destination: String) throws {
        try checkWritable(destination)
        try lock.withLock {
            guard let bytes = files.removeValue(forKey: path) else { throw FileWriteError(path: path, reason: "no such file") }
            files[destination] = bytes
        }
    }

    func remove(_ path: String) throws {
        try checkWritable(path)
        lock.withLock {
            files[path] = nil
            folders.remove(path)
        }
    }

    func link(_ path: String, to existing: String) throws {
        try checkWritable(path)
        try lock.withLock {
            guard let bytes = files[existing] else { throw FileWriteError(path: existing, reason: "no such file") }
            files[path] = bytes
        }
    }

    func status(_ path: String) -> FileStatus? {
        lock.withLock {
            if let bytes = files[path] { return FileStatus(kind: .file, size: bytes.count, mode: 0o644) }
            return folders.contains(path) ? FileStatus(kind: .directory, size: 0, mode: 0o755) : nil
        }
    }
}
