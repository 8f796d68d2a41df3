import Foundation
import XCTest

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// End-to-end: the built `tutor` executable, run as a user or CI runs it, with its
/// output and exit codes.
final class CommandLineTests: TutorTestCase {
  func testVersionAndUsageErrors() throws {
    XCTAssertEqual(try tutor(["--version"]).stdout, "0.1.0\n")
    let bad = try tutor(["--no-such-flag"])
    XCTAssertEqual(bad.status, 2)
    XCTAssertTrue(bad.stderr.contains("Unknown option '--no-such-flag'"), bad.stderr)
    XCTAssertEqual(try tutor(["repl", "--profile", "lfe9"]).status, 2)
    XCTAssertEqual(try tutor(["check"]).status, 2)
    XCTAssertEqual(try tutor(["check", "no/such/page.md"]).status, 2)
  }

  func testReplPrintsWhatLFEsShellPrints() throws {
    let run = try tutor(["repl"], input: "(+ 1 2)\n(list 1\n 2)\n(self)\nxyz\n")
    XCTAssertEqual(run.status, 0)
    XCTAssertEqual(
      run.stdout,
      "lfe> 3\nlfe> lfe> (1 2)\nlfe> #Pid<0.79.0>\nlfe> ** exception error: symbol xyz is unbound\n\nlfe> ")
    let classic = try tutor(["repl", "--profile", "classic"], input: "(self)\n")
    XCTAssertEqual(classic.stdout, "> <0.79.0>\n> ")
  }

  func testReplEndsAForkBombWithItsProcesses() throws {
    // With the default limits: the bomb reaches Limits.processes in seconds, the step
    // ends with every process it started, and the next forms run with no reports.
    let run = try tutor(
      ["repl", "--step-timeout", "none"],
      input: "(defun sp () (spawn (lambda () (sp))) (sp))\n(sp)\n(+ 1 2)\n(length (erlang:processes))\n")
    XCTAssertEqual(run.status, 0)
    XCTAssertTrue(
      run.stdout.contains(
        "** evaluation stopped: 2000000 processes are alive (Limits.processes); "
          + "the 1999998 processes this form started were ended\n\nlfe> 3\nlfe> 1\nlfe> "),
      run.stdout)
    XCTAssertEqual(run.stdout.components(separatedBy: "=ERROR REPORT").count, 2, run.stdout)
  }

  func testRunCompilesAModuleAndEvaluates() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("sq.lfe")
    try "(defmodule sq (export (sq 1)))\n(defun sq (x) (* x x))\n".write(
      to: file, atomically: true, encoding: .utf8)
    let ok = try tutor(["run", file.path, "--eval", "(sq:sq 12)"])
    XCTAssertEqual(ok.stdout, "144\n")
    XCTAssertEqual(ok.status, 0)
    try "(defmodule bad (export (f 1)))\n".write(
      to: dir.appendingPathComponent("bad.lfe"), atomically: true, encoding: .utf8)
    let bad = try tutor(["run", dir.appendingPathComponent("bad.lfe").path])
    XCTAssertEqual(bad.status, 1)
    XCTAssertTrue(bad.stderr.contains("bad.lfe:1:1: error: function f/1 undefined"), bad.stderr)
  }

  func testTraceDrawsTheRunAsTextSVGAndMermaid() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "tutor-trace-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("echo.lfe")
    try """
    (defmodule echo (export (start 0) (loop 0)))
    (defun start () (let ((p (spawn 'echo 'loop ()))) (register 'server p) (! p (tuple (self) 'hi)) (receive (m m))))
    (defun loop () (receive ((tuple from m) (! from m))))
    """.write(to: file, atomically: true, encoding: .utf8)
    let svg = dir.appendingPathComponent("echo.svg")
    let run = try tutor(["trace", file.path, "--eval", "(echo:start)", "--svg", svg.path])
    XCTAssertEqual(run.status, 0, run.stderr)
    // Output to a pipe is plain ASCII; the columns depend on the width (COLUMNS), the
    // order of what is drawn does not.
    let drawn = run.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
      .replacingOccurrences(of: "-+", with: "-", options: .regularExpression)
    XCTAssertEqual(
      drawn,
      "hi shell server | | spawn echo:loop/0 +->+ | * register server | #(#Pid<0.79.0> hi) | +->| | o receive #(#Pid<0.79.0> hi) | hi | |<-+ | X exit normal o receive hi"
    )
    let image = try String(contentsOf: svg, encoding: .utf8)
    XCTAssertTrue(image.hasPrefix("<?xml"))
    XCTAssertTrue(image.contains(">server</text>"))
    let mermaid = try tutor(["trace", file.path, "--eval", "(echo:start)", "--mermaid"])
    XCTAssertTrue(mermaid.stdout.contains("sequenceDiagram\n  participant p0 as shell\n"), mermaid.stdout)
    XCTAssertEqual(try tutor(["trace", file.path, "--eval", "(echo:start)", "--events", "0"]).status, 2)
  }

  func testCheckTraceWritesADiagramOfEachFailingExchange() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "tutor-ctrace-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try """
    # Page

    ```lfe
    lfe> (+ 1 2)
    3
    lfe> (progn (! (self) 'a) (receive (m m)))
    b
    ```

    """.write(to: dir.appendingPathComponent("page.md"), atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("traces/deeper")
    let run = try tutor(["check", dir.appendingPathComponent("page.md").path, "--trace", out.path])
    XCTAssertEqual(run.status, 1, run.stdout)
    XCTAssertTrue(run.stdout.contains("page.md:6:6: error: transcript mismatch"), run.stdout)
    XCTAssertTrue(run.stderr.contains("diagrams of 1 failing exchange written into"), run.stderr)
    let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
    XCTAssertEqual(files.count, 2, files.description)
    XCTAssertTrue(
      files.allSatisfy { $0.hasSuffix("page-line6.svg") || $0.hasSuffix("page-line6.txt") }, "\(files)")
    let text = try String(contentsOf: out.appendingPathComponent(files[1]), encoding: .utf8)
    XCTAssertTrue(text.contains("o receive a"), text)
  }

  func testBundledLessonsPass() throws {
    let run = try tutor(["check", "lessons"])
    XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
    XCTAssertTrue(run.stdout.contains(" passed, 0 failed"), run.stdout)
  }

  func testSeedPageFailsWithItsRealProblems() throws {
    let seed = Self.root.deletingLastPathComponent().appendingPathComponent(
      "shared/seeds/000_e2db3a90ddbbe525.txt")
    guard FileManager.default.fileExists(atPath: seed.path) else {
      throw XCTSkip("the seed page is not beside the project")
    }
    let run = try tutor(["check", seed.path])
    XCTAssertEqual(run.status, 1)
    XCTAssertTrue(run.stdout.contains(":35:27: error: function send-message/1 undefined"), run.stdout)
    XCTAssertTrue(run.stdout.contains("+messenger-back.lfe:1: function send-message/1 undefined"), run.stdout)
    XCTAssertTrue(run.stdout.contains("+** exception error: undefined function"), run.stdout)
    XCTAssertTrue(run.stdout.hasSuffix("0 passed, 3 failed, 1 error\n"), run.stdout)
  }

  /// A forgotten prompt fails its page (exit 1) but the page still runs; output shown in
  /// the next block is checked; an input shown without output is unchecked, not passed.
  func testTranscriptsCopiedFromRealPages() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-real-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let page = dir.appendingPathComponent("page.md")
    try "```lfe\n(+ 5 5)\nlfe> (+ 1 2)\n3\nlfe> (* 2 21)\n```\n\nwhich gives\n\n```lfe\n42\n```\n".write(
      to: page, atomically: true, encoding: .utf8)
    let stray = try tutor(["check", page.path])
    XCTAssertEqual(stray.status, 1, stray.stdout + stray.stderr)
    XCTAssertTrue(
      stray.stdout.contains("page.md:2:1: error: transcript line before any prompt"), stray.stdout)
    XCTAssertTrue(stray.stdout.hasSuffix("2 passed, 0 failed, 1 error\n"), stray.stdout)

    try "```lfe\nlfe> (set x 1)\nlfe> (* 2 21)\n```\n\nwhich gives\n\n```lfe\n42\n```\n".write(
      to: page, atomically: true, encoding: .utf8)
    let split = try tutor(["check", page.path])
    XCTAssertEqual(split.status, 0, split.stdout + split.stderr)
    XCTAssertTrue(split.stdout.hasSuffix("1 passed, 0 failed, 1 unchecked\n"), split.stdout)
  }

  func testJUnitReportParses() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-\(UUID().uuidString).xml")
    defer { try? FileManager.default.removeItem(at: out) }
    let run = try tutor(["test", "lessons", "--format", "junit", "--output", out.path])
    XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
    let doc = try XMLDocument(data: Data(contentsOf: out))
    let suites = try doc.nodes(forXPath: "//testsuite")
    XCTAssertEqual(suites.count, 13)
    let failures = try doc.nodes(forXPath: "//failure")
    XCTAssertEqual(failures.count, 0)
    XCTAssertGreaterThan(try doc.nodes(forXPath: "//testcase").count, 40)
  }
}
