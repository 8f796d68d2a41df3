import Foundation
import XCTest

@testable import LFE

/// Links, monitors, exit signals, timeouts on virtual time, selective receive, and the
/// runtime's limits, driven through the shell. Expected texts were checked against real
/// LFE 2.2.1 where it prints the same thing; pids are normalised to letters.
final class ProcessTests: XCTestCase {
  func check(
    _ session: ProcessSession, _ inputs: [String], _ expected: String, file: StaticString = #filePath,
    line: UInt = #line
  ) {
    let actual = ProcessSession.normalise(session.transcript(inputs))
    XCTAssertEqual(actual, expected, file: file, line: line)
  }

  static func limits(_ change: (inout Limits) -> Void) -> Limits {
    var l = Limits()
    change(&l)
    return l
  }

  // MARK: Links and exit signals

  func testTrapExitTurnsLinkedCrashIntoMessage() {
    check(
      ProcessSession(),
      [
        "(process_flag 'trap_exit 'true)", "(set p2 (spawn_link (lambda () (receive (x (exit x))))))",
        "(! p2 'oops)", "(receive (m m))", "(set p3 (spawn_link (lambda () 'done)))",
        "(receive (m m) (after 10 'none))", "(process_flag 'trap_exit 'false)",
      ],
      """
      lfe> (process_flag 'trap_exit 'true)
      false
      lfe> (set p2 (spawn_link (lambda () (receive (x (exit x))))))
      #Pid<A>
      lfe> (! p2 'oops)
      oops
      lfe> (receive (m m))
      #(EXIT #Pid<A> oops)
      lfe> (set p3 (spawn_link (lambda () 'done)))
      #Pid<B>
      lfe> (receive (m m) (after 10 'none))
      #(EXIT #Pid<B> normal)
      lfe> (process_flag 'trap_exit 'false)
      true

      """)
  }

  func testCrashPropagatesAlongAChainOfLinks() {
    let s = ProcessSession()
    s.eval("(process_flag 'trap_exit 'true)")
    // a is linked to the shell and to b; b is linked to c; c crashes.
    s.eval(
      "(set a (spawn_link (lambda () (let ((b (spawn_link (lambda () "
        + "(let ((c (spawn_link (lambda () (receive (x (exit x))))))) (register 'c c) (receive (_ 'ok))))))) "
        + "(register 'b b) (receive (_ 'ok))))))")
    XCTAssertEqual(s.eval("(list (is_pid (whereis 'b)) (is_pid (whereis 'c)))"), "(true true)\n")
    s.eval("(set b (whereis 'b))")
    XCTAssertEqual(s.eval("(! 'c 'chain)"), "chain\n")
    XCTAssertEqual(
      s.eval("(receive ((tuple 'EXIT from reason) (list (=:= from a) reason)))"), "(true chain)\n")
    XCTAssertEqual(
      s.eval("(list (is_process_alive a) (is_process_alive b) (whereis 'c))"), "(false false undefined)\n")
  }

  func testUnlinkStopsPropagation() {
    let s = ProcessSession()
    s.eval("(set p (spawn_link (lambda () (receive (x (exit x))))))")
    s.eval("(set me (self))")
    XCTAssertEqual(s.eval("(unlink p)"), "true\n")
    XCTAssertEqual(s.eval("(! p 'bye)"), "bye\n")
    XCTAssertEqual(s.eval("(=:= me (self))"), "true\n")
  }

  func testExitKillCannotBeTrappedAndLinksSeeKilled() {
    check(
      ProcessSession(),
      [
        "(process_flag 'trap_exit 'true)",
        "(set p (spawn_link (lambda () (process_flag 'trap_exit 'true) (receive (x x)))))",
        "(exit p 'kill)", "(is_process_alive p)", "(receive (m m) (after 100 'none))",
      ],
      """
      lfe> (process_flag 'trap_exit 'true)
      false
      lfe> (set p (spawn_link (lambda () (process_flag 'trap_exit 'true) (receive (x x)))))
      #Pid<A>
      lfe> (exit p 'kill)
      true
      lfe> (is_process_alive p)
      false
      lfe> (receive (m m) (after 100 'none))
      #(EXIT #Pid<A> killed)

      """)
  }

  func testExit2SignalsTrappedAndUntrapped() {
    check(
      ProcessSession(),
      [
        #"(set p5 (spawn (lambda () (process_flag 'trap_exit 'true) (receive (x (io:format "p5 got ~p~n" (list x)))))))"#,
        "(exit p5 'please)", "(is_process_alive p5)",
        #"(set q (spawn (lambda () (receive (x (io:format "q got ~p~n" (list x)))))))"#, "(exit q 'normal)",
        "(is_process_alive q)", "(exit q 'bye)", "(is_process_alive q)",
      ],
      """
      lfe> (set p5 (spawn (lambda () (process_flag 'trap_exit 'true) (receive (x (io:format "p5 got ~p~n" (list x)))))))
      #Pid<A>
      lfe> (exit p5 'please)
      true
      p5 got {'EXIT',<B>,please}
      lfe> (is_process_alive p5)
      false
      lfe> (set q (spawn (lambda () (receive (x (io:format "q got ~p~n" (list x)))))))
      #Pid<C>
      lfe> (exit q 'normal)
      true
      lfe> (is_process_alive q)
      true
      lfe> (exit q 'bye)
      true
      lfe> (is_process_alive q)
      false

      """)
  }

  func testShellKillingItselfGetsNewEvaluator() {
    check(
      ProcessSession(),
      ["(set old (self))", "(exit (self) 'kill)", "(=:= old (self))"],
      """
      lfe> (set old (self))
      #Pid<A>
      lfe> (exit (self) 'kill)
      ** exception exit: killed

      lfe> (=:= old (self))
      false

      """)
  }

  // MARK: Monitors

  func testMonitorDeliversDown() {
    check(
      ProcessSession(),
      [
        "(set p3 (spawn (lambda () (receive (x (exit x))))))", "(set ref (monitor 'process p3))",
        "(! p3 'gone)",
        "(receive ((tuple 'DOWN r 'process pid reason) (list (=:= r ref) (=:= pid p3) reason)))",
        "(set q (spawn (lambda () 'ok)))", "(monitor 'process q)",
        "(receive ((tuple 'DOWN _ 'process pid reason) (tuple (=:= pid q) reason)))",
      ],
      """
      lfe> (set p3 (spawn (lambda () (receive (x (exit x))))))
      #Pid<A>
      lfe> (set ref (monitor 'process p3))
      #Ref<>
      lfe> (! p3 'gone)
      gone
      lfe> (receive ((tuple 'DOWN r 'process pid reason) (list (=:= r ref) (=:= pid p3) reason)))
      (true true gone)
      lfe> (set q (spawn (lambda () 'ok)))
      #Pid<B>
      lfe> (monitor 'process q)
      #Ref<>
      lfe> (receive ((tuple 'DOWN _ 'process pid reason) (tuple (=:= pid q) reason)))
      #(true noproc)

      """)
  }

  func testMonitorDoesNotKillTheWatcherAndDemonitorStopsDown() {
    let s = ProcessSession()
    s.eval("(set me (self))")
    s.eval("(set p (spawn (lambda () (receive (x (exit x))))))")
    s.eval("(set r (monitor 'process p))")
    XCTAssertEqual(s.eval("(demonitor r)"), "true\n")
    s.eval("(! p 'crash)")
    XCTAssertEqual(s.eval("(list (=:= me (self)) (is_process_alive p))"), "(true false)\n")
    XCTAssertEqual(s.eval("(flush)"), "ok\n")
    let sm = s.eval("(spawn_monitor (lambda () (exit 'sm)))")
    XCTAssertTrue(sm.hasPrefix("#(#Pid<0."), sm)
    XCTAssertEqual(s.eval("(receive ((tuple 'DOWN _ 'process _ why) why))"), "sm\n")
  }

  // MARK: Timeouts and virtual time

  func testAfterZeroInfinityAndTimeouts() {
    check(
      ProcessSession(),
      [
        "(receive (m m) (after 0 'nothing))", "(receive (m m) (after 100 'timeout))", "(! (self) 1)",
        "(receive (3 'three) (after 0 'none))", "(receive (m m) (after 'infinity 'never))",
        "(receive (after 50 'slept))",
      ],
      """
      lfe> (receive (m m) (after 0 'nothing))
      nothing
      lfe> (receive (m m) (after 100 'timeout))
      timeout
      lfe> (! (self) 1)
      1
      lfe> (receive (3 'three) (after 0 'none))
      none
      lfe> (receive (m m) (after 'infinity 'never))
      1
      lfe> (receive (after 50 'slept))
      slept

      """)
  }

  func testSendAfterDeliversLater() {
    check(
      ProcessSession(),
      [
        "(erlang:send_after 100 (self) 'tick)", "(receive (m m) (after 'infinity 'never))",
        "(set p (spawn (lambda () (receive (m (io:format \"p got ~p~n\" (list m)))))))",
        "(erlang:send_after 10 p 'tock)",
      ],
      """
      lfe> (erlang:send_after 100 (self) 'tick)
      #Ref<>
      lfe> (receive (m m) (after 'infinity 'never))
      tick
      lfe> (set p (spawn (lambda () (receive (m (io:format "p got ~p~n" (list m)))))))
      #Pid<A>
      lfe> (erlang:send_after 10 p 'tock)
      #Ref<>
      p got tock

      """)
  }

  func testTimerSleepFollowsVirtualTime() {
    check(
      ProcessSession(),
      [
        #"(progn (spawn (lambda () (timer:sleep 100) (io:format "slept 100~n"))) (spawn (lambda () (timer:sleep 50) (io:format "slept 50~n"))) 'started)"#,
        #"(spawn (lambda () (timer:sleep 3000) (io:format "three seconds~n")))"#,
        "(timer:sleep 200)",
        #"(progn (spawn (lambda () (timer:sleep 30) (io:format "a 30~n") (timer:sleep 30) (io:format "a 60~n"))) (spawn (lambda () (timer:sleep 45) (io:format "b 45~n"))) 'ok)"#,
      ],
      """
      lfe> (progn (spawn (lambda () (timer:sleep 100) (io:format "slept 100~n"))) (spawn (lambda () (timer:sleep 50) (io:format "slept 50~n"))) 'started)
      started
      slept 50
      slept 100
      lfe> (spawn (lambda () (timer:sleep 3000) (io:format "three seconds~n")))
      #Pid<A>
      three seconds
      lfe> (timer:sleep 200)
      ok
      lfe> (progn (spawn (lambda () (timer:sleep 30) (io:format "a 30~n") (timer:sleep 30) (io:format "a 60~n"))) (spawn (lambda () (timer:sleep 45) (io:format "b 45~n"))) 'ok)
      ok
      a 30
      b 45
      a 60

      """)
  }

  func testMessageArrivingBeforeTimeoutWins() {
    let s = ProcessSession()
    s.eval("(set me (self))")
    s.eval("(spawn (lambda () (timer:sleep 40) (! me 'early)))")
    XCTAssertEqual(s.eval("(receive (m m) (after 100 'late))"), "early\n")
    // One form: after each form the shell lets virtual time run on until all wait.
    XCTAssertEqual(
      s.eval(
        "(let ((p (spawn (lambda () (timer:sleep 400) (! me 'too-late))))) (receive (m m) (after 100 'timed-out)))"
      ),
      "timed-out\n")
    XCTAssertEqual(s.eval("(flush)"), "Shell got 'too-late'\nok\n")
  }

  // MARK: Selective receive

  func testSelectiveReceiveKeepsUnmatchedMessagesInOrder() {
    check(
      ProcessSession(),
      [
        "(! (self) 'c)", "(! (self) 'a)", "(! (self) 'b)", "(! (self) 'd)", "(receive ('a 'got-a))",
        "(receive ('b 'got-b))", "(flush)",
        "(set s (spawn (lambda () (receive ((tuple 'go from) (receive ('b (! from 'got-b))) (receive (any (! from (tuple 'then any)))))))))",
        "(! s 'a)", "(! s 'b)", "(! s 'c)", "(! s (tuple 'go (self)))", "(flush)",
      ],
      """
      lfe> (! (self) 'c)
      c
      lfe> (! (self) 'a)
      a
      lfe> (! (self) 'b)
      b
      lfe> (! (self) 'd)
      d
      lfe> (receive ('a 'got-a))
      got-a
      lfe> (receive ('b 'got-b))
      got-b
      lfe> (flush)
      Shell got c
      Shell got d
      ok
      lfe> (set s (spawn (lambda () (receive ((tuple 'go from) (receive ('b (! from 'got-b))) (receive (any (! from (tuple 'then any)))))))))
      #Pid<A>
      lfe> (! s 'a)
      a
      lfe> (! s 'b)
      b
      lfe> (! s 'c)
      c
      lfe> (! s (tuple 'go (self)))
      #(go #Pid<B>)
      lfe> (flush)
      Shell got 'got-b'
      Shell got {then,a}
      ok

      """)
  }

  /// A receive that passes over every queued message (a failed pattern, a failed
  /// guard) waits, takes a later message that matches, and leaves the others queued
  /// in order; with `after`, passing over them all ends in the timeout.
  func testReceivePassesOverQueuedMessagesThenWaits() {
    check(
      ProcessSession(),
      [
        "(set s (spawn (lambda () (receive ((tuple 'go from) (receive ((tuple 'want n) (when (> n 5)) (! from (tuple 'took n)))) (! from (list (receive (x x)) (receive (y y)) (receive (z z)))))))))",
        "(! s (tuple 'want 1))", "(! s 'junk)", "(! s (tuple 'want 2))", "(! s (tuple 'go (self)))",
        "(flush)", "(! s (tuple 'want 7))", "(flush)",
        "(receive ((tuple 'want n) (when (> n 5)) n) (after 10 'none))",
      ],
      """
      lfe> (set s (spawn (lambda () (receive ((tuple 'go from) (receive ((tuple 'want n) (when (> n 5)) (! from (tuple 'took n)))) (! from (list (receive (x x)) (receive (y y)) (receive (z z)))))))))
      #Pid<A>
      lfe> (! s (tuple 'want 1))
      #(want 1)
      lfe> (! s 'junk)
      junk
      lfe> (! s (tuple 'want 2))
      #(want 2)
      lfe> (! s (tuple 'go (self)))
      #(go #Pid<B>)
      lfe> (flush)
      ok
      lfe> (! s (tuple 'want 7))
      #(want 7)
      lfe> (flush)
      Shell got {took,7}
      Shell got [{want,1},junk,{want,2}]
      ok
      lfe> (receive ((tuple 'want n) (when (> n 5)) n) (after 10 'none))
      none

      """)
  }

  func testProcessInfoShowsQueuedMessages() {
    let s = ProcessSession()
    s.eval("(set q (spawn (lambda () (receive ('never 'ok)))))")
    s.eval("(! q 'a)")
    s.eval("(! q (tuple 'b 2))")
    XCTAssertEqual(s.eval("(process_info q 'message_queue_len)"), "#(message_queue_len 2)\n")
    XCTAssertEqual(s.eval("(process_info q 'messages)"), "#(messages (a #(b 2)))\n")
    XCTAssertEqual(s.eval("(process_info q 'status)"), "#(status waiting)\n")
  }

  // MARK: Scale and fairness

  func testReceiveLoopHoldsConstantMemoryOverAMillionMessages() throws {
    let s = ProcessSession()
    s.eval(
      "(defun sink (n) (receive ((tuple 'count from) (! from (tuple 'consumed n)) (sink n)) (_ (sink (+ n 1)))))"
    )
    s.eval("(set s (spawn (lambda () (sink 0))))")
    s.eval("(set before (tuple (process_info s 'heap_size) (length (erlang:processes))))")
    let pid = try XCTUnwrap(s.pid("s"))
    let proc = try XCTUnwrap(s.runtime.process(pid))
    let registers = proc.registerCapacity
    s.eval("(defun blast (p n) (if (== n 0) 'done (progn (! p n) (blast p (- n 1)))))")
    XCTAssertEqual(s.eval("(blast s 1000000)"), "done\n")
    XCTAssertEqual(s.eval("(process_info s 'message_queue_len)"), "#(message_queue_len 0)\n")
    XCTAssertEqual(s.eval("(! s (tuple 'count (self)))"), "#(count #Pid<0.79.0>)\n")
    XCTAssertEqual(s.eval("(receive (m m))"), "#(consumed 1000000)\n")
    XCTAssertEqual(
      s.eval("(=:= before (tuple (process_info s 'heap_size) (length (erlang:processes))))"), "true\n")
    // The loop is a tail call: one frame, and its registers never grew.
    XCTAssertEqual(proc.frameCount, 1)
    XCTAssertEqual(proc.registerCapacity, registers)
    XCTAssertEqual(proc.mailbox.count, 0)
    XCTAssertEqual(s.runtime.processCount, 2)
  }

  func testRunawayBackgroundProcessDoesNotStopTheShell() {
    let s = ProcessSession(limits: Self.limits { $0.reductionsPerStep = 500_000 })
    s.eval("(defun spin () (spin))")
    let spawned = s.eval("(set spinner (spawn (lambda () (spin))))")
    XCTAssertTrue(spawned.hasPrefix("#Pid<0."), spawned)
    XCTAssertEqual(s.eval("(+ 1 2)"), "3\n")
    XCTAssertEqual(s.eval("(is_process_alive spinner)"), "true\n")
    XCTAssertEqual(s.eval("(progn (! (self) 'still-here) (c:flush))"), "Shell got 'still-here'\nok\n")
    XCTAssertEqual(s.eval("(exit spinner 'kill)"), "true\n")
    XCTAssertEqual(s.eval("(is_process_alive spinner)"), "false\n")
  }

  func testRunawayEvaluatorIsStoppedAndShellGoesOn() {
    let s = ProcessSession(limits: Self.limits { $0.reductionsPerStep = 1_000_000 })
    s.eval("(set old (self))")
    s.eval("(defun loop () (loop))")
    let out = s.eval("(loop)")
    XCTAssertTrue(out.hasPrefix("** evaluation stopped: it ran more than 1000000 reductions\n\n"), out)
    XCTAssertEqual(s.eval("(=:= old (self))"), "false\n")
    XCTAssertEqual(s.eval("(+ 1 2)"), "3\n")
  }

  func testEvaluatorWaitingForeverIsStopped() {
    let s = ProcessSession()
    let out = s.eval("(receive (x x))")
    XCTAssertTrue(
      out.hasPrefix("** the evaluator waits for a message that no process can send; it was stopped\n\n"), out)
    XCTAssertEqual(s.eval("(+ 1 2)"), "3\n")
  }

  func testAMillionProcessesAliveAtOnce() {
    let s = ProcessSession()
    s.eval("(defun wait () (receive (_ 'ok)))")
    s.eval("(defun spawn-n (n) (if (== n 0) 'done (progn (spawn (lambda () (wait))) (spawn-n (- n 1)))))")
    XCTAssertEqual(s.eval("(spawn-n 1000000)"), "done\n")
    XCTAssertEqual(s.eval("(length (erlang:processes))"), "1000001\n")
    XCTAssertEqual(s.runtime.processCount, 1_000_001)
    XCTAssertEqual(s.eval("(+ 1 2)"), "3\n")
  }

  // MARK: Limits

  func testProcessLimitIsASystemLimitError() {
    let s = ProcessSession(limits: Self.limits { $0.processes = 100 })
    s.eval("(defun wait () (receive (_ 'ok)))")
    s.eval("(defun spawn-n (n) (if (== n 0) 'done (progn (spawn (lambda () (wait))) (spawn-n (- n 1)))))")
    let out = s.eval("(spawn-n 200)")
    XCTAssertTrue(
      out.hasPrefix("** exception error: a system limit has been reached\n  in (erlang : spawn #Fun<"), out)
    // The step ends with the processes it started: the evaluator and its 99 waiters.
    XCTAssertTrue(
      out.hasSuffix(
        "** evaluation stopped: 100 processes are alive (Limits.processes); "
          + "the 99 processes this form started were ended\n\n"), out)
    XCTAssertEqual(s.runtime.processCount, 0)
    XCTAssertEqual(s.eval("(length (erlang:processes))"), "1\n")
    XCTAssertEqual(s.eval("(+ 1 1)"), "2\n")
    // A background process that hits it crashes with a report; the shell is unharmed.
    let bg = s.eval("(spawn (lambda () (spawn-n 200)))")
    XCTAssertTrue(bg.contains("with exit value:\n{system_limit,["), bg)
    XCTAssertTrue(bg.hasSuffix("the 98 processes this form started were ended\n\n"), bg)
    XCTAssertEqual(s.eval("(+ 2 2)"), "4\n")
    XCTAssertEqual(s.runtime.processCount, 1)
  }

  func testMailboxLimitEndsTheOverfullProcess() {
    let s = ProcessSession(limits: Self.limits { $0.mailboxLength = 100 })
    s.eval("(defun blast (p n) (if (== n 0) 'done (progn (! p n) (blast p (- n 1)))))")
    s.eval("(set q (spawn (lambda () (receive ('never 'ok)))))")
    s.eval("(monitor 'process q)")
    let blasted = s.eval("(blast q 150)")
    XCTAssertTrue(blasted.hasSuffix("done\n"), blasted)
    XCTAssertTrue(blasted.contains("with exit value:\n{mailbox_limit,100}"), blasted)
    XCTAssertEqual(s.eval("(is_process_alive q)"), "false\n")
    XCTAssertEqual(s.eval("(receive ((tuple 'DOWN _ 'process _ why) why))"), "#(mailbox_limit 100)\n")
    // The evaluator's own mailbox.
    s.eval("(set old (self))")
    XCTAssertEqual(s.eval("(blast (self) 150)"), "** exception exit: #(mailbox_limit 100)\n\n")
    XCTAssertEqual(s.eval("(=:= old (self))"), "false\n")
    XCTAssertEqual(s.eval("(+ 1 1)"), "2\n")
  }

  func testDeepNonTailRecursionIsAnLFEError() {
    let s = ProcessSession(limits: Self.limits { $0.callDepth = 100_000 })
    s.eval("(defun deep (n) (if (== n 0) 0 (+ 1 (deep (- n 1)))))")
    XCTAssertEqual(s.eval("(deep 1000)"), "1000\n")
    XCTAssertEqual(
      s.eval("(deep 10000000)"),
      "** exception error: a system limit has been reached\n  (a limit of this runtime: the call stack is 100000 frames deep (Limits.callDepth))\n\n"
    )
    XCTAssertEqual(s.eval("(+ 1 1)"), "2\n")
    let bg = s.eval("(spawn (lambda () (deep 10000000)))")
    XCTAssertTrue(bg.contains("with exit value:\n{system_limit,["), bg)
    XCTAssertEqual(s.eval("(deep 50000)"), "50000\n")
  }

  #if !DEBUG
    /// 10,000,000 deep with the default limits (4.5 s and 700 MB in a debug build, so release only).
    func testDeepRecursionWithDefaultLimits() {
      let s = ProcessSession()
      s.eval("(defun deep (n) (if (== n 0) 0 (+ 1 (deep (- n 1)))))")
      XCTAssertTrue(
        s.eval("(deep 10000000)").hasPrefix(
          "** exception error: a system limit has been reached\n  (a limit of this runtime: the call stack"))
      XCTAssertEqual(s.eval("(+ 1 1)"), "2\n")
    }
  #endif

  func testRegisterLimitIsAnLFEError() {
    let s = ProcessSession(limits: Self.limits { $0.registers = 10_000 })
    s.eval("(defun deep (n) (if (== n 0) 0 (+ 1 (deep (- n 1)))))")
    XCTAssertEqual(
      s.eval("(deep 100000)"),
      "** exception error: a system limit has been reached\n"
        + "  (a limit of this runtime: a process uses more than 10000 registers (Limits.registers))\n\n")
    XCTAssertEqual(s.eval("(deep 10)"), "10\n")
  }

  func testOutputLimitStopsTheEvaluationWithANote() {
    let s = ProcessSession(limits: Self.limits { $0.outputBytes = 1000 })
    s.eval(
      #"(defun chatter (n) (if (== n 0) 'done (progn (io:format "line ~p of chatter~n" (list n)) (chatter (- n 1)))))"#
    )
    let note = "** output limit reached: 1000 bytes; the evaluation was stopped\n"
    let out = s.eval("(chatter 20000)")
    XCTAssertTrue(out.hasPrefix("line 20000 of chatter\nline 19999 of chatter\n"), out)
    XCTAssertTrue(out.hasSuffix(note), out)
    XCTAssertLessThanOrEqual(out.utf8.count, 1000 + note.utf8.count)
    XCTAssertEqual(s.eval("(+ 2 2)"), "4\n")
    // The evaluation ended there: a loop of a hundred million lines returns at once,
    // and the evaluator that ran it was replaced.
    let before = s.eval("(self)")
    XCTAssertTrue(s.eval("(chatter 100000000)").hasSuffix(note))
    XCTAssertNotEqual(s.eval("(self)"), before)
    let bg = s.eval("(spawn (lambda () (chatter 20000)))")
    XCTAssertTrue(bg.hasPrefix("#Pid<0."), bg)
    XCTAssertTrue(bg.hasSuffix(note), bg)
    XCTAssertEqual(s.eval("(+ 3 3)"), "6\n")
  }
}

/// Regression tests for process bugs found and fixed. A test that still calls
/// `knownBug` shows behaviour that is wrong today: it is skipped, and its body shows what
/// real LFE (or the design) does.
final class ProcessRegressionTests: XCTestCase {
  /// Skips the test: it shows a bug that is not fixed yet (`throw XCTSkip`, in a function
  /// so the body after it still compiles without warnings).
  func knownBug(_ reason: String) throws { throw XCTSkip(reason) }

  /// Real LFE: `** exception exit: #(a 1)` and a new evaluator.
  func testEvaluatorKilledByLinkWithNonAtomReasonIsReported() throws {
    let s = ProcessSession()
    s.eval("(set old (self))")
    let out = s.eval("(spawn_link (lambda () (exit (tuple 'a 1))))")
    XCTAssertEqual(ProcessSession.normalise(out), "#Pid<A>\n** exception exit: #(a 1)\n\n")
    XCTAssertEqual(s.eval("(=:= old (self))"), "false\n")
  }

  /// BEAM keeps a receive's deadline when a non-matching message wakes the process;
  /// here the timeout starts again, so the waiter times out at 160 instead of 100.
  func testNonMatchingMessageDoesNotRestartTheTimeout() throws {
    let s = ProcessSession(files: [
      "w.lfe": """
      (defmodule w (export (waiter 0)))
      (defun waiter ()
        (receive
          ('x (io:format "waiter got x~n"))
          (after 100 (io:format "waiter timed out~n"))))

      """
    ])
    XCTAssertEqual(s.eval(#"(c "w")"#), "(#(module w))\n")
    let out = s.eval(
      #"(progn (set w (spawn 'w 'waiter ())) (spawn (lambda () (timer:sleep 60) (! w 'y) (io:format "sent y at 60~n"))) (spawn (lambda () (timer:sleep 130) (io:format "130 passed~n"))) 'ok)"#
    )
    XCTAssertEqual(out, "ok\nsent y at 60\nwaiter timed out\n130 passed\n")
  }

  /// Real LFE: a monitor taken on a name reports `#(Name nonode@nohost)` in its DOWN message.
  func testMonitorByRegisteredNameReportsTheName() throws {
    let s = ProcessSession()
    s.eval("(set q (spawn (lambda () (receive (_ 'ok)))))")
    s.eval("(register 'dup q)")
    s.eval("(monitor 'process 'dup)")
    s.eval("(exit q 'bye)")
    XCTAssertEqual(
      s.eval("(receive ((tuple 'DOWN _ 'process who why) (list who why)))"), "(#(dup nonode@nohost) bye)\n")
    s.eval("(monitor 'process 'nosuchname)")
    XCTAssertEqual(
      s.eval("(receive ((tuple 'DOWN _ 'process who why) (list who why)))"),
      "(#(nosuchname nonode@nohost) noproc)\n")
  }

  /// The shell stops a runaway or stuck evaluator with one message; it then also prints
  /// `** exception exit: killed` because the exit observer is still installed when it
  /// kills the evaluator (`killedByShell` shows that line was meant to be suppressed).
  func testStoppedEvaluatorPrintsOneMessage() throws {
    let s = ProcessSession(limits: ProcessTests.limits { $0.reductionsPerStep = 1_000_000 })
    XCTAssertEqual(
      s.eval("(receive (x x))"),
      "** the evaluator waits for a message that no process can send; it was stopped\n\n")
    s.eval("(defun loop () (loop))")
    XCTAssertEqual(s.eval("(loop)"), "** evaluation stopped: it ran more than 1000000 reductions\n\n")
  }

  /// Sleeping past the per-step virtual time limit is reported as too many reductions.
  func testVirtualTimeLimitMessageNamesTime() throws {
    let s = ProcessSession()
    let out = s.eval("(timer:sleep 7200000)")
    XCTAssertFalse(out.contains("reductions"), out)
    XCTAssertTrue(out.contains("3600000"), out)
  }

  /// A top-level progn without shell commands is one evaluation: its value is not
  /// printed between the outputs of the processes it spawned.
  func testTopLevelPrognKeepsValueOutOfItsProcessesOutput() throws {
    // Real LFE prints "one", "two", then the value (its spawned processes run on other
    // schedulers while the shell prints); the design's deterministic order is the value
    // first, then what the other processes print, and never the value in between.
    let s = ProcessSession()
    let out = s.eval(
      #"(progn (spawn (lambda () (io:format "one~n"))) (spawn (lambda () (io:format "two~n"))))"#)
    XCTAssertEqual(ProcessSession.normalise(out), "#Pid<A>\none\ntwo\n")
  }

  /// Changing `runtime.limits.outputBytes` after the runtime is made has no effect: the
  /// output sink copied the limit at init, while the shell's note quotes the new value.
  func testOutputLimitSetAfterInitApplies() throws {
    let s = ProcessSession()
    s.runtime.limits.outputBytes = 1000
    s.eval(
      #"(defun chatter (n) (if (== n 0) 'done (progn (io:format "line ~p of chatter~n" (list n)) (chatter (- n 1)))))"#
    )
    let out = s.eval("(chatter 1000)")
    XCTAssertTrue(out.hasSuffix("** output limit reached: 1000 bytes; the evaluation was stopped\n"))
    XCTAssertLessThan(out.utf8.count, 1100)
  }

  /// A process ended by the mailbox limit dies without a word; BEAM's analogous limit
  /// (max_heap_size) logs an error report, and DESIGN asks for every limit to be a clear error.
  func testMailboxLimitKillIsReported() throws {
    let s = ProcessSession(limits: ProcessTests.limits { $0.mailboxLength = 100 })
    s.eval("(defun blast (p n) (if (== n 0) 'done (progn (! p n) (blast p (- n 1)))))")
    s.eval("(set q (spawn (lambda () (receive ('never 'ok)))))")
    let out = s.eval("(blast q 150)")
    XCTAssertTrue(out.contains("mailbox_limit"), out)
  }

  /// A send whose value nobody reads moves a freshly built message into the mailbox;
  /// one whose value is read, or whose message is a variable, still copies it.
  func testSendsInStatementPositionDeliverTheSameMessages() throws {
    let s = ProcessSession()
    s.eval(
      "(defun fill (p n) (if (== n 0) 'done (progn (! p (tuple 'n n (list n))) (! p 'tick) (fill p (- n 1)))))"
    )
    XCTAssertEqual(s.eval("(fill (self) 3)"), "done\n")
    XCTAssertEqual(
      ProcessSession.normalise(s.eval("(flush)")),
      """
      Shell got {n,3,[3]}
      Shell got tick
      Shell got {n,2,[2]}
      Shell got tick
      Shell got {n,1,[1]}
      Shell got tick
      ok

      """)
    // The value of a send is its message, built once and shared with the mailbox.
    XCTAssertEqual(s.eval("(let ((m (! (self) (tuple 'x (list 1 2))))) (receive (r (=:= r m))))"), "true\n")
    // A message to a process that has ended is dropped, in either position.
    s.eval("(set dead (spawn (lambda () 'ok)))")
    XCTAssertEqual(s.eval("(progn (! dead (tuple 'lost (list 1))) 'sent)"), "sent\n")
    XCTAssertEqual(s.eval("(! dead (tuple 'lost 2))"), "#(lost 2)\n")
    // A variable sent in statement position stays usable afterwards.
    XCTAssertEqual(
      s.eval("(let ((m (tuple 'keep (list 7)))) (! (self) m) (receive (r (tuple r m))))"),
      "#(#(keep (7)) #(keep (7)))\n")
  }

  /// A receive loop's tail call frees the message it has finished with, instead of
  /// keeping it in a dead register until the next message overwrites it.
  func testTailCallInAReceiveLoopFreesTheLastMessage() throws {
    let s = ProcessSession(files: [
      "sink.lfe": "(defmodule sink (export (loop 1))) (defun loop (n) (receive (m (loop (+ n 1)))))"
    ])
    XCTAssertEqual(s.eval("(c \"sink\")"), "(#(module sink))\n")
    s.eval("(set p (spawn 'sink 'loop '(0)))")
    let pid = try XCTUnwrap(s.pid("p"))
    var cell = Cons(.int(1), .empty)
    s.runtime.send(.cons(cell), to: pid)
    XCTAssertFalse(isKnownUniquelyReferenced(&cell))
    s.eval("'ok")
    // The loop took the message and went round: nothing in it refers to the cell now.
    XCTAssertTrue(isKnownUniquelyReferenced(&cell))
  }

  /// A receive looks at messages without counting them; a guard that fails with an
  /// error, a size that is not an integer, and a clause that matches later must all
  /// leave the mailbox as it was or take exactly the one message.
  func testReceiveLooksAtMessagesWithoutTakingThem() throws {
    let s = ProcessSession()
    s.eval("(! (self) (tuple 'a (list 1)))")
    s.eval("(! (self) #B(1 2 3))")
    s.eval("(! (self) (tuple 'b (list 2)))")
    // The guard fails with badarith on every message: none is taken.
    XCTAssertEqual(s.eval("(receive ((tuple _ x) (when (> (/ 1 0) x)) x) (after 0 'none))"), "none\n")
    // A binary size bound to an atom matches nothing, as in LFE.
    XCTAssertEqual(
      s.eval("(let ((n 'a)) (receive ((binary (x (size n)) (rest binary)) x) (after 0 'none)))"), "none\n")
    // The second clause takes the last message; the others stay, in order.
    XCTAssertEqual(s.eval("(receive ((tuple 'c x) x) ((tuple 'b x) x))"), "(2)\n")
    XCTAssertEqual(
      ProcessSession.normalise(s.eval("(flush)")), "Shell got {a,[1]}\nShell got <<1,2,3>>\nok\n")
    XCTAssertEqual(s.eval("(let ((n 'a)) (binary (1 (size n))))").hasPrefix("** exception error:"), true)
  }

  /// A process preempted inside a receive guard holds an uncounted look at the message
  /// in a register; killed there, it must free that message once (with the mailbox),
  /// not twice.
  func testAProcessKilledInsideAReceiveGuardFreesEachMessageOnce() throws {
    let s = ProcessSession()
    // The guard calls a BIF, which can end the process's slice mid-scan.
    s.eval("(set p (spawn (lambda () (receive (m (when (=:= m (self))) 'never)))))")
    let pid = try XCTUnwrap(s.pid("p"))
    var cells = (0..<20_000).map { Cons(.int($0), .empty) }
    for i in cells.indices { s.runtime.send(.cons(cells[i]), to: pid) }
    // p scans for a slice, the evaluator spawns the killer, p scans another slice, and
    // the killer ends p with a message still borrowed into its registers.
    XCTAssertEqual(s.eval("(progn (spawn (lambda () (exit p 'kill))) 'ok)"), "ok\n")
    XCTAssertEqual(s.eval("(is_process_alive p)"), "false\n")
    for i in cells.indices where cells[i].head != .int(i) || cells[i].tail != .empty {
      return XCTFail("cell \(i) was freed while still held: \(cells[i].head)")
    }
    // Every cell is back to one owner (this array), and new tuples and cells are
    // distinct boxes.
    for i in cells.indices where !isKnownUniquelyReferenced(&cells[i]) {
      return XCTFail("cell \(i) still shared")
    }
    XCTAssertEqual(
      s.eval("(let ((l (lists:map (lambda (i) (tuple i)) (lists:seq 1 3)))) (list l (length l)))"),
      "((#(1) #(2) #(3)) 3)\n")
  }
}
