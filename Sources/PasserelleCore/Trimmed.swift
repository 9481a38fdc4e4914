extension String {
    /// Without leading and trailing white space.
    public var trimmed: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}

extension String {
    /// Whether the text holds a tab, a line feed or a carriage return: what a line format of `key<TAB>value`
    /// lines cannot hold. A scan of the bytes, not Foundation's search (which a check of every path of a large
    /// site would spend most of a rebuild in).
    public var hasTabOrLineBreak: Bool {
        var text = self
        return text.withUTF8 { bytes in bytes.contains { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D } }
    }
}
