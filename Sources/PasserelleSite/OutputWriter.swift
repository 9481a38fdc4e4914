import Foundation

/// The files of a built site, before anything touches the disk.
struct SiteOutput {
    enum Source {
        case bytes([UInt8])
        case copy(from: String)
    }

    /// Relative path in the output folder → content.
    private(set) var files: [String: Source] = [:]

    mutating func add(_ path: String, text: String) { files[path] = .bytes(Array(text.utf8)) }
    mutating func add(_ path: String, bytes: [UInt8]) { files[path] = .bytes(bytes) }
    mutating func add(_ path: String, copyOf source: String) { files[path] = .copy(from: source) }
    func contains(_ path: String) -> Bool { files[path] != nil }
    /// A file added as text or bytes, as text.
    func text(at path: String) -> String? {
        if case let .bytes(bytes)? = files[path] { return String(decoding: bytes, as: UTF8.self) }
        return nil
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
            var createdFolders = Set<String>()
            for (path, source) in site.files.sorted(by: { $0.key < $1.key }) {
                guard !path.split(separator: "/").contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }), !path.hasPrefix("/") else {
                    throw Failure(path: path, reason: "refusing to write outside the output folder")
                }
                let target = staging.appendingPathComponent(path)
                let folder = target.deletingLastPathComponent().path
                if createdFolders.insert(folder).inserted {
                    try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
                }
                switch source {
                case let .bytes(bytes):
                    guard manager.createFile(atPath: target.path, contents: Data(bytes)) else {
                        throw Failure(path: target.path, reason: "cannot write the file")
                    }
                case let .copy(from):
                    try manager.copyItem(atPath: from, toPath: target.path)
                }
            }
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: outputURL.path, isDirectory: &isDirectory) {
                guard isDirectory.boolValue else { throw Failure(path: outputURL.path, reason: "is a file, not a folder") }
                for entry in try manager.contentsOfDirectory(atPath: outputURL.path) where entry.hasPrefix(".") && !site.contains(entry) {
                    try manager.moveItem(at: outputURL.appendingPathComponent(entry), to: staging.appendingPathComponent(entry))
                }
                try manager.moveItem(at: outputURL, to: retired)
                do {
                    try manager.moveItem(at: staging, to: outputURL)
                } catch {
                    try? manager.moveItem(at: retired, to: outputURL)
                    throw error
                }
                try? manager.removeItem(at: retired)
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
}
