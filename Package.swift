// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Appendix",
    products: [
        .library(name: "AppendixKit", targets: ["AppendixKit"]),
        .executable(name: "appendix", targets: ["appendix"]),
        // The web app (#20): a separate product, so the command never links the server's libraries.
        .executable(name: "appendix-web", targets: ["appendix-web"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        // `make docs`: the `generate-documentation` command (a plugin only; nothing it holds is linked).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        // The web app only (AppendixWeb, appendix-web, AppendixWebTests).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.100.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
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
        // The signal-safe registry of temporary files (spill files, staged workbooks): Data stage.
        .target(name: "CAppendixTemporary"),
        // The command's process settings (glibc's allocator thresholds): the command only.
        .target(name: "CAppendixCommand"),
        // Byte counting and chart caches (libxlsxwriter's series ranges): Render stage.
        .target(
            name: "CAppendixSupport",
            linkerSettings: [.linkedLibrary("xlsxwriter")]
        ),
        // zlib (raw inflate, CRC-32) for reading zip packages: AppendixZip only.
        .target(
            name: "CAppendixZlib",
            linkerSettings: [.linkedLibrary("z")]
        ),
        // Reading xlsx packages from anyone (central directory, entries inflated within limits, XML
        // parts read safely, worksheet cells): under Render's check of a finished workbook, the
        // fee import and the accessibility check of any workbook.
        .target(
            name: "AppendixZip",
            dependencies: ["CAppendixZlib"]
        ),
        // The zip layer under libxlsxwriter (the five libminizip functions it calls, with
        // parallel deflate; APPENDIX_ZIP=system forwards to libminizip): Render stage. Every
        // executable linking Render exports these functions, and libxlsxwriter binds to them.
        .target(
            name: "CAppendixZip",
            linkerSettings: [.linkedLibrary("z")]
        ),
        // The stages, each a target so the one-way flow is checked by the compiler:
        // Data → Expression → Definition → Layout → Render → Pipeline, and Fees beside Render
        // and Pipeline (over Data, Definition and Layout). Only Render imports CXLSXWriter, only
        // Data imports CLibCSV (StageImportTests checks both).
        .target(
            name: "AppendixData",
            dependencies: ["CLibCSV", "CAppendixTemporary"]
        ),
        .target(
            name: "AppendixExpression",
            dependencies: ["AppendixData"]
        ),
        .target(
            name: "AppendixDefinition",
            dependencies: [
                "AppendixData",
                "AppendixExpression",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "AppendixLayout",
            dependencies: ["AppendixData", "AppendixExpression", "AppendixDefinition"]
        ),
        .target(
            name: "AppendixRender",
            dependencies: [
                "AppendixData",
                "AppendixExpression",
                "AppendixDefinition",
                "AppendixLayout",
                "AppendixZip",
                "CXLSXWriter",
                "CAppendixSupport",
                "CAppendixZip",
            ]
        ),
        .target(
            name: "AppendixPipeline",
            dependencies: ["AppendixData", "AppendixDefinition", "AppendixLayout", "AppendixRender"]
        ),
        .target(
            name: "AppendixFees",
            dependencies: [
                "AppendixData",
                "AppendixDefinition",
                "AppendixLayout",
                "AppendixZip",  // reading a fee workbook back (`fees import`)
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The accessibility check of any workbook (`appendix check`): reads xlsx packages from
        // anyone through AppendixZip; beside the build stages, not after them (no libxlsxwriter).
        .target(
            name: "AppendixCheck",
            dependencies: ["AppendixData", "AppendixZip"]
        ),
        // The library's one import: re-exports every stage.
        .target(
            name: "AppendixKit",
            dependencies: [
                "AppendixData",
                "AppendixExpression",
                "AppendixDefinition",
                "AppendixLayout",
                "AppendixRender",
                "AppendixPipeline",
                "AppendixFees",
                "AppendixCheck",
            ]
        ),
        // The command line uses only the library's public API, enforced by the compiler:
        // `packageAccess: false` makes SwiftPM compile it without `-package-name`, so every
        // `package` declaration of the stages is invisible to it and using one is a build error.
        // (An `-package-name` of its own in unsafeFlags would not do: SwiftPM appends its own
        // after it and the last one wins.) `make api-check` proves the rule still holds.
        .executableTarget(
            name: "appendix",
            dependencies: [
                "AppendixKit",
                // Listed (though it imports AppendixKit only) so a change in any stage's module
                // recompiles the command: without package access SwiftPM's incremental build
                // otherwise left it stale (measured: a stored property added to ReportBuild
                // gave a crashing binary).
                "AppendixData", "AppendixExpression", "AppendixDefinition", "AppendixLayout",
                "AppendixRender", "AppendixPipeline", "AppendixFees", "AppendixCheck",
                "CAppendixCommand",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            packageAccess: false,
            // Release: linked at a fixed address (-no-pie), so the loader has no relative
            // relocations to apply to its 85 MB (112,248 with PIE, 27,203 without: the static
            // runtime's tables); the dynamic loader was a fifth of a 40-row build's cycles (perf).
            // The libraries it loads are still placed at random. Set here, not with `-Xlinker` on
            // the command line, so it holds for this product only: appendix-web, a server facing
            // the network, keeps PIE while both share .build/release and its compiled modules.
            linkerSettings: [.unsafeFlags(["-Xlinker", "-no-pie"], .when(configuration: .release))]
        ),
        // The README's library example, run by ExampleProgramTests. Without package access, so
        // it compiles only against the public API, as a program outside this package would.
        .executableTarget(
            name: "BuildFeeAppendix",
            dependencies: [
                "AppendixKit",
                // Listed for the same reason as the command's: else an incremental build can
                // leave it linked against a stage's old symbols.
                "AppendixData", "AppendixExpression", "AppendixDefinition", "AppendixLayout",
                "AppendixRender", "AppendixPipeline", "AppendixFees", "AppendixCheck",
            ],
            path: "Examples/BuildFeeAppendix",
            packageAccess: false
        ),
        // The web app's routes, pages, history and limits (#20): a library so the routes are
        // tested in process (AppendixWebTests). A thin layer over AppendixKit's public API:
        // compiled without package access, like the command.
        .target(
            name: "AppendixWeb",
            dependencies: [
                "AppendixKit",
                "AppendixData", "AppendixExpression", "AppendixDefinition", "AppendixLayout",
                "AppendixRender", "AppendixPipeline", "AppendixFees", "AppendixCheck",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            packageAccess: false
        ),
        .executableTarget(
            name: "appendix-web",
            dependencies: [
                "AppendixWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            packageAccess: false
        ),
        .testTarget(
            name: "AppendixKitTests",
            dependencies: [
                "AppendixKit",
                "appendix",  // the command's error mapping (CommandFailure), tested directly
                "BuildFeeAppendix",  // built for ExampleProgramTests, which runs it
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                // The web app's route tests (Web/): in this target so they compare its workbooks
                // with the command's through the same readers. The command itself never links these.
                "AppendixWeb",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            exclude: ["Fixtures"]
        ),
    ]
)
