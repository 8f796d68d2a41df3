import Foundation
import XCTest

#if canImport(Glibc)
  /// `tutor repl` on a pseudo-terminal: the runtime keeps running while the prompt waits,
  /// runaway forms are stopped by Ctrl-C or by their time, and the session goes on.
  final class TerminalReplTests: XCTestCase {
    func repl(_ arguments: [String] = []) throws -> PseudoTerminal {
      let terminal = try PseudoTerminal(executable: CommandLineTests.binary, arguments: ["repl"] + arguments)
      XCTAssertTrue(terminal.waitFor("lfe> ", timeout: 10), terminal.screenText)
      return terminal
    }

    /// Types `form` and Enter; waits for `answer` and the next prompt.
    func evaluate(_ terminal: PseudoTerminal, _ form: String, answer: String, timeout: Double = 10) {
      terminal.send(form + "\r")
      XCTAssertTrue(terminal.waitFor(answer, timeout: timeout), "no \(answer) in:\n\(terminal.screenText)")
      XCTAssertTrue(terminal.waitFor("lfe> ", timeout: timeout), terminal.screenText)
    }

    func testOutputOfASleepingProcessShowsAtTheWaitingPromptAndTheLineIsRedrawn() throws {
      let t = try repl()
      evaluate(t, #"(spawn (lambda () (timer:sleep 500) (io:format "late~n")))"#, answer: "#Pid<")
      t.send("(+ 1")
      // Nothing more is typed: the process wakes while the prompt waits.
      XCTAssertTrue(t.waitFor("late\n", timeout: 5), t.screenText)
      XCTAssertTrue(
        t.waitFor("lfe> (+ 1", timeout: 5), "the half-typed line is drawn again:\n\(t.screenText)")
      t.send(" 2)\r")
      XCTAssertTrue(t.waitFor("3\n", timeout: 5), t.screenText)
    }

    func testTraceCommandDrawsWhoSentWhatToWhom() throws {
      let t = try repl()
      evaluate(t, "(set echo (spawn (lambda () (receive ((tuple from m) (! from m))))))", answer: "#Pid<")
      t.send(":trace (progn (! echo (tuple (self) 'ping)) (receive (m m)))\r")
      XCTAssertTrue(t.waitFor("● receive ping", timeout: 10), t.screenText)
      XCTAssertTrue(t.screenText.contains("shell"), t.screenText)
      XCTAssertTrue(t.screenText.contains("echo"), t.screenText)
      XCTAssertTrue(t.screenText.contains("▶│"), t.screenText)
      XCTAssertTrue(t.waitFor("lfe> ", timeout: 5), t.screenText)
    }

    func testCtrlCStopsAnEndlessLoopAndTheSessionGoesOn() throws {
      let t = try repl()
      evaluate(t, "(defun loop () (loop))", answer: "loop")
      t.send("(loop)\r")
      // Ctrl-C is sent once the loop runs: typed earlier, it would drop the line instead.
      t.collect(for: 0.5)
      t.send("\u{3}")
      XCTAssertTrue(t.waitFor("interrupted: the evaluation was stopped", timeout: 10), t.screenText)
      XCTAssertTrue(t.waitFor("lfe> ", timeout: 5), t.screenText)
      evaluate(t, "(+ 4 5)", answer: "9")
    }

    func testTheStepTimeoutStopsAnEndlessLoopAndNamesIt() throws {
      let t = try repl(["--step-timeout", "1s"])
      evaluate(t, "(defun loop () (loop))", answer: "loop")
      t.send("(loop)\r")
      XCTAssertTrue(
        t.waitFor("** evaluation stopped after 1 s: the evaluator <0.", timeout: 15), t.screenText)
      XCTAssertTrue(t.waitFor("was running in loop/0", timeout: 1), t.screenText)
      XCTAssertTrue(t.waitFor("lfe> ", timeout: 5), t.screenText)
      evaluate(t, "(+ 4 5)", answer: "9")
    }

    func testCtrlCDropsAHalfTypedLine() throws {
      let t = try repl()
      t.send("(+ 1")
      XCTAssertTrue(t.waitFor("(+ 1", timeout: 5), t.screenText)
      t.send("\u{3}")
      XCTAssertTrue(t.waitFor("lfe> ", timeout: 5), t.screenText)
      evaluate(t, "(+ 2 3)", answer: "5")
      // A form over several lines: Ctrl-C at its second line drops all of it.
      t.send("(list 1\r")
      XCTAssertTrue(t.waitFor("Ctrl-C", timeout: 5), "a hint says how to drop the form:\n\(t.screenText)")
      XCTAssertTrue(t.waitFor("...> ", timeout: 5), t.screenText)
      t.send("\u{3}")
      XCTAssertTrue(t.waitFor("lfe> ", timeout: 5), t.screenText)
      evaluate(t, "(+ 3 4)", answer: "7")
      XCTAssertFalse(t.screenText.contains("(1 "), t.screenText)
    }

    func testCtrlDEndsTheSessionWithExitZero() throws {
      let t = try repl()
      evaluate(t, "(+ 1 1)", answer: "2")
      t.send("\u{4}")
      XCTAssertEqual(t.waitForExit(timeout: 10), 0, t.screenText)
    }

    func testASpinningProcessLeavesThePromptFreeAndIsListed() throws {
      let t = try repl()
      evaluate(t, "(spawn (lambda () (fletrec ((f () (f))) (f))))", answer: "#Pid<")
      evaluate(t, "(+ 6 7)", answer: "13")
      t.send(":ps\r")
      XCTAssertTrue(t.waitFor("Current function", timeout: 5), t.screenText)
      XCTAssertTrue(t.waitFor("runnable", timeout: 5), t.screenText)
      XCTAssertTrue(t.waitFor("f/0", timeout: 5), t.screenText)
      XCTAssertTrue(t.waitFor("lfe> ", timeout: 5), t.screenText)
      evaluate(t, "(+ 7 8)", answer: "15")
    }

    func testABadStepTimeoutIsAUsageError() throws {
      let t = try PseudoTerminal(
        executable: CommandLineTests.binary, arguments: ["repl", "--step-timeout", "soon"])
      XCTAssertEqual(t.waitForExit(timeout: 10), 2)
      XCTAssertTrue(t.screenText.contains("--step-timeout takes a time such as 10s"), t.screenText)
    }

    func testAKilledProgramReportsItsSignal() throws {
      let t = try repl()
      t.kill(SIGTERM)
      XCTAssertEqual(t.waitForExit(timeout: 10), 128 + SIGTERM)
    }
  }
#endif
