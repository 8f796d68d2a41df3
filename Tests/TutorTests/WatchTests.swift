import Foundation
import XCTest

/// End-to-end: `tutor check --watch` started as a user starts it, a page changed under
/// it, the re-run seen on its output, then the process killed.
final class WatchTests: TutorTestCase {
  /// Output of a running process, collected as it arrives.
  final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func append(_ more: Data) { lock.withLock { data.append(more) } }
    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
  }

  func course() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "tutor-watch-\(UUID().uuidString)")
    let course = dir.appendingPathComponent("course")
    try FileManager.default.createDirectory(at: course, withIntermediateDirectories: true)
    for (guide, input, value) in [(1, "(+ 1 2)", "3"), (2, "(* 2 3)", "6"), (3, "(- 9 1)", "8")] {
      try "---\nguide: \(guide)\n---\n# Page \(guide)\n\n```lfe\nlfe> \(input)\n\(value)\n```\n".write(
        to: course.appendingPathComponent("\(guide).md"), atomically: false, encoding: .utf8)
    }
    return dir
  }

  /// Waits (up to a generous limit, so a loaded machine does not fail the test) until
  /// the output holds `text` `count` times.
  func waitFor(_ text: String, count: Int = 1, in output: Collected) -> Bool {
    let deadline = Date().addingTimeInterval(30)
    while Date() < deadline {
      if output.text.components(separatedBy: text).count > count { return true }
      Thread.sleep(forTimeInterval: 0.05)
    }
    return false
  }

  func watchRerunsChangedPagesAndLaterOnes(polling: Bool) throws {
    let dir = try course()
    defer { try? FileManager.default.removeItem(at: dir) }
    let process = Process()
    process.executableURL = Self.binary
    process.arguments = ["check", "--watch", "course"] + (polling ? ["--poll"] : [])
    process.currentDirectoryURL = dir
    let out = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = out
    process.standardInput = input
    let output = Collected()
    out.fileHandleForReading.readabilityHandler = { output.append($0.availableData) }
    try process.run()
    defer {
      process.terminate()
      process.waitUntilExit()
      out.fileHandleForReading.readabilityHandler = nil
    }
    XCTAssertTrue(waitFor("-- watching", in: output), output.text)
    XCTAssertTrue(output.text.hasPrefix("PASS course/1.md: 1 passed\n"), output.text)
    XCTAssertTrue(output.text.contains(polling ? "(polling)" : "(inotify"), output.text)

    // Saving page 2 with a wrong value re-runs page 2 and page 3, not page 1.
    let page = dir.appendingPathComponent("course/2.md")
    let text = try String(contentsOf: page, encoding: .utf8)
    try text.replacingOccurrences(of: "\n6\n", with: "\n7\n").write(
      to: page, atomically: false, encoding: .utf8)
    XCTAssertTrue(waitFor("1 passed, 1 failed\n", in: output), output.text)
    let rerun = output.text.components(separatedBy: "-- changed: ").last ?? ""
    XCTAssertTrue(rerun.hasPrefix("re-running course/2.md and 1 later page\n"), rerun)
    XCTAssertTrue(rerun.contains("FAIL course/2.md: 0 passed, 1 failed"), rerun)
    XCTAssertTrue(rerun.contains("course/2.md:7:6: error: transcript mismatch"), rerun)
    XCTAssertTrue(rerun.contains("PASS course/3.md"), rerun)
    XCTAssertFalse(rerun.contains("course/1.md"), rerun)

    // Enter re-runs everything.
    input.fileHandleForWriting.write(Data("\n".utf8))
    XCTAssertTrue(waitFor("2 passed, 1 failed\n", in: output), output.text)
    XCTAssertTrue(output.text.contains("-- re-running everything\nPASS course/1.md"), output.text)
    XCTAssertTrue(process.isRunning)
  }

  func testWatchWithInotify() throws {
    try watchRerunsChangedPagesAndLaterOnes(polling: false)
  }

  func testWatchByPolling() throws {
    try watchRerunsChangedPagesAndLaterOnes(polling: true)
  }

  func testWatchUsage() throws {
    XCTAssertEqual(try tutor(["check", "--watch", "--update", "lessons"]).status, 2)
    XCTAssertEqual(try tutor(["check", "--poll", "lessons"]).status, 2)
    XCTAssertEqual(try tutor(["check", "--watch", "--format", "json", "lessons"]).status, 2)
    XCTAssertEqual(try tutor(["check", "--watch", "no/such/dir"]).status, 2)
  }
}
