import Foundation

/// What a long-running builder (`serve`'s build worker) keeps in memory between builds: each build-cache file
/// as the value it was decoded into, or that was written to it, with the stamp the file had then. The next build
/// takes the value instead of reading and decoding the file again, as long as the file still has that stamp;
/// a file changed by anything else since (another stamp) is read again. A one-off `passerelle build` has none.
public final class BuildMemory: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: (stamp: FileStamp, value: any Sendable)] = [:]
    private var taken = 0

    public init() {}

    /// The value kept for the file at `path`, when the file is still as it was.
    func value<Value: Sendable>(at path: String, as type: Value.Type = Value.self) -> Value? {
        guard let stamp = FileStamp(path: path) else { return nil }
        lock.lock()
        defer { lock.unlock() }
        guard let kept = values[path], kept.stamp == stamp, let value = kept.value as? Value else { return nil }
        taken += 1
        return value
    }

    /// Keeps what the file at `path` holds now, decoded (or just written).
    func keep<Value: Sendable>(_ value: Value, at path: String) {
        let stamp = FileStamp(path: path)
        lock.lock()
        defer { lock.unlock() }
        values[path] = stamp.map { ($0, value) }
    }

    /// The value kept for `path`, or the one `read` gives, then kept.
    func remembered<Value: Sendable>(at path: String, read: () -> Value?) -> Value? {
        if let value = value(at: path, as: Value.self) { return value }
        guard let value = read() else { return nil }
        keep(value, at: path)
        return value
    }

    /// How many files are kept, and how many times a kept value was taken instead of reading its file.
    var counts: (kept: Int, taken: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (values.count, taken)
    }
}
