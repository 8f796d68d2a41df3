import Foundation
import XCTest

@testable import LFE

/// `(exit)`, `(q)` and `(c:q)`: real LFE 2.2.1 prints `ok` for each, and the session ends.
final class ShellExitTests: XCTestCase {
  /// What `tutor repl` prints for piped `lines`, as CorpusTests runs the corpus.
  func piped(_ lines: [String]) -> String {
    PipedRepl.run(lines, shell: Shell(runtime: Runtime(clock: .virtual)))
  }

  func testExitCommandsPrintOkAndEndTheSession() {
    for command in ["(exit)", "(q)", "(c:q)", "(init:stop)"] {
      XCTAssertEqual(piped(["(+ 1 2)", command, "(+ 3 4)", "(+ 5 6)"]), "lfe> 3\nlfe> ok\n", command)
    }
  }

  func testExitInsideAnExpressionEndsTheSessionAfterTheForm() {
    XCTAssertEqual(piped(["(progn (c:q) 'done)", "(+ 3 4)"]), "lfe> done\n")
    XCTAssertEqual(piped(["(list (q) (q))", "(+ 3 4)"]), "lfe> (ok ok)\n")
  }

  func testAFunctionNamedQStaysCallableAsModuleFunction() {
    // Only the shell's own (q) and (exit) stop it; (exit reason) is still erlang:exit/1.
    XCTAssertEqual(
      piped(["(catch (exit 'bye))", "(+ 1 1)"]), "lfe> #(EXIT bye)\nlfe> 2\nlfe> ")
  }

  func testANewShellOnTheSameRuntimeRunsAgain() {
    let runtime = Runtime(clock: .virtual)
    let first = Shell(runtime: runtime)
    XCTAssertEqual(first.evaluate(source: "(q)"), "ok\n")
    XCTAssertTrue(first.exitRequested)
    let second = Shell(runtime: runtime)
    XCTAssertEqual(second.evaluate(source: "(+ 1 2)"), "3\n")
    XCTAssertFalse(second.exitRequested)
  }
}
