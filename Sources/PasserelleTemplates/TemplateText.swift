/// A run of a compiled template's text, in the storage of the library that holds the template.
struct TemplateText: @unchecked Sendable {
    private let start: UnsafePointer<UInt8>
    let count: Int

    fileprivate init(start: UnsafePointer<UInt8>, count: Int) {
        self.start = start
        self.count = count
    }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: count) }
}

/// The texts of a library's templates, written once when it is linked and never changed after, freed with the
/// last copy of the library: so read from any thread without a lock.
final class TemplateTextStorage: @unchecked Sendable {
    private var blocks: [UnsafeMutableBufferPointer<UInt8>] = []

    /// A copy of `bytes` that lives as long as the storage; only while the library is being linked.
    func keep(_ bytes: [UInt8]) -> TemplateText {
        let block = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        _ = block.initialize(from: bytes)
        blocks.append(block)
        return TemplateText(start: UnsafePointer(block.baseAddress!), count: bytes.count)
    }

    deinit {
        for block in blocks { block.deallocate() }
    }
}
