import XCTest

@testable import LFE

/// Limits on a whole runtime (its memory, its number of processes): reaching one ends
/// the shell step and every process the step started, and the runtime goes on.
final class RuntimeLimitTests: XCTestCase {
  static func limits(_ change: (inout Limits) -> Void) -> Limits {
    var l = Limits()
    change(&l)
    return l
  }

  func testDeepRecursionsInManyProcessesStopAtTheMemoryLimit() throws {
    #if !os(Linux)
      throw XCTSkip("the memory limit is measured on Linux only")
    #else
      let held = try XCTUnwrap(ResidentMemory.bytes())
      // Room for a quarter of a gigabyte more than the test program holds now; without
      // the limit the sixteen recursions would take several gigabytes each.
      let limit = held + (256 << 20)
      let s = ProcessSession(limits: Self.limits { $0.memoryBytes = limit })
      s.eval("(defun deep (n) (+ 1 (deep (+ n 1))))")
      XCTAssertEqual(s.eval("(+ 1 1)"), "2\n")
      let baseline = s.runtime.processCount
      let out = s.eval("(lists:foreach (lambda (_) (spawn (lambda () (deep 0)))) (lists:seq 1 16))")
      XCTAssertEqual(
        out,
        "ok\n** evaluation stopped: the program holds more than \(limit >> 20) MB (Limits.memoryBytes); "
          + "the 16 processes this form started were ended\n\n")
      XCTAssertEqual(s.runtime.processCount, baseline)
      XCTAssertEqual(s.eval("(+ 1 2)"), "3\n")
      XCTAssertEqual(s.eval("(length (erlang:processes))"), "\(baseline)\n")
      // The stacks they grew were given back.
      XCTAssertLessThan(try XCTUnwrap(ResidentMemory.bytes()), limit)
    #endif
  }

  func testAForkBombEndsWithItsProcessesAndLeavesNothingBehind() {
    let s = ProcessSession(limits: Self.limits { $0.processes = 5_000 })
    s.eval("(defun sp () (spawn (lambda () (sp))) (sp))")
    XCTAssertEqual(s.eval("(+ 1 1)"), "2\n")
    let baseline = s.runtime.processCount
    let out = s.eval("(sp)")
    // The one process that reached the limit crashed with it and says so; the shell
    // killed its evaluator (which was spawning too) and the rest.
    XCTAssertEqual(out.components(separatedBy: "=ERROR REPORT").count, 2, out)
    XCTAssertTrue(out.contains("with exit value:\n{system_limit,["), out)
    XCTAssertTrue(
      out.hasSuffix(
        "** evaluation stopped: 5000 processes are alive (Limits.processes); "
          + "the 4998 processes this form started were ended\n\n"),
      out)
    XCTAssertEqual(s.runtime.processCount, baseline - 1)
    XCTAssertEqual(s.eval("(+ 2 3)"), "5\n")
    XCTAssertEqual(s.runtime.processCount, baseline)
    XCTAssertEqual(s.eval("(+ 3 4)"), "7\n")
  }

  func testAForkBombInTheBackgroundIsEndedToo() {
    let s = ProcessSession(limits: Self.limits { $0.processes = 5_000 })
    s.eval("(defun sp () (spawn (lambda () (sp))) (sp))")
    XCTAssertEqual(s.eval("(+ 1 1)"), "2\n")
    let baseline = s.runtime.processCount
    let out = s.eval("(progn (spawn (lambda () (sp))) 'started)")
    XCTAssertTrue(out.hasPrefix("started\n"), out)
    XCTAssertTrue(
      out.hasSuffix(
        "** evaluation stopped: 5000 processes are alive (Limits.processes); "
          + "the 4998 processes this form started were ended\n\n"),
      out)
    XCTAssertEqual(s.runtime.processCount, baseline)
    XCTAssertEqual(s.eval("(+ 2 3)"), "5\n")
  }

  func testTheResidentSizeIsRead() throws {
    #if os(Linux)
      let held = try XCTUnwrap(ResidentMemory.bytes())
      XCTAssertGreaterThan(held, 1 << 20)
    #endif
  }

  func testTheDefaultBoundsTheProgramWellBelowTheMachine() {
    XCTAssertEqual(Limits().memoryBytes, 4 << 30)
  }
}
