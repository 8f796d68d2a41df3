// swift-tools-version:6.0
// libFuzzer harnesses, a package of their own so the main build never sees them. Built
// by `make fuzz` with `-sanitize=fuzzer`, which supplies `main`.
import PackageDescription

let harness: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
  name: "tutor-fuzz",
  dependencies: [
    .package(name: "tutor", path: ".."), .package(url: "https://github.com/attaswift/BigInt", from: "6.0.0"),
  ],
  targets: [
    .target(name: "FuzzDriver"),
    .executableTarget(
      name: "FuzzReader", dependencies: ["FuzzDriver", .product(name: "LFE", package: "tutor")], swiftSettings: harness),
    .executableTarget(
      name: "FuzzPage", dependencies: ["FuzzDriver", .product(name: "Lessons", package: "tutor")], swiftSettings: harness),
    .executableTarget(
      name: "FuzzPrinter", dependencies: ["FuzzDriver", .product(name: "LFE", package: "tutor")], swiftSettings: harness),
    .executableTarget(
      name: "FuzzExternal", dependencies: ["FuzzDriver", .product(name: "LFE", package: "tutor")], swiftSettings: harness),
    .executableTarget(
      name: "FuzzBignum",
      dependencies: ["FuzzDriver", .product(name: "LFE", package: "tutor"), .product(name: "BigInt", package: "BigInt")],
      swiftSettings: harness),
    .executableTarget(
      name: "FuzzFormat", dependencies: ["FuzzDriver", .product(name: "LFE", package: "tutor")], swiftSettings: harness),
  ]
)
