import Foundation
import PasserelleCore

/// The files of an index as they are written: each named after its gzipped content, encoded on all cores a few
/// at a time and handed over in order; or, when what it is encoded from is what an earlier build encoded a
/// file from, and the caller still has that file, kept as it is without encoding it again.
struct IndexFiles {
    let jobs: Int
    /// Files of an earlier build by the fingerprint of their input.
    let kept: [Fingerprint: String]
    /// This build's files by the fingerprint of their input.
    private(set) var names: [Fingerprint: String] = [:]
    /// How many files were encoded (not kept).
    private(set) var encoded = 0

    init(jobs: Int, kept: [Fingerprint: String]) {
        self.jobs = max(1, jobs)
        self.kept = kept
    }

    /// Writes `count` files named `<name>.<hash>.gz`; returns their paths in order.
    mutating func write(_ count: Int, name: (Int) -> String, input: @Sendable (Int) -> Fingerprint,
                        encode: @Sendable (Int) -> [UInt8], keep: (String, Fingerprint?) -> Bool,
                        emit: (String, [UInt8]) -> Void) -> [String] {
        let inputs = Self.onAllCores(Array(0..<count), jobs: jobs, input)
        var paths = Array(repeating: "", count: count)
        var pending: [Int] = []
        for index in 0..<count {
            if let path = kept[inputs[index]], path.hasPrefix(name(index) + "."), keep(path, nil) {
                paths[index] = path
            } else {
                pending.append(index)
            }
        }
        let batch = jobs * 8
        for first in stride(from: 0, to: pending.count, by: batch) {
            let indexes = Array(pending[first..<min(pending.count, first + batch)])
            let compressed = Self.onAllCores(indexes, jobs: jobs) { Gzip.compress(encode($0)) }
            for (index, bytes) in zip(indexes, compressed) {
                let path = "\(name(index)).\(ContentHash.hex(bytes)).gz"
                emit(path, bytes)
                paths[index] = path
            }
        }
        encoded += pending.count
        for (input, path) in zip(inputs, paths) { names[input] = path }
        return paths
    }

    /// `work` of each item, on all cores, in the items' order.
    static func onAllCores<Value: Sendable>(_ items: [Int], jobs: Int, _ work: @Sendable (Int) -> Value) -> [Value] {
        let slots = ConcurrentSlots<Value>(count: items.count)
        let workers = max(1, min(jobs, items.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for position in stride(from: worker, to: items.count, by: workers) { slots.set(position, work(items[position])) }
        }
        return (0..<items.count).map { slots.get($0)! }
    }
}
