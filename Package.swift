// swift-tools-version:6.0
import PackageDescription

// The build pipeline reads top to bottom through these targets:
// PasserelleContent (load, validate) → PasserelleMatching (enrich) → PasserelleMarkdown → PasserelleTheme →
// PasserelleSite (enrich, render, write),
// PasserelleServe (the development server) builds with PasserelleSite and serves the output;
// the `passerelle` command line is a thin shell over both.
let package = Package(
    name: "Passerelle",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "passerelle", targets: ["passerelle"]),
        .library(name: "PasserelleSite", targets: ["PasserelleSite"]),
        // The loaders alone, for the fuzz targets in Fuzz/.
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
        .target(
            name: "PasserelleContent",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "PasserelleMarkdown",
            dependencies: ["CCmarkGFM"]
        ),
        .target(
            name: "PasserelleMatching",
            dependencies: ["PasserelleContent"]
        ),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // libvips: re-encodes published images without their metadata (EXIF, GPS, XMP, IPTC, comments).
        .systemLibrary(name: "CVips", pkgConfig: "vips", providers: [.apt(["libvips-dev"])]),
        .target(
            name: "PasserelleSearch",
            dependencies: ["PasserelleContent", "CZlib"]
        ),
        // The Mustache engine: templates compiled once, rendered over closed values into one UTF-8 buffer.
        .target(name: "PasserelleTemplates"),
        .target(
            name: "PasserelleTheme",
            dependencies: ["PasserelleContent", "PasserelleTemplates"]
        ),
        .target(
            name: "PasserelleSite",
            dependencies: ["PasserelleContent", "PasserelleMarkdown", "PasserelleMatching", "PasserelleSearch", "PasserelleTemplates", "PasserelleTheme", "CVips"]
        ),
        .target(
            name: "PasserelleServe",
            dependencies: ["PasserelleSite", "PasserelleContent"]
        ),
        .executableTarget(
            name: "passerelle",
            dependencies: ["PasserelleSite", "PasserelleServe", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "PasserelleContentTests", dependencies: ["PasserelleContent"]),
        .testTarget(name: "PasserelleMarkdownTests", dependencies: ["PasserelleMarkdown"]),
        .testTarget(name: "PasserelleSearchTests", dependencies: ["PasserelleSearch", "PasserelleContent"]),
        .testTarget(name: "PasserelleMatchingTests", dependencies: ["PasserelleMatching", "PasserelleContent"]),
        .testTarget(name: "PasserelleSiteTests", dependencies: ["PasserelleSite", "PasserelleServe"]),
        .testTarget(name: "PasserelleTemplatesTests", dependencies: ["PasserelleTemplates"]),
    ],
    swiftLanguageModes: [.v6]
)
