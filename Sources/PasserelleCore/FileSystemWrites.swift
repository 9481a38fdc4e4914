import Foundation

/// The writes a build makes, beside `FileSystem`'s reads, so that a test can stand in for the disk and see what a
/// failed write leaves behind. Paths are absolute or relative to the working folder; links are never followed.
public protocol WritableFileSystem: FileSystem {
    /// Creates the folder and the ones above it that are missing.
    func createDirectory(_ path: String) throws
    /// Replaces the file's content in one step: written beside it, then renamed over it, so that a reader (or a
    /// write cut short) sees either the old content or the new, never part of it.
    func writeFileAtomically(_ path: String, _ bytes: [UInt8]) throws
    func rename(_ path: String, to destination: String) throws
    /// Removes a file, or a folder and all it holds.
    func remove(_ path: String) throws
    /// A hard link at `path` to the file at `existing`.
    func link(_ path: String, to existing: String) throws
    /// What is at `path`, without following a link; nil when nothing is.
    func status(_ path: String) -> FileStatus?
}

/// What a path holds, as `lstat` says.
public struct FileStatus: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case file, directory, link, other }
    public var kind: Kind
    public var size: Int
    /// The permission bits.
    public var mode: Int

    public init(kind: Kind, size: Int, mode: Int) {
        self.kind = kind
        self.size = size
        self.mode = mode
    }
}

/// A write that failed, naming the file.
public struct FileWriteError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}

extension LocalFileSystem: WritableFileSystem {
    public func createDirectory(_ path: String) throws {
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        catch { throw FileWriteError(path: path, reason: "cannot create the folder: \(Self.reason(error))") }
    }

    public func writeFileAtomically(_ path: String, _ bytes: [UInt8]) throws {
        let temporary = path + ".new-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else {
            throw FileWriteError(path: path, reason: "cannot be written: \(String(cString: strerror(errno)))")
        }
        guard Foundation.rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw FileWriteError(path: path, reason: "cannot be replaced: \(reason)")
        }
    }

    public func rename(_ path: String, to destination: String) throws {
        guard Foundation.rename(path, destination) == 0 else {
            throw FileWriteError(path: path, reason: "cannot be moved to \(destination): \(String(cString: strerror(errno)))")
        }
    }

    public func remove(_ path: String) throws {
        guard status(path) != nil else { return }
        do { try FileManager.default.removeItem(atPath: path) }
        catch { throw FileWriteError(path: path, reason: "cannot be removed: \(Self.reason(error))") }
    }

    public func link(_ path: String, to existing: String) throws {
        guard Foundation.link(existing, path) == 0 else {
            throw FileWriteError(path: path, reason: "cannot link to \(existing): \(String(cString: strerror(errno)))")
        }
    }

    public func status(_ path: String) -> FileStatus? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        let kind: FileStatus.Kind = switch info.st_mode & S_IFMT {
        case S_IFREG: .file
        case S_IFDIR: .directory
        case S_IFLNK: .link
        default: .other
        }
        return FileStatus(kind: kind, size: Int(info.st_size), mode: Int(info.st_mode & 0o7777))
    }

    private static func reason(_ error: Error) -> String {
        ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.localizedDescription ?? error.localizedDescription
    }
}
