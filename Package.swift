// swift-tools-version:6.0
import PackageDescription

// One module per stage; dependencies point one way, from the tutor executable down:
// tutor -> Walkthrough -> DocTest -> {Lessons, LFE}; Lessons -> CCmark; Walkthrough ->
// CEditLine. `Lessons` does not import `LFE`, and `LFE` imports none of the others but
// CThreadLocal, C thread-locals of its own (Swift has none).
let package = Package(
  name: "tutor",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "tutor", targets: ["tutor"]),
    // For the fuzzing harnesses under fuzz/, a package of their own.
    .library(name: "LFE", targets: ["LFE"]),
    .library(name: "Lessons", targets: ["Lessons"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    .package(url: "https://github.com/attaswift/BigInt", from: "6.0.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CCmark", pkgConfig: "libcmark",
      providers: [.apt(["libcmark-dev"])]),
    .systemLibrary(
      name: "CEditLine", pkgConfig: "libedit",
      providers: [.apt(["libedit-dev"])]),
    .target(name: "CThreadLocal"),
    .target(
      name: "LFE",
      dependencies: ["CThreadLocal", .product(name: "BigInt", package: "BigInt")],
      swiftSettings: [
        .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))
      ]),
    .target(
      name: "Lessons",
      dependencies: ["CCmark", .product(name: "Yams", package: "Yams")]),
    .target(name: "DocTest", dependencies: ["Lessons", "LFE"]),
    .target(name: "Walkthrough", dependencies: ["DocTest", "Lessons", "LFE", "CEditLine"]),
    .executableTarget(
      name: "tutor",
      dependencies: [
        "LFE", "Lessons", "DocTest", "Walkthrough",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      // mimalloc takes over malloc for the whole program (Swift's runtime included):
      // glibc's allocator is slow for the LFE runtime's make-many-then-free-many boxes.
      linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]),
    .testTarget(name: "LFETests", dependencies: ["LFE"], resources: [.copy("Corpus")]),
    .testTarget(name: "LessonsTests", dependencies: ["Lessons"], resources: [.copy("Cases")]),
    .testTarget(
      name: "DocTestTests", dependencies: ["DocTest", "Lessons", "LFE"], resources: [.copy("Cases")]),
    .testTarget(
      name: "WalkthroughTests", dependencies: ["Walkthrough", "Lessons", "DocTest", "LFE"],
      exclude: ["DiagramCases"]),
    .testTarget(
      name: "TutorTests", dependencies: ["tutor", "Walkthrough", "Lessons", "LFE"], exclude: ["Fixtures"]),
  ]
)
