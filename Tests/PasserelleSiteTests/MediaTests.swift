import Foundation
import Testing
@testable import PasserelleContent
@testable import PasserelleSite

/// Images under media/ are published without what a camera or an editor wrote in them: a phone photo's GPS
/// position, its maker and model, XMP, IPTC, comments, PNG text chunks. Videos and PDFs are copied as they are.
@Suite struct MediaTests {
    static let fixtures = Repository.root + "/Tests/Fixtures/media"

    /// The hostile base site with the planted images: a GPS-tagged phone photo (turned by its orientation tag),
    /// a PNG with text, XMP and EXIF chunks, a WebP with EXIF and XMP, and a PDF.
    final class Site {
        let scratch = Scratch()
        var content: String { scratch.path + "/Content" }

        init() throws {
            try FileManager.default.copyItem(atPath: HostileInputTests.fixtures + "/base", toPath: content)
            for name in ["camera.jpg", "edited.png", "edited.webp"] {
                try FileManager.default.copyItem(atPath: MediaTests.fixtures + "/" + name, toPath: content + "/media/" + name)
            }
            scratch.write("Content/media/cv.pdf", "%PDF-1.4\n% Author: Amina, 12 Private Street\n%%EOF\n")
        }

        func build(into output: String, cache: String? = nil) -> BuildResult {
            var options = BuildOptions(content: content, themes: Repository.themes, output: scratch.path + "/" + output,
                                       today: Repository.sampleDay)
            options.cache = cache.map { scratch.path + "/" + $0 }
            return SiteBuilder().build(options)
        }

        func published(_ name: String, in output: String = "Public") throws -> [UInt8] {
            Array(try Data(contentsOf: URL(fileURLWithPath: scratch.path + "/" + output + "/media/" + name)))
        }
    }

    @Test func aPhoneJPEGLosesItsGPSPositionAndEveryOtherMetadataAndStaysUpright() throws {
        let site = try Site()
        let original = Array(try Data(contentsOf: URL(fileURLWithPath: Self.fixtures + "/camera.jpg")))
        // The planted photo has what the test looks for: an EXIF segment with a GPS position, XMP, IPTC, a comment.
        #expect(Set(JPEG.segments(original).map(\.marker)).isSuperset(of: [0xE1, 0xED, 0xFE]))
        #expect(contains(original, "Exif") && contains(original, "SecretPhone") && contains(original, "taken at home"))
        #expect(JPEG.size(original)?.width == 48 && JPEG.size(original)?.height == 24)

        let result = site.build(into: "Public")
        #expect(result.succeeded, "\(result.diagnostics.all)")
        let published = try site.published("camera.jpg")
        #expect(published != original)
        let markers = JPEG.segments(published).map(\.marker)
        #expect(markers.first == 0xD8 && markers.contains(0xDA), "still a JPEG with its image data")
        for marker: UInt8 in [0xE1, 0xE2, 0xED, 0xFE] {
            #expect(!markers.contains(marker), "segment \(String(marker, radix: 16)) left in the published photo")
        }
        #expect(!markers.contains { $0 >= 0xE1 && $0 <= 0xEF }, "only the JFIF header is kept")
        for text in ["Exif", "SecretPhone", "PhoneMaker", "Amina", "Brussels", "taken at home", "http://ns.adobe.com/xap"] {
            #expect(!contains(published, text), "'\(text)' is still in the published photo")
        }
        // Turned upright by its orientation tag (90° clockwise), since the tag is gone.
        #expect(JPEG.size(published)?.width == 24 && JPEG.size(published)?.height == 48)
        // Still an image libvips reads.
        let again = scratch(site, "again.jpg", published)
        #expect((try? MediaStripper.strip(again, type: .jpeg).get()) != nil)
    }

    @Test func pngTextChunksAndWebPMetadataAreGone() throws {
        let site = try Site()
        let png = Array(try Data(contentsOf: URL(fileURLWithPath: Self.fixtures + "/edited.png")))
        let planted: Set<String> = ["tEXt", "iTXt", "zTXt", "eXIf"]
        #expect(Set(PNG.chunks(png)).isSuperset(of: planted))
        let webp = Array(try Data(contentsOf: URL(fileURLWithPath: Self.fixtures + "/edited.webp")))
        #expect(Set(WebP.chunks(webp)).isSuperset(of: ["EXIF", "XMP "]))

        #expect(site.build(into: "Public").succeeded)
        let publishedPNG = try site.published("edited.png")
        let chunks = PNG.chunks(publishedPNG)
        #expect(chunks.first == "IHDR" && chunks.contains("IDAT") && chunks.last == "IEND")
        #expect(Set(chunks).isDisjoint(with: planted.union(["iCCP", "tIME"])), "\(chunks)")
        #expect(!contains(publishedPNG, "Amina") && !contains(publishedPNG, "home address"))

        let publishedWebP = try site.published("edited.webp")
        let webpChunks = WebP.chunks(publishedWebP)
        #expect(webpChunks.contains { $0.hasPrefix("VP8") })
        #expect(Set(webpChunks).isDisjoint(with: ["EXIF", "XMP ", "ICCP"]), "\(webpChunks)")
        if webpChunks.first == "VP8X" { #expect(publishedWebP[20] & 0x2C == 0, "the header no longer announces metadata") }
        #expect(UInt32(publishedWebP[4]) | UInt32(publishedWebP[5]) << 8 | UInt32(publishedWebP[6]) << 16 | UInt32(publishedWebP[7]) << 24
                == UInt32(publishedWebP.count - 8), "the RIFF size fits the file")
        #expect((try? MediaStripper.strip(scratch(site, "again.webp", publishedWebP), type: .webp).get()) != nil)
        #expect((try? MediaStripper.strip(scratch(site, "again.png", publishedPNG), type: .png).get()) != nil)
    }

    @Test func aLosslessWebPStaysLossless() throws {
        let site = try Site()
        try FileManager.default.copyItem(atPath: Self.fixtures + "/lossless.webp", toPath: site.content + "/media/lossless.webp")
        #expect(WebP.chunks(Array(try Data(contentsOf: URL(fileURLWithPath: Self.fixtures + "/lossless.webp")))).contains("VP8L"))
        #expect(site.build(into: "Public").succeeded)
        #expect(WebP.chunks(try site.published("lossless.webp")).contains("VP8L"))
        #expect(WebP.chunks(try site.published("edited.webp")).contains("VP8 "), "a lossy WebP stays lossy")
    }

    @Test func theSameImagesGiveTheSameBytesAndAPDFIsCopiedAsItIs() throws {
        let site = try Site()
        #expect(site.build(into: "first").succeeded && site.build(into: "second").succeeded)
        for name in ["camera.jpg", "edited.png", "edited.webp", "photo.png", "cv.pdf"] {
            #expect(try site.published(name, in: "first") == site.published(name, in: "second"), "\(name)")
        }
        #expect(try site.published("cv.pdf", in: "first") == Array(Data(contentsOf: URL(fileURLWithPath: site.content + "/media/cv.pdf"))))
    }

    @Test func anImageIsProcessedAgainOnlyWhenItChanges() throws {
        let site = try Site()
        #expect(site.build(into: "Public", cache: "cache").succeeded)
        let unchanged = site.build(into: "Public", cache: "cache")
        #expect(unchanged.succeeded && unchanged.filesChanged == 0)
        try site.scratch.replace("Content/media/edited.png", with: "Content/media/photo.png")
        let edited = site.build(into: "Public", cache: "cache")
        #expect(edited.succeeded && edited.filesChanged == 1)
        #expect(!contains(try site.published("edited.png"), "Amina"))
        #expect(PNG.chunks(try site.published("edited.png")) == PNG.chunks(try site.published("photo.png")))
    }

    @Test func imagesThatCannotBeDecodedAreErrorsAtTheFilesAllAtOnceAndNothingIsWritten() throws {
        let site = try Site()
        #expect(site.build(into: "Public").succeeded)
        let before = BuiltSite(path: site.scratch.path + "/Public").files
        site.scratch.write("Content/media/broken.jpg", bytes: [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x02] + Array(repeating: 0x41, count: 64))
        site.scratch.write("Content/media/broken.png", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0x42, count: 64))
        let result = site.build(into: "Public")
        #expect(!result.succeeded)
        let messages = result.diagnostics.all.map(\.description).sorted()
        #expect(messages.count == 2, "every unreadable image at once: \(messages)")
        #expect(messages.first == site.content + "/media/broken.jpg:1:1: error: this JPEG image cannot be decoded: its data is damaged, cut short or not what its first bytes say (an image that opens in an image viewer: save or export it again)", "\(messages)")
        #expect(messages.last == site.content + "/media/broken.png:1:1: error: this PNG image cannot be decoded: its data is damaged, cut short or not what its first bytes say (an image that opens in an image viewer: save or export it again)", "\(messages)")
        #expect(BuiltSite(path: site.scratch.path + "/Public").files == before)
    }

    @Test func mediaTypesAreKnownByTheirBytes() {
        func check(_ name: String, _ bytes: [UInt8]) -> MediaType? { try? MediaType.check(name: name, prefix: bytes).get() }
        let ftyp = { (brands: String) in [0, 0, 0, UInt8(8 + brands.utf8.count)] + Array("ftyp".utf8) + Array(brands.utf8) }
        #expect(check("a.jpg", [0xFF, 0xD8, 0xFF, 0xE0]) == .jpeg && check("a.JPEG", [0xFF, 0xD8, 0xFF, 0xDB]) == .jpeg)
        #expect(check("a.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) == .png)
        #expect(check("a.gif", Array("GIF89a".utf8)) == .gif)
        #expect(check("a.webp", Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8)) == .webp)
        #expect(check("a.pdf", Array("%PDF-1.7".utf8)) == .pdf)
        #expect(check("a.avif", ftyp("avif\0\0\0\0mif1miaf")) == .avif)
        #expect(check("a.mp4", ftyp("isom\0\0\u{2}\0isomiso2mp41")) == .mp4)
        #expect(check("a.mp4", ftyp("heic\0\0\0\0mif1heic")) == nil, "HEIC is not on the list")
        #expect(check("a.mp4", ftyp("qt  \0\0\0\0qt  ")) == nil, "nor QuickTime")
        #expect(check("a.webm", [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84] + Array("webm".utf8)) == .webm)
        #expect(check("a.webm", [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x82, 0x88] + Array("matroska".utf8)) == nil)
        #expect(check("a.jpg", Array("<!doctype html><script>".utf8)) == nil)
        #expect(check("a.png", [0xFF, 0xD8, 0xFF, 0xE0]) == nil, "the name must agree with the bytes")
        #expect(check("a.html", Array("<html>".utf8)) == nil && check("a", [0xFF, 0xD8, 0xFF]) == nil)
        if case let .failure(refusal) = MediaType.check(name: "a.jpg", prefix: Array("<?xml version=\"1.0\"?><svg onload=x>".utf8)) {
            #expect(refusal.expected == "the image exported as PNG or JPEG")
        } else {
            Issue.record("SVG markup named .jpg is refused as SVG")
        }
    }

    /// Whole signatures of every type on the list, as real files begin.
    static func signatures() throws -> [(MediaType, [UInt8])] {
        let ftyp = { (brands: String) in [0, 0, 0, UInt8(8 + brands.utf8.count)] + Array("ftyp".utf8) + Array(brands.utf8) }
        let file = { (name: String) in try Array(Data(contentsOf: URL(fileURLWithPath: MediaTests.fixtures + "/" + name)).prefix(MediaType.prefixLength)) }
        return [(.jpeg, try file("camera.jpg")), (.png, try file("edited.png")), (.webp, try file("edited.webp")),
                (.gif, Array("GIF89a\u{1}\0\u{1}\0\u{80}\0\0".utf8)), (.pdf, Array("%PDF-1.7\n%\u{E2}\u{E3}\u{CF}\u{D3}\n1 0 obj".utf8)),
                (.avif, ftyp("avif\0\0\0\0avifmif1miafMA1B")), (.mp4, ftyp("mp42\0\0\0\0mp42isom")),
                (.mp4, ftyp("isom\0\0\u{2}\0isomiso2avc1mp41")),
                (.webm, [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0xF7, 0x81, 0x01, 0x42, 0x82, 0x84] + Array("webm".utf8)
                        + [0x42, 0x87, 0x81, 0x04, 0x18, 0x53, 0x80, 0x67])]
    }

    @Test func everySignatureCheckTakesAFileOfAnyLengthWithoutCrashing() throws {
        var random = SeededGenerator(seed: 0x5EED)
        let noise = (0..<300).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        var inputs = try Self.signatures().map { $0.1 + noise }
        inputs.append(noise)
        // Headers that claim more than they hold: an ftyp box or a DocType longer than the file.
        inputs.append([0, 0, 1, 0] + Array("ftypisom".utf8) + [UInt8](repeating: 0x41, count: 300))
        inputs.append([0x1A, 0x45, 0xDF, 0xA3, 0x42, 0x82, 0xFF] + [UInt8](repeating: 0x42, count: 300))
        for _ in 0..<20 { inputs.append((0..<300).map { _ in UInt8(truncatingIfNeeded: random.next()) }) }
        var checked = 0
        for input in inputs {
            for length in 0...300 {
                let prefix = Array(input.prefix(length))
                _ = MediaType.detect(prefix)
                _ = MediaType.isWebM(prefix)
                _ = MediaType.isoMediaType(prefix)
                _ = MediaType.looksLikeSVG(prefix)
                for media in MediaType.allCases { _ = MediaType.check(name: "a." + media.extensions[0], prefix: prefix) }
                checked += 1
            }
        }
        #expect(checked == inputs.count * 301)
        // Cut short, a signature is not its type; whole, it is.
        #expect(MediaType.detect([0x1A, 0x45, 0xDF, 0xA3, 0, 0, 0, 0, 0]) == nil)
        #expect(MediaType.detect([0xFF, 0xD8]) == nil)
        for (media, bytes) in try Self.signatures() {
            #expect(MediaType.detect(bytes) == media, "\(media)")
            #expect(MediaType.detect(Array(bytes.prefix(media == .jpeg ? 2 : 3))) == nil, "\(media)")
        }
    }

    @Test func anFtypBoxMustBeWellFormedSoScriptIsNotTakenForAVideo() {
        func check(_ name: String, _ bytes: [UInt8]) -> Result<MediaType, MediaRefusal> { MediaType.check(name: name, prefix: bytes) }
        let script = Array("//  ftypisom\nalert(document.domain)//mp42isom\n".utf8)
        #expect(MediaType.detect(script) == nil)
        #expect(check("clip.mp4", script) == .failure(MediaRefusal(
            message: "this file is named '.mp4' but its bytes are not an MP4 video",
            expected: "an MP4 video, as its name says, or the name of what it is")))
        let header = { (size: UInt8, brands: String) in [0, 0, 0, size] + Array("ftyp".utf8) + Array(brands.utf8) + [UInt8](repeating: 0, count: 64) }
        // Real headers: an MP4 from a camera or an encoder.
        #expect(MediaType.detect([0x00, 0x00, 0x00, 0x18, 0x66, 0x74, 0x79, 0x70, 0x6D, 0x70, 0x34, 0x32, 0, 0, 0, 0]
                                 + Array("mp42isom".utf8) + [0, 0, 0, 8] + Array("free".utf8)) == .mp4)
        #expect(MediaType.detect(header(0x20, "isom\0\0\u{2}\0isomiso2avc1mp41")) == .mp4)
        #expect(MediaType.detect(header(0x1C, "M4V \0\0\0\u{1}M4V M4A mp42isom")) == .mp4)
        #expect(MediaType.detect(header(0x1C, "avif\0\0\0\0avifmif1miaf")) == .avif)
        #expect(MediaType.detect(header(0x1C, "mif1\0\0\0\0mif1avifmiaf")) == .avif)
        // Refused: too small, too large, not a multiple of 4, longer than the file, a brand that is not a name,
        // an unknown major brand, an AVIF brand without its major.
        #expect(MediaType.detect(header(0x0C, "isom")) == nil)
        #expect(MediaType.detect([0, 0, 1, 4] + Array("ftypisom".utf8) + [UInt8](repeating: 0x20, count: 300)) == nil)
        #expect(MediaType.detect(header(0x1A, "isom\0\0\0\0isomiso2mp41")) == nil)
        #expect(MediaType.detect(Array(header(0x20, "isom\0\0\0\0isom").prefix(20))) == nil)
        #expect(MediaType.detect(header(0x18, "isom\0\0\0\0is\nm")) == nil)
        #expect(MediaType.detect(header(0x18, "zzzz\0\0\0\0isom")) == nil)
        #expect(MediaType.detect(header(0x18, "heic\0\0\0\0avif")) == nil)
    }

    private func contains(_ bytes: [UInt8], _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard needle.count <= bytes.count else { return false }
        return (0...(bytes.count - needle.count)).contains { bytes[$0..<$0 + needle.count].elementsEqual(needle) }
    }

    private func scratch(_ site: Site, _ name: String, _ bytes: [UInt8]) -> String {
        site.scratch.write(name, bytes: bytes)
        return site.scratch.path + "/" + name
    }
}

/// The segments of a JPEG up to its image data: marker and offset.
enum JPEG {
    static func segments(_ bytes: [UInt8]) -> [(marker: UInt8, offset: Int)] {
        guard bytes.count > 2, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return [] }
        var result: [(marker: UInt8, offset: Int)] = [(0xD8, 0)]
        var offset = 2
        while offset + 4 <= bytes.count, bytes[offset] == 0xFF {
            let marker = bytes[offset + 1]
            result.append((marker, offset))
            if marker == 0xDA { break }
            offset += 2 + (Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3]))
        }
        return result
    }

    /// Width and height from the frame header.
    static func size(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        guard let frame = segments(bytes).first(where: { [0xC0, 0xC1, 0xC2].contains($0.marker) }), frame.offset + 9 <= bytes.count else { return nil }
        let at = frame.offset + 5
        return (Int(bytes[at + 2]) << 8 | Int(bytes[at + 3]), Int(bytes[at]) << 8 | Int(bytes[at + 1]))
    }
}

enum PNG {
    static func chunks(_ bytes: [UInt8]) -> [String] {
        var result: [String] = []
        var offset = 8
        while offset + 8 <= bytes.count {
            let size = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            result.append(String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self))
            offset += 12 + size
        }
        return result
    }
}

enum WebP {
    static func chunks(_ bytes: [UInt8]) -> [String] {
        var result: [String] = []
        var offset = 12
        while offset + 8 <= bytes.count {
            let size = (0..<4).reduce(0) { $0 | Int(bytes[offset + 4 + $1]) << (8 * $1) }
            result.append(String(decoding: bytes[offset..<offset + 4], as: UTF8.self))
            offset += 8 + size + size % 2
        }
        return result
    }
}
