import Foundation
import PasserelleContent
import PasserelleCore
#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#else
import Darwin
private let systemWrite = Darwin.write
#endif

/// The write stage: builds the new site in a folder beside the output, then swaps it in at once, so that a failed
/// build, or one killed at any moment, leaves either the previous site or the new one, never a mix.
///
/// The folder beside the output is `.NAME.building-ID/`: a marker file naming the output (held locked while the
/// build runs) and the new site in `site/`. Files that did not change since the last build are hard links to the
/// output's own (no data copied; a file of the output is never written in place), the others are written anew.
/// On Linux the two folders are then exchanged in one step (`renameat2` with `RENAME_EXCHANGE`); elsewhere, or
/// on a file system without it, with two renames. The old site, now in `site/`, is then removed, the marker
/// last. A build that was cut short leaves such a folder behind; the next build removes it (and only folders so
/// marked). Top-level entries of the old output whose names start with a dot (`.gitkeep`, `.git`) are carried over.
struct OutputWriter {
    /// A file that could not be written or read, with the reason: the file system seam's own error.
    typealias Failure = FileWriteError

    let output: String
    /// How many files are written or removed at once.
    var cores = 1

    /// Temporary files of earlier versions' in-place writes: never carried over to a new output.
    static let temporaryPrefix = ".passerelle-new-"

    /// The file that marks a folder as written by Passerelle: only such a folder (or an empty one) is replaced.
    static let marker = ".passerelle"
    static let markerText = "This folder is written by passerelle build and replaced at each build.\n"

    /// The file that marks a folder beside the output as a build's own.
    static let workspaceMarker = ".passerelle-build"
    static func workspaceMarkerText(output name: String) -> String {
        "A build of the folder \(name) by passerelle; the next build removes this folder if that one did not end.\n"
    }

    /// Refuses an output that is a link, that holds the sources, or that has files Passerelle did not write.
    static func checkOutput(_ output: String, sources: [String]) -> (message: String, expected: String)? {
        let standard = "an empty folder, a new one, or one written by passerelle"
        if let link = linkRefusal(output) { return (link, "the folder itself as --output, or a new folder") }
        let manager = FileManager.default
        let outputPath = resolved(output)
        if outputPath == "/" { return ("refusing to write the site over /", standard) }
        for source in sources {
            let sourcePath = resolved(source)
            if sourcePath == outputPath || sourcePath.hasPrefix(outputPath + "/") {
                return ("refusing to replace \(output): it holds \(source)", standard)
            }
        }
        // An output inside the sources would be read back as content (or theme files) by the next build.
        for source in sources where outputPath.hasPrefix(resolved(source) + "/") {
            return ("refusing to write the site into \(source): \(output) is inside it (nothing was written)",
                    "an output folder outside the content and themes folders, e.g. Public")
        }
        guard let entries = try? manager.contentsOfDirectory(atPath: outputPath) else { return nil }
        let visible = entries.filter { !$0.hasPrefix(".") }
        if !visible.isEmpty && !entries.contains(marker) {
            return ("\(output) has files that passerelle did not write (\(visible.sorted().prefix(3).joined(separator: ", "))); it was left as it is", standard)
        }
        return nil
    }

    /// The absolute path `path` names, every link in the part that exists resolved and `.`, `..` and repeated
    /// or trailing slashes taken away; the part that does not exist yet is kept as it is written.
    static func resolved(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var result = ""
        var exists = true
        for part in absolute.split(separator: "/") where part != "." {
            if part == ".." {
                result = (result as NSString).deletingLastPathComponent
                if result == "/" { result = "" }
                continue
            }
            result += "/" + part
            guard exists, let real = realpath(result, nil) else { exists = false; continue }
            result = String(cString: real)
            free(real)
            if result == "/" { result = "" }
        }
        return result.isEmpty ? "/" : result
    }

    /// The output is replaced at each build: a link there would be replaced by a folder, and what it points at
    /// left behind, so a link is refused.
    static func linkRefusal(_ output: String) -> String? {
        let path = URL(fileURLWithPath: output).standardizedFileURL.path
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return nil }
        let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)).map { " to \($0)" } ?? ""
        return "\(output) is a symbolic link\(target); the output folder is replaced at each build, so passerelle does not build through a link (nothing was written)"
    }

    /// The output's parent folder, its links resolved, and the output's name.
    private func place(creating: Bool) throws -> (parent: String, name: String) {
        let url = URL(fileURLWithPath: output).standardizedFileURL
        let name = url.lastPathComponent
        let parent = url.deletingLastPathComponent().path
        guard !name.isEmpty, name != "/", name != ".", name != ".." else {
            throw Failure(path: output, reason: "is not a folder a site can be written to")
        }
        if creating {
            do {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            } catch {
                throw Failure(path: parent, reason: "cannot create the folder: \(error.localizedDescription)")
            }
        }
        guard let resolved = realpath(parent, nil) else {
            throw Failure(path: parent, reason: "cannot find the folder: \(String(cString: strerror(errno)))")
        }
        defer { free(resolved) }
        let real = String(cString: resolved)
        return (real == "/" ? "" : real, name)
    }

    /// A new site built beside the output, not swapped in yet.
    struct Staging {
        /// The output, under its resolved parent.
        let output: String
        /// `.NAME.building-ID/` or `.NAME.mirror/`: the marker and the new site.
        let workspace: String
        /// The marker file, open and locked while the build runs.
        let lock: Int32
        var site: String { workspace + "/site" }
        /// Files written anew (not taken from the current output), the marker among them.
        var writtenFiles: [String] = []
        /// How many, the marker left out.
        var written: Int { writtenFiles.count { $0 != OutputWriter.marker } }
        /// The files of the last build the new site no longer has, when it was built from that build.
        var removed: [String]?
        /// Every file of the new site: the old one is made its mirror after the swap.
        var files: Set<String> = []
        /// Whether the new site is written into the output's mirror (only what changed is written).
        var inMirror = false
        /// Whether the old site is kept as the new one's mirror, for the next build to start from.
        var keepsMirror = false
        /// The current output folder's permission bits, which the new one gets; nil when there is none.
        var mode: mode_t?
        /// The stamp the marker keeps once swapped in (a rename keeps it).
        var markerStamp: FileStamp? { FileStamp(path: site + "/" + OutputWriter.marker) }
    }

    /// The folder beside the output named `name` that keeps the old site for the next build.
    static func mirrorName(_ name: String) -> String { ".\(name).mirror" }

    /// Makes the folder the new site is written in, beside the output. With `mirror`, the old site is kept
    /// after the swap, made the same as the new one by hard links, in `.NAME.mirror/`; with `incremental` too,
    /// the new site is written into that mirror when it is still the output's copy: only what changed is
    /// written. Otherwise the site is written in a new `.NAME.building-ID/site/`, the files that did not
    /// change hard-linked to the output's (one missing there, or not a plain file, is written anew when its
    /// content is at hand).
    func openStaging(incremental: Bool, mirror: Bool) throws -> (staging: Staging, target: SiteOutput.Target) {
        let (parent, name) = try place(creating: true)
        if let link = Self.linkRefusal(output) { throw Failure(path: output, reason: link) }
        let mirrorFolder = parent + "/" + Self.mirrorName(name)
        // The new output gets the current one's permissions; the folders it is built in are never more open.
        var current = stat()
        let mode = lstat(parent + "/" + name, &current) == 0 && (current.st_mode & S_IFMT) == S_IFDIR ? current.st_mode & 0o7777 : nil
        let building = mode.map { ($0 & 0o777) | 0o700 } ?? 0o755
        if incremental, mirror, let lock = Self.claimMirror(mirrorFolder, output: parent + "/" + name) {
            chmod(mirrorFolder, building)
            chmod(mirrorFolder + "/site", building)
            var staging = Staging(output: parent + "/" + name, workspace: mirrorFolder, lock: lock)
            staging.mode = mode
            staging.keepsMirror = true
            staging.inMirror = true
            // Its marker goes first: until the swap, it is no longer a mirror.
            unlink(staging.site + "/" + Self.marker)
            return (staging, SiteOutput.Target(folder: staging.site, isMirror: true, current: staging.output))
        }
        let id = String(UInt64.random(in: 0..<(1 << 40)), radix: 16)
        let workspace = parent + "/.\(name).building-\(getpid())-\(id)"
        guard mkdir(workspace, building) == 0 else {
            throw Failure(path: parent, reason: "cannot create a folder to build in: \(String(cString: strerror(errno)))")
        }
        if mode != nil { chmod(workspace, building) }
        // Locked before its text is written: another build takes a marker it can lock and whose text names
        // this output as a leftover.
        let lock = open(workspace + "/" + Self.workspaceMarker, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard lock >= 0 else {
            let reason = String(cString: strerror(errno))
            rmdir(workspace)
            throw Failure(path: workspace, reason: "cannot create a folder to build in: \(reason)")
        }
        flock(lock, LOCK_EX)
        var staging = Staging(output: parent + "/" + name, workspace: workspace, lock: lock)
        staging.mode = mode
        staging.keepsMirror = mirror
        guard Self.writeAll(Array(Self.workspaceMarkerText(output: name).utf8), to: lock),
              mkdir(staging.site, mode.map { _ in building } ?? 0o755) == 0 else {
            let failure = Failure(path: workspace, reason: "cannot write the file: \(String(cString: strerror(errno)))")
            abandon(staging)
            throw failure
        }
        if mode != nil { chmod(staging.site, building) }
        return (staging, SiteOutput.Target(folder: staging.site, isMirror: false, current: staging.output))
    }

    /// The staged site once every file is in: `removed` (the files of the last build the site no longer has,
    /// nil for a full build) deleted from a mirror with the folders they leave empty. Throws what a file could
    /// not be written for, the staged site then removed.
    func finish(_ staging: Staging, _ site: SiteOutput, removed: [String]?) throws -> Staging {
        var staging = staging
        do {
            if let failure = site.failure { throw failure }
            let fingerprints = site.fingerprints
            staging.writtenFiles = site.written
            staging.files = Set(fingerprints.keys)
            staging.removed = removed
            if staging.inMirror, let removed {
                for path in removed { try Self.checkInside(path) }
                Self.delete(removed, from: staging.site)
            }
            return staging
        } catch {
            abandon(staging)
            throw error
        }
    }

    /// A staged site that will not be swapped in (the build has errors, or a file could not be written): removed.
    func abandon(_ staging: Staging) {
        Self.discard(staging)
        close(staging.lock)
    }

    /// Swaps the staged site in and removes the old one.
    func swap(_ staging: Staging) throws {
        defer { close(staging.lock) }
        let manager = FileManager.default
        let output = staging.output
        var info = stat()
        if lstat(output, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                Self.discard(staging)
                if let link = Self.linkRefusal(output) { throw Failure(path: output, reason: link) }
                throw Failure(path: output, reason: "is a file, not a folder")
            }
            do {
                // The output's own dot-files go with it (a file of the site by the same name wins).
                for entry in try manager.contentsOfDirectory(atPath: output) where Self.isCarried(entry) {
                    var existing = stat()
                    guard lstat(staging.site + "/" + entry, &existing) != 0 else { continue }
                    guard rename(output + "/" + entry, staging.site + "/" + entry) == 0 else {
                        throw Failure(path: output + "/" + entry, reason: "cannot carry it over: \(String(cString: strerror(errno)))")
                    }
                }
                if !Self.exchange(staging.site, output) {
                    // Two renames: for a moment there is no output; a build cut short there is undone by the next.
                    let old = staging.workspace + "/old"
                    guard rename(output, old) == 0 else {
                        throw Failure(path: output, reason: "cannot replace the folder: \(String(cString: strerror(errno)))")
                    }
                    guard rename(staging.site, output) == 0 else {
                        let reason = String(cString: strerror(errno))
                        rename(old, output)
                        throw Failure(path: output, reason: "cannot replace the folder: \(reason)")
                    }
                    rename(old, staging.site)
                }
            } catch {
                _ = Self.returnHidden(from: staging.site, to: output)
                Self.discard(staging)
                throw error
            }
        } else if rename(staging.site, output) != 0 {
            let reason = String(cString: strerror(errno))
            Self.discard(staging)
            throw Failure(path: output, reason: "cannot create the folder: \(reason)")
        }
        if let mode = staging.mode { chmod(output, mode) }
        // The old site, now in the workspace: made the new one's mirror, or removed.
        if staging.keepsMirror, keepMirror(staging) { return }
        Self.removeTree(staging.workspace, last: Self.workspaceMarker, cores: cores)
        // A mirror of the last output is not one of this one: it goes too.
        let place = URL(fileURLWithPath: staging.output)
        let mirror = place.deletingLastPathComponent().path + "/" + Self.mirrorName(place.lastPathComponent)
        if staging.workspace != mirror, let lock = Self.claimWorkspace(mirror, output: place.lastPathComponent) {
            Self.removeTree(mirror, last: Self.workspaceMarker, cores: cores)
            close(lock)
        }
    }

    /// Makes the old site, just swapped out, the same as the output (hard links to its files), and keeps it as
    /// `.NAME.mirror/`, its marker linked last; false when it cannot be (it is then removed by the caller).
    private func keepMirror(_ staging: Staging) -> Bool {
        let place = URL(fileURLWithPath: staging.output)
        let mirror = place.deletingLastPathComponent().path + "/" + Self.mirrorName(place.lastPathComponent)
        var info = stat()
        guard lstat(staging.site, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return false }
        // The old site is the last build's output: only what this build wrote or removed differs. After a
        // full build, every file is looked at.
        if let removed = staging.removed {
            guard Self.syncMirror(staging.site, of: staging.output, written: staging.writtenFiles, removed: removed) else { return false }
        } else {
            guard Self.makeMirror(staging.site, of: staging.output, files: staging.files) else { return false }
        }
        if staging.workspace != mirror {
            if lstat(mirror, &info) == 0 {
                guard let lock = Self.claimWorkspace(mirror, output: place.lastPathComponent) else { return false }
                Self.removeTree(mirror, last: Self.workspaceMarker, cores: cores)
                close(lock)
            }
            guard rename(staging.workspace, mirror) == 0 else { return false }
        }
        return Self.relink(staging.output + "/" + Self.marker, to: mirror + "/site/" + Self.marker)
    }

    /// The mirror beside the output, locked, when it is the same as the output (its marker is the output's).
    private static func claimMirror(_ folder: String, output: String) -> Int32? {
        guard let lock = claimWorkspace(folder, output: URL(fileURLWithPath: output).lastPathComponent) else { return nil }
        var mine = stat(), theirs = stat()
        guard lstat(folder + "/site/" + marker, &mine) == 0, lstat(output + "/" + marker, &theirs) == 0,
              (mine.st_mode & S_IFMT) == S_IFREG, mine.st_ino == theirs.st_ino, mine.st_dev == theirs.st_dev else {
            close(lock)
            return nil
        }
        return lock
    }

    /// Makes `tree` hold exactly the site's files, each a hard link to the output's: a file already linked is
    /// left, another replaced, one the site lacks deleted (a folder too); the marker is left for the caller.
    private static func makeMirror(_ tree: String, of output: String, files: Set<String>) -> Bool {
        var folders = Set<String>()
        for path in files {
            var folder = (path as NSString).deletingLastPathComponent
            while !folder.isEmpty, folders.insert(folder).inserted { folder = (folder as NSString).deletingLastPathComponent }
        }
        let root = open(tree, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard root >= 0 else { return false }
        defer { close(root) }
        var seen = Set<String>()
        var complete = true
        func walk(_ descriptor: Int32, _ prefix: String) {
            for (name, isFolder) in entries(of: descriptor) {
                let path = prefix.isEmpty ? name : prefix + "/" + name
                if prefix.isEmpty, name == marker || isCarried(name) { continue }
                if isFolder ?? isDirectory(descriptor, name) {
                    guard folders.contains(path) else { removeEntry(descriptor, name); continue }
                    let child = openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                    guard child >= 0 else { complete = false; continue }
                    walk(child, path)
                    close(child)
                } else if files.contains(path) {
                    seen.insert(path)
                    var mine = stat(), theirs = stat()
                    guard fstatat(descriptor, name, &mine, AT_SYMLINK_NOFOLLOW) == 0, lstat(output + "/" + path, &theirs) == 0 else {
                        complete = false
                        continue
                    }
                    if mine.st_ino != theirs.st_ino || mine.st_dev != theirs.st_dev || (mine.st_mode & S_IFMT) != S_IFREG {
                        if !relink(output + "/" + path, to: tree + "/" + path) { complete = false }
                    }
                } else {
                    unlinkat(descriptor, name, 0)
                }
            }
        }
        walk(root, "")
        for path in files where path != marker && !seen.contains(path) {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: tree + "/" + folder, withIntermediateDirectories: true) }
            if !relink(output + "/" + path, to: tree + "/" + path) { complete = false }
        }
        return complete
    }

    /// Brings the last build's output to this one's: the files written are linked to the output's, the files
    /// removed deleted with the folders they leave empty; the marker is left for the caller.
    private static func syncMirror(_ tree: String, of output: String, written: [String], removed: [String]) -> Bool {
        var folders = Set<String>()
        for path in written where path != marker {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty, folders.insert(folder).inserted {
                try? FileManager.default.createDirectory(atPath: tree + "/" + folder, withIntermediateDirectories: true)
            }
            guard relink(output + "/" + path, to: tree + "/" + path) else { return false }
        }
        delete(removed, from: tree)
        return true
    }

    /// Deletes files of a folder, and the folders they leave empty.
    private static func delete(_ paths: [String], from tree: String) {
        for path in paths {
            unlink(tree + "/" + path)
            var folder = (path as NSString).deletingLastPathComponent
            while !folder.isEmpty, rmdir(tree + "/" + folder) == 0 { folder = (folder as NSString).deletingLastPathComponent }
        }
    }

    /// Puts a hard link to `source` at `target`, by a temporary name renamed over it.
    private static func relink(_ source: String, to target: String) -> Bool {
        let temporary = (target as NSString).deletingLastPathComponent + "/" + temporaryPrefix + "\(getpid())"
        unlink(temporary)
        guard link(source, temporary) == 0 else { return false }
        guard rename(temporary, target) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }

    /// A top-level entry of the output that is the user's, not the site's: carried over to the new output.
    private static func isCarried(_ entry: String) -> Bool {
        entry.hasPrefix(".") && entry != marker && !entry.hasPrefix(temporaryPrefix)
    }

    /// A staged site that will not be swapped in: removed, the marker last.
    private static func discard(_ staging: Staging) {
        removeTree(staging.workspace, last: workspaceMarker, cores: 1)
    }

    /// Exchanges two folders in one step; false where the system or the file system cannot.
    private static func exchange(_ first: String, _ second: String) -> Bool {
        #if os(Linux)
        // renameat2 is in glibc since 2.28 but not in Swift's view of it.
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(nil, "renameat2") else { return false }
        let renameExchange: UInt32 = 1 << 1
        return unsafeBitCast(symbol, to: RenameAt2.self)(AT_FDCWD, first, AT_FDCWD, second, renameExchange) == 0
        #elseif canImport(Darwin)
        return renamex_np(first, second, UInt32(RENAME_SWAP)) == 0
        #else
        return false
        #endif
    }

    /// Removes what builds cut short left beside the output: `.NAME.building-*` folders that hold this output's
    /// workspace marker (and that no running build holds), and, from earlier versions, `.NAME.building-*` and
    /// `.NAME.old-*` folders that hold the `.passerelle` marker; empty ones too. Nothing else is touched. When
    /// the output is missing (a build cut short between two renames), the old site is put back first, and
    /// dot-files carried over from the output go back to it. Returns a sentence for each folder kept because
    /// a dot-file in it is in the output too.
    func removeLeftovers() -> [String] {
        guard let (parent, name) = try? place(creating: false),
              let entries = try? FileManager.default.contentsOfDirectory(atPath: parent.isEmpty ? "/" : parent) else { return [] }
        let output = parent + "/" + name
        var kept: [String] = []
        for entry in entries.sorted() {
            let isMirror = entry == Self.mirrorName(name)
            let isBuilding = entry.hasPrefix(".\(name).building-") || isMirror, isOld = entry.hasPrefix(".\(name).old-")
            guard isBuilding || isOld else { continue }
            // A mirror the same as the output is kept for the next build.
            if isMirror, let lock = Self.claimMirror(parent + "/" + entry, output: output) {
                close(lock)
                continue
            }
            let folder = parent + "/" + entry
            var info = stat()
            guard lstat(folder, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, rmdir(folder) != 0 else { continue }
            var trees: [String]
            var last: String
            var lock: Int32 = -1
            if isBuilding, let held = Self.claimWorkspace(folder, output: name) {
                lock = held
                trees = [folder + "/old", folder + "/site"]
                last = Self.workspaceMarker
            } else if lstat(folder + "/" + Self.marker, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
                      lstat(folder + "/" + Self.workspaceMarker, &info) != 0 {
                trees = [folder]
                last = Self.marker
            } else {
                continue
            }
            defer { if lock >= 0 { close(lock) } }
            if lstat(output, &info) != 0, let old = trees.first(where: { $0.hasSuffix("/old") || isOld }),
               lstat(old, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, rename(old, output) == 0 {
                if old == folder { continue }
                trees.removeAll { $0 == old }
            }
            let clashes = trees.flatMap { Self.returnHidden(from: $0, to: output) }
            guard clashes.isEmpty else {
                let why = lstat(output, &info) == 0 ? "which \(name) has too" : "and there is no \(name) to put them back in"
                kept.append("\(folder) was left by a build that did not end and holds \(clashes.joined(separator: ", ")), \(why); it was left as it is")
                continue
            }
            Self.removeTree(folder, last: last, cores: cores)
        }
        return kept
    }

    /// The workspace marker of a folder, locked, when its text names this output and no running build holds it
    /// (or, in a folder that holds nothing else, when it is the start of that text: a build cut short as it wrote it).
    private static func claimWorkspace(_ folder: String, output name: String) -> Int32? {
        let descriptor = open(folder + "/" + workspaceMarker, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        let expected = Array(workspaceMarkerText(output: name).utf8)
        var buffer = [UInt8](repeating: 0, count: expected.count + 1)
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
            let count = read(descriptor, &buffer, buffer.count)
            if count == expected.count, Array(buffer.prefix(count)) == expected { return descriptor }
            if count >= 0, count < expected.count, expected.starts(with: buffer.prefix(count)),
               (try? FileManager.default.contentsOfDirectory(atPath: folder)) == [workspaceMarker] {
                return descriptor
            }
        }
        close(descriptor)
        return nil
    }

    /// Moves the dot-files a build carried over from the output back to it; returns those the output has too
    /// (left where they are), or all of them when there is no output folder.
    private static func returnHidden(from tree: String, to output: String) -> [String] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: tree) else { return [] }
        var info = stat()
        let hasOutput = lstat(output, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
        var clashes: [String] = []
        for entry in entries.sorted() where isCarried(entry) {
            if !hasOutput || lstat(output + "/" + entry, &info) == 0 || rename(tree + "/" + entry, output + "/" + entry) != 0 {
                clashes.append(entry)
            }
        }
        return clashes
    }

    /// Writes bytes to a new file, or copies one; nil when it worked.
    static func put(_ source: SiteOutput.Source, at target: String) -> Failure? {
        switch source {
        case let .bytes(bytes):
            let descriptor = open(target, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard descriptor >= 0 else { return Failure(path: target, reason: "cannot write the file: \(String(cString: strerror(errno)))") }
            defer { close(descriptor) }
            return writeAll(bytes, to: descriptor) ? nil : Failure(path: target, reason: "cannot write the file: \(String(cString: strerror(errno)))")
        case let .copy(from):
            return copyBytes(from, to: target)
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

    /// Copies the bytes of the file `source` names (a link followed: the output never holds a link, nor the
    /// path it held) to a new plain file; nil when it worked.
    private static func copyBytes(_ source: String, to target: String) -> Failure? {
        func failed(_ what: String) -> Failure { Failure(path: target, reason: "cannot copy \(source): \(what)") }
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { return failed(String(cString: strerror(errno))) }
        defer { close(input) }
        var info = stat()
        guard fstat(input, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return failed("it is not a file") }
        let output = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard output >= 0 else { return failed(String(cString: strerror(errno))) }
        defer { close(output) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count == 0 { return nil }
            guard count > 0, writeAll(Array(buffer.prefix(count)), to: output) else { return failed(String(cString: strerror(errno))) }
        }
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress! + written, bytes.count - written) }
            guard count > 0 else { return false }
            written += count
        }
        return true
    }

    /// Removes a folder and everything in it, its sub-folders on all cores, the entry named `last` after all
    /// others. A link is removed itself, never followed: nothing outside the folder is touched.
    static func removeTree(_ path: String, last: String? = nil, cores: Int) {
        let root = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard root >= 0 else { return }
        defer { close(root) }
        // The work: the entries of the top-level folders, shared among the cores.
        var folders: [(descriptor: Int32, name: String)] = []
        var work: [(parent: Int32, name: String)] = []
        for (name, isFolder) in entries(of: root) where name != last {
            guard isFolder ?? isDirectory(root, name) else { unlinkat(root, name, 0); continue }
            let folder = openat(root, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard folder >= 0 else { unlinkat(root, name, 0); continue }
            folders.append((folder, name))
            work += entries(of: folder).map { (folder, $0.name) }
        }
        let workers = max(1, min(cores, work.count))
        let shared = work
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: shared.count, by: workers) { removeEntry(shared[index].parent, shared[index].name) }
        }
        for folder in folders {
            close(folder.descriptor)
            unlinkat(root, folder.name, AT_REMOVEDIR)
        }
        if let last { removeEntry(root, last) }
        rmdir(path)
    }

    /// Removes one entry of a folder (a descriptor), and all it holds when it is a folder, without following links.
    private static func removeEntry(_ parent: Int32, _ name: String) {
        if unlinkat(parent, name, 0) == 0 { return }
        let folder = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard folder >= 0 else { return }
        for entry in entries(of: folder) { removeEntry(folder, entry.name) }
        close(folder)
        unlinkat(parent, name, AT_REMOVEDIR)
    }

    /// The names in a folder (a descriptor, left open), and whether each is a folder when the system says so.
    private static func entries(of folder: Int32) -> [(name: String, isFolder: Bool?)] {
        let copy = dup(folder)
        guard copy >= 0, let handle = fdopendir(copy) else { return [] }
        defer { closedir(handle) }
        var result: [(String, Bool?)] = []
        while let entry = readdir(handle) {
            let name = String(cString: DirectoryEntry.name(entry))
            if name == "." || name == ".." { continue }
            let type = entry.pointee.d_type
            result.append((name, type == UInt8(DT_UNKNOWN) ? nil : type == UInt8(DT_DIR)))
        }
        return result
    }

    private static func isDirectory(_ parent: Int32, _ name: String) -> Bool {
        var info = stat()
        return fstatat(parent, name, &info, AT_SYMLINK_NOFOLLOW) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    static func checkInside(_ path: String) throws {
        guard !path.split(separator: "/").contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }), !path.hasPrefix("/") else {
            throw Failure(path: path, reason: "refusing to write outside the output folder")
        }
    }
}
