import Foundation
import PasserelleContent
import PasserelleCore
@testable import PasserelleSite

/// The repository's own sample Content/ and Themes/, and temporary folders to build into.
enum Repository {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
    static var content: String { root + "/Content" }
    static var themes: String { root + "/Themes" }
    /// The sample without its markets: one site for all countries, English at the root and the other languages
    /// under /fr/, /nl/ and /ar/, for the tests of single-site behaviour. Made once per test run, beside the other temporary folders.
    static let englishContent: String = {
        let path = NSTemporaryDirectory() + "passerelle-sample-" + UUID().uuidString + "/Content"
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? FileManager.default.copyItem(atPath: content, toPath: path)
        let site = (try? String(contentsOfFile: path + "/site.yml", encoding: .utf8)) ?? ""
        var lines: [String] = []
        var inMarkets = false
        for line in site.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("markets:") { inMarkets = true; continue }
            if inMarkets && (line.hasPrefix(" ") || line.isEmpty) { continue }
            inMarkets = false
            lines.append(String(line))
        }
        try? lines.joined(separator: "\n").write(toFile: path + "/site.yml", atomically: true, encoding: .utf8)
        return path
    }()
    /// The day the sample's expectations are written for: one vacancy has expired, the others are open.
    static let sampleDay = Day("2026-11-24")!
}

/// A temporary folder, removed when the test ends.
final class Scratch {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "passerelle-site-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func copy(_ source: String, to name: String) -> String {
        let target = path + "/" + name
        try? FileManager.default.copyItem(atPath: source, toPath: target)
        return target
    }

    func write(_ relative: String, _ text: String) { write(relative, bytes: Array(text.utf8)) }

    func write(_ relative: String, bytes: [UInt8]) {
        let full = path + "/" + relative
        try? FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: full, contents: Data(bytes))
    }

    /// Writes the bytes of another file of the folder over `relative`, as an edit would.
    func replace(_ relative: String, with other: String) throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path + "/" + other))
        write(relative, bytes: Array(bytes))
    }
}

/// Reading a built site.
struct BuiltSite {
    let path: String

    /// Every file, relative path → bytes.
    var files: [String: Data] {
        var result: [String: Data] = [:]
        for name in (FileManager.default.enumerator(atPath: path)?.allObjects as? [String]) ?? [] {
            var isDirectory: ObjCBool = false
            let full = path + "/" + name
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[name] = FileManager.default.contents(atPath: full)
            }
        }
        return result
    }

    func html(_ relative: String) -> String {
        String(decoding: FileManager.default.contents(atPath: path + "/" + relative) ?? Data(), as: UTF8.self)
    }

    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path + "/" + relative) }

    /// Every href and src value in every HTML file: (file, value).
    var references: [(file: String, value: String)] {
        var result: [(String, String)] = []
        for (name, data) in files where name.hasSuffix(".html") {
            let text = String(decoding: data, as: UTF8.self)
            var rest = Substring(text)
            while let range = rest.range(of: "(href|src|data-embed|action)=\"[^\"]*\"", options: .regularExpression) {
                let attribute = rest[range]
                let value = attribute[attribute.index(after: attribute.firstIndex(of: "\"")!)..<attribute.index(before: attribute.endIndex)]
                result.append((name, String(value)))
                rest = rest[range.upperBound...]
            }
        }
        return result
    }

    /// Internal references (under `basePath`) that do not lead to a file of the site.
    func brokenReferences(basePath: String) -> [String] {
        references.compactMap { reference in
            let value = reference.value.replacingOccurrences(of: "&amp;", with: "&")
            guard value.hasPrefix("/"), !value.hasPrefix("//") else { return nil }
            guard value.hasPrefix(basePath) else { return "\(reference.file): \(value) is outside \(basePath)" }
            var relative = String(value.dropFirst(basePath.count))
            if let cut = relative.firstIndex(where: { $0 == "#" || $0 == "?" }) { relative = String(relative[..<cut]) }
            if relative.isEmpty || relative.hasSuffix("/") { relative += "index.html" }
            return exists(relative) ? nil : "\(reference.file): \(value)"
        }
    }

    func count(_ needle: String, in relative: String) -> Int {
        html(relative).components(separatedBy: needle).count - 1
    }
}

extension SiteBuilder {
    /// Builds the repository's sample site into `output`.
    static func buildSample(into output: String, content: String = Repository.englishContent, baseURL: String? = nil) -> BuildResult {
        SiteBuilder().build(BuildOptions(content: content, themes: Repository.themes, output: output,
                                         baseURL: baseURL, today: Repository.sampleDay))
    }
}

/// The `passerelle` executable (the debug build), run as a user would.
enum PasserelleCommand {
    static let executable = Repository.root + "/.build/debug/passerelle"

    static func run(_ arguments: [String], in directory: String) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}
