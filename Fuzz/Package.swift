// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for the content loaders, kept apart so that the main package builds and tests as before.
// `make fuzz` builds them with `--sanitize=fuzzer --sanitize=address` and runs each for a bounded time.
let package = Package(
    name: "PasserelleFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "Passerelle", path: "..")],
    targets: [
        .target(
            name: "FuzzSupport",
            dependencies: [.product(name: "PasserelleCore", package: "Passerelle"), .product(name: "PasserelleContent", package: "Passerelle")]
        ),
        // A small valid site with one content file made of the input (its kind chosen by the first byte).
        .executableTarget(
            name: "content-fuzzer",
            dependencies: ["FuzzSupport"],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        // The input as text for the front-matter splitter, the YAML reader and the JSON reader.
        .executableTarget(
            name: "readers-fuzzer",
            dependencies: ["FuzzSupport"],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ],
    swiftLanguageModes: [.v5]
)
