import Foundation
import XCTest

@testable import LFE

/// The sequential VM's promises: proper tail calls, bounded recursion, exact integers,
/// and freeing huge terms without recursing on the host stack.
final class VMTests: XCTestCase {
  private func session() -> Shell {
    Shell(runtime: Runtime(clock: .virtual))
  }

  func testTailCallLoopRunsInConstantSpace() throws {
    let shell = session()
    XCTAssertEqual(shell.evaluate(source: "(defun loop (n) (if (== n 0) 'done (loop (- n 1))))"), "loop\n")
    XCTAssertEqual(shell.evaluate(source: "(loop 10000000)"), "done\n")
    // Ten million iterations left the evaluator with the registers of one call.
    let evaluator = try XCTUnwrap(shell.evaluator)
    XCTAssertLessThan(evaluator.registerCapacity, 64)
    XCTAssertLessThanOrEqual(evaluator.frameCapacity, 2)
  }

  /// A tail call leaves an argument that is already in its place (the same variable in
  /// the same position) where it is, and moves the others round it.
  func testTailCallsKeepArgumentsAlreadyInPlace() throws {
    let shell = session()
    let definitions = [
      "(defun keep-first (a b n) (if (== n 0) (list a b) (keep-first a (cons n b) (- n 1))))",
      "(defun swap (a b n) (if (== n 0) (tuple a b) (swap b a (- n 1))))",
      "(defun twice (a b n) (if (== n 0) (list a b) (twice a a (- n 1))))",
      "(defun hold (big n) (if (== n 0) (length big) (hold big (- n 1))))",
      "(defun apply-all (f xs acc) (if (== xs ()) acc (apply-all f (cdr xs) (cons (funcall f (car xs)) acc))))",
      "(defun captured (k) (fletrec ((go (n acc) (if (== n 0) acc (go (- n 1) (cons k acc))))) (go 3 ())))",
    ]
    let calls = [
      ("(keep-first 'x () 3)", "(x (1 2 3))\n"), ("(swap 1 2 3)", "#(2 1)\n"), ("(twice 'p 'q 1)", "(p p)\n"),
      ("(hold (lists:seq 1 1000) 100000)", "1000\n"),
      ("(apply-all (lambda (x) (* x x)) '(1 2 3) ())", "(9 4 1)\n"), ("(captured 'z)", "(z z z)\n"),
    ]
    // Defined in the shell, then the same functions compiled in a module.
    for d in definitions { _ = shell.evaluate(source: d) }
    let module = "(defmodule tc (export all))\n" + definitions.joined(separator: "\n")
    XCTAssertNoThrow(
      try ModuleCompiler.compileAndLoad(source: module, file: "tc.lfe", runtime: shell.runtime))
    for prefix in ["", "tc:"] {
      for (call, value) in calls {
        let source = "(" + prefix + call.dropFirst()
        XCTAssertEqual(shell.evaluate(source: source), value, source)
      }
    }
  }

  func testDeepNonTailRecursionIsAnLFEError() {
    let shell = session()
    shell.runtime.limits.callDepth = 100_000
    _ = shell.evaluate(source: "(defun deep (n) (if (== n 0) 0 (+ 1 (deep (- n 1)))))")
    XCTAssertEqual(shell.evaluate(source: "(deep 50000)"), "50000\n")
    XCTAssertEqual(
      shell.evaluate(source: "(deep 10000000)"),
      "** exception error: a system limit has been reached\n"
        + "  (a limit of this runtime: the call stack is 100000 frames deep (Limits.callDepth))\n\n")
    // The shell goes on with a new evaluator.
    XCTAssertEqual(shell.evaluate(source: "(+ 1 2)"), "3\n")
  }

  func testIntegersNeverOverflow() {
    let shell = session()
    XCTAssertEqual(shell.evaluate(source: "(* 99999999999 99999999999)"), "9999999999800000000001\n")
    XCTAssertEqual(shell.evaluate(source: "(+ 9223372036854775807 1)"), "9223372036854775808\n")
    XCTAssertEqual(shell.evaluate(source: "(- -9223372036854775808 1)"), "-9223372036854775809\n")
    XCTAssertEqual(
      shell.evaluate(source: "(div (* 99999999999 99999999999) 99999999999)"), "99999999999\n")
  }

  func testFreeingALongListDoesNotRecurse() {
    // Built and dropped inside LFE: ten million cells freed by one release.
    let shell = session()
    XCTAssertEqual(shell.evaluate(source: "(length (lists:seq 1 10000000))"), "10000000\n")
    // And from Swift, on a thread with a small stack: a recursive free would crash.
    XCTAssertTrue(
      Self.onSmallStack {
        var list = Term.empty
        for i in 0..<2_000_000 { list = .cons(Cons(.int(i), list)) }
        list = .empty
      })
  }

  /// Runs `body` on a thread with a 256 KiB stack; true when it finished.
  static func onSmallStack(_ body: @escaping @Sendable () -> Void) -> Bool {
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      body()
      done.signal()
    }
    thread.stackSize = 256 << 10
    thread.start()
    return done.wait(timeout: .now() + 120) == .success
  }

  func testFreeingChainsOfFunsAndMapsDoesNotRecurse() {
    XCTAssertTrue(
      Self.onSmallStack {
        let code = FunctionCode(arity: 0, module: .lfe, name: .lfe, index: 0, uniq: 0)
        var f = Term.atom(.ok)
        for _ in 0..<1_000_000 { f = .fun(Fun(code: code, captured: [f])) }
        f = .empty
        var m = Term.atom(.ok)
        for _ in 0..<1_000_000 { m = .map(MapBox([.atom(.ok): m])) }
        m = .empty
      })
  }

  func testFreeingADeeplyNestedTupleDoesNotRecurse() {
    let shell = session()
    _ = shell.evaluate(source: "(defun nest (n acc) (if (== n 0) acc (nest (- n 1) (tuple acc))))")
    XCTAssertEqual(shell.evaluate(source: "(tuple_size (nest 1000000 'x))"), "1\n")
    XCTAssertTrue(
      Self.onSmallStack {
        var t = Term.atom(.ok)
        for _ in 0..<1_000_000 { t = .tuple([t, .cons(Cons(t, .empty))]) }
        t = .empty
      })
  }

  func testLimitsOnSizesAndTimeouts() {
    let shell = session()
    XCTAssertEqual(
      shell.evaluate(source: "(lists:duplicate 9223372036854775807 'a)"),
      "** exception error: a system limit has been reached\n  in (lists : duplicate 9223372036854775807 a)\n\n"
    )
    XCTAssertTrue(
      shell.evaluate(source: "(io:format \"~*p~n\" (list -9223372036854775808 1))").hasPrefix(
        "** exception error: bad argument"))
    _ = shell.evaluate(source: "(timer:sleep 10)")
    XCTAssertEqual(
      shell.evaluate(source: "(receive (after 9223372036854775807 'ok))"),
      "** exception error: bad receive timeout value\n\n")
    XCTAssertEqual(shell.evaluate(source: "(receive (after 1000 'ok))"), "ok\n")
  }

  func testALongChainOfLinkedProcessesDiesWithoutRecursion() {
    let shell = session()
    _ = shell.evaluate(
      source:
        "(defun chain (n) (if (== n 0) (receive (x x)) (progn (spawn_link (lambda () (chain (- n 1)))) (receive (x x)))))"
    )
    _ = shell.evaluate(source: "(set head (spawn (lambda () (chain 100000))))")
    XCTAssertEqual(shell.runtime.processCount, 100_002)
    XCTAssertEqual(shell.evaluate(source: "(exit head 'kill)"), "true\n")
    XCTAssertEqual(shell.runtime.processCount, 1)
  }

  func testExceptionsAndCatch() {
    let shell = session()
    XCTAssertEqual(
      shell.evaluate(source: "(try (throw 'x) (catch ((tuple 'throw v _) (list 'caught v))))"), "(caught x)\n"
    )
    XCTAssertEqual(shell.evaluate(source: "(catch (throw 'y))"), "y\n")
    XCTAssertEqual(
      shell.evaluate(source: "(try (error 'e) (catch ((tuple c r _) (tuple c r))) (after 'ignored))"),
      "#(error e)\n")
    XCTAssertEqual(
      shell.evaluate(source: "(try (exit 'bye) (catch ((tuple 'exit r _) r)))"), "bye\n")
  }

  func testConditionalsAndGuards() {
    let shell = session()
    // Checked against LFE 2.2.1.
    XCTAssertEqual(shell.evaluate(source: "(cond ((== 1 1)))"), "()\n")
    XCTAssertEqual(shell.evaluate(source: "(cond ('false 1))"), "false\n")
    XCTAssertEqual(
      shell.evaluate(source: "(cond ((+ 1 2)))"), "** exception error: non-boolean cond test\n\n")
    XCTAssertEqual(shell.evaluate(source: "(if 1 'a 'b)"), "** exception error: non-boolean if test\n\n")
    // A guard that is not a boolean fails its clause.
    XCTAssertEqual(shell.evaluate(source: "(case 1 (x (when (+ x 1)) 'yes) (_ 'no))"), "no\n")
    XCTAssertEqual(
      shell.evaluate(source: "(case 1 (x (when (is_atom x)) 'atom) (x (when (> x 0)) 'pos))"), "pos\n")
  }

  func testClosuresAndLocalFunctions() {
    let shell = session()
    XCTAssertEqual(
      shell.evaluate(
        source: "(let ((n -10)) (flet ((add (x) (+ x n))) (lists:map (lambda (y) (add y)) '(1 2))))"),
      "(-9 -8)\n")
    XCTAssertEqual(
      shell.evaluate(
        source:
          "(fletrec ((even? (n) (if (== n 0) 'true (odd? (- n 1)))) (odd? (n) (if (== n 0) 'false (even? (- n 1))))) (even? 100000))"
      ),
      "true\n")
    XCTAssertEqual(shell.evaluate(source: "(funcall (let ((k 3)) (lambda (x) (* k x))) 5)"), "15\n")
  }
}
