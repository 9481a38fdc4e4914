import Foundation

/// Notices edits under the content and themes folders by comparing each file's size and modification time.
///
/// Polling keeps it portable and dependency-free; a signature of a few thousand files takes milliseconds.
struct SourceWatcher {
    let folders: [String]

    /// Path → (size, modification time) of every file under the folders, links not followed.
    func signature() -> [String: [Double]] {
        var result: [String: [Double]] = [:]
        let manager = FileManager.default
        for folder in folders {
            guard let walker = manager.enumerator(at: URL(fileURLWithPath: folder), includingPropertiesForKeys: [.fileSizeKey, .contentModificationDateKey]) else { continue }
            for case let url as URL in walker {
                let values = try? url.resourceValues(forKeys: [.fileSizeKey, .contentModificationDateKey])
                result[url.path] = [Double(values?.fileSize ?? -1), values?.contentModificationDate?.timeIntervalSince1970 ?? 0]
            }
        }
        return result
    }
}
