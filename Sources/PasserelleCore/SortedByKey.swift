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
