import DocTest
import Lessons
import XCTest

@testable import Walkthrough

final class FormComparisonTests: XCTestCase {
  func testSpacingLineBreaksAndCommentsDoNotMatter() {
    XCTAssertTrue(FormComparison.same("(set pid (spawn 'm 'f ()))", "(set  pid\n  (spawn 'm 'f ()))  ; mine"))
    XCTAssertTrue(FormComparison.same("#(a \"b\" 1.5)", "#( a \"b\"  1.5 )"))
    XCTAssertFalse(FormComparison.same("(+ 1 2)", "(+ 2 1)"))
    XCTAssertFalse(FormComparison.same("(+ 1 2)", "(+ 1 2) (+ 1 2)"))
    XCTAssertFalse(FormComparison.same("(a . b)", "(a b)"))
    XCTAssertFalse(FormComparison.same("(+ 1", "(+ 1"))
  }

  func testSameKind() {
    XCTAssertTrue(FormComparison.sameKind("(! pid 'a)", "(! other 'b)"))
    XCTAssertTrue(FormComparison.sameKind("(set x (spawn 'a 'b ()))", "(set y (spawn 'c 'd ()))"))
    XCTAssertFalse(FormComparison.sameKind("(set x (spawn 'a 'b ()))", "(set y (self))"))
    XCTAssertFalse(FormComparison.sameKind("(+ 1 2)", "(self)"))
    XCTAssertFalse(FormComparison.sameKind("x", "x"))
  }

  func testDeepFormsCompareWithoutRecursion() {
    let depth = 900
    let deep = String(repeating: "(list ", count: depth) + "1" + String(repeating: ")", count: depth)
    XCTAssertTrue(FormComparison.same(deep, deep))
    XCTAssertFalse(FormComparison.same(deep, deep.replacingOccurrences(of: "1", with: "2")))
  }
}

final class UninformativeOutputTests: XCTestCase {
  func exchange(_ expected: [String]) -> Exchange {
    Exchange(
      prompt: "lfe> ", inputLines: [NumberedLine("(f)", line: 1)],
      expected: expected.enumerated().map { NumberedLine($1, line: $0 + 2) })
  }

  /// Output that any input could print does not show the learner typed the page's form.
  func testOkPidsFunsAndNothingSayNothing() {
    for expected in [
      [], ["ok"], ["#Pid<0.85.0>"], ["<0.85.0>"], ["#Fun<lfe_eval.1.2>"], ["..."], ["", "ok"],
    ] {
      XCTAssertTrue(ExchangeJudge.outputIsUninformative(exchange(expected)), "\(expected)")
    }
    for expected in [["3"], ["#(ok #Pid<0.85.0>)"], ["Heard: hi", "ok"], ["hello"]] {
      XCTAssertFalse(ExchangeJudge.outputIsUninformative(exchange(expected)), "\(expected)")
    }
  }
}
