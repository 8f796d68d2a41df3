import Lessons
import XCTest

/// Hints, exercise starters and hidden solutions, as comments before blocks.
final class ExerciseOptionsTests: XCTestCase {
  func testHintsAreProseAndAccumulate() {
    let text = """
      <!-- tutor: hint Send the pid first, then the message -->
      <!-- tutor: hint   Use (self)
           to get the shell's pid -->
      ```lfe
      lfe> (! (self) 'hi)
      hi
      ```
      """
    let page = Page(path: "p.md", text: text)
    XCTAssertEqual(page.diagnostics, [])
    XCTAssertEqual(
      page.blocks.first?.options.hints,
      ["Send the pid first, then the message", "Use (self) to get the shell's pid"])
  }

  func testTraceOption() {
    let page = Page(path: "p.md", text: "<!-- tutor: trace -->\n```lfe\nlfe> (! (self) 'hi)\nhi\n```\n")
    XCTAssertEqual(page.diagnostics, [])
    XCTAssertEqual(page.blocks.first?.options.trace, true)
    XCTAssertEqual(page.blocks.first?.options.description, "trace")
    let off = Page(path: "p.md", text: "<!-- tutor: trace=no -->\n```lfe\nlfe> 1\n1\n```\n")
    XCTAssertEqual(off.blocks.first?.options.trace, false)
  }

  func testEmptyHintIsAnError() {
    let page = Page(path: "p.md", text: "<!-- tutor: hint -->\n```lfe\nlfe> 1\n1\n```\n")
    XCTAssertEqual(
      page.diagnostics.map(\.description),
      ["p.md:1:13: error: hint needs its text, such as <!-- tutor: hint Send the pid first -->"])
  }

  func testSolutionTakesTheStartersFile() {
    let text = """
      <!-- tutor: exercise -->
      ```lfe file=twice.lfe
      (defmodule twice (export (double 1)))
      (defun double (x) x)
      ```

      <!-- tutor: solution -->
      ```lfe
      (defun double (x) (* 2 x))
      ```
      """
    let page = Page(path: "p.md", text: text)
    XCTAssertEqual(page.diagnostics, [])
    XCTAssertEqual(page.blocks.map(\.kind), [.source, .source])
    XCTAssertEqual(page.blocks.map(\.file), ["twice.lfe", "twice.lfe"])
    XCTAssertEqual(page.blocks.map(\.options.exercise), [true, false])
    XCTAssertEqual(page.blocks.map(\.options.solution), [false, true])
  }

  func testSolutionWithoutExerciseAndExerciseWithoutFile() {
    let text = """
      <!-- tutor: solution -->
      ```lfe
      (defun f () 1)
      ```

      <!-- tutor: exercise -->
      ```text
      just words
      ```
      """
    let page = Page(path: "p.md", text: text)
    XCTAssertEqual(
      page.diagnostics.map(\.description),
      [
        "p.md:2:1: error: a solution block must follow an exercise's starter block",
        "p.md:7:1: error: an exercise's starter must be a source block with a file name",
      ])
  }
}
