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
