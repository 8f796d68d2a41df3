import XCTest

@testable import LFE

/// A clause body that builds a tuple the size of the one its pattern matched, in a
/// register nothing reads again, rewrites that tuple's cell when nothing else holds it
/// (`updateTuple`), and writes only the elements that change.
final class TupleReuseTests: XCTestCase {
  private let source = """
    (defmodule reuse (export (bump 1) (swap 1) (rebind 1) (whole 0) (start 0) (relay 2) (server 0) (boxes 1)))
    (defun bump (t) (case t ((tuple 'n k tag) (tuple 'n (+ k 1) tag))))
    (defun swap (t) (case t ((tuple a b) (tuple b a))))
    (defun rebind (t) (case t ((tuple 'p x y) (let ((y (* y 10))) (tuple 'p x y)))))
    (defun whole ()
      (receive ((= (tuple 'a x) m) (tuple 'got m))))
    ;; Passes #(token K parent) on until K is 0, as the ring benchmark does.
    (defun start () (receive ((tuple 'next next) (relay next 0))))
    (defun relay (next n)
      (receive
        ((tuple 'token 0 parent) (! parent (tuple 'done n)))
        ((tuple 'token k parent) (! next (tuple 'token (- k 1) parent)) (relay next (+ n 1)))))
    (defun server ()
      (receive
        ((tuple 'call from (tuple 'add x y)) (! from (tuple 'reply from (+ x y))) (server))
        ('stop 'stopped)))
    (defun boxes (t)
      (case t ((tuple 'b xs s) (tuple 'b (cons 0 xs) s))))
    """

  private func shell() throws -> Shell {
    let runtime = Runtime(clock: .virtual)
    _ = try ModuleCompiler.compileAndLoad(source: source, file: "reuse.lfe", runtime: runtime)
    return Shell(runtime: runtime)
  }

  private func code(_ runtime: Runtime, _ name: String, _ arity: Int) throws -> [Instruction] {
    try XCTUnwrap(
      runtime.modules[runtime.atoms.intern("reuse")]?.functions[
        FunctionKey(runtime.atoms.intern(name), arity)]
    ).code
  }

  func testOnlyTheChangedElementsAreWritten() throws {
    let s = try shell()
    let relay = try code(s.runtime, "relay", 2)
    // The second clause keeps 'token and parent where they are: one element written.
    let update = try XCTUnwrap(relay.firstIndex { $0.op == .updateTuple })
    XCTAssertEqual(relay[update + 1].op, .data)
    XCTAssertEqual(relay[update + 1].a, 0b010)
    XCTAssertFalse(relay.contains { $0.op == .makeTuple && $0.c == 3 })
    XCTAssertTrue(relay.contains { $0.op == .makeTuple && $0.c == 2 }, "#(done n) has another size")
    let bump = try code(s.runtime, "bump", 1)
    let u = try XCTUnwrap(bump.firstIndex { $0.op == .updateTuple })
    XCTAssertEqual(bump[u + 1].a, 0b010)
    // Both elements of a swap change.
    let swap = try code(s.runtime, "swap", 1)
    XCTAssertEqual(swap[try XCTUnwrap(swap.firstIndex { $0.op == .updateTuple }) + 1].a, 0b11)
    // A variable that is rebound is no longer the matched element.
    let rebind = try code(s.runtime, "rebind", 1)
    XCTAssertEqual(rebind[try XCTUnwrap(rebind.firstIndex { $0.op == .updateTuple }) + 1].a, 0b100)
    // A message bound whole to a variable is still read: its cell must not change.
    XCTAssertFalse(try code(s.runtime, "whole", 0).contains { $0.op == .updateTuple })
    // The reply keeps the caller where the request had it, inside a nested pattern.
    let server = try code(s.runtime, "server", 0)
    XCTAssertEqual(server[try XCTUnwrap(server.firstIndex { $0.op == .updateTuple }) + 1].a, 0b101)
  }

  func testAFreshValueIsRewrittenInPlace() throws {
    let s = try shell()
    XCTAssertEqual(s.evaluate(source: "(reuse:bump (tuple 'n 41 'x))"), "#(n 42 x)\n")
    XCTAssertEqual(s.evaluate(source: "(reuse:swap (tuple 1 (list 2)))"), "#((2) 1)\n")
    XCTAssertEqual(s.evaluate(source: "(reuse:rebind (tuple 'p 1 2))"), "#(p 1 20)\n")
    XCTAssertEqual(s.evaluate(source: "(reuse:boxes (tuple 'b (list 1 2) \"s\"))"), "#(b (0 1 2) \"s\")\n")
  }

  func testATupleHeldElsewhereIsCopiedNotChanged() throws {
    let s = try shell()
    _ = s.evaluate(source: "(set t (tuple 'n 1 (list 'tag)))")
    XCTAssertEqual(s.evaluate(source: "(reuse:bump t)"), "#(n 2 (tag))\n")
    XCTAssertEqual(s.evaluate(source: "t"), "#(n 1 (tag))\n")
    _ = s.evaluate(source: "(set u (tuple 'b (list 1) (list 2)))")
    XCTAssertEqual(s.evaluate(source: "(list (reuse:boxes u) u)"), "(#(b (0 1) (2)) #(b (1) (2)))\n")
  }

  func testAMessageBoundWholeKeepsItsValue() throws {
    let s = try shell()
    XCTAssertEqual(s.evaluate(source: "(progn (! (self) (tuple 'a 1)) (reuse:whole))"), "#(got #(a 1))\n")
  }

  func testARingOfRelaysCountsRight() throws {
    let s = try shell()
    _ = s.evaluate(
      source: """
        (let* ((a (spawn 'reuse 'start ()))
               (b (spawn 'reuse 'start ()))
               (c (spawn 'reuse 'start ())))
          (! a (tuple 'next b))
          (! b (tuple 'next c))
          (! c (tuple 'next a))
          (! a (tuple 'token 3000 (self))))
        """)
    // Three relays in a ring, 3000 hops: a takes every third token, 0 among them.
    XCTAssertEqual(s.evaluate(source: "(receive ((tuple 'done n) n) (after 1000 'timeout))"), "1000\n")
  }

  func testAServerRepliesInTheRequestsCell() throws {
    let s = try shell()
    _ = s.evaluate(source: "(set srv (spawn 'reuse 'server ()))")
    _ = s.evaluate(source: "(! srv (tuple 'call (self) (tuple 'add 2 3)))")
    XCTAssertEqual(s.evaluate(source: "(receive ((tuple 'reply from 5) (=:= from (self))))"), "true\n")
    XCTAssertEqual(s.evaluate(source: "(! srv 'stop)"), "stop\n")
  }
}
