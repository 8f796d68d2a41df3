import Foundation
import XCTest

#if canImport(Glibc)
  import Glibc

  /// `tutor learn` driven through a pseudo-terminal as a learner uses it: typing the
  /// page's inputs, wrong answers with their diff and hints, every command, and a session
  /// that quits or is killed and resumes where it was, shell state and all.
  final class LearnTerminalTests: XCTestCase {
    var course: URL!
    var home: URL!
    var workspace: URL!

    override func setUpWithError() throws {
      let base = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-learn-pty-\(UUID())")
      course = base.appendingPathComponent("course")
      home = base.appendingPathComponent("home")
      workspace = base.appendingPathComponent("workspace")
      try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
      try FileManager.default.copyItem(at: LearnCommandTests.fixture, to: course)
      addTeardownBlock { try? FileManager.default.removeItem(at: base) }
    }

    func learn(_ extra: [String] = []) throws -> PseudoTerminal {
      try PseudoTerminal(
        executable: TutorTestCase.binary,
        arguments: ["learn", course.path, "--workspace", workspace.path] + extra,
        environment: [
          "HOME": home.path, "XDG_STATE_HOME": home.appendingPathComponent("state").path,
          "EDITOR": "true",
        ])
    }

    func expect(_ t: PseudoTerminal, _ text: String, timeout: Double = 10, line: UInt = #line) {
      XCTAssertTrue(t.waitFor(text, timeout: timeout), "no \(text) in:\n\(t.screenText)", line: line)
    }

    /// Types a line and waits for `answer`.
    func type(_ t: PseudoTerminal, _ input: String, _ answer: String, line: UInt = #line) {
      t.send(input + "\r")
      expect(t, answer, line: line)
    }

    func testAWholeCourseWithHelpResumeAndKill() throws {
      var t = try learn()
      expect(t, "1. [ ] Values and variables")
      expect(t, "Page [1], or :quit: ")
      type(t, "", "[1/4] 01-basics#1")
      expect(t, "lfe> ")
      type(t, "(+ 1 2)", "01-basics#1: matches the page")

      // A wrong answer of the right kind: a diff and the author's hint.
      expect(t, "[2/4] 01-basics#2")
      type(t, "(set x 11)", "01-basics#2: not what the page shows")
      expect(t, "-10")
      expect(t, "+11")
      expect(t, "hint: set binds a name to the value of an expression")
      type(t, ":hint", "hint: the page expects 10 where your input printed something else")
      type(t, ":show", "(set x 10)")
      type(t, ":solve", "01-basics#2: solved with help")

      // Another way to write it passes, with the page's form shown.
      expect(t, "[3/4] 01-basics#3")
      type(t, "(* 2 x)", "01-basics#3: matches the page")
      expect(t, "note: the page typed it as (* x 2)")

      // Input that says nothing about the step is just evaluated, with a reminder.
      expect(t, "[4/4] 01-basics#4")
      type(t, "(lists:reverse '(1 2 3))", "(3 2 1)")
      expect(t, "(this step asks you to type (! (self) 'hello)")
      type(t, "(! (self) 'extra)", "01-basics#4: not what the page shows")
      type(t, ":hint", "the shell's mailbox holds 1 message that no receive took")
      type(t, ":mailbox", "extra")
      type(t, ":ps", "lfe_shell")
      type(t, ":list", "> 01-basics#4")
      type(t, "(! (self) 'hello)", "01-basics#4: matches the page")
      expect(t, "End of 01-basics.")

      // The next page: a file, a module, a process.
      type(t, "", "[1/6] 02-modules#1")
      type(t, ":write", "02-modules#1: greet.lfe is saved")
      XCTAssertTrue(
        FileManager.default.fileExists(atPath: workspace.appendingPathComponent("greet.lfe").path))
      type(t, "(c \"greet\")", "02-modules#2: matches the page")
      type(t, "(greet:hello \"Ann\")", "02-modules#3: matches the page")
      type(t, ":back", "[3/6] 02-modules#3")
      type(t, ":next", "[4/6] 02-modules#4")
      type(t, ":back", "[3/6] 02-modules#3")
      type(t, ":goto #4", "[4/6] 02-modules#4")
      type(t, "(set pid (spawn 'greet 'wait ()))", "02-modules#4: matches the page")
      type(t, ":ps", "greet:wait/0")
      t.send(":quit\r")
      XCTAssertEqual(t.waitForExit(timeout: 10), 0, t.screenText)

      // Quit and come back: the same step, with the bound pid's process still waiting.
      t = try learn()
      expect(t, "1. [x] Values and variables")
      expect(t, "2. [~] A module and a process")
      type(t, "", "the shell is as you left it")
      expect(t, "[5/6] 02-modules#5")
      type(t, "(progn (! pid #(say \"hi\")) (timer:sleep 100))", "Heard: hi")
      expect(t, "02-modules#5: matches the page")
      expect(t, "[6/6] 02-modules#6")

      // Killed mid-page: nothing is lost.
      t.kill(SIGKILL)
      _ = t.waitForExit(timeout: 5)
      t = try learn()
      type(t, "", "[6/6] 02-modules#6")
      type(t, "(greet:hello \"Bo\")", "Hello, Bo!")
      type(t, ":check", "02-modules#6: ")
      expect(t, "-42")
      expect(t, "+21")
      t.send(":solve\r")
      expect(t, "+  (* 2 x))")
      expect(t, "Write the solution to twice.lfe? [y/N]")
      type(t, "y", "02-modules#6: the exercise passes")
      expect(t, "End of 02-modules.")
      type(t, ":goto 01-basics#3", "[3/4] 01-basics#3")
      t.send(":quit\r")
      XCTAssertEqual(t.waitForExit(timeout: 10), 0, t.screenText)
    }

    func testBackgroundOutputArrivesAtTheWaitingPromptAndRunawayCodeStops() throws {
      let t = try learn(["--step-timeout", "1s"])
      type(t, "1", "[1/4] 01-basics#1")
      type(t, #"(spawn (lambda () (timer:sleep 500) (io:format "late~n")))"#, "#Pid<")
      // Nothing is typed: the process wakes while the prompt waits.
      expect(t, "late", timeout: 3)
      type(t, "(defun loop () (loop))", "loop")
      type(t, "(loop)", "evaluation stopped after 1 s", line: #line)
      t.send("(loop)\r")
      t.collect(for: 0.3)
      t.send("\u{3}")
      expect(t, "interrupted")
      type(t, "(+ 1 2)", "01-basics#1: matches the page")
    }

    func testATraceBlockDrawsTheDiagramOnceTheAnswerPasses() throws {
      let page = course.appendingPathComponent("01-basics.md")
      let text = try String(contentsOf: page, encoding: .utf8).replacingOccurrences(
        of: "Send it a message:\n", with: "Send it a message:\n\n<!-- tutor: trace -->\n")
      try text.write(to: page, atomically: true, encoding: .utf8)
      let t = try learn()
      type(t, "1", "[1/4] 01-basics#1")
      type(t, "(+ 1 2)", "01-basics#1: matches the page")
      type(t, "(set x 10)", "01-basics#2: matches the page")
      type(t, "(* x 2)", "01-basics#3: matches the page")
      XCTAssertFalse(t.screenText.contains("receive"), t.screenText)
      type(t, "(! (self) 'hello)", "01-basics#4: matches the page")
      expect(t, "↻ hello")
      XCTAssertTrue(t.screenText.contains("shell"), t.screenText)
    }

    func testAChangedCourseKeepsTheStatusOfUnchangedSteps() throws {
      var t = try learn()
      type(t, "1", "[1/4] 01-basics#1")
      for (input, step) in [("(+ 1 2)", 1), ("(set x 10)", 2), ("(* x 2)", 3), ("(! (self) 'hello)", 4)] {
        type(t, input, "01-basics#\(step): matches the page")
      }
      expect(t, "End of 01-basics.")
      t.send(":quit\r")
      XCTAssertEqual(t.waitForExit(timeout: 10), 0, t.screenText)
      let page = course.appendingPathComponent("01-basics.md")
      let text = try String(contentsOf: page, encoding: .utf8).replacingOccurrences(
        of: "lfe> (* x 2)\n20", with: "lfe> (* x 3)\n30")
      try text.write(to: page, atomically: true, encoding: .utf8)
      t = try learn()
      expect(t, "1. [~] Values and variables")
      expect(t, "(01-basics, 3/4)")
      type(t, "", "[3/4] 01-basics#3")
    }

    func testEditSkipMenuHelpAndReset() throws {
      // An editor that writes a module with a mistake into the file it is given.
      let broken = home.appendingPathComponent("broken.lfe")
      try "(defmodule greet\n  (export (hello 1) (wait 0)))\n\n(defun hello (name) name)\n".write(
        to: broken, atomically: true, encoding: .utf8)
      let editor = home.appendingPathComponent("fake-editor")
      try "#!/bin/sh\ncat \"$BROKEN\" > \"$1\"\n".write(to: editor, atomically: true, encoding: .utf8)
      chmod(editor.path, 0o755)
      let t = try PseudoTerminal(
        executable: TutorTestCase.binary, arguments: ["learn", course.path, "--workspace", workspace.path],
        environment: [
          "HOME": home.path, "XDG_STATE_HOME": home.appendingPathComponent("state").path,
          "EDITOR": editor.path, "BROKEN": broken.path,
        ])
      type(t, "2", "[1/6] 02-modules#1")
      type(t, ":edit", "greet.lfe:1: function wait/0 undefined")
      expect(t, "02-modules#1: greet.lfe does not compile")
      type(t, ":write", "02-modules#1: greet.lfe is saved")
      type(t, ":skip", "02-modules#2: skipped")
      type(t, "(greet:hello \"Ann\")", "02-modules#3: matches the page")
      type(t, ":help", ":mailbox [PID|NAME]")
      type(t, ":menu", "2. [~] A module and a process (02-modules, 3/6)")
      type(t, "2", "[4/6] 02-modules#4")
      t.send(":reset\r")
      expect(t, "Start 02-modules again?")
      type(t, "y", "[1/6] 02-modules#1")
      t.send(":quit\r")
      XCTAssertEqual(t.waitForExit(timeout: 10), 0, t.screenText)
    }
  }
#endif
