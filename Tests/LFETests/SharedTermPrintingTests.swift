import XCTest

@testable import LFE

/// Printing a term that shares its parts ends at a bound that follows the output limit,
/// whichever printer does it, instead of unfolding a trillion elements.
final class SharedTermPrintingTests: XCTestCase {
  func testEveryPrinterEndsOnATermThatUnfoldsWithoutEnd() {
    var limits = Limits()
    limits.outputBytes = 4 << 10
    let s = ProcessSession(limits: limits)
    s.eval("(defun y () (lists:foldl (lambda (_ a) (list a a)) '(1) (lists:seq 1 40)))")
    s.eval("(defun t () (lists:foldl (lambda (_ a) (tuple a a)) 1 (lists:seq 1 40)))")
    for format in ["~w", "~p", "~lp", "~P"] {
      for term in ["(y)", "(t)"] {
        let args = format == "~P" ? "(list \(term) 1000000)" : "(list \(term))"
        // Sized without printing the text: it ends, cut by the printing's bound.
        let out = s.eval("(string:length (lists:flatten (io_lib:format \"\(format)\" \(args))))")
        let n = Int(out.dropLast()) ?? 0
        XCTAssertGreaterThan(n, 1000, format + term + ": " + out)
        XCTAssertLessThan(n, 64 << 20, format + term)
      }
    }
    let printed = s.eval("(lfe_io:format \"~w~n\" (list (y)))")
    XCTAssertTrue(printed.contains("** output limit reached: 4096 bytes"), printed)
    // The shell's own printing of the value (depth 30).
    let value = s.eval("(t)")
    XCTAssertTrue(value.hasPrefix("#(") && value.contains("..."), value)
  }
}
