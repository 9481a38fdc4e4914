import Foundation
import PasserelleCore

/// What the output holds, kept in its mirror's folder (`.NAME.mirror/fingerprints`): every file's fingerprint,
/// with the settings it was built with and the stamp of the output's marker. A build without the build cache
/// (`--no-cache`) reads it to write only the files that changed into the mirror, the way a cached build does,
/// instead of creating a whole new site's folders and files beside the output: the same site, written with a
/// small part of the file-system work. Any doubt (another program or option, another output, a record cut
/// short) makes it unusable, and the build writes the whole site anew.
struct OutputRecord: Equatable, Sendable {
    static let file = "fingerprints"
    static let version = "passerelle-output-record-1"

    /// `BuildCache.settings` of the build that wrote the output: the program, folders and options.
    let settings: Fingerprint
    /// The output's marker as that build left it: another build since would have replaced it.
    let marker: FileStamp
    /// Output path → fingerprint, as the build cache keeps them.
    let fingerprints: [String: Fingerprint]

    /// The record in `workspace`, when it describes `output` as it is now and was written with `settings`.
    static func read(workspace: String, output: String, settings: Fingerprint, fileSystem: any FileSystem,
                     memory: BuildMemory? = nil) -> OutputRecord? {
        let path = joinPath(workspace, file)
        let record = if let memory { memory.remembered(at: path) { read(path, fileSystem) } } else { read(path, fileSystem) }
        guard let record, record.settings == settings, FileStamp(path: joinPath(output, OutputWriter.marker)) == record.marker else { return nil }
        return record
    }

    private static func read(_ path: String, _ fileSystem: any FileSystem) -> OutputRecord? {
        guard var lines = CacheLines(path, fileSystem), lines.header(version) != nil,
              let settings = lines.field("settings").flatMap(Fingerprint.init),
              let marker = lines.field("marker").flatMap(FileStamp.init) else { return nil }
        var fingerprints: [String: Fingerprint] = [:]
        while let (key, path) = lines.entry() {
            guard let fingerprint = Fingerprint(key) else { return nil }
            fingerprints[path] = fingerprint
        }
        return lines.complete ? OutputRecord(settings: settings, marker: marker, fingerprints: fingerprints) : nil
    }

    /// Writes the record into `workspace` (whole, by a rename); a path the line format cannot hold leaves none.
    func write(into workspace: String, fileSystem: some WritableFileSystem, memory: BuildMemory? = nil) {
        let target = joinPath(workspace, Self.file)
        guard !fingerprints.keys.contains(where: { $0.hasTabOrLineBreak }) else {
            try? fileSystem.remove(target)
            return
        }
        var text = CacheText(version: Self.version, id: "output")
        text.field("settings", settings.description)
        text.field("marker", marker.text)
        for (path, fingerprint) in fingerprints.sorted(by: { $0.key < $1.key }) { text.entry(fingerprint.description, path) }
        if (try? fileSystem.writeFileAtomically(target, text.bytes)) == nil { try? fileSystem.remove(target) } else { memory?.keep(self, at: target) }
    }
}

extension OutputWriter {
    /// The record kept in the output's mirror, when it describes the output as it is now.
    func record(settings: Fingerprint, memory: BuildMemory?) -> OutputRecord? {
        let place = URL(fileURLWithPath: Self.resolved(output))
        let mirror = joinPath(place.deletingLastPathComponent().path, Self.mirrorName(place.lastPathComponent))
        return OutputRecord.read(workspace: mirror, output: place.path, settings: settings, fileSystem: LocalFileSystem(), memory: memory)
    }
}
