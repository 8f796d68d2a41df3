import Foundation
import XCTest

@testable import LFE

/// One shell session for the process tests: a fresh runtime on virtual time, and module
/// files written to a temporary directory that `(c "m")` reads through `runtime.readFile`.
final class ProcessSession {
  let runtime: Runtime
  let shell: Shell
  let directory: URL

  init(profile: Profile = .lfe2, files: [String: String] = [:], limits: Limits = Limits()) {
    runtime = Runtime(clock: .virtual, limits: limits)
    shell = Shell(runtime: runtime, profile: profile)
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("tutor-process-tests-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    for (name, text) in files {
      try? text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    let dir = directory
    runtime.readFile = { name in
      try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
    }
  }

  deinit { try? FileManager.default.removeItem(at: directory) }

  /// What the shell prints for one form.
  @discardableResult
  func eval(_ source: String) -> String { shell.evaluate(source: source) }

  /// Each input after an `lfe> ` prompt, then what the shell printed for it.
  func transcript(_ inputs: [String]) -> String {
    inputs.map { "lfe> \($0)\n" + eval($0) }.joined()
  }

  /// A shell variable's pid, read from the session (for looking at the process itself).
  func pid(_ variable: String) -> Pid? {
    if case .pid(let p)? = shell.variables[variable] { return p }
    return nil
  }

  /// Pids become letters in order of first appearance (`#Pid<0.79.0>` and `<0.79.0>`
  /// both become `A`), so the same pid reads the same everywhere and two pids differ;
  /// refs and error-report times, which legitimately vary, are blanked.
  static func normalise(_ text: String) -> String {
    var labels: [String: String] = [:]
    let pid = try! NSRegularExpression(pattern: #"<0\.(\d+)\.0>"#)
    let ns = text as NSString
    var out = ""
    var last = 0
    for m in pid.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
      out += ns.substring(with: NSRange(location: last, length: m.range.location - last))
      let serial = ns.substring(with: m.range(at: 1))
      if labels[serial] == nil {
        let n = labels.count
        labels[serial] = n < 26 ? String(UnicodeScalar(UInt8(65 + n))) : "P\(n)"
      }
      out += "<\(labels[serial]!)>"
      last = m.range.location + m.range.length
    }
    out += ns.substring(from: last)
    let rules: [(String, String)] = [
      (#"#Ref<[0-9.]*>"#, "#Ref<>"), (#"=ERROR REPORT==== [^=]* ==="#, "=ERROR REPORT===="),
    ]
    for (pattern, replacement) in rules {
      out = out.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
    }
    return out
  }
}

/// Guides 1 to 4 of the lightweight-processes tutorial, typed at the shell, and the
/// shell's own process behaviour: the evaluator, its crashes, error reports, determinism.
/// Expected texts were checked against real LFE 2.2.1 (piped into its shell); only pid
/// numbers (which differ there) are normalised.
final class ShellSessionTests: XCTestCase {
  /// `p` prints on one line and `pp` pretty, both at full depth, and answer `ok`
  /// (expected text from LFE 2.2.1).
  func testPrintCommands() {
    let s = ProcessSession()
    XCTAssertEqual(
      s.eval(#"(p (list 1 "ab" (lists:seq 1 30)))"#),
      "(1 (97 98) (1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30))\nok\n")
    XCTAssertEqual(
      s.eval(#"(pp (list 1 "ab" (lists:seq 1 30)))"#),
      "(1\n \"ab\"\n (1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25\n  26 27 28 29 30))\nok\n"
    )
  }

  static let moduleM = """
    (defmodule m
      (export (f 0) (listen 0) (echo 0)))

    (defun f ()
      (io:format "m:f running~n"))

    (defun listen ()
      (receive
        ((tuple 'hi from)
         (io:format "listener got hi from ~p~n" (list from))
         (listen))
        ('stop (io:format "listener stopping~n"))))

    (defun echo ()
      (receive
        ((tuple from msg) (! from (tuple 'echo msg)) (echo))))

    """

  static let messengerBack = """
    (defmodule messenger-back
     (export (print-result 0) (send-message 2)))

    (defun print-result ()
      (receive
        ((tuple pid msg)
          (: io format '"Received message: '~s'~n" (list msg))
          (: io format '"Sending message to process ~p ...~n" (list pid))
          (! pid (tuple msg))
          (print-result))))

    (defun send-message (calling-pid msg)
      (let ((spawned-pid (spawn 'messenger-back 'print-result ())))
        (! spawned-pid (tuple calling-pid msg))))

    """

  func check(
    _ session: ProcessSession, _ inputs: [String], _ expected: String, file: StaticString = #filePath,
    line: UInt = #line
  ) {
    let actual = ProcessSession.normalise(session.transcript(inputs))
    XCTAssertEqual(actual, expected, file: file, line: line)
  }

  // MARK: Guide 1: the shell is a process

  func testFirstEvaluatorIsPid79InBothSpellings() {
    let s = ProcessSession()
    XCTAssertEqual(s.eval("(self)"), "#Pid<0.79.0>\n")
    XCTAssertEqual(s.eval(#"(io:format "~p~n" (list (self)))"#), "<0.79.0>\nok\n")
    let classic = ProcessSession(profile: .classic)
    XCTAssertEqual(classic.eval("(self)"), "<0.79.0>\n")
  }

  func testGuide1SendToYourselfAndFlush() {
    check(
      ProcessSession(),
      [
        "(set pid (self))", "(! pid 'hello)", "(! (self) (tuple 'a 1))", "(! (self) (list 1 2 3))",
        "(flush)", "(flush)", "(c:flush)",
      ],
      """
      lfe> (set pid (self))
      #Pid<A>
      lfe> (! pid 'hello)
      hello
      lfe> (! (self) (tuple 'a 1))
      #(a 1)
      lfe> (! (self) (list 1 2 3))
      (1 2 3)
      lfe> (flush)
      Shell got hello
      Shell got {a,1}
      Shell got [1,2,3]
      ok
      lfe> (flush)
      ok
      lfe> (c:flush)
      ok

      """)
  }

  func testFlushPrintsErlangSyntax() {
    check(
      ProcessSession(),
      [
        #"(! (self) (tuple (self) "str" #"bin" 'Cap 'hello-world 1.5 (list 1 (tuple)) #M(a 1) (list 104 105)))"#,
        "(flush)",
      ],
      """
      lfe> (! (self) (tuple (self) "str" #"bin" 'Cap 'hello-world 1.5 (list 1 (tuple)) #M(a 1) (list 104 105)))
      #(#Pid<A> "str" #"bin" Cap hello-world 1.5 (1 #()) #M(a 1) "hi")
      lfe> (flush)
      Shell got {<A>,"str",<<"bin">>,'Cap','hello-world',1.5,
                 [1,{}],
                 #{a => 1},
                 "hi"}
      ok

      """)
  }

  // MARK: Guide 2: receive

  func testGuide2ReceiveWithTupleAndListPatterns() {
    check(
      ProcessSession(),
      [
        "(! (self) (tuple 'a 1))", "(! (self) (list 1 2 3))", "(receive ((list x y z) (+ x y z)))",
        "(receive ((tuple 'a n) n))", "(flush)",
      ],
      """
      lfe> (! (self) (tuple 'a 1))
      #(a 1)
      lfe> (! (self) (list 1 2 3))
      (1 2 3)
      lfe> (receive ((list x y z) (+ x y z)))
      6
      lfe> (receive ((tuple 'a n) n))
      1
      lfe> (flush)
      ok

      """)
  }

  // MARK: Guide 3: spawning, registering, listening

  func testGuide3SpawnShellDefun() {
    check(
      ProcessSession(),
      [
        #"(defun hello () (io:format "hello from ~p~n" (list (self))))"#,
        "(set p (spawn (lambda () (hello))))", "(is_process_alive p)", "(self)",
      ],
      """
      lfe> (defun hello () (io:format "hello from ~p~n" (list (self))))
      hello
      lfe> (set p (spawn (lambda () (hello))))
      #Pid<A>
      hello from <A>
      lfe> (is_process_alive p)
      false
      lfe> (self)
      #Pid<B>

      """)
  }

  func testGuide3SpawnModuleFunction() {
    check(
      ProcessSession(files: ["m.lfe": Self.moduleM]),
      [#"(c "m")"#, "(spawn 'm 'f ())", "(spawn (lambda () (m:f)))"],
      """
      lfe> (c "m")
      (#(module m))
      lfe> (spawn 'm 'f ())
      #Pid<A>
      m:f running
      lfe> (spawn (lambda () (m:f)))
      #Pid<B>
      m:f running

      """)
  }

  func testGuide3RegisteredListenerLoopsByTailCall() {
    check(
      ProcessSession(files: ["m.lfe": Self.moduleM]),
      [
        #"(c "m")"#, "(set l (spawn 'm 'listen ()))", "(register 'lis l)", "(whereis 'lis)",
        "(registered)", "(! 'lis (tuple 'hi (self)))", "(! 'lis (tuple 'hi (self)))",
        "(! 'lis 'stop)", "(whereis 'lis)", "(is_process_alive l)", "(! 'lis 'again)",
      ],
      """
      lfe> (c "m")
      (#(module m))
      lfe> (set l (spawn 'm 'listen ()))
      #Pid<A>
      lfe> (register 'lis l)
      true
      lfe> (whereis 'lis)
      #Pid<A>
      lfe> (registered)
      (lis)
      lfe> (! 'lis (tuple 'hi (self)))
      #(hi #Pid<B>)
      listener got hi from <B>
      lfe> (! 'lis (tuple 'hi (self)))
      #(hi #Pid<B>)
      listener got hi from <B>
      lfe> (! 'lis 'stop)
      stop
      listener stopping
      lfe> (whereis 'lis)
      undefined
      lfe> (is_process_alive l)
      false
      lfe> (! 'lis 'again)
      ** exception error: bad argument
        in (erlang : ! lis again)


      """)
  }

  func testRegisterTwiceIsBadarg() {
    check(
      ProcessSession(),
      [
        "(set q (spawn (lambda () (receive (_ 'ok)))))", "(register 'dup q)",
        "(register 'dup (self))", "(register 'me (self))", "(! 'me 'hi)", "(flush)",
      ],
      """
      lfe> (set q (spawn (lambda () (receive (_ 'ok)))))
      #Pid<A>
      lfe> (register 'dup q)
      true
      lfe> (register 'dup (self))
      ** exception error: bad argument
        in (erlang : register dup #Pid<B>)

      lfe> (register 'me (self))
      true
      lfe> (! 'me 'hi)
      hi
      lfe> (flush)
      Shell got hi
      ok

      """)
  }

  // MARK: Guide 4: a process that sends back to its caller

  func testGuide4ProcessSendsBackToCaller() {
    check(
      ProcessSession(files: ["messenger-back.lfe": Self.messengerBack]),
      [
        #"(c '"messenger-back")"#,
        #"(messenger-back:send-message (self) '"There was a terrible ghastly silence.")"#,
        "(: c flush)",
      ],
      """
      lfe> (c '"messenger-back")
      (#(module messenger-back))
      lfe> (messenger-back:send-message (self) '"There was a terrible ghastly silence.")
      #(#Pid<A> "There was a terrible ghastly silence.")
      Received message: 'There was a terrible ghastly silence.'
      Sending message to process <A> ...
      lfe> (: c flush)
      Shell got {"There was a terrible ghastly silence."}
      ok

      """)
  }

  func testGuide4InTheClassicProfile() {
    let s = ProcessSession(profile: .classic, files: ["messenger-back.lfe": Self.messengerBack])
    XCTAssertEqual(s.eval(#"(c '"messenger-back")"#), "#(module messenger-back)\n")
    XCTAssertEqual(
      s.eval(#"(: messenger-back send-message (self) '"Hi.")"#),
      """
      #(<0.79.0> "Hi.")
      Received message: 'Hi.'
      Sending message to process <0.79.0> ...

      """)
    XCTAssertEqual(s.eval("(: c flush)"), "Shell got {\"Hi.\"}\nok\n")
  }

  func testEchoServerRepliesToEachCaller() {
    check(
      ProcessSession(files: ["m.lfe": Self.moduleM]),
      [
        #"(c "m")"#, "(set e (spawn 'm 'echo ()))", #"(! e (tuple (self) "ping"))"#,
        "(! e (tuple (self) 'pong))", "(flush)",
      ],
      """
      lfe> (c "m")
      (#(module m))
      lfe> (set e (spawn 'm 'echo ()))
      #Pid<A>
      lfe> (! e (tuple (self) "ping"))
      #(#Pid<B> "ping")
      lfe> (! e (tuple (self) 'pong))
      #(#Pid<B> pong)
      lfe> (flush)
      Shell got {echo,"ping"}
      Shell got {echo,pong}
      ok

      """)
  }

  // MARK: The evaluator crashing

  func testEvaluatorCrashStartsAFreshEvaluator() {
    let s = ProcessSession()
    check(
      s,
      [
        "(set before (self))", "(set x 42)", "(register 'shellname (self))", "(! (self) 'pending)",
        "(error 'boom)", "(=:= before (self))", "(flush)", "x", "(whereis 'shellname)",
      ],
      """
      lfe> (set before (self))
      #Pid<A>
      lfe> (set x 42)
      42
      lfe> (register 'shellname (self))
      true
      lfe> (! (self) 'pending)
      pending
      lfe> (error 'boom)
      ** exception error: boom

      lfe> (=:= before (self))
      false
      lfe> (flush)
      ok
      lfe> x
      42
      lfe> (whereis 'shellname)
      undefined

      """)
    // The old evaluator is gone and the new one is another pid.
    XCTAssertEqual(s.eval("(is_process_alive before)"), "false\n")
    XCTAssertNotEqual(s.eval("(self)"), "#Pid<0.79.0>\n")
  }

  func testEvaluatorCrashSendsExitToLinkedProcesses() {
    let s = ProcessSession()
    s.eval("(set before (self))")
    s.eval(
      "(set w (spawn (lambda () (process_flag 'trap_exit 'true) (link before) "
        + "(receive ((tuple 'EXIT from (tuple reason _)) (io:format \"watcher: ~p ~p~n\" (list (=:= from before) reason)))))))"
    )
    s.eval("(set plain (spawn (lambda () (link before) (receive (_ 'ok)))))")
    XCTAssertEqual(s.eval("(is_process_alive plain)"), "true\n")
    let crash = s.eval("(error 'boom)")
    XCTAssertTrue(crash.hasPrefix("** exception error: boom\n\n"), crash)
    XCTAssertTrue(crash.contains("watcher: true boom\n"), crash)
    // A linked process that does not trap exits dies with the evaluator.
    XCTAssertEqual(s.eval("(is_process_alive plain)"), "false\n")
    XCTAssertEqual(s.eval("(is_process_alive w)"), "false\n")
  }

  func testEvaluatorKilledByLinkedProcessReportsAndRestarts() {
    check(
      ProcessSession(),
      [
        "(set p1 (spawn_link (lambda () (receive (x (exit x))))))", "(set old (self))", "(! p1 'bye)",
        "(=:= old (self))", "(+ 1 2)",
      ],
      """
      lfe> (set p1 (spawn_link (lambda () (receive (x (exit x))))))
      #Pid<A>
      lfe> (set old (self))
      #Pid<B>
      lfe> (! p1 'bye)
      bye
      ** exception exit: bye

      lfe> (=:= old (self))
      false
      lfe> (+ 1 2)
      3

      """)
  }

  // MARK: Crashes in spawned processes

  /// Splits an error report into its lines, checking the header's date format.
  func reportLines(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
    let lines = text.components(separatedBy: "\n")
    XCTAssertNotNil(
      lines.first?.range(
        of: #"^=ERROR REPORT==== [1-9]\d?-[A-Z][a-z]{2}-\d{4}::\d\d:\d\d:\d\d\.\d{6} ===$"#,
        options: .regularExpression), "bad report header in \(text.debugDescription)", file: file, line: line)
    return lines
  }

  func testSpawnedCrashPrintsErrorReportAndHarmsNothingElse() {
    let s = ProcessSession()
    s.eval("(set shell (self))")
    s.eval("(set bystander (spawn (lambda () (receive (m (io:format \"bystander got ~p~n\" (list m)))))))")
    let out = s.eval("(set bad (spawn (lambda () (error 'kaboom))))")
    let lines = out.components(separatedBy: "\n")
    XCTAssertEqual(lines.count, 6, out)
    guard lines.count == 6, case .pid(let bad)? = s.shell.variables["bad"] else { return }
    XCTAssertEqual(lines[0], "#Pid<0.\(bad.serial).0>")
    _ = reportLines(lines[1...].joined(separator: "\n"))
    XCTAssertEqual(lines[2], "Error in process <0.\(bad.serial).0> with exit value:")
    XCTAssertTrue(lines[3].hasPrefix("{kaboom,["), lines[3])
    XCTAssertEqual(lines[4], "")
    XCTAssertEqual(lines[5], "")
    // Nothing else was touched: same evaluator, bystander alive and working.
    XCTAssertEqual(s.eval("(=:= shell (self))"), "true\n")
    XCTAssertEqual(s.eval("(is_process_alive bystander)"), "true\n")
    XCTAssertEqual(s.eval("(! bystander 'hello)"), "hello\nbystander got hello\n")
  }

  func testSpawnedCrashReasonsInErlangSyntax() {
    let s = ProcessSession()
    let badarith = s.eval("(spawn (lambda () (+ 1 'a)))")
    XCTAssertTrue(badarith.contains("\n{badarith,[{erlang,'+',[1,a],"), badarith)
    let undef = s.eval("(spawn 'nomod 'nofun ())")
    XCTAssertTrue(undef.hasSuffix("with exit value:\n{undef,[{nomod,nofun,[],[]}]}\n\n"), undef)
    let thrown = s.eval("(spawn (lambda () (throw 'ball)))")
    XCTAssertTrue(thrown.contains("\n{{nocatch,ball},["), thrown)
    let tuple = s.eval(#"(spawn (lambda () (error (tuple 'bad "thing" (list 1 2)))))"#)
    XCTAssertTrue(tuple.contains("\n{{bad,\"thing\",[1,2]},["), tuple)
  }

  func testExitInSpawnedProcessPrintsNoReport() {
    let s = ProcessSession()
    XCTAssertEqual(ProcessSession.normalise(s.eval("(spawn (lambda () (exit 'quiet)))")), "#Pid<A>\n")
    XCTAssertEqual(ProcessSession.normalise(s.eval("(spawn (lambda () 'done))")), "#Pid<A>\n")
    XCTAssertEqual(s.eval("(+ 1 2)"), "3\n")
  }

  // MARK: Determinism

  static let deterministicSession = [
    "(defun busy (n acc) (if (== n 0) acc (busy (- n 1) (+ acc 1))))",
    #"(defun worker (name k) (if (== k 0) 'ok (progn (busy 3000 0) (io:format "~p step ~p~n" (list name k)) (worker name (- k 1)))))"#,
    "(spawn (lambda () (worker 'a 3)))",
    "(let ((a (spawn (lambda () (worker 'b 3))))) (spawn (lambda () (timer:sleep 10) (worker 'c 2))))",
    "(defun pong () (receive ((tuple from n) (! from (tuple 'pong n (self))) (pong))))",
    "(set pp (spawn (lambda () (pong))))",
    "(lists:foreach (lambda (n) (! pp (tuple (self) n))) (lists:seq 1 3))",
    "(flush)",
    #"(let ((l (spawn (lambda () (timer:sleep 30) (io:format "late ~p~n" (list (self))))))) (spawn (lambda () (timer:sleep 20) (io:format "early ~p~n" (list (self))))))"#,
    "(set m (spawn (lambda () (receive (x (exit x))))))",
    "(monitor 'process m)",
    "(! m 'stop)",
    "(flush)",
    "(make_ref)",
    "(spawn (lambda () (error 'det)))",
    "(error 'crash)",
    "(list (self) (length (erlang:processes)))",
  ]

  static func runDeterministicSession() -> String {
    let s = ProcessSession()
    return s.transcript(deterministicSession).replacingOccurrences(
      of: #"=ERROR REPORT==== [^=]* ==="#, with: "=ERROR REPORT====", options: .regularExpression)
  }

  func testSameInputGivesSameOutputAndPidsOn100Runs() {
    let first = Self.runDeterministicSession()
    // The session really runs several processes side by side.
    XCTAssertTrue(
      first.contains("a step 1\n") && first.contains("b step 1\n") && first.contains("c step 1\n"))
    XCTAssertTrue(first.contains("Shell got {pong,3,<0."), first)
    XCTAssertTrue(first.contains("early <0.") && first.contains("late <0."), first)
    XCTAssertLessThan(
      first.range(of: "early <0.")!.lowerBound, first.range(of: "late <0.")!.lowerBound, "virtual time order")
    for run in 2...100 {
      let again = Self.runDeterministicSession()
      if again != first {
        XCTFail("run \(run) differs from run 1:\n--- run 1\n\(first)\n--- run \(run)\n\(again)")
        return
      }
    }
  }

  func testSeparateRuntimesInParallelAreIndependentAndDeterministic() {
    let expected = Self.runDeterministicSession()
    let results = ResultBox(count: 4)
    DispatchQueue.concurrentPerform(iterations: 4) { i in
      results.set(i, Self.runDeterministicSession())
    }
    for i in 0..<4 { XCTAssertEqual(results.get(i), expected, "parallel run \(i)") }
  }
}

/// Results written by concurrent runs, each to its own slot.
final class ResultBox: @unchecked Sendable {
  private var items: [String]
  private let lock = NSLock()
  init(count: Int) { items = Array(repeating: "", count: count) }
  func set(_ i: Int, _ s: String) { lock.withLock { items[i] = s } }
  func get(_ i: Int) -> String { lock.withLock { items[i] } }
}
