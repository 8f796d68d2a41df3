import Foundation
import XCTest

/// `tutor test` on a directory of courses written to break it: each course is reported,
/// the run ends, and one course crashing the host costs no other.
final class HostileCoursesTests: XCTestCase {
  private var root: URL!
  /// `IsolatedCourseRun`'s test-only variable: the child running the course it names
  /// crashes.
  private let crashVariable = "TUTOR_TEST_CRASH_COURSE"

  override func setUpWithError() throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-hostile-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

  private func course(_ name: String, _ page: String, files: [String: String] = [:]) throws {
    let dir = root.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try page.write(to: dir.appendingPathComponent("page.md"), atomically: true, encoding: .utf8)
    for (file, text) in files {
      try text.write(to: dir.appendingPathComponent(file), atomically: true, encoding: .utf8)
    }
  }

  /// Runs the built `tutor` with `args`, this process's environment plus `environment`;
  /// its exit status and standard output.
  private func tutor(
    _ args: [String], environment: [String: String] = [:]
  ) throws -> (status: Int32, stdout: String, stderr: String) {
    let p = Process()
    p.executableURL = CommandLineTests.binary
    p.arguments = args
    p.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
  }

  private func transcript(options: String? = nil, _ lines: String) -> String {
    "# Page\n\n" + (options.map { "<!-- tutor: \($0) -->\n" } ?? "") + "```\n" + lines + "\n```\n"
  }

  private func makeCourses() throws {
    try course(
      "a-macro",
      transcript(
        """
        lfe> (defmacro inf () '(inf))
        inf
        lfe> (inf)
        ok
        lfe> (defmacro deep (n) (if (== n 0) 0 `(+ 1 (deep ,(- n 1)))))
        deep
        lfe> (deep 5000)
        5000
        """))
    try course(
      "b-deep-term",
      transcript(
        """
        lfe> (set x (lists:foldl (lambda (_ acc) (list acc)) '() (lists:seq 1 100000)))
        ((((((((((((((((((((((((((((((...))))))))))))))))))))))))))))))
        lfe> (=:= x (binary_to_term (term_to_binary x)))
        true
        """))
    let victim = root.appendingPathComponent("victim.txt")
    try "precious".write(to: victim, atomically: true, encoding: .utf8)
    try course(
      "c-jail",
      "# Jail\n\n```lfe file=evil.lfe\n(defmodule evil (export (f 0)))\n(defun f () 1)\n```\n\n"
        + transcript("lfe> (c \"../x\")\n(#(module x))"))
    try FileManager.default.createSymbolicLink(
      at: root.appendingPathComponent("c-jail/evil.lfe"), withDestinationURL: victim)
    // On a loaded machine printing 4 MB takes longer than the default 10 s step: the
    // output limit, not the time limit, must end it.
    try course(
      "d-output",
      transcript(
        options: "timeout=300s",
        """
        lfe> (defun loop (n) (io:format "~p~n" (list n)) (loop (+ n 1)))
        loop
        lfe> (loop 0)
        ok
        """))
    try course(
      "e-module", transcript("lfe> (c \"lists\")\n(#(module lists))"),
      files: ["lists.lfe": "(defmodule lists (export (map 2)))\n(defun map (f l) 42)\n"])
    // Maps nested as keys a million deep: comparing two once recursed on the host stack
    // and killed the course's child process. Building the term takes seconds on a loaded
    // machine, longer than the default 10 s step.
    try course(
      "f-deep-map-keys",
      transcript(
        options: "timeout=300s",
        """
        lfe> (progn (set z (lists:foldl (lambda (_ acc) (map acc 1)) 'a (lists:seq 1 1000000))) 'ok)
        ok
        lfe> (< (map z 2 'b 3) (map z 2 'b 4))
        true
        """))
    // A good course whose child the test makes crash (`crashVariable`): no input is known
    // to crash the host any more, and the isolation must still be shown to work.
    try course("h-crash", transcript("lfe> (+ 1 2)\n3"))
    try course("g-good", transcript("lfe> (+ 1 2)\n3"))
    // A fork bomb: the process limit or the step's time ends it, with every process
    // it started.
    try course(
      "i-fork-bomb",
      transcript(
        options: "timeout=5s",
        """
        lfe> (defun sp () (spawn (lambda () (sp))) (sp))
        sp
        lfe> (sp)
        ok
        """))
    // A million-bit number printed by halves; a three-million-digit one is in bench/.
    try course(
      "k-bignum",
      transcript("lfe> (length (integer_to_list (bsl 1 1000000)))\n301030\nlfe> (bsl 1 33554368)\n..."))
    try course(
      "m-spinner",
      transcript(
        """
        lfe> (defun spin () (spin))
        spin
        lfe> (progn (spawn (lambda () (spin))) 'ok)
        ok
        """))
    try course(
      "n-endless",
      transcript(options: "timeout=1s", "lfe> (defun loop () (loop))\nloop\nlfe> (loop)\nok"))
    try course(
      "p-huge-binary",
      transcript("lfe> (byte_size (binary (0 (size 80000000000))))\n10000000000"))
  }

  func testEveryCourseIsReportedAndTheRunEnds() throws {
    try makeCourses()
    let run = try tutor(["test", root.path, "--format", "text"], environment: [crashVariable: "h-crash"])
    XCTAssertEqual(run.status, 1, run.stderr)
    let report = run.stdout
    for name in [
      "a-macro", "c-jail", "d-output", "e-module", "h-crash", "i-fork-bomb", "n-endless", "p-huge-binary",
    ] {
      XCTAssertTrue(report.contains("FAIL \(root.path)/\(name)/page.md"), name)
    }
    XCTAssertTrue(report.contains("PASS \(root.path)/b-deep-term/page.md"), report)
    XCTAssertTrue(report.contains("PASS \(root.path)/f-deep-map-keys/page.md"), report)
    XCTAssertTrue(report.contains("PASS \(root.path)/g-good/page.md"), report)
    XCTAssertTrue(report.contains("PASS \(root.path)/k-bignum/page.md"), report)
    XCTAssertTrue(report.contains("FAIL \(root.path)/m-spinner/page.md"), report)
    XCTAssertTrue(report.contains("kept running in spin/0, so it was killed"), report)
    XCTAssertTrue(report.contains("i-fork-bomb/page.md:7:6: error: "), report)
    XCTAssertTrue(report.contains("** evaluation stopped after 1 s: the evaluator"), report)
    XCTAssertTrue(report.contains("(a limit of this runtime: a binary segment of more than 2048 MB)"), report)
    XCTAssertTrue(report.contains("** exception error: macro inf: "))
    XCTAssertTrue(report.contains("** exception error: macro deep: "))
    XCTAssertTrue(report.contains("../x.lfe:none: file is outside the workspace"))
    XCTAssertTrue(report.contains("** output limit reached: "))
    XCTAssertTrue(report.contains("lists.lfe:1: module lists is built in and cannot be replaced"))
    XCTAssertTrue(
      report.contains("h-crash/page.md:1:1: error: running this course crashed the checker (signal 11"))
    XCTAssertEqual(
      try String(contentsOf: root.appendingPathComponent("victim.txt"), encoding: .utf8), "precious")
  }

  /// Front matter that cannot be loaded is a page that cannot be loaded: exit 2, as the
  /// design says, with the others still run and reported.
  func testFrontMatterBombsAreLocatedErrors() throws {
    try course("g-good", transcript("lfe> (+ 1 2)\n3"))
    let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
    try course("h-deep-yaml", "---\nx: \(deep)\n---\n" + transcript("lfe> (+ 1 2)\n3"))
    var laughs = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    var previous = "a"
    for name in ["b", "c", "d", "e", "f", "g", "h", "i", "j"] {
      laughs.append(
        "\(name): &\(name) [" + Array(repeating: "*" + previous, count: 9).joined(separator: ", ") + "]")
      previous = name
    }
    try course(
      "i-laughs", "---\n" + laughs.joined(separator: "\n") + "\n---\n" + transcript("lfe> (+ 1 2)\n3"))
    let run = try tutor(["test", root.path])
    XCTAssertEqual(run.status, 2)
    XCTAssertTrue(run.stdout.contains("PASS \(root.path)/g-good/page.md"), run.stdout)
    XCTAssertTrue(
      run.stdout.contains("h-deep-yaml/page.md:2:68: error: front matter is nested too deeply"), run.stdout)
    XCTAssertTrue(
      run.stdout.contains("i-laughs/page.md:6:4: error: front matter holds more than"), run.stdout)
  }
}
