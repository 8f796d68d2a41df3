import DocTest
import Foundation
import XCTest

/// The workspace is a jail: nothing is read or written outside it, by name or through a
/// link, whatever a course ships or a page asks for.
final class WorkspaceJailTests: XCTestCase {
  private var root: URL!
  private var workspace: URL!
  private var outside: URL!

  override func setUpWithError() throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-jail-\(UUID().uuidString)")
    workspace = root.appendingPathComponent("workspace")
    outside = root.appendingPathComponent("outside")
    for d in [workspace!, outside!] {
      try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
    }
    try "precious".write(to: outside.appendingPathComponent("victim.txt"), atomically: true, encoding: .utf8)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

  private func link(_ name: String, to target: URL) throws {
    try FileManager.default.createSymbolicLink(
      at: workspace.appendingPathComponent(name), withDestinationURL: target)
  }

  private var victim: String? {
    try? String(contentsOf: outside.appendingPathComponent("victim.txt"), encoding: .utf8)
  }

  func testNamesThatClimbOutAreRefused() {
    for name in ["/etc/passwd", "../outside/victim.txt", "a/../../x"] {
      XCTAssertThrowsError(try CourseWorkspace.read(name, in: workspace)) { error in
        XCTAssertEqual(error as? WorkspaceFileError, WorkspaceFileError(name, .outside))
      }
      XCTAssertThrowsError(try CourseWorkspace.write("x", to: name, in: workspace))
    }
    XCTAssertEqual(victim, "precious")
  }

  func testALinkInAFilesPlaceIsNotWrittenThrough() throws {
    try link("evil.lfe", to: outside.appendingPathComponent("victim.txt"))
    XCTAssertThrowsError(try CourseWorkspace.write("(defmodule evil)", to: "evil.lfe", in: workspace)) {
      error in
      XCTAssertEqual(error as? WorkspaceFileError, WorkspaceFileError("evil.lfe", .isLink))
    }
    XCTAssertEqual(victim, "precious")
  }

  func testADirectoryLinkLeadingOutIsNotWrittenThrough() throws {
    try link("sub", to: outside)
    XCTAssertThrowsError(try CourseWorkspace.write("x", to: "sub/victim.txt", in: workspace)) { error in
      XCTAssertEqual(error as? WorkspaceFileError, WorkspaceFileError("sub/victim.txt", .linkOutside))
    }
    XCTAssertEqual(victim, "precious")
    try CourseWorkspace.write("inside", to: "made/deeper/x.lfe", in: workspace)
    XCTAssertEqual(try CourseWorkspace.read("made/deeper/x.lfe", in: workspace), "inside")
  }

  func testReadingThroughALinkLeadingOutIsRefusedAndInsideIsAllowed() throws {
    try link("out.lfe", to: outside.appendingPathComponent("victim.txt"))
    XCTAssertThrowsError(try CourseWorkspace.read("out.lfe", in: workspace)) { error in
      XCTAssertEqual(error as? WorkspaceFileError, WorkspaceFileError("out.lfe", .linkOutside))
    }
    try CourseWorkspace.write("mine", to: "real.lfe", in: workspace)
    try link("alias.lfe", to: workspace.appendingPathComponent("real.lfe"))
    XCTAssertEqual(try CourseWorkspace.read("alias.lfe", in: workspace), "mine")
    XCTAssertNil(try CourseWorkspace.read("missing.lfe", in: workspace))
  }

  func testSeedCopiesNoLinks() throws {
    let course = root.appendingPathComponent("course")
    try FileManager.default.createDirectory(at: course, withIntermediateDirectories: true)
    try "(defmodule ok)".write(to: course.appendingPathComponent("ok.lfe"), atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(
      at: course.appendingPathComponent("evil.lfe"),
      withDestinationURL: outside.appendingPathComponent("victim.txt"))
    XCTAssertEqual(CourseWorkspace.lfeFiles(in: course.path), ["ok.lfe"])
    CourseWorkspace.seed(workspace, from: course.path)
    let names = try FileManager.default.contentsOfDirectory(atPath: workspace.path)
    XCTAssertEqual(names, ["ok.lfe"])
  }

  /// A course shipping `evil.lfe -> victim` and a page saving `evil.lfe`, compiling
  /// through links and by paths that climb out: the victim is untouched and each `c`
  /// says why it refused.
  func testACoursePageCannotEscape() throws {
    let course = root.appendingPathComponent("course")
    try FileManager.default.createDirectory(at: course, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      at: course.appendingPathComponent("evil.lfe"),
      withDestinationURL: outside.appendingPathComponent("victim.txt"))
    try "(defmodule m (export (f 0)))\n(defun f () 42)\n".write(
      to: outside.appendingPathComponent("m.lfe"), atomically: true, encoding: .utf8)
    let page = """
      # Evil

      ```lfe file=evil.lfe
      (defmodule evil (export (f 0)))
      (defun f () 1)
      ```

      ```
      lfe> (c "\(outside.path)/m")
      (#(module m))
      lfe> (c "../outside/m")
      (#(module m))
      ```

      """
    try page.write(to: course.appendingPathComponent("page.md"), atomically: true, encoding: .utf8)
    let (courses, _) = DocTestRun.load(paths: [course.path])
    let pages = DocTestRun(mode: .check, jobs: 1).run(courses)
    XCTAssertEqual(victim, "precious")
    let actual = pages.flatMap(\.exchanges).map(\.actual)
    XCTAssertEqual(
      actual,
      [
        ["\(outside.path)/m.lfe:none: file is outside the workspace", "error"],
        ["../outside/m.lfe:none: file is outside the workspace", "error"],
      ])
  }
}
