extension TemplateFunction {
    /// The function's result; `.null` when it does not apply to that kind of value.
    func apply(to value: TemplateValue) -> TemplateValue {
        switch (self, value) {
        case let (.empty, .list(items)): return .bool(items.count == 0)
        case let (.empty, .string(text)): return .bool(text.isEmpty)
        case let (.count, .list(items)): return .int(items.count)
        case let (.count, .string(text)): return .int(text.count)
        case let (.first, .list(items)): return items.count == 0 ? .null : items.item(0)
        case let (.last, .list(items)): return items.count == 0 ? .null : items.item(items.count - 1)
        case let (.reversed, .list(items)): return .list(Array(items.values.reversed()))
        case let (.reversed, .string(text)): return .string(String(text.reversed()))
        case let (.uppercased, .string(text)): return .string(text.uppercased())
        case let (.lowercased, .string(text)): return .string(text.lowercased())
        case let (.capitalized, .string(text)): return .string(text.prefix(1).uppercased() + text.dropFirst())
        case let (.equalzero, .int(number)): return .bool(number == 0)
        case let (.plusone, .int(number)): return .int(number &+ 1)
        case let (.minusone, .int(number)): return .int(number &- 1)
        case let (.even, .int(number)): return .bool(number % 2 == 0)
        case let (.odd, .int(number)): return .bool(number % 2 != 0)
        default: return .null
        }
    }

    /// The function applied to the position of the current item in the list being iterated.
    func apply(index: Int, count: Int) -> TemplateValue {
        switch self {
        case .first: return .bool(index == 0)
        case .last: return .bool(index == count - 1)
        case .index: return .int(index)
        case .even: return .bool(index % 2 == 0)
        case .odd: return .bool(index % 2 != 0)
        default: return .null
        }
    }
}
