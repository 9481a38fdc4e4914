import Foundation
import FuzzSupport
import PasserelleContent

/// libFuzzer's entry point: the input after its first byte (which the content target reads as the kind of file,
/// so that both share one corpus), as a file's bytes, goes through the text decoder, then the front-matter
/// splitter and the YAML reader of its front matter, and, whole, the YAML reader and the JSON reader.
/// A crash, a hang, a location outside the text, a split that loses text, or a JSON document this reader
/// accepts and Foundation's refuses is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func readersFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let problems = FuzzReaders.problems(Array(UnsafeBufferPointer(start: data + 1, count: size - 1)))
    if !problems.isEmpty {
        for problem in problems { fputs("readers-fuzzer: \(problem)\n", stderr) }
        abort()
    }
    return 0
}
