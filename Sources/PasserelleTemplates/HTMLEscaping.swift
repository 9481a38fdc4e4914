/// Text escaped for HTML and XML (`< > & " '`), as templates escape `{{value}}`: for what is written outside templates.
public enum HTMLEscaping {
    public static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { needsEscape($0) }) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 32)
        append(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the escaped text, copying the runs between characters to escape as they are.
    static func append(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count where needsEscape(bytes[index]) {
                if runStart < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
                switch bytes[index] {
                case 0x3C: output.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])                    // &lt;
                case 0x3E: output.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])                    // &gt;
                case 0x26: output.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])              // &amp;
                case 0x22: output.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])        // &quot;
                default: output.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])               // &#39;
                }
                runStart = index + 1
            }
            if runStart < bytes.count { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count])) }
        }
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == 0x3C || byte == 0x3E || byte == 0x26 || byte == 0x22 || byte == 0x27
    }
}
