import XCTest

@testable import LFE

/// The count of what a runtime's terms and processes hold (`HeapAccount`), and the
/// limit on it (`Limits.heapBytes`): reaching it ends the step, whatever holds the
/// memory (one long list, many processes, deep stacks).
final class HeapAccountTests: XCTestCase {
  private func session(headroom: Int) -> ProcessSession {
    var limits = Limits()
    // The resident-size check would also stop these; leave the heap limit alone in play.
    limits.memoryBytes = nil
    limits.heapBytes = HeapAccount.bytes + headroom
    return ProcessSession(limits: limits)
  }

  /// Starts a process that builds what `build` makes and holds it until told to stop.
  private func holder(_ s: ProcessSession, _ build: String) {
    s.eval("(set p (spawn (lambda () (let ((held \(build))) (receive (who (! who (length held))))))))")
  }

  /// Lets the holder go and waits for it to end.
  private func release(_ s: ProcessSession) {
    XCTAssertTrue(s.eval("(progn (! p (self)) (receive (n (timer:sleep 10) n)))").hasSuffix("\n"))
    XCTAssertEqual(s.eval("(is_process_alive p)"), "false\n")
  }

  func testBuildingAndDroppingAListIsCountedBothWays() {
    let s = ProcessSession()
    XCTAssertEqual(s.eval("(+ 1 1)"), "2\n")
    let before = HeapAccount.bytes
    holder(s, "(lists:seq 1 1000000)")
    let held = HeapAccount.bytes - before
    // A million cells of 48 bytes each, and little else.
    XCTAssertGreaterThanOrEqual(held, 48_000_000)
    XCTAssertLessThan(held, 64_000_000)
    release(s)
    XCTAssertLessThan(HeapAccount.bytes - before, 1_000_000)
  }

  func testEveryKindOfBoxIsCountedAndGivenBack() {
    let s = ProcessSession()
    XCTAssertEqual(s.eval("(+ 1 1)"), "2\n")
    let before = HeapAccount.bytes
    holder(
      s,
      """
      (lists:map (lambda (i) (tuple i (bsl 1 (+ 100 i)) (list_to_binary (lists:duplicate 100 65))
        (map i (list i)) (lambda () i))) (lists:seq 1 10000))
      """)
    let held = HeapAccount.bytes - before
    // Per element: a 5-tuple, a bignum, a 100-byte binary, a map, a cell and a fun.
    XCTAssertGreaterThan(held, 10_000 * (112 + 80 + 164 + 64 + 48 + 80))
    release(s)
    XCTAssertLessThan(HeapAccount.bytes - before, 1_000_000)
  }

  func testABuiltInAsksBeforeItBuilds() {
    let s = session(headroom: 64 << 20)
    let out = s.eval("(length (lists:seq 1 10000000))")
    XCTAssertEqual(
      out,
      "** exception error: a system limit has been reached\n  in (lists : seq 1 10000000)\n"
        + "  (a limit of this runtime: the runtime's processes and terms hold more than "
        + "\(s.runtime.limits.heapBytes! >> 20) MB (Limits.heapBytes))\n\n")
    XCTAssertEqual(s.eval("(length (lists:seq 1 1000))"), "1000\n")
  }

  func testAListBuiltByRecursionEndsTheStep() {
    let s = session(headroom: 64 << 20)
    s.eval("(defun build (n acc) (if (== n 0) acc (build (- n 1) (cons n acc))))")
    let out = s.eval("(length (build 10000000 '()))")
    XCTAssertTrue(
      out.hasSuffix(
        "** evaluation stopped: the runtime's processes and terms hold more than "
          + "\(s.runtime.limits.heapBytes! >> 20) MB (Limits.heapBytes); "
          + "no process this form started was left to end\n\n"),
      out)
    XCTAssertEqual(s.eval("(+ 1 2)"), "3\n")
  }

  func testDeepRecursionsInManyProcessesStopBeforeTheyGrowPastIt() {
    let s = session(headroom: 256 << 20)
    s.eval("(defun deep (n) (+ 1 (deep (+ n 1))))")
    XCTAssertEqual(s.eval("(+ 1 1)"), "2\n")
    let baseline = s.runtime.processCount
    let out = s.eval("(lists:foreach (lambda (_) (spawn (lambda () (deep 0)))) (lists:seq 1 16))")
    // The process whose stack would have crossed the limit dies of it; the step ends
    // the other fifteen.
    XCTAssertTrue(out.contains("{system_limit,[{lfe_eval,deep,1,[]}]}"), out)
    XCTAssertTrue(
      out.hasSuffix(
        "** evaluation stopped: the runtime's processes and terms hold more than "
          + "\(s.runtime.limits.heapBytes! >> 20) MB (Limits.heapBytes); "
          + "the 15 processes this form started were ended\n\n"),
      out)
    XCTAssertEqual(s.runtime.processCount, baseline)
    // The stacks were checked before they grew, so the count never went far past it.
    XCTAssertLessThan(HeapAccount.bytes, s.runtime.limits.heapBytes!)
    XCTAssertEqual(s.eval("(+ 1 2)"), "3\n")
  }

  func testAForkBombEndsAtTheHeapLimitWhenProcessesAreAllowed() {
    let s = session(headroom: 64 << 20)
    s.eval("(defun sp () (spawn (lambda () (sp))) (sp))")
    XCTAssertEqual(s.eval("(+ 1 1)"), "2\n")
    let baseline = s.runtime.processCount
    let out = s.eval("(sp)")
    XCTAssertTrue(out.contains("(Limits.heapBytes); the "), out)
    XCTAssertTrue(out.hasSuffix("processes this form started were ended\n\n"), out)
    XCTAssertEqual(s.eval("(+ 2 3)"), "5\n")
    XCTAssertEqual(s.runtime.processCount, baseline)
  }

  func testAtomsAreCounted() {
    let s = ProcessSession()
    XCTAssertEqual(s.eval("(+ 1 1)"), "2\n")
    let before = HeapAccount.bytes
    XCTAssertEqual(
      s.eval("(length (lists:map (lambda (i) (list_to_atom (integer_to_list i))) (lists:seq 1 10000)))"),
      "10000\n")
    // Atoms are never freed: their names stay counted.
    XCTAssertGreaterThan(HeapAccount.bytes - before, 10_000 * 64)
  }

  func testTheDefaultIsWellBelowTheProgramLimit() {
    XCTAssertEqual(Limits().heapBytes, 2 << 30)
    XCTAssertLessThan(Limits().heapBytes!, Limits().memoryBytes!)
  }
}
