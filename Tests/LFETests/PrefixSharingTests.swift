import XCTest

@testable import LFE

/// Clauses that begin with the same tests: a failing clause jumps past the tests the
/// next clause would repeat, and every input still reaches the clause it matches.
final class PrefixSharingTests: XCTestCase {
  private let source = """
    (defmodule shapes (export (f 1) (loop 1)))
    (defun f
      (((tuple 'a 1 x)) (list 'one x))
      (((tuple 'a 2 x)) (list 'two x))
      (((tuple 'a x 3)) (list 'three x))
      (((tuple 'b x)) (list 'b x))
      (((cons 'a (cons x _))) (list 'cons x))
      (((cons 'a _)) 'cons-short)
      (((cons x x)) (list 'same x))
      ((_) 'other))
    (defun loop (next)
      (receive
        ((tuple 'token 0 parent) (! parent 'done) (loop next))
        ((tuple 'token k parent) (! next (tuple 'token (- k 1) parent)) (loop next))
        ('stop 'ok)))
    """

  private func load() throws -> Runtime {
    let runtime = Runtime(clock: .virtual)
    _ = try ModuleCompiler.compileAndLoad(source: source, file: "shapes.lfe", runtime: runtime)
    return runtime
  }

  func testEveryInputReachesItsClause() throws {
    let shell = Shell(runtime: try load())
    let cases: [(String, String)] = [
      ("#(a 1 z)", "(one z)"), ("#(a 2 z)", "(two z)"), ("#(a 5 3)", "(three 5)"),
      ("#(a 1 3)", "(one 3)"), ("#(a 5 4)", "other"), ("#(a 1)", "other"), ("#(b 7)", "(b 7)"),
      ("#(b 7 8)", "other"), ("(a 9 8)", "(cons 9)"), ("(a)", "cons-short"), ("(b . b)", "(same b)"),
      ("(b . c)", "other"), ("x", "other"), ("()", "other"),
    ]
    for (input, expected) in cases {
      XCTAssertEqual(shell.evaluate(source: "(shapes:f '\(input))"), expected + "\n", input)
    }
  }

  func testReceiveClausesShareTheirTests() throws {
    let runtime = try load()
    let code = try XCTUnwrap(
      runtime.modules[runtime.atoms.intern("shapes")]?.functions[FunctionKey(runtime.atoms.intern("loop"), 1)]
    ).code
    // The first clause's test for 0 is the first test on the counter; when it fails,
    // the tuple, its arity and 'token have already been checked, so the jump lands on
    // the second clause's first new instruction, not on its tuple test.
    let counterTest = try XCTUnwrap(code.firstIndex { $0.op == .isEqConst })
    let target = Int(code[counterTest].c)
    XCTAssertNotEqual(code[target].op, .isTaggedTuple)
    XCTAssertEqual(code[target].op, .getElement)
    // A failed tuple test skips every clause that would test the same tuple again.
    let tupleTest = try XCTUnwrap(code.firstIndex { $0.op == .isTaggedTuple })
    XCTAssertFalse(code[Int(code[tupleTest].c)].op == .isTaggedTuple)

    // And the loop still behaves: a token goes round and 'done comes back.
    let shell = Shell(runtime: runtime)
    XCTAssertEqual(
      shell.evaluate(
        source:
          "(let* ((me (self)) (p (spawn 'shapes 'loop (list me)))) (! p (tuple 'token 0 me)) (receive (m m)))"
      ),
      "done\n")
  }

  func testSelectiveReceiveWithSharedPrefixes() throws {
    let shell = Shell(runtime: try load())
    _ = shell.evaluate(source: "(! (self) #(a 5 4))")
    _ = shell.evaluate(source: "(! (self) #(a 2 9))")
    _ = shell.evaluate(source: "(! (self) #(a 7 3))")
    // The first message matches neither clause and stays; the others are taken in order.
    XCTAssertEqual(
      shell.evaluate(source: "(receive ((tuple 'a 1 x) x) ((tuple 'a 2 x) (list 'two x)))"), "(two 9)\n")
    XCTAssertEqual(
      shell.evaluate(source: "(receive ((tuple 'a 1 x) x) ((tuple 'a x 3) (list 'three x)))"), "(three 7)\n")
    XCTAssertEqual(shell.evaluate(source: "(receive (m m))"), "#(a 5 4)\n")
  }
}
