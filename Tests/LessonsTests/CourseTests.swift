import Foundation
import Lessons
import XCTest

final class CourseTests: XCTestCase {
  var root: URL!

  override func setUpWithError() throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-course-\(UUID())")
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent("b/inner"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent("a"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent(".hidden"), withIntermediateDirectories: true)
    try write("a/z.md", "---\nguide: 1\n---\n# One\n")
    try write("a/m.markdown", "---\nguide: 2\n---\n# Two\n")
    try write("a/c.txt", "---\nguide: 3\n---\n# Three\n")
    try write("a/readme.txt", "not a page\n")
    try write("a/script.lfe", "(defmodule script)\n")
    try write("b/inner/only.md", "# Only\n")
    try write(".hidden/skipped.md", "# Hidden\n")
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: root)
  }

  private func write(_ name: String, _ text: String) throws {
    try text.write(to: root.appendingPathComponent(name), atomically: true, encoding: .utf8)
  }

  func testOrderedByGuideThenName() {
    let course = Course.load(directory: root.appendingPathComponent("a").path)
    XCTAssertEqual(course.pages.map { $0.path.split(separator: "/").last! }, ["z.md", "m.markdown", "c.txt"])
    XCTAssertEqual(course.allDiagnostics, [])
    XCTAssertFalse(course.hasErrors)
  }

  func testLoadAllFindsNestedCourses() {
    let courses = Course.loadAll(under: root.path)
    XCTAssertEqual(
      courses.map { $0.directory.replacingOccurrences(of: root.path, with: "") }, ["/a", "/b/inner"])
  }

  func testGapsAreReportedOncePerRun() throws {
    try write("b/inner/only.md", "---\nguide: 4\ntotal_guides: 9000000000000000000\n---\n# Only\n")
    let course = Course.load(directory: root.appendingPathComponent("b/inner").path)
    XCTAssertEqual(
      course.allDiagnostics.map(\.message),
      [
        "guides 1 to 3 are missing: no page of this course comes before guide 4",
        "guides 5 to 9000000000000000000 are missing: total_guides is 9000000000000000000",
      ])
  }

  func testMissingDirectory() {
    let course = Course.load(directory: root.appendingPathComponent("nope").path)
    XCTAssertEqual(course.pages, [])
    XCTAssertTrue(course.hasErrors)
  }
}

final class CourseReadmeTests: XCTestCase {
  func testAReadmeIsNotAPage() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-readme-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try "# About this course\n\n```lfe\nlfe> (bad\n```\n".write(
      to: directory.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
    try "# One\n".write(to: directory.appendingPathComponent("01-one.md"), atomically: true, encoding: .utf8)
    let course = Course.load(directory: directory.path)
    XCTAssertEqual(course.pages.map { ($0.path as NSString).lastPathComponent }, ["01-one.md"])
  }
}
