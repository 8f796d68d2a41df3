import Walkthrough
import XCTest

final class TerminalStyleTests: XCTestCase {
  private func resolve(
    _ color: ColorChoice, plain: Bool = false, terminal: Bool = true, _ environment: [String: String] = [:],
    width: Int? = nil
  ) -> TerminalStyle {
    TerminalStyle.resolve(
      color: color, plain: plain, isTerminal: terminal, environment: environment, width: width)
  }

  func testAutoColoursOnlyATerminal() {
    XCTAssertTrue(resolve(.auto, ["TERM": "xterm-256color"]).color)
    XCTAssertFalse(resolve(.auto, terminal: false, ["TERM": "xterm-256color"]).color)
  }

  func testNoColorAndDumbTerminalTurnAutoOff() {
    XCTAssertFalse(resolve(.auto, ["NO_COLOR": "1"]).color)
    XCTAssertFalse(resolve(.auto, ["NO_COLOR": "anything"]).color)
    // An empty NO_COLOR does not count.
    XCTAssertTrue(resolve(.auto, ["NO_COLOR": ""]).color)
    XCTAssertFalse(resolve(.auto, ["TERM": "dumb"]).color)
  }

  func testAlwaysAndNever() {
    XCTAssertTrue(resolve(.always, terminal: false, ["NO_COLOR": "1", "TERM": "dumb"]).color)
    XCTAssertFalse(resolve(.never, ["TERM": "xterm"]).color)
  }

  func testPlainNeverColours() {
    let style = resolve(.always, plain: true)
    XCTAssertFalse(style.color)
    XCTAssertTrue(style.plain)
    XCTAssertFalse(TerminalStyle(color: true, plain: true).color)
  }

  func testWidth() {
    XCTAssertEqual(resolve(.never, terminal: false).width, 80)
    XCTAssertEqual(resolve(.never, width: 100).width, 100)
    XCTAssertEqual(resolve(.never, ["COLUMNS": "72"], width: 100).width, 72)
    XCTAssertEqual(resolve(.never, ["COLUMNS": "junk"], width: 100).width, 100)
    XCTAssertEqual(resolve(.never, ["COLUMNS": "0"]).width, 80)
    XCTAssertEqual(resolve(.never, width: 20).width, 40)
    XCTAssertEqual(resolve(.never, ["COLUMNS": "300"]).width, 120)
  }
}
