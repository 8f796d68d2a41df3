import DocTest
import Foundation
import LFE
import XCTest

/// A page that leaves a process spinning (never waiting) is told so, by pid and function.
final class BusyProcessWarningTests: XCTestCase {
  func testASpinningProcessIsReportedOnceAsAWarning() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "tutor-spin-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let page = """
      # Spin

      ```
      lfe> (defun spin (n) (spin (+ n 1)))
      spin
      lfe> (spawn (lambda () (spin 0)))
      #Pid<0.80.0>
      lfe> (+ 1 2)
      3
      ```

      """
    try page.write(to: directory.appendingPathComponent("page.md"), atomically: true, encoding: .utf8)
    // A small budget per step: the spinner spends it all after every form.
    let factory: ShellFactory = { workspace in
      var limits = Limits()
      limits.reductionsPerStep = 200_000
      let runtime = Runtime(clock: .virtual, limits: limits)
      runtime.readFile = { name in try CourseWorkspace.read(name, in: workspace) }
      return { EmbeddedShell(shell: Shell(runtime: runtime, profile: .lfe2)) }
    }
    let (courses, _) = DocTestRun.load(paths: [directory.path])
    let pages = DocTestRun(mode: .check, jobs: 1, factory: factory).run(courses)
    let warnings = pages.flatMap(\.diagnostics).filter { !$0.isError }.map(\.message)
    XCTAssertEqual(warnings.count, 1, "\(warnings)")
    let warning = try XCTUnwrap(warnings.first)
    XCTAssertTrue(
      warning.hasPrefix("process <0.80.0> was still running when this exchange ended (in "), warning)
    XCTAssertTrue(warning.contains("spin/1"), warning)
    XCTAssertEqual(pages.flatMap(\.exchanges).map(\.status), [.passed, .passed, .passed])
  }
}
