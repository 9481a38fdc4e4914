import PasserelleSite

/// Notices edits under the content and themes folders by comparing each file's size, modification time and
/// inode, as the build cache does.
///
/// Polling keeps it portable and dependency-free; the stamps of ten thousand files take a few milliseconds.
struct SourceWatcher {
    let folders: [String]

    /// Path → stamp of every file under the folders.
    func signature() -> [String: FileStamp] { FileStamp.all(under: folders) }
}
