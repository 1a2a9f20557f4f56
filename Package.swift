// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "liuliang",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "liuliang", targets: ["liuliang"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    // The .txt files of a target (strings, templates, words) compiled into it: the installed
    // program is one file that finds its words wherever it is copied.
    .executableTarget(name: "embed-text", path: "Plugins/embed-text"),
    .plugin(name: "EmbedText", capability: .buildTool(), dependencies: ["embed-text"]),
    // Records and every number of the product: pure Swift, no I/O, no terminal.
    .target(name: "LiuliangModel"),
    // The few String methods of Foundation's that FoundationEssentials lacks: the whole of
    // Foundation would bring ICU's data, most of the installed program's size.
    .target(name: "LiuliangStringFunctions"),
    // The folder of CSV files and shop.toml: codec, atomic writes, lock, problems.
    .target(name: "LiuliangStore", dependencies: ["LiuliangModel"]),
    // Cells, buffer, layout, widgets: no ncurses, tested by comparing buffer text.
    .target(name: "LiuliangRender"),
    // ncursesw behind static inline functions Swift can call.
    .target(name: "CNcurses", linkerSettings: [.linkedLibrary("ncursesw")]),
    // The system's zlib, for the deflated parts of an xlsx.
    .target(name: "CZlib", linkerSettings: [.linkedLibrary("z")]),
    // libpq behind a header Swift can import: the PostgreSQL store of a chain.
    .target(name: "CLibpq", linkerSettings: [.linkedLibrary("pq")]),
    // The chain's store on PostgreSQL: the only Swift that calls libpq.
    .target(name: "LiuliangPostgres", dependencies: ["CLibpq", "LiuliangStore", "LiuliangModel"]),
    // The only Swift that calls ncursesw.
    .target(name: "LiuliangTerminal", dependencies: ["CNcurses", "LiuliangRender"]),
    // Every user-facing string (zh-Hans, en), the Moments templates, and the model's ids in words.
    .target(
      name: "LiuliangText", dependencies: ["LiuliangModel", "LiuliangStringFunctions"], path: "Resources",
      exclude: ["strings", "templates"], sources: ["Text.swift", "Wording.swift", "Wording+Server.swift", "Wording+System.swift"], plugins: ["EmbedText"]),
    // Text, CSV and JSON renderings of the model's numbers for the command line.
    .target(
      name: "LiuliangReport",
      dependencies: ["LiuliangModel", "LiuliangStore", "LiuliangRender", "LiuliangText"]),
    // Seeded generator of the demo shop and of synthetic stores of any size.
    .target(
      name: "LiuliangGenerator", dependencies: ["LiuliangModel", "LiuliangStore"], exclude: ["words"],
      plugins: ["EmbedText"]),
    // Spreadsheets in (CSV in UTF-8 or GB18030, xlsx) and the store's own files out.
    .target(
      name: "LiuliangImport",
      dependencies: [
        "LiuliangModel", "LiuliangStore", "CZlib", "LiuliangStringFunctions",
      ],
      exclude: ["words"], plugins: ["EmbedText"]),
    // Substring search and sort keys over a big pool: bytes, pinyin, parallel sweeps.
    .target(
      name: "LiuliangSearch", dependencies: ["LiuliangModel"], exclude: ["pinyin"],
      plugins: ["EmbedText"]),
    // Elm-style dashboard: state, messages, update, view, key tables per pane.
    .target(
      name: "LiuliangApp",
      dependencies: [
        "LiuliangModel", "LiuliangStore", "LiuliangRender", "LiuliangText", "LiuliangReport",
        "LiuliangSearch", "LiuliangStringFunctions",
      ]),
    // What the two programs share of the command line: the store options, the language, output.
    .target(
      name: "LiuliangCLI",
      dependencies: [
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        "LiuliangModel", "LiuliangStore", "LiuliangRender", "LiuliangText", "LiuliangPostgres",
      ]),
    .executableTarget(
      name: "liuliang",
      dependencies: [
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        "LiuliangModel", "LiuliangStore", "LiuliangReport", "LiuliangGenerator", "LiuliangApp",
        "LiuliangTerminal", "LiuliangText", "LiuliangImport", "LiuliangStringFunctions", "LiuliangCLI",
        "LiuliangPostgres",
      ]),
    // The benchmark and the crash drill: built beside liuliang for scripts/bench, scripts/crash-test
    // and the safety tests, never installed.
    .executableTarget(
      name: "liuliang-tools",
      dependencies: [
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        "LiuliangCLI", "LiuliangApp", "LiuliangModel", "LiuliangRender", "LiuliangReport", "LiuliangStore",
        "LiuliangText", "LiuliangImport", "LiuliangStringFunctions", "LiuliangGenerator", "LiuliangPostgres",
      ]),
    .testTarget(name: "ModelTests", dependencies: ["LiuliangModel"]),
    .testTarget(name: "StringFunctionsTests", dependencies: ["LiuliangStringFunctions"]),
    .testTarget(name: "StoreTests", dependencies: ["LiuliangStore", "LiuliangModel"]),
    .testTarget(name: "RenderTests", dependencies: ["LiuliangRender"]),
    .testTarget(
      name: "AppTests",
      dependencies: [
        "LiuliangApp", "LiuliangGenerator", "LiuliangStore", "LiuliangModel", "LiuliangRender",
        "LiuliangText", "LiuliangReport", "LiuliangSearch",
      ],
      exclude: ["Snapshots"]),
    .testTarget(name: "SearchTests", dependencies: ["LiuliangSearch", "LiuliangModel", "LiuliangGenerator"]),
    .testTarget(
      name: "ImportTests",
      dependencies: [
        "LiuliangImport", "LiuliangStore", "LiuliangModel", "LiuliangTestSupport",
      ],
      exclude: ["bills", "crashes"]),
    // The store's promises under crashes, a second instance, hand edits, bad files, key storms
    // and full disks: runs the real binary (drill, tmux) and the app's update function.
    // What the command-line and safety tests share: the real binary, tmux, temp copies of the demo.
    .target(name: "LiuliangTestSupport", dependencies: ["CZlib"], path: "Tests/Support"),
    .testTarget(
      name: "SafetyTests",
      dependencies: [
        "LiuliangTestSupport", "LiuliangApp", "LiuliangStore", "LiuliangModel", "LiuliangRender",
        "LiuliangText", "LiuliangReport", "LiuliangImport", "LiuliangGenerator",
      ]),
    .testTarget(
      name: "CLITests",
      dependencies: [
        "LiuliangTestSupport", "LiuliangGenerator", "LiuliangStore", "LiuliangModel", "LiuliangReport",
        "LiuliangRender",
      ]),
    // A chain's store against a throwaway PostgreSQL server: writers at once, crashes, refusals.
    .testTarget(
      name: "ChainTests",
      dependencies: ["LiuliangTestSupport", "LiuliangPostgres", "LiuliangStore", "LiuliangModel"]),
  ]
)
