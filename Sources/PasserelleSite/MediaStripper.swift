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
        guard started else { return .failure(OutputWriter.Failure(path: source, reason: "the image library (libvips) could not start")) }
        let format: passerelle_image_format
        switch type {
        case .jpeg: format = PASSERELLE_IMAGE_JPEG
        case .png: format = PASSERELLE_IMAGE_PNG
        case .webp: format = PASSERELLE_IMAGE_WEBP
        case .avif: format = PASSERELLE_IMAGE_AVIF
        case .gif: format = PASSERELLE_IMAGE_GIF
        case .mp4, .webm, .pdf: return .failure(OutputWriter.Failure(path: source, reason: "a \(type.name) is not an image"))
        }
        var output: UnsafeMutableRawPointer?
        var length = 0
        guard passerelle_vips_strip(source, format, &output, &length) == 0, let output else {
            var reason = "libvips could not read it"
            if let text = passerelle_vips_take_error() {
                let message = String(cString: text).split(separator: "\n").first.map(String.init) ?? ""
                if !message.isEmpty { reason = message }
                passerelle_free(text)
            }
            return .failure(OutputWriter.Failure(path: source, reason: "this \(type.name) cannot be decoded to publish it without its metadata: \(reason)"))
        }
        let bytes = Array(UnsafeRawBufferPointer(start: output, count: length))
        passerelle_free(output)
        return .success(type == .webp ? withoutWebPMetadata(bytes) : bytes)
    }

    /// A WebP file without its EXIF, XMP and ICC chunks, and its header's flags saying so: the WebP saver of
    /// libvips 8.14 writes an EXIF chunk (resolution, orientation) even when told to strip.
    static func withoutWebPMetadata(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 12, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WEBP".utf8) else { return bytes }
        var result = Array(bytes[0..<12])
        var offset = 12
        while offset + 8 <= bytes.count {
            let name = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
            let size = (0..<4).reduce(0) { $0 | Int(bytes[offset + 4 + $1]) << (8 * $1) }
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
