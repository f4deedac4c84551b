// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Appendix",
    products: [
        .library(name: "AppendixKit", targets: ["AppendixKit"]),
        .executable(name: "appendix", targets: ["appendix"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        // C libraries, installed by `make` from Debian's packages.
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .systemLibrary(
            name: "CLibCSV",
            providers: [.apt(["libcsv-dev"])]
        ),
        // zlib (to read the finished workbook back) and the temporary-file registry for signals.
        .target(
            name: "CAppendixSupport",
            linkerSettings: [.linkedLibrary("z")]
        ),
        .target(
            name: "AppendixKit",
            dependencies: [
                "CXLSXWriter",
                "CLibCSV",
                "CAppendixSupport",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "appendix",
            dependencies: [
                "AppendixKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "AppendixKitTests",
            dependencies: [
                "AppendixKit",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            exclude: ["Fixtures"]
        ),
    ]
)
