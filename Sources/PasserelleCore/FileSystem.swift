import Foundation

/// The file operations the generator needs, injected so that tests can run on real folders or fakes.
public protocol FileSystem: Sendable {
    /// Every regular file below `directory`, as paths relative to it, sorted; symbolic links are
    /// listed with `isLink` so that callers can refuse the ones pointing elsewhere.
    func listFiles(under directory: String) throws -> [ListedFile]
    func readFile(_ path: String) throws -> [UInt8]
    /// The first `count` bytes of a file (fewer when it is shorter).
    func readPrefix(_ path: String, count: Int) throws -> [UInt8]
    func fileExists(_ path: String) -> Bool
    func directoryExists(_ path: String) -> Bool
    /// The canonical absolute path with links resolved, or nil when it does not exist.
    func resolvedPath(_ path: String) -> String?
    /// Where a symbolic link leads: a file, nowhere, or round in a loop of links.
    func linkTarget(_ path: String) -> LinkTarget
}

public enum LinkTarget: Sendable, Equatable {
    /// The canonical path of the file at the end of the links.
    case file(String)
    /// The link (or one it leads to) points at nothing.
    case missing
    /// The links lead back to themselves.
    case loop
}

extension FileSystem {
    public func linkTarget(_ path: String) -> LinkTarget {
        resolvedPath(path).map(LinkTarget.file) ?? .missing
    }
}

extension FileSystem {
    public func readPrefix(_ path: String, count: Int) throws -> [UInt8] { Array(try readFile(path).prefix(count)) }
}

public struct ListedFile: Sendable, Hashable {
    public var relativePath: String
    public var isLink: Bool
    public var isDirectory: Bool
    public var size: Int

    public init(relativePath: String, isLink: Bool, isDirectory: Bool, size: Int) {
        self.relativePath = relativePath
        self.isLink = isLink
        self.isDirectory = isDirectory
        self.size = size
    }
}

/// The real disk.
public struct LocalFileSystem: FileSystem {
    public init() {}

    public func listFiles(under directory: String) throws -> [ListedFile] {
        let manager = FileManager.default
        guard let names = manager.enumerator(atPath: directory)?.allObjects as? [String] else { return [] }
        var files: [ListedFile] = []
        for name in names {
            let full = (directory as NSString).appendingPathComponent(name)
            guard let attributes = try? manager.attributesOfItem(atPath: full) else { continue }
            let type = attributes[.type] as? FileAttributeType
            let isLink = type == .typeSymbolicLink
            var isDirectory: ObjCBool = false
            _ = manager.fileExists(atPath: full, isDirectory: &isDirectory)
            if type == .typeDirectory { continue }
            if isLink && isDirectory.boolValue {
                // A linked folder is not followed: listed once so that it can be reported.
                files.append(ListedFile(relativePath: name, isLink: true, isDirectory: true, size: 0))
                continue
            }
            let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
            files.append(ListedFile(relativePath: name, isLink: isLink, isDirectory: false, size: size))
        }
        return files.sorted { $0.relativePath < $1.relativePath }
    }

    public func readFile(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        return [UInt8](data)
    }

    public func readPrefix(_ path: String, count: Int) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        return [UInt8](try handle.read(upToCount: count) ?? Data())
    }

    public func fileExists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    public func directoryExists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    public func linkTarget(_ path: String) -> LinkTarget {
        var info = stat()
        if stat(path, &info) != 0 { return errno == ELOOP ? .loop : .missing }
        return resolvedPath(path).map(LinkTarget.file) ?? .missing
    }

    public func resolvedPath(_ path: String) -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }
}
