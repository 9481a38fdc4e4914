import Mustache

/// Text escaped for HTML and XML (`< > & " '`), as templates escape `{{value}}`: for what is written outside templates.
public enum HTMLEscaping {
    public static func escape(_ text: String) -> String { FastHTMLContentType().escapeText(text) }
}

/// HTML escaping for `{{value}}`, the same as swift-mustache's (`< > & " '`), working on UTF-8 bytes:
/// most text has nothing to escape and comes back as it is.
struct FastHTMLContentType: MustacheContentType {
    static let name = "PASSERELLE_HTML"
    /// Put at the start of every template and partial: `{{value}}` is escaped with this type.
    static let pragma = "{{% CONTENT_TYPE: \(name)}}"

    static let registration: Void = {
        MustacheContentTypes.register(FastHTMLContentType(), named: name)
    }()

    func escapeText(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 32)
        for byte in utf8 {
            switch byte {
            case 0x3C: bytes.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])                    // &lt;
            case 0x3E: bytes.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])                    // &gt;
            case 0x26: bytes.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])              // &amp;
            case 0x22: bytes.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])        // &quot;
            case 0x27: bytes.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])              // &#39;
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
