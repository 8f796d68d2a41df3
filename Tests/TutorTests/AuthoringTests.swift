import Foundation
import XCTest

/// End-to-end: what `tutor check` tells an author about the profile a page runs with
/// and about places where a page checks less than it seems to.
final class AuthoringTests: TutorTestCase {
  /// A fresh directory holding the given pages, removed by the caller.
  func pages(_ files: [String: String]) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "tutor-author-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (name, text) in files {
      try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return dir
  }

  static let counterModule = """
    ```lfe
    (defmodule counter
      (export (start 0) (loop 1)))

    (defun start () (spawn 'counter 'loop (list 0)))

    (defun loop (n)
      (receive
        (`#(inc ,from) (! from (+ n 1)) (loop (+ n 1)))))
    ```

    """

  /// Bare pids (an Erlang habit) no longer drag `c` into LFE 1's `#(module m)`: the
  /// page's own `(#(module counter))` decides that.
  func testEachProfileSwitchComesFromItsOwnEvidence() throws {
    let page =
      "# Counting\n\n" + Self.counterModule + """
        ```lfe
        lfe> (c "counter")
        (#(module counter))
        lfe> (set pid (counter:start))
        <0.42.0>
        lfe> (! pid (tuple 'inc (self)))
        #(inc <0.40.0>)
        ```

        """
    let dir = try pages(["newcomer.md": page])
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try tutor(["check", "newcomer.md"], in: dir)
    XCTAssertEqual(run.status, 0, run.stdout)
    XCTAssertTrue(run.stdout.contains("PASS newcomer.md: 3 passed\n"), run.stdout)
    XCTAssertTrue(
      run.stdout.contains("  profile: lfe2 pid_style=bare (from the transcripts)\n"), run.stdout)
    XCTAssertFalse(run.stdout.contains("warning"), run.stdout)
    // An LFE 2 page says nothing about its profile.
    let plain = try tutor(["check", "lessons/processes/01-hello.md"])
    XCTAssertFalse(plain.stdout.contains("profile:"), plain.stdout)
  }

  /// A `c` answering `#(module m)` and a `defun` answering a fun set those two switches
  /// and nothing else; the `lfe> ` prompt stays.
  func testCompileAndDefunEvidence() throws {
    let page =
      "# Old values\n\n" + Self.counterModule + """
        ```lfe
        lfe> (c "counter")
        #(module counter)
        lfe> (defun double (x) (* 2 x))
        #Fun<lfe_eval.12.80484245>
        lfe> (double 21)
        42
        ```

        """
    let dir = try pages(["old.md": page])
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try tutor(["check", "old.md"], in: dir)
    XCTAssertEqual(run.status, 0, run.stdout)
    XCTAssertTrue(
      run.stdout.contains(
        "  profile: lfe2 compile_value_is_list=false defun_returns_name=false (from the transcripts)\n"),
      run.stdout)
  }

  func testDisagreeingTranscriptsWarnAndFrontMatterSettlesIt() throws {
    let body = """
      # Mixed

      ```lfe
      lfe> (self)
      <0.42.0>
      lfe> (spawn (lambda () 'ok))
      #Pid<0.43.0>
      lfe> (self)
      <0.42.0>
      ```

      """
    let dir = try pages([
      "mixed.md": body, "settled.md": "---\ntutor:\n  pid_style: tagged\n---\n" + body,
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    let mixed = try tutor(["check", "mixed.md"], in: dir)
    XCTAssertEqual(mixed.status, 0, mixed.stdout)
    XCTAssertTrue(
      mixed.stdout.contains(
        "mixed.md:7:1: warning: the transcripts disagree on how pids print as values: bare pids (<0.42.0>) "
          + "at lines 5, 9; tagged pids (#Pid<0.42.0>) at line 7; running with bare pids (<0.42.0>); "
          + "settle it in the front matter with `tutor: {pid_style: bare}`"), mixed.stdout)
    XCTAssertEqual(try tutor(["check", "--strict", "mixed.md"], in: dir).status, 1)
    let settled = try tutor(["check", "settled.md"], in: dir)
    XCTAssertFalse(settled.stdout.contains("disagree"), settled.stdout)
    XCTAssertTrue(settled.stdout.contains("PASS settled.md: 3 passed"), settled.stdout)
    XCTAssertFalse(settled.stdout.contains("profile:"), settled.stdout)
  }

  func testLintWarnsWhereAPageChecksLessThanItSeems() throws {
    let page = """
      # Half checked

      ```lfe
      (defun double (x) (* 2 x))
      ```

      ```lfe
      lfe> (set x 1)
      lfe> (+ x 1)
      2
      lfe>(+ 1 2)
      3
      lfe> (c "double")
      ```

      """
    let dir = try pages([
      "half.md": page, "prose.md": "# Only prose\n\nNothing to run here.\n",
      "double.lfe": "(defmodule double (export (double 1)))\n(defun double (x) (* 2 x))\n",
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try tutor(["check", "half.md", "prose.md"], in: dir)
    XCTAssertEqual(run.status, 1, run.stdout)
    for expected in [
      "half.md:3:1: warning: this LFE block is not saved to any file (it has no file name and no defmodule), "
        + "but line 13 compiles double.lfe",
      "half.md:8:6: warning: no output is shown after this input, so it runs but nothing it prints is checked",
      "half.md:11:1: warning: 'lfe>(+ 1 2)' looks like a prompt but is not read as one: put a space after 'lfe>'",
      "half.md:13:6: warning: no output is shown after this input",
      "prose.md:1:1: warning: nothing on this page is checked",
      // The look-alike line is read as output of `(+ x 1)`, so that exchange mismatches.
      "half.md:9:6: error: transcript mismatch",
    ] {
      XCTAssertTrue(run.stdout.contains(expected), "missing \(expected) in\n\(run.stdout)")
    }
    // Warnings alone pass, unless --strict.
    let prose = try tutor(["check", "prose.md"], in: dir)
    XCTAssertEqual(prose.status, 0, prose.stdout)
    let strict = try tutor(["check", "--strict", "prose.md"], in: dir)
    XCTAssertEqual(strict.status, 1, strict.stdout)
    XCTAssertTrue(strict.stderr.contains("--strict: 1 warning count as failures"), strict.stderr)
  }

  func testMismatchesNameTheirColumn() throws {
    let page = "# Indented\n\n1. Try it:\n\n   ```lfe\n   lfe> (+ 1 2)\n   4\n   ```\n"
    let dir = try pages(["indented.md": page])
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try tutor(["test", "indented.md"], in: dir)
    XCTAssertEqual(run.status, 1)
    XCTAssertTrue(run.stdout.contains("indented.md:6:9: error: transcript mismatch\n"), run.stdout)
  }
}
