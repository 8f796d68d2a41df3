import Foundation
import Lessons
import Walkthrough
import XCTest

final class CodeHighlighterTests: XCTestCase {
  let color = TerminalStyle(color: true)
  let esc = "\u{1B}["

  func stripped(_ text: String) -> String {
    text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
  }

  func testTokens() {
    let code = "(defun f (x) ; twice\n  (list 'a #\\b \"s\" 1.5e3 -7 16#ff #(t) #b(1)))"
    XCTAssertEqual(
      CodeHighlighter.highlight(code, style: color),
      "\(esc)2m(\(esc)0m\(esc)1;34mdefun\(esc)0m f \(esc)2m(\(esc)0mx\(esc)2m)\(esc)0m \(esc)2;3m; twice\(esc)0m\n"
        + "  \(esc)2m(\(esc)0mlist \(esc)36m'a\(esc)0m \(esc)32m#\\b\(esc)0m \(esc)32m\"s\"\(esc)0m "
        + "\(esc)35m1.5e3\(esc)0m \(esc)35m-7\(esc)0m \(esc)35m16#ff\(esc)0m \(esc)2m#(\(esc)0mt\(esc)2m)\(esc)0m "
        + "\(esc)2m#b(\(esc)0m\(esc)35m1\(esc)0m\(esc)2m)))\(esc)0m")
  }

  func testKeywordsOnlyInHeadPosition() {
    XCTAssertEqual(
      CodeHighlighter.highlight("(f let)", style: color), "\(esc)2m(\(esc)0mf let\(esc)2m)\(esc)0m")
    XCTAssertEqual(
      CodeHighlighter.highlight("( receive", style: color), "\(esc)2m(\(esc)0m \(esc)1;34mreceive\(esc)0m")
  }

  func testStringsAndCommentsSpanLines() {
    XCTAssertEqual(
      CodeHighlighter.highlight("\"a\nb\" x #| c\nd |# y", style: color),
      "\(esc)32m\"a\(esc)0m\n\(esc)32mb\"\(esc)0m x \(esc)2;3m#| c\(esc)0m\n\(esc)2;3md |#\(esc)0m y")
  }

  func testWithoutColourTheTextIsUnchanged() {
    let code = "(defun f () 'ok)\n"
    XCTAssertEqual(CodeHighlighter.highlight(code, style: TerminalStyle()), code)
    XCTAssertEqual(
      CodeHighlighter.highlightTranscript("lfe> (f)\nok\n", style: TerminalStyle(plain: true)),
      "lfe> (f)\nok\n")
  }

  func testTranscript() {
    let text = "lfe> (list 1\n  2)\n(1 2)\n  > 'ok\nok\n"
    XCTAssertEqual(
      CodeHighlighter.highlightTranscript(text, style: color),
      "\(esc)1;33mlfe> \(esc)0m\(esc)2m(\(esc)0mlist \(esc)35m1\(esc)0m\n"
        + "  \(esc)35m2\(esc)0m\(esc)2m)\(esc)0m\n(1 2)\n  \(esc)1;33m> \(esc)0m\(esc)36m'ok\(esc)0m\nok\n")
    XCTAssertTrue(CodeHighlighter.isTranscript("\n  lfe> (self)\n"))
    XCTAssertFalse(CodeHighlighter.isTranscript("(defmodule m)\nlfe> x\n"))
  }

  /// Half-typed and broken code is coloured as far as it goes and never loses a
  /// character: every prefix of every code block in the bundled lessons comes back intact.
  func testAnyPrefixComesBackIntact() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("lessons/processes")
    var texts = [
      "#|", "#", "#\\", "'", ",@", "|abc", "\"\\", "#'f/1", "#M(a 1)", "))) ((", "#x", "-", "+1", "1e",
      "#\"bin\"",
    ]
    for file in try FileManager.default.contentsOfDirectory(atPath: root.path) where file.hasSuffix(".md") {
      texts += Page.load(path: root.appendingPathComponent(file).path).blocks.map(\.text)
    }
    XCTAssertGreaterThan(texts.count, 20)
    for text in texts {
      let characters = Array(text)
      for end in stride(from: 0, through: characters.count, by: 3) {
        let prefix = String(characters[..<end])
        XCTAssertEqual(stripped(CodeHighlighter.highlight(prefix, style: color)), prefix)
        XCTAssertEqual(stripped(CodeHighlighter.highlightTranscript(prefix, style: color)), prefix)
      }
    }
  }
}
