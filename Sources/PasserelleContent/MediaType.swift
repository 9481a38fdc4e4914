/// The kinds of file published from media/: an allow-list, each recognised by its first bytes (its magic number),
/// never by its name alone. Anything else (HTML, XML, SVG, text, ...) could run script on the site's address
/// when opened, or is not a file a browser shows safely, and is refused.
public enum MediaType: String, Sendable, Hashable, CaseIterable {
    case jpeg, png, webp, avif, gif, mp4, webm, pdf

    public enum Kind: Sendable { case image, video, document }

    public var kind: Kind {
        switch self {
        case .jpeg, .png, .webp, .avif, .gif: return .image
        case .mp4, .webm: return .video
        case .pdf: return .document
        }
    }

    /// The name users know it by, as messages say it.
    public var name: String {
        switch self {
        case .jpeg: return "JPEG image"
        case .png: return "PNG image"
        case .webp: return "WebP image"
        case .avif: return "AVIF image"
        case .gif: return "GIF image"
        case .mp4: return "MP4 video"
        case .webm: return "WebM video"
        case .pdf: return "PDF document"
        }
    }

    /// The `Content-Type` a host serves it with.
    public var mimeType: String {
        switch self {
        case .jpeg: return "image/jpeg"
        case .png: return "image/png"
        case .webp: return "image/webp"
        case .avif: return "image/avif"
        case .gif: return "image/gif"
        case .mp4: return "video/mp4"
        case .webm: return "video/webm"
        case .pdf: return "application/pdf"
        }
    }

    /// The name with its article: "an MP4 video", "a PNG image".
    public var described: String { (self == .mp4 || self == .avif ? "an " : "a ") + name }

    /// The file name endings that go with the type, the usual one first.
    public var extensions: [String] {
        switch self {
        case .jpeg: return ["jpg", "jpeg"]
        case .mp4: return ["mp4", "m4v"]
        default: return [rawValue]
        }
    }

    /// What messages say is accepted.
    public static let images = "a JPEG, PNG, WebP, AVIF or GIF image"
    public static let videos = "an MP4 or WebM video"
    public static let allowed = "\(images), \(videos), or a PDF"

    /// How many leading bytes `detect` needs.
    public static let prefixLength = 256

    /// The type the bytes start with, or nil for anything off the list.
    public static func detect(_ bytes: [UInt8]) -> MediaType? {
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + magic.count && Array(bytes[offset..<offset + magic.count]) == magic
        }
        func ascii(_ text: String, at offset: Int = 0) -> Bool { starts(Array(text.utf8), at: offset) }

        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if ascii("GIF87a") || ascii("GIF89a") { return .gif }
        if ascii("RIFF"), ascii("WEBP", at: 8) { return .webp }
        if ascii("%PDF-") { return .pdf }
        if starts([0x1A, 0x45, 0xDF, 0xA3]) { return isWebM(bytes) ? .webm : nil }
        if ascii("ftyp", at: 4) { return isoMediaType(bytes) }
        return nil
    }

    /// The MP4 brands accepted as an `ftyp` box's major brand.
    static let mp4Brands: Set<String> = ["isom", "iso2", "iso3", "iso4", "iso5", "iso6", "iso7", "iso8", "iso9", "mp41", "mp42",
                                         "avc1", "M4V ", "M4VH", "M4VP", "dash", "mmp4", "MSNV", "f4v "]
    /// The AVIF (HEIF) brands accepted as a major brand, when an `avif` or `avis` brand is also listed.
    static let avifMajorBrands: Set<String> = ["avif", "avis", "mif1", "msf1"]

    /// An ISO media file (`ftyp` box): AVIF when a brand says so, MP4 for the usual MP4 brands. HEIC, QuickTime
    /// and the rest are not on the list. The box must be whole and well formed: 16 to 256 bytes long, a multiple
    /// of 4, within the file, and every brand four letters, digits or spaces; so text that merely has `ftyp` at
    /// its fifth byte (a script starting `//  ftypisom`) is not taken for a video.
    static func isoMediaType(_ bytes: [UInt8]) -> MediaType? {
        guard bytes.count >= 16 else { return nil }
        let size = bytes[0..<4].reduce(0) { $0 << 8 | Int($1) }
        guard size >= 16, size <= prefixLength, size % 4 == 0, size <= bytes.count,
              bytes[4..<8].elementsEqual("ftyp".utf8) else { return nil }
        func isBrandByte(_ byte: UInt8) -> Bool {
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x20
        }
        var brands: [String] = []
        for offset in stride(from: 8, to: size, by: 4) where offset != 12 {  // 12: the minor version
            let brand = bytes[offset..<offset + 4]
            guard brand.allSatisfy(isBrandByte) else { return nil }
            brands.append(String(decoding: brand, as: UTF8.self))
        }
        guard let major = brands.first else { return nil }
        if avifMajorBrands.contains(major), brands.contains("avif") || brands.contains("avis") { return .avif }
        return mp4Brands.contains(major) ? .mp4 : nil
    }

    /// A Matroska file whose DocType element says `webm` (Matroska itself, .mkv, is not played by every browser).
    /// Safe for any length: a file cut short is simply not WebM.
    static func isWebM(_ bytes: [UInt8]) -> Bool {
        let docType: [UInt8] = [0x42, 0x82]
        // The DocType element's ID, its one-byte size and at least one byte of value must fit.
        guard bytes.count >= 8 else { return false }
        for index in 4..<(bytes.count - 3) where bytes[index] == docType[0] && bytes[index + 1] == docType[1] {
            let size = Int(bytes[index + 2] & 0x7F)
            guard bytes[index + 2] & 0x80 != 0, index + 3 + size <= bytes.count else { return false }
            return bytes[(index + 3)..<(index + 3 + size)].elementsEqual("webm".utf8)
        }
        return false
    }

    /// Markup that starts `<svg` (after an XML declaration, comments or white space): refused with its own advice.
    public static func looksLikeSVG(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self).lowercased()
        return text.contains("<svg")
    }

    /// The type a file name's ending stands for, when on the list.
    public static func expected(byName name: String) -> MediaType? {
        let ending = name.split(separator: ".").count > 1 ? name.split(separator: ".").last.map { $0.lowercased() } : nil
        guard let ending else { return nil }
        return allCases.first { $0.extensions.contains(ending) }
    }

    /// Checks a media file from its name and first bytes: its type, or the error message and what was expected.
    public static func check(name: String, prefix: [UInt8]) -> Result<MediaType, MediaRefusal> {
        let ending = name.contains(".") ? String(name.split(separator: ".").last ?? "").lowercased() : ""
        let detected = detect(prefix)
        if ending == "svg" || ending == "svgz" || (detected == nil && looksLikeSVG(prefix)) {
            return .failure(MediaRefusal(
                message: "SVG images are not published: they can carry scripts that would run on the site's address",
                expected: "the image exported as PNG or JPEG"))
        }
        let named = expected(byName: name)
        switch (named, detected) {
        case let (named?, detected?) where named == detected:
            return .success(detected)
        case let (_, detected?):
            return .failure(MediaRefusal(
                message: "this file's bytes are \(detected.described), but its name ends in '.\(ending)'",
                expected: "a name ending in .\(detected.extensions[0])"))
        case let (named?, nil):
            return .failure(MediaRefusal(
                message: "this file is named '.\(ending)' but its bytes are not \(named.described)",
                expected: "\(named.described), as its name says, or the name of what it is"))
        case (nil, nil):
            let what = ending.isEmpty ? "this file" : "this '.\(ending)' file"
            return .failure(MediaRefusal(
                message: "\(what) is not published: media/ holds only images, videos and PDFs, recognised by their bytes",
                expected: allowed))
        }
    }
}

/// Why a media file is refused, for a message at the file.
public struct MediaRefusal: Error, Sendable, Hashable {
    public var message: String
    public var expected: String
}
