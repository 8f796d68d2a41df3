import XCTest

@testable import LFE

/// Macros a module defines for itself run as LFE code while the module compiles.
final class UserMacrosTests: XCTestCase {
  /// `tutor run` compiles its file before any shell exists, so before any step has
  /// given the scheduler reductions to spend.
  func testAModuleCompiledOutsideTheShellExpandsItsMacros() throws {
    let runtime = Runtime(clock: .virtual)
    XCTAssertEqual(runtime.stepBudget, 0)
    let loaded = try ModuleCompiler.compileAndLoad(
      source: """
        (defmodule m (export (go 0)))
        (defmacro plus-one (n) (list 'quote (+ n 1)))
        (defun go () (plus-one 4))
        """, file: "m.lfe", runtime: runtime)
    XCTAssertEqual(loaded.module, "m")
    XCTAssertEqual(Shell(runtime: runtime).evaluate(source: "(m:go)"), "5\n")
  }
}
