import DocTest
import Foundation
import LFE
import XCTest

/// The page the project started from, read from `../shared/seeds/` beside the package.
final class SeedPageTests: XCTestCase {
  static let seedURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("shared/seeds/000_e2db3a90ddbbe525.txt")

  static func seedText() throws -> String {
    guard FileManager.default.fileExists(atPath: seedURL.path) else {
      throw XCTSkip("the seed page is not at \(seedURL.path)")
    }
    return try String(contentsOf: seedURL, encoding: .utf8)
  }

  static func check(
    _ path: String, mode: CourseRunner.Mode, factory: @escaping ShellFactory = EmbeddedShell.factory
  )
    -> (String, Int32, [PageResult])
  {
    let (courses, errors) = DocTestRun.load(paths: [path])
    XCTAssertEqual(errors, [])
    let pages = DocTestRun(mode: mode, jobs: 1, factory: factory).run(courses)
    return (DocTestRun.render(pages, format: .text, color: false), RunSummary(pages).exitCode, pages)
  }

  /// What LFE 2.2.1 does with the page as published: `send-message/1` is exported but only
  /// `send-message/2` is defined, so `c` prints the error and `error`, the call finds no
  /// function, and the mailbox is empty.
  func testCheckReportsWhatRealLFEDoes() throws {
    _ = try Self.seedText()
    let (report, code, _) = Self.check(Self.seedURL.path, mode: .check)
    XCTAssertEqual(code, 1)
    let name = "000_e2db3a90ddbbe525.txt"
    XCTAssertEqual(
      report.replacingOccurrences(of: Self.seedURL.path, with: name),
      """
      FAIL \(name): 0 passed, 3 failed
        profile: classic (from the transcripts)
      \(name):35:27: error: function send-message/1 undefined (send-message/2 is defined)
      \(name):54:3: error: transcript mismatch
          > (c '"messenger-back")
      --- expected
      +++ actual
      @@ -55 +55,2 @@
      -#(module messenger-back)
      +messenger-back.lfe:1: function send-message/1 undefined
      +error
      \(name):56:3: error: transcript mismatch
          > (: messenger-back send-message '"There was a terrible ghastly silence.")
      --- expected
      +++ actual
      @@ -57,3 +57,2 @@
      -#(<0.25.0> "There was a terrible ghastly silence.")
      -Received message: 'There was a terrible ghastly silence.'
      -Sending message to process <0.25.0> ...
      +** exception error: undefined function
      +  in (messenger-back : send-message "There was a terrible ghastly silence.")
      \(name):66:3: error: transcript mismatch
          > (: c flush)
      --- expected
      +++ actual
      @@ -67,2 +67 @@
      -Shell got {"There was a terrible ghastly silence."}
       ok
      0 passed, 3 failed, 1 error

      """)
  }

  /// `tutor test` does not lint, so the compile error shows under the `c` that printed it.
  func testTestModeShowsTheCompileErrorAtTheExport() throws {
    _ = try Self.seedText()
    let (report, code, pages) = Self.check(Self.seedURL.path, mode: .test)
    XCTAssertEqual(code, 1)
    XCTAssertEqual(pages[0].profile, "classic (from the transcripts)")
    XCTAssertEqual(
      pages[0].exchanges[0].notes.map(\.description),
      [
        "\(Self.seedURL.path):35:27: error: function send-message/1 undefined (send-message/2 is defined)"
      ])
    XCTAssertTrue(report.hasSuffix("0 passed, 3 failed\n"), report)
  }

  /// With `send-message` taking only the message and sending `(tuple (self) msg)`, the
  /// page passes as published, `<0.25.0>` standing for the shell's pid throughout.
  func testCorrectedModulePassesUnderTheClassicProfile() throws {
    let text = try Self.seedText()
    let corrected = text.replacingOccurrences(
      of: "(defun send-message (calling-pid msg)", with: "(defun send-message (msg)"
    ).replacingOccurrences(of: "(tuple calling-pid msg)", with: "(tuple (self) msg)")
    XCTAssertNotEqual(corrected, text)
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("seed-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("guide-4.txt").path
    try Data(corrected.utf8).write(to: URL(fileURLWithPath: path))

    let shellPids = PidLog()
    let factory: ShellFactory = { workspace in
      let makeSession = EmbeddedShell.factory(workspace)
      return { PidRecordingSession(inner: makeSession() as! EmbeddedShell, log: shellPids) }
    }
    let (report, code, pages) = Self.check(path, mode: .check, factory: factory)
    XCTAssertEqual(code, 0, report)
    XCTAssertEqual(
      report, "PASS \(path): 3 passed\n  profile: classic (from the transcripts)\n3 passed, 0 failed\n")
    XCTAssertEqual(pages[0].profile, "classic (from the transcripts)")

    // The one shell pid, and every pid the page's `<0.25.0>` lines printed, are the same.
    let pids = Set(shellPids.pids)
    XCTAssertEqual(pids.count, 1)
    let exchange = pages[0].exchanges[1]
    let written = exchange.exchange.expected.filter { $0.text.contains("<0.25.0>") }
    XCTAssertEqual(written.count, 2)
    let printed = exchange.actual.flatMap { line in
      pids.filter { line.contains("<\($0)>") }
    }
    XCTAssertEqual(printed.count, 2, "\(exchange.actual)")
  }
}

/// The shell pids seen after each evaluation, gathered across the worker thread.
final class PidLog: @unchecked Sendable {
  private let lock = NSLock()
  private var seen: [String] = []

  func add(_ pid: String) { lock.withLock { seen.append(pid) } }
  var pids: [String] { lock.withLock { seen } }
}

/// Passes evaluations through to the embedded shell and notes its pid.
final class PidRecordingSession: ShellSession {
  let inner: EmbeddedShell
  let log: PidLog

  init(inner: EmbeddedShell, log: PidLog) {
    self.inner = inner
    self.log = log
  }

  func evaluate(_ input: String, line: Int, profile: Profile, timeout: Duration?) -> String {
    let output = inner.evaluate(input, line: line, profile: profile, timeout: timeout)
    if let pid = inner.shell.shellPid { log.add("0.\(pid.serial).0") }
    return output
  }
}
