// swift-tools-version:6.0
// libFuzzer harnesses, a package of their own so the main build never sees them. Built
// by `make fuzz` with `-sanitize=fuzzer`, which supplies `main`.
import PackageDescription

let harness: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
  name: "tutor-fuzz",
  dependencies: [.package(name: "tutor", path: "..")],
  targets: [
    .executableTarget(
      name: "FuzzReader", dependencies: [.product(name: "LFE", package: "tutor")], swiftSettings: harness),
    .executableTarget(
      name: "FuzzPage", dependencies: [.product(name: "Lessons", package: "tutor")], swiftSettings: harness),
    .executableTarget(
      name: "FuzzPrinter", dependencies: [.product(name: "LFE", package: "tutor")], swiftSettings: harness),
    .executableTarget(
      name: "FuzzExternal", dependencies: [.product(name: "LFE", package: "tutor")], swiftSettings: harness),
    .executableTarget(
      name: "FuzzFormat", dependencies: [.product(name: "LFE", package: "tutor")], swiftSettings: harness),
  ]
)
