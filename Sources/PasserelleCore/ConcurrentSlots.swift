import Foundation

/// One slot per item, each written by one worker, read once all workers are done.
public final class ConcurrentSlots<Value: Sendable>: @unchecked Sendable {
    private var values: [Value?]
    private var next = 0
    private let lock = NSLock()

    /// The next slot no worker has taken yet, so that one long page does not hold up a share of the others.
    public func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < values.count else { return nil }
        next += 1
        return next - 1
    }

    public init(count: Int) { values = Array(repeating: nil, count: count) }

    public func set(_ index: Int, _ value: Value) {
        lock.lock()
        values[index] = value
        lock.unlock()
    }

    public func get(_ index: Int) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return values[index]
    }
}

extension Array {
    /// The elements ordered by a key computed once per element rather than once per comparison, equal keys
    /// kept in their order; each element is moved once (large values are not copied at every swap of a sort).
    public func sorted<Key>(byKey key: (Element) -> Key, _ areInIncreasingOrder: (Key, Key) -> Bool) -> [Element] {
        let keys = map(key)
        let order = indices.sorted { a, b in
            if areInIncreasingOrder(keys[a], keys[b]) { return true }
            if areInIncreasingOrder(keys[b], keys[a]) { return false }
            return a < b
        }
        return order.map { self[$0] }
    }
}
