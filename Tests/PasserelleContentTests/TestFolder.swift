import Foundation
import PasserelleContent

/// A content folder on disk for one test, removed when the test ends.
final class TestFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "passerelle-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ relative: String, _ text: String) -> String {
        writeBytes(relative, Array(text.utf8))
    }

    @discardableResult
    func writeBytes(_ relative: String, _ bytes: [UInt8]) -> String {
        let full = path + "/" + relative
        try? FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: full, contents: Data(bytes))
        return full
    }

    static let siteYAML = """
    title: Test site
    base_url: https://example.org/
    languages: [en]
    """

    /// Loads the folder with a minimal site.yml unless one was written.
    func load() -> Content {
        if !FileManager.default.fileExists(atPath: path + "/site.yml") { write("site.yml", Self.siteYAML) }
        return ContentLoader().load(from: path)
    }

    /// `file:line:column: severity: message` lines with the folder prefix removed.
    func messages(_ content: Content) -> [String] {
        content.diagnostics.sorted.map { $0.description.replacingOccurrences(of: path + "/", with: "") }
    }
}
