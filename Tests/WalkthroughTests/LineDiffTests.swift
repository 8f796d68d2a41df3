import XCTest

@testable import Walkthrough

final class LineDiffTests: XCTestCase {
  func testDiffKeepsCommonLines() {
    let diff = LineDiff.diff(
      old: "(defun double (x)\n  x)\n", new: "(defun double (x)\n  (* 2 x))\n", oldName: "mine",
      newName: "solution")
    XCTAssertEqual(
      diff.rendered(color: false),
      "--- mine\n+++ solution\n@@ -1,2 +1,2 @@\n (defun double (x)\n-  x)\n+  (* 2 x))\n")
  }

  func testHugeInputsFallBackToReplacement() {
    let big = (0..<3000).map(String.init).joined(separator: "\n")
    let diff = LineDiff.diff(old: big, new: big + "\nx", oldName: "a", newName: "b")
    XCTAssertEqual(diff.lines.count, 6001)
  }
}
