import Foundation
import Lessons
import XCTest

/// Each folder under `Cases/` holds a `page.md` (or a `course/` directory) and the model
/// `tutor lessons` prints for it: `expected.json`, and `expected.txt` with the text model
/// followed by the rendered diagnostics. `TUTOR_RECORD=1` rewrites the expectations.
final class GoldenCaseTests: XCTestCase {
  static let casesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Cases")

  static var recording: Bool { ProcessInfo.processInfo.environment["TUTOR_RECORD"] == "1" }

  func testEveryCase() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: Self.casesDirectory.path)
      .filter { !$0.hasPrefix(".") && !$0.contains(".") }
      .sorted()
    XCTAssertGreaterThan(names.count, 10)
    for name in names {
      let directory = Self.casesDirectory.appendingPathComponent(name)
      let pageURL = directory.appendingPathComponent("page.md")
      let pages: [Page]
      if FileManager.default.fileExists(atPath: pageURL.path) {
        // Read as bytes so CRLF pages reach the loader as they are on disk.
        let text = String(decoding: try Data(contentsOf: pageURL), as: UTF8.self)
        pages = [Page(path: "page.md", text: text)]
      } else {
        pages = Course.load(directory: directory.appendingPathComponent("course").path).pages
      }
      try Self.compare(pages, in: directory, stripping: directory.path + "/", name: name)
    }
  }

  /// Compares (or records) both renderings of `pages` with the files in `directory`.
  static func compare(
    _ pages: [Page], in directory: URL, stripping prefix: String, name: String,
    file: StaticString = #filePath, line: UInt = #line
  ) throws {
    let json = LessonReport.json(pages).replacingOccurrences(of: prefix, with: "")
    let text = (LessonReport.text(pages) + "-- diagnostics\n" + pages.flatMap(\.diagnostics).rendered)
      .replacingOccurrences(of: prefix, with: "")
    for (fileName, actual) in [("expected.json", json), ("expected.txt", text)] {
      let url = directory.appendingPathComponent(fileName)
      if recording {
        try actual.write(to: url, atomically: true, encoding: .utf8)
        continue
      }
      let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? "<missing \(fileName)>"
      XCTAssertEqual(
        actual, expected, "case \(name): \(fileName) differs (TUTOR_RECORD=1 re-records)", file: file,
        line: line)
    }
  }
}
