import Foundation
import XCTest

/// End-to-end: `tutor check --against lfe`, which runs the pages through real LFE as
/// well. Runs where `lfe` (and `erl`) are on the PATH; skipped, saying so, elsewhere.
final class AgainstLFETests: TutorTestCase {
  /// The `lfe` on the PATH, if any.
  static var lfe: String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    return path.split(separator: ":").map { "\($0)/lfe" }.first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }

  func tutorWith(_ args: [String], in directory: URL, environment: [String: String]) throws -> Run {
    let process = Process()
    process.executableURL = Self.binary
    process.arguments = args
    process.currentDirectoryURL = directory
    // A sanitizer build's own settings (leak suppressions) go along with any environment.
    let sanitizer = ProcessInfo.processInfo.environment.filter { $0.key.hasSuffix("SAN_OPTIONS") }
    process.environment = environment.merging(sanitizer) { own, _ in own }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
      stderr: String(decoding: e, as: UTF8.self))
  }

  func testMissingLFEIsAUsageError() throws {
    let run = try tutorWith(
      ["check", "--against", "lfe", "lessons/processes/01-hello.md"], in: Self.root,
      environment: ["PATH": "/usr/bin:/bin"])
    XCTAssertEqual(run.status, 2)
    XCTAssertEqual(
      run.stderr,
      "tutor check --against lfe: real LFE not found: no lfe on the PATH; install LFE, or give --lfe PATH or "
        + "LFE_EBIN\n")
    XCTAssertEqual(run.stdout, "", "nothing runs without LFE")
    let bad = try tutorWith(
      ["check", "--against", "lfe", "--lfe", "/no/such/lfe", "lessons"], in: Self.root,
      environment: ["PATH": "/usr/bin:/bin"])
    XCTAssertEqual(bad.status, 2)
    XCTAssertTrue(bad.stderr.contains("--lfe /no/such/lfe is not LFE"), bad.stderr)
    XCTAssertEqual(try tutor(["check", "--against", "ruby", "lessons"]).status, 2)
  }

  func testThreeWayReportAgainstRealLFE() throws {
    guard Self.lfe != nil else {
      throw XCTSkip("real LFE is not on the PATH, so --against lfe was not run (put LFE's bin on the PATH)")
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "tutor-against-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let page = """
      # Racy

      ```lfe
      lfe> (defun loop () (receive (n (io:format "got ~p~n" (list n)) (loop))))
      loop
      lfe> (set p (spawn #'loop/0))
      #Pid<0.90.0>
      lfe> (progn (! p 1) (! p 2) (io:format "sent~n") 'done)
      sent
      done
      got 1
      got 2
      lfe> (lists:seq 1 3)
      (1 2 4)
      ```

      """
    try page.write(to: dir.appendingPathComponent("racy.md"), atomically: true, encoding: .utf8)
    let environment = ProcessInfo.processInfo.environment
    let run = try tutorWith(["check", "--against", "lfe", "racy.md"], in: dir, environment: environment)
    XCTAssertEqual(run.status, 1, run.stdout + run.stderr)
    let comparison = run.stdout.components(separatedBy: "\nAgainst real LFE (").last ?? ""
    XCTAssertTrue(
      comparison.contains(
        """
        racy.md:13:6: the page differs from tutor and real LFE
            lfe> (lists:seq 1 3)
          page:
            | (1 2 4)
          tutor:
            | (1 2 3)
          real LFE:
            | (1 2 3)
        """), comparison)
    XCTAssertTrue(comparison.contains("real LFE: 4 exchanges compared; "), comparison)
    XCTAssertTrue(comparison.contains("the page and real LFE agree on 3"), comparison)
    // The messages' output is racy in real LFE; if it landed in another order, the
    // report says it compared the lines as a multiset.
    if comparison.contains("racy.md:8:6:") {
      XCTAssertTrue(comparison.contains("compared as a multiset"), comparison)
      XCTAssertTrue(comparison.contains("(in another order)"), comparison)
    }

    let lessons = try tutorWith(
      ["check", "--against", "lfe", "lessons/processes"], in: Self.root, environment: environment)
    XCTAssertEqual(lessons.status, 0, lessons.stdout + lessons.stderr)
    XCTAssertTrue(
      lessons.stdout.contains("real LFE: 48 exchanges compared; all three agree on 48"), lessons.stdout)
  }
}
