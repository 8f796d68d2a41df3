import XCTest

@testable import LFE

/// Input written to break the host: terms and forms nested far deeper than any program
/// nests them. Each must end in a value or an LFE error, never a crash.
final class HostileInputTests: XCTestCase {
  private let deepList = "(lists:foldl (lambda (_ acc) (list acc)) '() (lists:seq 1 100000))"

  func testBinaryToTermOfADeepTermReadsItBack() {
    let s = ProcessSession()
    s.eval("(set x \(deepList))")
    XCTAssertEqual(s.eval("(=:= x (binary_to_term (term_to_binary x)))"), "true\n")
    s.eval("(set y (lists:foldl (lambda (_ acc) (tuple acc 1)) 'z (lists:seq 1 100000)))")
    XCTAssertEqual(s.eval("(=:= y (binary_to_term (term_to_binary y)))"), "true\n")
    XCTAssertEqual(
      s.eval("(binary_to_term (term_to_binary (tuple 1 #M(a 1 b (2)) \"abc\" (cons 1 (cons 2 3)) #() #M())))"),
      "#(1 #M(a 1 b (2)) \"abc\" (1 2 . 3) #() #M())\n")
  }

  func testBinaryToTermOfATruncatedDeepTermIsBadarg() {
    let s = ProcessSession()
    // 100,000 list headers of one element each, and nothing inside them.
    s.eval("(set b (list_to_binary (cons 131 (lists:duplicate 100000 (list 108 0 0 0 1)))))")
    XCTAssertTrue(s.eval("(binary_to_term b)").hasPrefix("** exception error: bad argument"))
  }

  func testDeepTermsPrint() {
    let s = ProcessSession()
    XCTAssertEqual(
      s.eval("(let ((x \(deepList))) x)"),
      String(repeating: "(", count: 30) + "..." + String(repeating: ")", count: 30) + "\n")
    // The printers stop descending at a fixed depth and print `...` there.
    for control in ["~w", "~p"] {
      let text = s.eval("(lists:flatten (io_lib:format \"\(control)\" (list \(deepList))))")
      XCTAssertTrue(text.hasPrefix("\"[[[[") && text.contains("..."), text)
    }
  }

  func testMapsNestedAsKeysCompare() {
    let s = ProcessSession()
    s.eval("(set z (lists:foldl (lambda (_ acc) (map acc 1)) 'a (lists:seq 1 100000)))")
    XCTAssertEqual(s.eval("(=:= z (binary_to_term (term_to_binary z)))"), "true\n")
  }
}
