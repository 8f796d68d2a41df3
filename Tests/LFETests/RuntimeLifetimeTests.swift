import XCTest

@testable import LFE

/// A runtime and everything it made go away with the last reference to it: checking a
/// course makes one per page, and a long run must not keep them all.
final class RuntimeLifetimeTests: XCTestCase {
  func testARuntimeIsFreedWithItsShell() throws {
    weak var gone: Runtime?
    do {
      let runtime = Runtime(clock: .virtual)
      gone = runtime
      let shell = Shell(runtime: runtime)
      XCTAssertEqual(shell.evaluate(source: "(defun f (n) (if (== n 0) 'ok (f (- n 1))))"), "f\n")
      XCTAssertEqual(shell.evaluate(source: "(f 10)"), "ok\n")
      _ = shell.evaluate(source: "(spawn (lambda () (receive (x x))))")
    }
    XCTAssertNil(gone)
  }

  func testCompiledCodeIsFreedWithItsRuntime() throws {
    weak var code: FunctionCode?
    do {
      let runtime = Runtime(clock: .virtual)
      _ = try ModuleCompiler.compileAndLoad(
        source: "(defmodule r (export (f 1))) (defun f (n) (if (== n 0) 'ok (f (- n 1))))", file: "r.lfe",
        runtime: runtime)
      code = runtime.modules[runtime.atoms.intern("r")]?.functions[FunctionKey(runtime.atoms.intern("f"), 1)]
      XCTAssertNotNil(code)
    }
    XCTAssertNil(code)
  }
}
