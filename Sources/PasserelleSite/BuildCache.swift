import Foundation
import PasserelleContent
import PasserelleCore

/// The size, modification time and inode of a file: when all are the same, the file is taken as unchanged,
/// as make, Hugo and Zola do.
public struct FileStamp: Hashable, Sendable {
    var size: Int64
    var seconds: Int64
    var nanoseconds: Int64
    var inode: UInt64

    init(size: Int64, seconds: Int64, nanoseconds: Int64, inode: UInt64) {
        self.size = size
        self.seconds = seconds
        self.nanoseconds = nanoseconds
        self.inode = inode
    }

    /// The file's stamp, following a symbolic link to what it points at; nil when there is no such file.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 || lstat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    private init(_ info: stat) {
        #if os(Linux)
        let modified = info.st_mtim
        #else
        let modified = info.st_mtimespec
        #endif
        self.init(size: Int64(info.st_size), seconds: Int64(modified.tv_sec), nanoseconds: Int64(modified.tv_nsec),
                  inode: UInt64(info.st_ino))
    }

    var text: String { "\(size):\(seconds):\(nanoseconds):\(inode)" }

    /// The modification time in nanoseconds since 1970.
    var modified: Int64 { seconds &* 1_000_000_000 &+ nanoseconds }

    /// Now, in the same unit as `modified`.
    static var now: Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) &* 1_000_000_000 &+ Int64(time.tv_nsec)
    }

    init?(_ text: Substring) {
        let parts = text.split(separator: ":")
        guard parts.count == 4, let size = Int64(parts[0]), let seconds = Int64(parts[1]), let nanoseconds = Int64(parts[2]),
              let inode = UInt64(parts[3]) else { return nil }
        self.init(size: size, seconds: seconds, nanoseconds: nanoseconds, inode: inode)
    }

    /// Every file below the folders (hidden ones included, folders not), by path `folder/relative`.
    public static func all(under folders: [String]) -> [String: FileStamp] {
        var stamps: [String: FileStamp] = [:]
        var pending = Array(folders.reversed())
        while let directory = pending.popLast() {
            guard let handle = opendir(directory) else { continue }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let name = String(cString: DirectoryEntry.name(entry))
                if name == "." || name == ".." { continue }
                let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: pending.append(path)
                case S_IFLNK: stamps[path] = FileStamp(path: path)  // what the link points at
                default: stamps[path] = FileStamp(info)
                }
            }
        }
        return stamps
    }
}
