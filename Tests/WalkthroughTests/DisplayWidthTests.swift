import Walkthrough
import XCTest

final class DisplayWidthTests: XCTestCase {
  func testColumns() {
    XCTAssertEqual(DisplayWidth.of("hello"), 5)
    XCTAssertEqual(DisplayWidth.of("日本語"), 6)
    XCTAssertEqual(DisplayWidth.of("ｆｕｌｌ"), 8)
    XCTAssertEqual(DisplayWidth.of("한국"), 4)
    XCTAssertEqual(DisplayWidth.of("👋"), 2)
    XCTAssertEqual(DisplayWidth.of("🇫🇷"), 2)
    XCTAssertEqual(DisplayWidth.of("👨‍👩‍👧"), 2)
    XCTAssertEqual(DisplayWidth.of("❤️"), 2)
    // A combining accent adds nothing, alone or on a letter.
    XCTAssertEqual(DisplayWidth.of("e\u{301}"), 1)
    XCTAssertEqual(DisplayWidth.of("\u{301}"), 0)
    XCTAssertEqual(DisplayWidth.of("a\u{200B}b"), 2)
    XCTAssertEqual(DisplayWidth.of("—é•│"), 4)
  }

  func testEscapesAreNotCounted() {
    XCTAssertEqual(DisplayWidth.of("\u{1B}[1;36mTitle\u{1B}[0m"), 5)
    XCTAssertEqual(DisplayWidth.of("\u{1B}[33m日本\u{1B}[0m!"), 5)
  }
}
