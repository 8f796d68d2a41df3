import DocTest
import Foundation
import Lessons
import XCTest

/// `(exit)`, `(q)` or `(c:q)` on a page prints `ok` and ends the shell session: the
/// exchanges after it fail, saying where the shell stopped.
final class ShellStopTests: XCTestCase {
  func run(_ page: String) throws -> PageResult { try SinglePage.run(page) }

  func testExchangesAfterExitFail() throws {
    for command in ["(exit)", "(q)", "(c:q)"] {
      let page = """
        ```lfe
        lfe> (+ 1 2)
        3
        lfe> \(command)
        ok
        lfe> (+ 3 4)
        7
        ```

        ```lfe
        lfe> (+ 5 6)
        ```

        """
      let result = try run(page)
      XCTAssertEqual(result.exchanges.map(\.status), [.passed, .passed, .failed, .failed], command)
      XCTAssertEqual(result.exchanges[2].message, "the shell has stopped at line 4", command)
      XCTAssertEqual(result.exchanges[3].message, "the shell has stopped at line 4", command)
      XCTAssertEqual(result.exchanges[2].actual, [], command)
    }
  }

  func testTheNextPageOfACourseHasAFreshShell() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "stop-course-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try Data("---\nguide: 1\n---\n```lfe\nlfe> (q)\nok\n```\n".utf8).write(
      to: directory.appendingPathComponent("one.md"))
    try Data("---\nguide: 2\n---\n```lfe\nlfe> (+ 1 2)\n3\n```\n".utf8).write(
      to: directory.appendingPathComponent("two.md"))
    let (courses, _) = DocTestRun.load(paths: [directory.path])
    let results = DocTestRun(mode: .test, jobs: 1, factory: EmbeddedShell.factory).run(courses)
    XCTAssertEqual(results.flatMap { $0.exchanges.map(\.status) }, [.passed, .passed])
  }
}
