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
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
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

/// What the last build of an output folder read and wrote, kept in a folder outside the output
/// (`.passerelle-cache/` by default), so that the next build renders and writes only what changed:
/// - the stamp of every file under the content and themes folders, and the settings of the build;
/// - the fingerprint of every file written: a page's view model and templates, or a file's bytes;
/// - the summary and the messages, so that a build with nothing changed reports exactly what the last one did.
///
/// The output folder is trusted to be as the last build left it only while its marker file is the one that
/// build wrote; otherwise the next build is a full one.
struct BuildCache {
    /// Bumped when the format or the meaning of a fingerprint changes.
    static let version = "passerelle build cache 4"

    struct State {
        var settings: Fingerprint
        /// When the sources were stamped, in nanoseconds since 1970: a file modified at that time or later may
        /// have changed again within the same clock tick, so it is never taken as unchanged.
        var scanned: Int64
        var marker: FileStamp
        var inputs: [String: FileStamp]
        var outputs: [String: Fingerprint]
        var pageLinks: [String]
        var summary: CachedSummary
    }

    let file: String

    /// One state file per output folder.
    init(folder: String, output: String) {
        let absolute = URL(fileURLWithPath: output).standardizedFileURL.path
        file = (folder.hasSuffix("/") ? folder : folder + "/") + "build-\(Fingerprint.of(absolute).description.prefix(16)).state"
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

    func load() -> State? {
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard lines.popFirst() == Substring(Self.version),
              let settingsLine = lines.popFirst(), settingsLine.hasPrefix("settings "),
              let settings = Fingerprint(settingsLine.dropFirst("settings ".count)),
              let scannedLine = lines.popFirst(), scannedLine.hasPrefix("scanned "),
              let scanned = Int64(scannedLine.dropFirst("scanned ".count)),
              let markerLine = lines.popFirst(), markerLine.hasPrefix("marker "),
              let marker = FileStamp(markerLine.dropFirst("marker ".count)),
              let summaryLine = lines.popFirst(), summaryLine.hasPrefix("summary "),
              let summary = try? JSONDecoder().decode(CachedSummary.self, from: Data(summaryLine.dropFirst("summary ".count).utf8))
        else { return nil }
        var state = State(settings: settings, scanned: scanned, marker: marker, inputs: [:], outputs: [:], pageLinks: [], summary: summary)
        state.inputs.reserveCapacity(lines.count)
        state.outputs.reserveCapacity(lines.count)
        for line in lines where !line.isEmpty {
            // "in <stamp>\t<path>", "out <fingerprint>\t<path>", "link <path>"
            if line.hasPrefix("link ") {
                state.pageLinks.append(String(line.dropFirst(5)))
                continue
            }
            guard let tab = line.firstIndex(of: "\t") else { return nil }
            let path = String(line[line.index(after: tab)...])
            if line.hasPrefix("in "), let stamp = FileStamp(line[line.index(line.startIndex, offsetBy: 3)..<tab]) {
                state.inputs[path] = stamp
            } else if line.hasPrefix("out "), let fingerprint = Fingerprint(line[line.index(line.startIndex, offsetBy: 4)..<tab]) {
                state.outputs[path] = fingerprint
            } else {
                return nil
            }
        }
        return state
    }

    /// Writes the state; a path the line format cannot hold (a tab or a line break in a file name) leaves no
    /// state at all, so that the next build is a full one.
    func save(_ state: State) {
        let paths = Array(state.inputs.keys) + Array(state.outputs.keys) + state.pageLinks
        guard !paths.contains(where: { $0.contains("\n") || $0.contains("\t") || $0.contains("\r") }),
              let summary = try? Self.encoder.encode(state.summary) else {
            remove()
            return
        }
        var text = Self.version + "\nsettings \(state.settings)\nscanned \(state.scanned)\nmarker \(state.marker.text)\nsummary "
        text += String(decoding: summary, as: UTF8.self) + "\n"
        for (path, stamp) in state.inputs.sorted(by: { $0.key < $1.key }) { text += "in \(stamp.text)\t\(path)\n" }
        for (path, fingerprint) in state.outputs.sorted(by: { $0.key < $1.key }) { text += "out \(fingerprint)\t\(path)\n" }
        for link in state.pageLinks { text += "link \(link)\n" }
        let folder = (file as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = file + ".new-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else { return }
        if rename(temporary, file) != 0 { try? FileManager.default.removeItem(atPath: temporary) }
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: file)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}

/// The part of a build's result a build with nothing changed reports again.
struct CachedSummary: Codable {
    var talents: Int
    var vacancies: Int
    var employers: Int
    var pages: Int
    var files: Int
    var skipped: [SkippedFile]
    var messages: [Diagnostic]
    var settingsFiles: [String]
    var sources: [String]
    var published: [String: [String]]

    init(_ result: BuildResult) {
        talents = result.talents
        vacancies = result.vacancies
        employers = result.employers
        pages = result.pages
        files = result.filesWritten
        skipped = result.skipped
        messages = result.diagnostics.all
        settingsFiles = result.settingsFiles
        sources = result.sources
        published = result.published
    }

    /// The result of a build that found nothing to do: the last one's, with no file written.
    func result(pageLinks: [String]) -> BuildResult {
        var result = BuildResult()
        result.talents = talents
        result.vacancies = vacancies
        result.employers = employers
        result.pages = pages
        result.filesWritten = files
        result.filesChanged = 0
        result.skipped = skipped
        result.diagnostics = DiagnosticLog(messages)
        result.pageLinks = pageLinks
        result.settingsFiles = settingsFiles
        result.sources = sources
        result.published = published
        return result
    }
}
