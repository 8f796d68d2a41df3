import Foundation
import XCTest

@testable import LFE

/// The shell between forms: background processes run on demand on a real clock, runaway
/// forms are stopped by the host-time limit, the clock switches without a jump, and
/// processes and mailboxes can be looked at without changing them.
final class RealTimeTests: XCTestCase {
  func shell(clock: ClockMode, wallMilliseconds: Int? = nil) -> Shell {
    var limits = Limits()
    limits.wallMillisecondsPerStep = wallMilliseconds
    return Shell(runtime: Runtime(clock: clock, limits: limits))
  }

  /// Calls `runBackground` as a waiting prompt does, every 10 ms, until its output holds
  /// `text` or 500 calls have passed.
  func background(_ shell: Shell, until text: String) -> String {
    var out = ""
    for _ in 0..<500 where !out.contains(text) {
      out += shell.runBackground(milliseconds: 20)
      usleep(10_000)
    }
    return out
  }

  func testASleepingProcessPrintsWhenTheBackgroundRunsOnARealClock() {
    let s = shell(clock: .real)
    s.settleMilliseconds = 50
    let value = s.evaluate(source: #"(spawn (lambda () (timer:sleep 150) (io:format "late~n")))"#)
    XCTAssertTrue(value.hasPrefix("#Pid<"), value)
    XCTAssertFalse(value.contains("late"), "the sleep is not over when the prompt comes back")
    XCTAssertEqual(background(s, until: "late"), "late\n")
    XCTAssertEqual(s.processSnapshots().count, 1, "only the evaluator is left")
  }

  func testASpinningProcessGetsSlicesAndNeverHoldsTheShell() {
    let s = shell(clock: .real, wallMilliseconds: 10_000)
    s.settleMilliseconds = 50
    XCTAssertTrue(s.evaluate(source: "(spawn (lambda () (fletrec ((f () (f))) (f))))").hasPrefix("#Pid<"))
    XCTAssertEqual(s.evaluate(source: "(+ 1 2)"), "3\n")
    XCTAssertFalse(s.lastFormTimedOut)
    XCTAssertEqual(s.runBackground(milliseconds: 5), "")
    let spinner = s.processSnapshots().first { !$0.isShellEvaluator }
    XCTAssertEqual(spinner?.status, "runnable")
    XCTAssertEqual(spinner?.currentFunction, "f/0")
    XCTAssertEqual(spinner?.initialCall, "erlang:apply/2")
    XCTAssertTrue(s.processTableText().contains("f/0"), s.processTableText())
  }

  func testTheHostTimeLimitStopsAnEndlessFormAndNamesWhereItWas() {
    let s = shell(clock: .virtual, wallMilliseconds: 200)
    s.evaluate(source: "(defun loop () (loop))")
    let out = s.evaluate(source: "(loop)")
    XCTAssertTrue(s.lastFormTimedOut)
    XCTAssertTrue(
      out.hasPrefix("** evaluation stopped after 200 ms: the evaluator <0.79.0> was running in loop/0\n"), out
    )
    XCTAssertEqual(s.evaluate(source: "(+ 1 2)"), "3\n")
    XCTAssertFalse(s.lastFormTimedOut)
  }

  func testTheHostTimeLimitNamesTheBusyProcessWhenTheEvaluatorWaits() {
    let s = shell(clock: .virtual, wallMilliseconds: 200)
    let out = s.evaluate(
      source: "(progn (register 'spinner (spawn (lambda () (fletrec ((f () (f))) (f))))) (receive (x x)))")
    XCTAssertTrue(out.contains("the evaluator <0.79.0> was waiting in the form typed at the prompt"), out)
    XCTAssertTrue(out.contains("while <0.80.0> (spinner) kept running in f/0"), out)
  }

  func testABusyProcessAfterAFormIsKilledWhenTheStepRunsOutOfTime() {
    let s = shell(clock: .virtual, wallMilliseconds: 200)
    let out = s.evaluate(source: "(spawn (lambda () (fletrec ((f () (f))) (f))))")
    XCTAssertTrue(
      out.contains("** the step ran past 200 ms: <0.80.0> kept running in f/0, so it was killed"), out)
    XCTAssertEqual(s.processSnapshots().count, 1)
  }

  func testSwitchingToRealTimeContinuesFromTheVirtualClock() {
    var limits = Limits()
    // The timer lies past what one virtual step may use, so it is still pending.
    limits.virtualMillisecondsPerStep = 10
    let s = Shell(runtime: Runtime(clock: .virtual, limits: limits))
    s.evaluate(source: "(timer:sleep 5)")
    s.evaluate(source: #"(spawn (lambda () (receive (after 150 (io:format "woke~n")))))"#)
    let before = s.runtime.clock.now
    XCTAssertEqual(before, 5)
    s.runtime.setClock(.real)
    XCTAssertEqual(s.runtime.clockMode, .real)
    XCTAssertGreaterThanOrEqual(s.runtime.clock.now, before)
    XCTAssertLessThan(s.runtime.clock.now, before + 1000, "real time starts from the virtual now")
    let waiting = s.processSnapshots().first { !$0.isShellEvaluator }
    XCTAssertTrue(waiting?.status.hasPrefix("waiting (after ") == true, waiting?.status ?? "none")
    XCTAssertEqual(background(s, until: "woke"), "woke\n")
    s.runtime.setClock(.virtual)
    XCTAssertGreaterThanOrEqual(s.runtime.clock.now, before + 150)
  }

  func testSnapshotsShowNamesLinksMonitorsAndWaits() {
    let s = shell(clock: .virtual)
    s.evaluate(source: "(set a (spawn (lambda () (receive ('stop 'ok)))))")
    s.evaluate(source: "(register 'keeper a)")
    s.evaluate(source: "(set b (spawn_link (lambda () (receive (x x)))))")
    s.evaluate(source: "(set r (monitor 'process a))")
    s.evaluate(source: "(! a 'one)")
    let all = s.processSnapshots()
    XCTAssertEqual(all.map(\.pid), ["<0.79.0>", "<0.80.0>", "<0.81.0>"])
    XCTAssertEqual(all.map(\.isShellEvaluator), [true, false, false])
    XCTAssertEqual(all[0].status, "idle")
    XCTAssertEqual(all[0].links, ["<0.81.0>"])
    XCTAssertEqual(all[0].monitors, ["<0.80.0>"])
    // No clause of `a` takes `one`: it stays in the mailbox.
    XCTAssertEqual(all[1].registeredName, "keeper")
    XCTAssertEqual(all[1].mailboxLength, 1)
    XCTAssertEqual(all[1].monitoredBy, ["<0.79.0>"])
    XCTAssertEqual(all[1].status, "waiting")
    XCTAssertEqual(all[1].currentFunction, "a fun/0 typed at the prompt")
    XCTAssertEqual(all[2].status, "waiting")
    XCTAssertEqual(all[2].links, ["<0.79.0>"])
  }

  func testMailboxTextListsWaitingMessagesWithoutTakingThem() {
    let s = shell(clock: .virtual)
    s.evaluate(source: "(! (self) #(hello 1))")
    s.evaluate(source: "(! (self) 'two)")
    XCTAssertEqual(s.mailboxLength, 2)
    XCTAssertEqual(s.mailboxText(nil), "#(hello 1)\ntwo\n")
    XCTAssertEqual(s.mailboxText("<0.79.0>"), "#(hello 1)\ntwo\n")
    XCTAssertEqual(s.mailboxText("#Pid<0.79.0>"), "#(hello 1)\ntwo\n")
    XCTAssertEqual(s.mailboxText("0.79.0"), "#(hello 1)\ntwo\n")
    XCTAssertEqual(s.mailboxLength, 2, "looking takes nothing")
    s.evaluate(source: "(register 'quiet (spawn (lambda () (receive (never 'ok)))))")
    XCTAssertEqual(s.mailboxText("quiet"), "")
    XCTAssertNil(s.mailboxText("nobody"))
    XCTAssertNil(s.mailboxText("<0.999.0>"))
    XCTAssertEqual(s.evaluate(source: "(receive (x x))"), "#(hello 1)\n")
    XCTAssertEqual(s.mailboxLength, 1)
    let table = s.processTableText()
    XCTAssertTrue(table.hasPrefix("Pid       Name     Status   Msgs  Current function"), table)
    XCTAssertTrue(table.contains("<0.79.0>  (shell)  idle        1"), table)
    XCTAssertTrue(table.contains("quiet"), table)
  }

  func testTheBackgroundOnAVirtualClockLeavesTimeAlone() {
    var limits = Limits()
    limits.virtualMillisecondsPerStep = 10
    let s = Shell(runtime: Runtime(clock: .virtual, limits: limits))
    s.evaluate(source: #"(spawn (lambda () (receive (after 1000 (io:format "woke~n")))))"#)
    XCTAssertEqual(s.runBackground(milliseconds: 5), "")
    XCTAssertEqual(s.runtime.clock.now, 0)
    XCTAssertEqual(s.runtime.limits.virtualMillisecondsPerStep, 10)
  }

  func testTheProcessTableListsTheOldestAndCountsTheRest() {
    let s = shell(clock: .virtual)
    s.evaluate(source: "(lists:foreach (lambda (_) (spawn (lambda () (receive (x x))))) (lists:seq 1 250))")
    let lines = s.processTableText().split(separator: "\n")
    XCTAssertEqual(lines.count, 1 + 200 + 1)
    XCTAssertEqual(lines.last, "... and 51 more processes")
  }
}
