import Foundation
import XCTest

/// Runs the built `tutor` executable as a user or CI runs it, for end-to-end tests.
class TutorTestCase: XCTestCase {
  /// The package root, from this file's path.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The executable sits in the build products directory, beside the test bundle (or,
  /// on Linux, in the directory the bundle reports).
  static var binary: URL {
    let bundle = Bundle(for: CommandLineTests.self).bundleURL
    let beside = bundle.deletingLastPathComponent().appendingPathComponent("tutor")
    let inside = bundle.appendingPathComponent("tutor")
    return FileManager.default.isExecutableFile(atPath: inside.path) ? inside : beside
  }

  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs the binary with `args`, `input` on its standard input, in `directory`, with
  /// `environment` (this process's own when nil).
  func tutor(
    _ args: [String], input: String? = nil, in directory: URL? = nil, environment: [String: String]? = nil
  ) throws -> Run {
    let p = Process()
    p.executableURL = Self.binary
    p.arguments = args
    p.currentDirectoryURL = directory ?? Self.root
    if let environment { p.environment = environment }
    let out = Pipe()
    let err = Pipe()
    let inp = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = inp
    try p.run()
    if let input { inp.fileHandleForWriting.write(Data(input.utf8)) }
    try inp.fileHandleForWriting.close()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return Run(
      status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
      stderr: String(decoding: e, as: UTF8.self))
  }
}
