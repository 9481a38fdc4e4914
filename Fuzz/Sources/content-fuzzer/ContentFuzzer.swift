import FuzzSupport
import PasserelleContent

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libFuzzer's entry point: the input becomes one content file of a small valid site (its kind chosen by the first
/// byte, see `FuzzSite.place`), and the site is loaded. A crash, a hang, or a file the loader neither loads, skips
/// nor reports with a location inside it is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func contentFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let (content, path, bytes) = FuzzSite.load(input)
    let problems = FuzzSite.problems(content: content, path: path, bytes: bytes)
    if !problems.isEmpty {
        for problem in problems { fputs("content-fuzzer: \(problem)\n", stderr) }
        abort()
    }
    return 0
}
