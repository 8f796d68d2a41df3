import Lessons
import XCTest

/// How transcripts copied from real pages are read: output after a prompt, output in the
/// next block, a forgotten prompt, a header shown alone.
final class TranscriptReadingTests: XCTestCase {
  /// The exchanges of a page whose one transcript is `(a)` followed by `line`.
  private func exchanges(after line: String) -> [Exchange] {
    Page(path: "p.md", text: "```lfe\nlfe> (a)\nok\n\(line)\n```\n").blocks.flatMap(\.exchanges)
  }

  func testTextAfterAPromptIsInputOnlyWhenItReadsAsTypedLFE() {
    let inputs = [
      "lfe> x", "lfe> (+ 1 2)", "lfe> 'a", "lfe> 'a 'b", "lfe> 1 2", "lfe> -1 +2 .5", "lfe> \"s\" #(1 2)",
      "lfe> #'f/1 #b(1) #M(a 1)", "lfe> |a b| `(c) #\\a", "lfe> (set x 1) (set y 2)", "> (node)",
      "lfe> (defun f (x)", "lfe> Pong",
    ]
    for input in inputs {
      let found = exchanges(after: input)
      XCTAssertEqual(found.count, 2, input)
      XCTAssertEqual(found.first?.expectedText, "ok", input)
    }
    let outputs = [
      "lfe> Pong received ping", "lfe> Got: (1 2)", "lfe> foo(bar)", "lfe> (1 2) and more", "> Hello world",
      "lfe> ok 'done",
    ]
    for output in outputs {
      let found = exchanges(after: output)
      XCTAssertEqual(found.count, 1, output)
      let text = output.drop { $0 != " " }.dropFirst()
      XCTAssertEqual(found.first?.expected.map(\.text), ["ok", String(text)], output)
      XCTAssertEqual(found.first?.outputAfterPrompt, [1], output)
    }
  }

  func testOutputBeforeAnyInputIsNotATranscript() {
    let page = Page(path: "p.md", text: "```lfe\n> Hello world\n> and again\n```\n")
    XCTAssertEqual(page.blocks.map(\.kind), [.other])
    XCTAssertEqual(page.diagnostics, [])
  }

  func testABlockOpeningWithOutputContinuesTheExchangeBefore() {
    let page = Page(
      path: "p.md",
      text: "```lfe\nlfe> (* 2 21)\n```\n\nwhich prints\n\n```lfe\n42\nlfe> Late line\nlfe> (+ 1 1)\n2\n```\n"
    )
    XCTAssertEqual(page.diagnostics, [])
    XCTAssertEqual(page.blocks.map(\.kind), [.transcript, .transcript])
    let first = page.blocks[0].exchanges
    XCTAssertEqual(first.count, 1)
    XCTAssertEqual(first[0].expected, [NumberedLine("42", line: 8), NumberedLine("Late line", line: 9)])
    XCTAssertEqual(first[0].outputAfterPrompt, [1])
    XCTAssertEqual(page.blocks[1].exchanges.map(\.input), ["(+ 1 1)"])
  }

  func testAnExchangeWithOutputIsNotContinued() {
    let page = Page(path: "p.md", text: "```lfe\nlfe> (a)\n1\n```\n\n```lfe\n2\nlfe> (b)\n3\n```\n")
    XCTAssertEqual(page.blocks[0].exchanges.map(\.expectedText), ["1"])
    XCTAssertEqual(page.blocks[1].exchanges.map(\.input), ["(b)"])
    XCTAssertEqual(page.blocks[1].errors.map(\.location.line), [7])
    XCTAssertEqual(page.diagnostics, page.blocks[1].errors)
  }

  func testAForgottenPromptIsAnErrorOfItsBlockOnly() {
    let page = Page(path: "p.md", text: "```lfe\n(c \"tut5.lfe\")\nlfe> (+ 1 2)\n3\n```\n")
    XCTAssertEqual(page.blocks[0].exchanges.map(\.input), ["(+ 1 2)"])
    XCTAssertEqual(page.blocks[0].errors.count, 1)
    XCTAssertEqual(page.blocks[0].errors.first?.location.line, 2)
    XCTAssertTrue(page.hasErrors)
  }

  func testAHeaderAloneIsNotTheModulesFile() {
    let page = Page(
      path: "p.md",
      text: "```lfe\n(defmodule tut1\n  (export all))\n(defun f () 1)\n```\n\n```lfe\n(defmodule tut1\n```\n")
    XCTAssertEqual(page.blocks.map(\.kind), [.source, .other])
    XCTAssertEqual(page.blocks.map(\.file), ["tut1.lfe", nil])
  }

  func testAModuleAfterAnInputWithoutOutputIsStillSource() {
    let page = Page(
      path: "p.md", text: "```lfe\nlfe> (c \"m\")\n```\n\n```lfe\n(defmodule m\n  (export all))\n```\n")
    XCTAssertEqual(page.blocks.map(\.kind), [.transcript, .source])
    XCTAssertEqual(page.blocks[0].exchanges.first?.expected, [])
  }
}
