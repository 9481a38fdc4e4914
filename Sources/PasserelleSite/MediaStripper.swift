import CVips
import Foundation
import PasserelleContent

/// Publishes an image from media/ without the metadata a camera or an editor put in it (EXIF with the GPS
/// position, XMP, IPTC, comments, text chunks, colour profiles): libvips decodes it with the loader of its type
/// only, turns it upright by its orientation tag, and encodes it again in the same type. The same file gives the
/// same bytes at every build.
enum MediaStripper {
    /// Bumped when the way images are written changes, so that the build cache writes them again.
    static let version = "strip-1"

    /// libvips, started once for the whole process.
    private static let started: Bool = passerelle_vips_start() == 0

    /// The image at `source` without its metadata, or why it cannot be published.
    static func strip(_ source: String, type: MediaType) -> Result<[UInt8], OutputWriter.Failure> {
        let format: passerelle_image_format
        switch prepare(type) {
        case let .success(ready): format = ready
        case let .failure(reason): return .failure(OutputWriter.Failure(path: source, reason: reason.text))
        }
        var output: UnsafeMutableRawPointer?
        var length = 0
        let lossless = type == .webp && isLosslessWebP(Array((try? Data(contentsOf: URL(fileURLWithPath: source))) ?? Data()))
        guard passerelle_vips_strip(source, format, lossless ? 1 : 0, &output, &length) == 0, let output else {
            return .failure(OutputWriter.Failure(path: source, reason: failure(type)))
        }
        let bytes = Array(UnsafeRawBufferPointer(start: output, count: length))
        passerelle_free(output)
        return .success(type == .webp ? withoutWebPMetadata(bytes) : bytes)
    }

    /// Nil when the image at `source` opens as its type (its header is read, not its pixels); else why not.
    /// Run on every image before anything is written, so that all unreadable images are reported at once.
    static func check(_ source: String, type: MediaType) -> String? {
        switch prepare(type) {
        case let .success(format): return passerelle_vips_check(source, format) == 0 ? nil : failure(type)
        case let .failure(reason): return reason.text
        }
    }

    struct Reason: Error { let text: String }

    /// What messages about an unreadable image expect.
    static let advice = "an image that opens in an image viewer: save or export it again"

    /// libvips started, and the loader and saver for the type.
    private static func prepare(_ type: MediaType) -> Result<passerelle_image_format, Reason> {
        guard started else { return .failure(Reason(text: "the image library (libvips) could not start")) }
        switch type {
        case .jpeg: return .success(PASSERELLE_IMAGE_JPEG)
        case .png: return .success(PASSERELLE_IMAGE_PNG)
        case .webp: return .success(PASSERELLE_IMAGE_WEBP)
        case .avif: return .success(PASSERELLE_IMAGE_AVIF)
        case .gif: return .success(PASSERELLE_IMAGE_GIF)
        case .mp4, .webm, .pdf: return .failure(Reason(text: "\(type.described) is not an image"))
        }
    }

    /// The message for an image libvips could not read. libvips' own text is not used: its error buffer is shared
    /// by the images read at the same time, so the text could name another file's fault, and differ between runs.
    private static func failure(_ type: MediaType) -> String {
        passerelle_vips_clear_error()
        return "this \(type.name) cannot be decoded: its data is damaged, cut short or not what its first bytes say"
    }

    /// The size a RIFF chunk's header at `offset` gives (little-endian, after its four-letter name).
    private static func chunkSize(_ bytes: [UInt8], at offset: Int) -> Int {
        (0..<4).reduce(0) { $0 | Int(bytes[offset + 4 + $1]) << (8 * $1) }
    }

    /// Whether a WebP's image (or its first frame) is stored losslessly (`VP8L`): it is then encoded losslessly again.
    static func isLosslessWebP(_ bytes: [UInt8]) -> Bool {
        var offset = 12
        while offset + 8 <= bytes.count {
            let name = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
            let size = chunkSize(bytes, at: offset)
            switch name {
            case "VP8L": return true
            case "VP8 ", "ALPH": return false  // an alpha chunk goes with lossy data only
            case "ANMF":
                offset += 8 + 16  // into the first frame: its 16-byte header, then its own chunks
                continue
            default: break
            }
            offset += 8 + size + size % 2
        }
        return false
    }

    /// A WebP file without its EXIF, XMP and ICC chunks, and its header's flags saying so: the WebP saver of
    /// libvips 8.14 writes an EXIF chunk (resolution, orientation) even when told to strip.
    static func withoutWebPMetadata(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 12, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WEBP".utf8) else { return bytes }
        var result = Array(bytes[0..<12])
        var offset = 12
        while offset + 8 <= bytes.count {
            let name = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
            let size = chunkSize(bytes, at: offset)
            let end = min(bytes.count, offset + 8 + size + size % 2)
            if !["EXIF", "XMP ", "ICCP"].contains(name) {
                var chunk = Array(bytes[offset..<end])
                if name == "VP8X", chunk.count > 8 { chunk[8] &= ~UInt8(0x20 | 0x08 | 0x04) }
                result += chunk
            }
            offset = end
        }
        let riffSize = UInt32(result.count - 8)
        for index in 0..<4 { result[4 + index] = UInt8(truncatingIfNeeded: riffSize >> (8 * UInt32(index))) }
        return result
    }
}
