import XCTest

@testable import Walkthrough

final class LearnerCommandTests: XCTestCase {
  func testTraceTakesTheRestOfTheLine() {
    XCTAssertEqual(LearnerCommand.parse(":trace (! (self) 'hi)"), .trace("(! (self) 'hi)"))
    XCTAssertEqual(LearnerCommand.parse(":trace full (ring:start 5)"), .trace("full (ring:start 5)"))
    XCTAssertEqual(
      LearnerCommand.parse(":trace"), .unknown(":trace needs a form, such as :trace (! (self) 'hi)"))
    XCTAssertEqual(TracedEvaluation.parseCommand(" full (ring:start 5)").full, true)
    XCTAssertEqual(TracedEvaluation.parseCommand(" full (ring:start 5)").form, "(ring:start 5)")
    XCTAssertEqual(TracedEvaluation.parseCommand("(fullness)").full, false)
  }

  func testParse() {
    XCTAssertEqual(LearnerCommand.parse(":next"), .next)
    XCTAssertEqual(LearnerCommand.parse("  :goto 02-spawning#4 "), .goto("02-spawning#4"))
    XCTAssertEqual(LearnerCommand.parse(":mailbox"), .mailbox(nil))
    XCTAssertEqual(LearnerCommand.parse(":mailbox <0.85.0>"), .mailbox("<0.85.0>"))
    XCTAssertEqual(LearnerCommand.parse(":Quit"), .quit)
    XCTAssertEqual(LearnerCommand.parse(":goto"), .unknown(":goto needs a step, such as :goto #4"))
    XCTAssertEqual(LearnerCommand.parse(":frobnicate"), .unknown("unknown command :frobnicate"))
    XCTAssertNil(LearnerCommand.parse("(+ 1 2)"))
    XCTAssertNil(LearnerCommand.parse(":"))
    // An LFE keyword-ish atom is not typed with a leading colon at the prompt, but a
    // module call `(: m f)` is LFE, not a command.
    XCTAssertNil(LearnerCommand.parse("(: lists reverse '(1 2))"))
  }

  func testEveryCommandIsInTheHelp() {
    let names = LearnerCommand.summaries.map { String($0.0.split(separator: " ")[0]) }
    for name in names {
      XCTAssertNotNil(LearnerCommand.parse(name), name)
      if case .unknown? = LearnerCommand.parse(name) {
        if name != ":goto" && name != ":trace" { XCTFail("\(name) is in the help but not understood") }
      }
    }
  }
}
