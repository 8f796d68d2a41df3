import DocTest
import Foundation
import Lessons
import XCTest

/// A block's `timeout=` stops an exchange that runs too long while it runs, and the
/// page goes on with the next exchange.
final class StepTimeoutTests: XCTestCase {
  func run(_ page: String) throws -> PageResult {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "timeout-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("page.md").path
    try Data(page.utf8).write(to: URL(fileURLWithPath: path))
    let (courses, _) = DocTestRun.load(paths: [path])
    return DocTestRun(mode: .test, jobs: 1, factory: EmbeddedShell.factory).run(courses)[0]
  }

  func testABlockTimeoutStopsAnEndlessLoop() throws {
    let page = """
      <!-- tutor: timeout=1s -->
      ```lfe
      lfe> (defun loop () (loop))
      loop
      lfe> (loop)
      ok
      lfe> (+ 1 2)
      3
      ```

      """
    let result = try run(page)
    XCTAssertEqual(result.exchanges.map(\.status), [.passed, .failed, .passed])
    let stopped = result.exchanges[1]
    XCTAssertTrue(
      stopped.message?.hasPrefix("stopped at the block's timeout of 1s") == true, stopped.message ?? "")
    XCTAssertTrue(
      stopped.actual.first?.hasPrefix("** evaluation stopped after 1 s: the evaluator") == true,
      "\(stopped.actual)")
  }
}
