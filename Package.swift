// swift-tools-version:6.0
import PackageDescription

// PasserelleCore holds what every stage shares and nothing of the content model: located diagnostics, the file
// system seam, stable hashing, the skill names of skills.yml, the per-core work slots and path joining.
// The build pipeline reads top to bottom through these targets:
// PasserelleContent (load, validate) → PasserelleMatching (enrich) → PasserelleMarkdown → PasserelleTheme →
// PasserelleSite (enrich, render, write); PasserelleTheme and PasserelleSearch need only PasserelleCore.
// PasserelleServe (the development server) builds with PasserelleSite and serves the output;
// the `passerelle` command line is a thin shell over both.
let package = Package(
    name: "Passerelle",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "passerelle", targets: ["passerelle"]),
        .library(name: "PasserelleSite", targets: ["PasserelleSite"]),
        // The loaders alone, for the fuzz targets in Fuzz/.
        .library(name: "PasserelleCore", targets: ["PasserelleCore"]),
        .library(name: "PasserelleContent", targets: ["PasserelleContent"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(name: "PasserelleCore"),
        .target(
            name: "PasserelleContent",
            dependencies: ["PasserelleCore", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "PasserelleMarkdown",
            dependencies: ["CCmarkGFM"]
        ),
        .target(
            name: "PasserelleMatching",
            dependencies: ["PasserelleCore", "PasserelleContent"]
        ),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // Snowball's stemmers (libstemmer): the search stems every language Snowball has, as Snowball does.
        .systemLibrary(name: "CStemmer", providers: [.apt(["libstemmer-dev"])]),
        // libvips: re-encodes published images without their metadata (EXIF, GPS, XMP, IPTC, comments).
        .systemLibrary(name: "CVips", pkgConfig: "vips", providers: [.apt(["libvips-dev"])]),
        .target(
            name: "PasserelleSearch",
            dependencies: ["PasserelleCore", "CZlib", "CStemmer"]
        ),
        // The Mustache engine: templates compiled once, rendered over closed values into one UTF-8 buffer.
        .target(name: "PasserelleTemplates"),
        .target(
            name: "PasserelleTheme",
            dependencies: ["PasserelleCore", "PasserelleTemplates"]
        ),
        .target(
            name: "PasserelleSite",
            dependencies: ["PasserelleCore", "PasserelleContent", "PasserelleMarkdown", "PasserelleMatching", "PasserelleSearch", "PasserelleTemplates", "PasserelleTheme", "CVips"]
        ),
        .target(
            name: "PasserelleServe",
            dependencies: ["PasserelleSite", "PasserelleCore", "PasserelleContent"]
        ),
        .executableTarget(
            name: "passerelle",
            dependencies: ["PasserelleSite", "PasserelleServe", "PasserelleCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "PasserelleContentTests", dependencies: ["PasserelleCore", "PasserelleContent", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "PasserelleMarkdownTests", dependencies: ["PasserelleMarkdown"]),
        .testTarget(name: "PasserelleSearchTests", dependencies: ["PasserelleSearch", "PasserelleCore"]),
        .testTarget(name: "PasserelleMatchingTests", dependencies: ["PasserelleMatching", "PasserelleCore", "PasserelleContent"]),
        .testTarget(name: "PasserelleSiteTests", dependencies: ["PasserelleSite", "PasserelleServe", "PasserelleCore"]),
        .testTarget(name: "PasserelleTemplatesTests", dependencies: ["PasserelleTemplates"]),
    ],
    swiftLanguageModes: [.v6]
)
