import Foundation
import XCTest

@testable import LFE

/// The BIFs about nodes and pids that tutorials use, on a node that is not distributed
/// (`nonode@nohost`). Texts are real LFE 2.2.1's (Corpus/55-nodes-pids has more).
final class NodeBIFTests: XCTestCase {
  func testNodesAndPidText() {
    let s = ProcessSession()
    XCTAssertEqual(s.eval("(node)"), "nonode@nohost\n")
    XCTAssertEqual(s.eval("(nodes)"), "()\n")
    XCTAssertEqual(s.eval("(pid_to_list (self))"), "\"<0.79.0>\"\n")
    XCTAssertEqual(s.eval(#"(list_to_pid "<0.5.0>")"#), "#Pid<0.5.0>\n")
    XCTAssertEqual(s.eval("(== (list_to_pid (pid_to_list (self))) (self))"), "true\n")
    XCTAssertEqual(
      s.eval(#"(list_to_pid "<1.5.0>")"#),
      "** exception error: bad argument\n  in (erlang : list_to_pid \"<1.5.0>\")\n\n")
    for bad in [#""<0.5.0""#, #""<0.x.0>""#, #""<0.5>""#, "'foo", #""<0.5.0>x""#, #""<0.-1.0>""#] {
      XCTAssertTrue(s.eval("(list_to_pid \(bad))").hasPrefix("** exception error: bad argument\n"), bad)
    }
    XCTAssertEqual(
      s.eval("(pid_to_list 'foo)"), "** exception error: bad argument\n  in (erlang : pid_to_list foo)\n\n")
  }

  func testSpawnOnTheLocalNode() {
    let s = ProcessSession(files: [
      "m.lfe": "(defmodule m (export (hello 1)))\n(defun hello (x) (io:format \"hello ~p~n\" (list x)))\n"
    ])
    s.eval(#"(c "m")"#)
    XCTAssertEqual(s.eval("(progn (spawn (node) (lambda () (m:hello 1))) (timer:sleep 1))"), "hello 1\nok\n")
    XCTAssertEqual(s.eval("(progn (spawn (node) 'm 'hello '(2)) (timer:sleep 1))"), "hello 2\nok\n")
    XCTAssertEqual(
      s.eval("(progn (spawn_link 'nonode@nohost 'm 'hello '(3)) (timer:sleep 1))"), "hello 3\nok\n")
    XCTAssertEqual(
      s.eval(
        "(let ((p (spawn_link (node) (lambda () (receive (x x)))))) (lists:member p (element 2 (process_info (self) 'links))))"
      ), "true\n")
    XCTAssertEqual(
      s.eval("(spawn (node) 'foo)"), "** exception error: bad argument\n  in (erlang : spawn foo)\n\n")
    XCTAssertEqual(
      s.eval("(spawn (node) 1 2 3)"),
      "** exception error: bad argument\n  in (erlang : spawn nonode@nohost 1 2 3)\n\n")
    XCTAssertEqual(
      s.eval("(spawn_link (node) 'm 'hello 'notalist)"),
      "** exception error: bad argument\n  in (erlang : spawn_link nonode@nohost m hello notalist)\n\n")
  }

  /// Real LFE logs that it cannot start the process there, after the value; a linked
  /// caller also hears that the node cannot be reached.
  func testSpawnOnAnotherNodeLogsAWarning() {
    let s = ProcessSession()
    let stamp = #"=WARNING REPORT==== [1-9]\d?-[A-Z][a-z]{2}-\d{4}::\d\d:\d\d:\d\d\.\d{6} ==="#
    func check(_ input: String, _ pattern: String) {
      let out = s.eval(input)
      XCTAssertNotNil(out.range(of: "^" + pattern + "$", options: .regularExpression), out)
    }
    check(
      "(is_process_alive (spawn 'other@host (lambda () 1)))",
      #"true\n"# + stamp
        + #"\n\*\* Can not start erlang:apply,\[#Fun<lfe_eval\.[0-9.]+>,\[\]\] on other@host \*\*\n\n"#)
    check(
      #"(spawn 'other@host 'io 'format '("x"))"#,
      #"#Pid<0\.\d+\.0>\n"# + stamp + #"\n\*\* Can not start io:format,\[\[120\]\] on other@host \*\*\n\n"#)
    check(
      #"(spawn_link 'other@host 'io 'format '("x"))"#,
      stamp
        + #"\n\*\* Can not start io:format,\[\[120\]\] \(\[link\]\) on other@host \*\*\n\n\*\* exception exit: noconnection\n\n"#
    )
  }

  func testSendToANameOnANode() {
    let s = ProcessSession()
    s.eval("(register 'echo (self))")
    XCTAssertEqual(s.eval("(! (tuple 'echo (node)) 'hi)"), "hi\n")
    XCTAssertEqual(s.eval("(! (tuple 'echo 'other@host) 'lost)"), "lost\n")
    XCTAssertEqual(s.eval("(! (tuple 'nosuch (node)) 'x)"), "x\n")
    XCTAssertEqual(s.eval("(erlang:send (tuple 'echo 'nonode@nohost) 'hi2)"), "hi2\n")
    XCTAssertEqual(s.eval("(c:flush)"), "Shell got hi\nShell got hi2\nok\n")
    XCTAssertEqual(
      s.eval("(! (tuple 1 (node)) 'x)"),
      "** exception error: bad argument\n  in (erlang : ! #(1 nonode@nohost) x)\n\n")
  }

  func testTypeTestsAndConversionsExist() {
    let s = ProcessSession()
    XCTAssertEqual(s.eval("(list (is_pid (self)) (is_pid 1) (is_atom (node)))"), "(true false true)\n")
    XCTAssertEqual(s.eval(#"(list_to_atom "hello world")"#), "|hello world|\n")
  }

  /// `regs` and `i` write names as Erlang's `c` module does (`~w`: quoted where needed)
  /// and cut long ones to their columns. Lines as real LFE printed them, but for the
  /// reductions, which count different work.
  func testRegsAndIQuoteAndCut() {
    let module = """
      (defmodule longmodulename_for_testing
        (export (a_very_long_function_name_here 0)))
      (defun a_very_long_function_name_here () (receive (x x)))
      """
    let s = ProcessSession(files: ["longmodulename_for_testing.lfe": module])
    s.eval(#"(c "longmodulename_for_testing")"#)
    s.eval(
      "(register '|Hello World| (spawn 'longmodulename_for_testing 'a_very_long_function_name_here ()))")
    s.eval("(register 'a_rather_long_registered_name (spawn (lambda () (receive (x x)))))")
    let regs = s.eval("(regs)").split(separator: "\n").map(String.init)
    let hello = regs.first { $0.hasPrefix("'Hello World'") }
    XCTAssertEqual(
      hello.map { String($0.prefix(60)) }, "'Hello World'         <0.80.0>     longmodulename_for_testin")
    let long = regs.first { $0.hasPrefix("a_rather") }
    XCTAssertEqual(long.map { String($0.prefix(49)) }, "a_rather_long_registe <0.81.0>     erlang:apply/2")
    let i = s.eval("(i)").split(separator: "\n").map(String.init)
    XCTAssertTrue(
      i.contains { $0.hasPrefix("<0.80.0>              longmodulename_for_testing:a_very ") }, "\(i)")
    XCTAssertTrue(
      i.contains { $0.hasPrefix("'Hello World'         longmodulename_for_testing:a_very ") }, "\(i)")
    XCTAssertTrue(i.contains { $0.hasPrefix("a_rather_long_registe ") }, "\(i)")
  }
}
