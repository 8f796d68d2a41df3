import DocTest
import XCTest

final class OutputMatcherTests: XCTestCase {
  func matches(_ expected: [String], _ actual: [String], unordered: Bool = false) -> Bool {
    OutputMatcher(expected: expected, unordered: unordered).match(actual, PidBindings()) != nil
  }

  func testPidSpellingsAreInterchangeable() {
    XCTAssertTrue(matches(["#(<0.25.0> ok)"], ["#(#Pid<0.80.0> ok)"]))
    XCTAssertTrue(matches(["#Pid<0.25.0>"], ["<0.80.0>"]))
    XCTAssertFalse(matches(["<0.25.0>"], ["<0.80.0> "]))
  }

  func testOneWrittenPidIsOneProcess() {
    XCTAssertTrue(matches(["<0.1.0> <0.1.0> <0.2.0>"], ["<0.7.0> <0.7.0> <0.8.0>"]))
    XCTAssertFalse(matches(["<0.1.0> <0.1.0>"], ["<0.7.0> <0.8.0>"]))
    XCTAssertFalse(matches(["<0.1.0> <0.2.0>"], ["<0.7.0> <0.7.0>"]))
  }

  func testFunsRefsAndReportTimestampsMatchAny() {
    XCTAssertTrue(matches(["#Fun<lfe_eval.1.2/1>"], ["#Fun<lfe_eval.37.68163543/1>"]))
    XCTAssertTrue(matches(["#(#Ref<0.1.2.3> x)"], ["#(#Ref<0.3191125190.1549271041.255251> x)"]))
    XCTAssertTrue(
      matches(
        ["=ERROR REPORT==== 1-Jan-2015::10:00:00 ==="], ["=ERROR REPORT==== 25-Nov-2026::02:24:01.994672 ==="]
      ))
    XCTAssertFalse(matches(["=ERROR REPORT==== 1-Jan-2015 ==="], ["=INFO REPORT==== 1-Jan-2015 ==="]))
  }

  func testEllipsisMatchesAnyNumberOfLines() {
    XCTAssertTrue(matches(["a", "...", "z"], ["a", "z"]))
    XCTAssertTrue(matches(["a", "...", "z"], ["a", "b", "c", "z"]))
    XCTAssertTrue(matches(["...", "z", "..."], ["x", "z", "y"]))
    XCTAssertFalse(matches(["a", "...", "z"], ["a", "b"]))
  }

  func testUnorderedIsAMultiset() {
    XCTAssertTrue(matches(["b", "a", "a"], ["a", "b", "a"], unordered: true))
    XCTAssertFalse(matches(["b", "a", "a"], ["a", "b", "b"], unordered: true))
    XCTAssertTrue(matches(["<0.1.0> done", "a"], ["a", "<0.9.0> done"], unordered: true))
    XCTAssertTrue(matches(["a", "..."], ["x", "a", "y"], unordered: true))
    XCTAssertFalse(matches(["a"], ["x", "a"], unordered: true))
  }

  func testAlignmentShowsWhatDiffers() {
    let matcher = OutputMatcher(expected: ["1", "...", "9", "done"], unordered: false)
    XCTAssertEqual(
      matcher.align(["1", "2", "3", "9", "ok"], PidBindings()),
      [
        .same(expected: 0, actual: 0), .ellipsis(expected: 1, actual: 1..<3), .same(expected: 2, actual: 3),
        .missing(expected: 3), .extra(actual: 4),
      ])
  }
}
