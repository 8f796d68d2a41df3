import DocTest
import Foundation
import Lessons
import XCTest

/// A block's `timeout=` stops an exchange that runs too long while it runs, and the
/// page goes on with the next exchange.
final class StepTimeoutTests: XCTestCase {
  func run(_ page: String) throws -> PageResult { try SinglePage.run(page) }

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
