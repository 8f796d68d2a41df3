import Lessons
import XCTest

final class BalancedBracketsTests: XCTestCase {
  func testComplete() {
    for input in [
      "(self)", "42", "'hello", "(list 1\n 2)", "\"a (string\"", "(io:format \"~p)~n\" (list 1))",
      "#(1 2)", "(tuple #\\( x)", "|odd (symbol|", "(a ; comment )\n)", "#| (open |# 'x", "[1 2]",
      "(a))",
    ] {
      XCTAssertTrue(BalancedBrackets.isComplete(input), input)
    }
  }

  func testIncomplete() {
    for input in [
      "(defun f (x)", "\"unterminated", "'", "; only a comment", "#| open comment", "(a\n(b)", "|open",
      "", "   ",
    ] {
      XCTAssertFalse(BalancedBrackets.isComplete(input), input)
    }
  }
}
