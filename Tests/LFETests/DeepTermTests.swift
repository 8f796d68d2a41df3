import Foundation
import XCTest

@testable import LFE

/// Every host walk over a term, on terms nested 200,000 deep: lists in heads, tuples in
/// tuples, maps as keys and as values, tuples holding binaries, improper lists, funs
/// capturing funs. Each session runs, and ends (freeing its terms), on a thread with a
/// 1 MiB stack, so a walk that recursed once per level of nesting would crash the test,
/// where the main thread's larger stack might hide it: any frame takes more than the
/// 5 bytes a level that 200,000 levels leave.
final class DeepTermTests: XCTestCase {
  private static let depth = 200_000

  /// Builds, by the same fold, a term `depth` levels deep: `wrap` makes a level of `acc`.
  private static func nest(_ wrap: String, bottom: String = "'a") -> String {
    "(lists:foldl (lambda (_ acc) \(wrap)) \(bottom) (lists:seq 1 \(depth)))"
  }

  /// The kinds of nesting, each as the expression of one level around `acc`.
  private static let kinds: [(name: String, wrap: String)] = [
    ("list-in-head", "(list acc)"),
    ("tuple-in-tuple", "(tuple acc)"),
    ("map-as-key", "(map acc 1)"),
    ("map-as-value", "(map 'k acc)"),
    ("binary-tuple", "(tuple acc #b(1 2 3))"),
    ("improper-list", "(cons acc 7)"),
  ]

  /// Runs `body` with a fresh session on a thread with a 1 MiB stack and returns what it
  /// returned; fails the test if the thread does not finish.
  private func onSmallStack<T>(_ body: @escaping (ProcessSession) -> T) -> T? {
    nonisolated(unsafe) var result: T? = nil
    nonisolated(unsafe) let work = body
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      // The session and all its terms are made, used and freed on this thread.
      let s = ProcessSession()
      result = work(s)
      done.signal()
    }
    thread.stackSize = 1 << 20
    thread.start()
    // Generous: a debug build under load walks a million levels slowly. Not a speed test.
    XCTAssertEqual(done.wait(timeout: .now() + 1800), .success, "the session did not finish")
    return result
  }

  /// Binds `x1` and `x2` to equal terms built separately (so no comparison ends early by
  /// finding the same box twice) and `x3` to one that differs only at the very bottom.
  private func bindThree(_ s: ProcessSession, _ wrap: String) {
    s.eval("(progn (set x1 \(Self.nest(wrap))) 'ok)")
    s.eval("(progn (set x2 \(Self.nest(wrap))) 'ok)")
    s.eval("(progn (set x3 \(Self.nest(wrap, bottom: "'b"))) 'ok)")
  }

  /// Compares, hashes, and writes and reads back in the external format, terms of one
  /// kind of nesting.
  private func checkWalks(_ wrap: String) {
    let out = onSmallStack { s in
      self.bindThree(s, wrap)
      return s.eval("(list (=:= x1 x2) (== x1 x2) (< x1 x3) (> x3 x2) (=:= x1 x3) (< x2 x1) (/= x1 x3))")
        + s.eval(
          "(list (maps:get x2 (map x1 'one x3 'three)) (maps:get x3 (map x1 'one x3 'three))"
            + " (length (lists:usort (list x1 x2 x3 x2))) (maps:is_key x2 (map x3 1))"
            + " (=:= (map x1 1 x3 2) (map x3 2 x2 1)))")
        + s.eval(
          "(list (=:= x1 (binary_to_term (term_to_binary x1)))"
            + " (=:= (term_to_binary x1) (term_to_binary x2))"
            + " (=:= (erlang:phash2 x1) (erlang:phash2 x2))"
            + " (=:= (erlang:phash x1 1000000) (erlang:phash x2 1000000)))")
    }
    XCTAssertEqual(
      out, "(true true true true false false true)\n(one three 2 false true)\n(true true true true)\n")
  }

  func testWalksOverListsNestedInHeads() { checkWalks("(list acc)") }
  func testWalksOverTuplesNestedInTuples() { checkWalks("(tuple acc)") }
  func testWalksOverMapsNestedAsKeys() { checkWalks("(map acc 1)") }
  func testWalksOverMapsNestedAsValues() { checkWalks("(map 'k acc)") }
  func testWalksOverTuplesHoldingBinaries() { checkWalks("(tuple acc #b(1 2 3))") }
  func testWalksOverImproperLists() { checkWalks("(cons acc 7)") }

  func testDeepTermsPrintTheirFirstLevels() {
    let out = onSmallStack { s in
      Self.kinds.map { kind -> String in
        s.eval("(progn (set x \(Self.nest(kind.wrap))) 'ok)")
        var text = kind.name + "\n"
        text += s.eval("(io:format \"~P~n\" (list x 4))")
        text += s.eval("(io:format \"~W~n\" (list x 4))")
        let lfe = s.eval("(lfe_io:format \"~P~n\" (list x 4))")
        if kind.name.hasPrefix("map") {
          // LFE's writer takes a map's pairs at the depth it was given, whatever their
          // nesting (as LFE 2.2.1 does): the whole term, as far as the printers go.
          text += lfe.hasPrefix("#M(") && lfe.contains("...") ? "the whole map\n" : lfe
        } else {
          text += lfe
        }
        // Unlimited: the printers stop at a fixed nesting and print `...` there.
        for control in ["~p", "~w"] {
          let full = s.eval("(lists:flatten (io_lib:format \"\(control)\" (list x)))")
          text += full.contains("...") ? "" : "\(control) printed no `...`\n"
        }
        let shown = s.eval("x")
        text += shown.contains("...") ? "" : "the shell showed no `...`\n"
        return text
      }.joined()
    }
    XCTAssertEqual(
      out,
      """
      list-in-head
      [[[[...]]]]
      ok
      [[[[...]]]]
      ok
      ((((...))))
      ok
      tuple-in-tuple
      {{{{...}}}}
      ok
      {{{{...}}}}
      ok
      #(#(#(#(...))))
      ok
      map-as-key
      #{#{#{#{...} => 1} => 1} => 1}
      ok
      #{#{#{#{} => 1,...} => 1} => 1}
      ok
      the whole map
      map-as-value
      #{k => #{k => #{k => #{...}}}}
      ok
      #{k => #{k => #{k => #{},...}}}
      ok
      the whole map
      binary-tuple
      {{{{...},...},<<...>>},<<1,...>>}
      ok
      {{{{...},...},<<...>>},<<1,...>>}
      ok
      #(#(#(#(...) ...) #B(1 ...)) #B(1 2 ...))
      ok
      improper-list
      [[[[...]|...]|7]|7]
      ok
      [[[[...]|...]|7]|7]
      ok
      ((((...) ...) . 7) . 7)
      ok

      """)
  }

  func testDeepIolistsAndLists() {
    let out = onSmallStack { s in
      s.eval("(progn (set io \(Self.nest("(list acc #\"ab\" 99)", bottom: "#\"z\""))) 'ok)")
      s.eval("(progn (set l \(Self.nest("(list acc 1)", bottom: "'()"))) 'ok)")
      return s.eval(
        "(tuple (iolist_size io) (byte_size (iolist_to_binary io)) (byte_size (list_to_binary io))"
          + " (erlang:length (lists:flatten l)) (lists:sum (lists:flatten l)))")
    }
    XCTAssertEqual(out, "#(600001 600001 600001 200000 200000)\n")
  }

  func testFunsCapturingDeepTerms() {
    let out = onSmallStack { s in
      s.eval("(progn (set f1 \(Self.nest("(lambda () acc)"))) 'ok)")
      s.eval("(progn (set deep \(Self.nest("(tuple acc)"))) (set g (lambda () deep)) 'ok)")
      return s.eval("(list (=:= f1 f1) (=:= f1 g) (=:= (funcall g) deep) (is_function f1 0))")
        + s.eval("(io:format \"~P~n\" (list (tuple f1 deep) 4))")
        + s.eval("(term_to_binary f1)").prefix(32)
    }
    let text = out ?? ""
    // The fun's numbers depend on the shell's code so far.
    XCTAssertTrue(text.hasPrefix("(true false true true)\n{#Fun<lfe_eval."), text)
    XCTAssertTrue(text.hasSuffix(">,{{...}}}\nok\n** exception error: bad argument"), text)
  }

  /// A message holding a deep term: the mailbox, `flush` and `i` print it or count it.
  func testDeepTermsInMailboxesAndErrors() {
    let out = onSmallStack { s in
      s.eval("(progn (set t \(Self.nest("(tuple acc)"))) 'ok)")
      s.eval("(progn (set m \(Self.nest("(map acc 1)"))) 'ok)")
      var text = s.eval("(progn (! (self) (tuple t m)) 'sent)")
      let flushed = s.eval("(flush)")
      text += flushed.hasPrefix("Shell got {{{{{") && flushed.hasSuffix("ok\n") ? "flushed\n" : flushed
      s.eval("(! (self) m)")
      let listed = s.eval("(i)")
      text += listed.contains("Msgs") ? "listed\n" : listed
      let error = s.eval("(error (tuple 'deep t))")
      text += error.hasPrefix("** exception error: #(deep #(#(#(") ? "raised\n" : error
      text += s.eval("(progn (spawn (lambda () (error m))) 'spawned)").contains("spawned") ? "spawned\n" : ""
      text += s.eval("(+ 1 2)")
      return text
    }
    XCTAssertEqual(out, "sent\nflushed\nlisted\nraised\nspawned\n3\n")
  }

  /// A_n = #M(A_{n-1} 1 B_{n-1} 2), B_n = #M(A_{n-1} 1 B_{n-1} 3): sorting A_n's keys
  /// compares A_{n-1} with B_{n-1}, which sorts their keys, and so on: without a cache
  /// of sorted keys that is exponential in n, and without a work list n deep.
  func testSharedMapsAsKeysSortOnce() {
    let out = onSmallStack { s in
      s.eval(
        "(progn (set ab (lists:foldl (match-lambda ((_ (tuple a b)) (tuple (map a 1 b 2) (map a 1 b 3))))"
          + " (tuple 'x 'y) (lists:seq 1 100000))) 'ok)")
      // Nothing here prints `a` or `b`: unfolded, they are 2^100000 maps.
      return s.eval(
        "(let (((tuple a b) ab)) (list (< a b) (=:= a b) (== a (maps:merge (map) a))"
          + " (length (maps:keys a)) (maps:get b (map a 'one b 'two)) (=:= (lists:sort (list b a)) (list a b))))"
      )
    }
    XCTAssertEqual(out, "(true false true 2 two true)\n")
  }

  /// Quoted forms as deep as the reader allows become terms without recursion.
  func testDeepQuotedLiterals() {
    let n = 990
    func nested(_ open: String, _ inner: String, _ close: String) -> String {
      String(repeating: open, count: n) + inner + String(repeating: close, count: n)
    }
    let out = onSmallStack { s in
      s.eval("(length '\(nested("(1 . ", "()", ")")))")
        + s.eval("(length '\(nested("(", "", ")")))")
        + s.eval("(tuple_size '\(nested("#(", "", ")")))")
        + s.eval("(map_size '\(nested("#M(k ", "1", ")")))")
    }
    XCTAssertEqual(out, "990\n1\n1\n1\n")
  }

  /// What maps keep once sorted and hashed is counted in the heap account, and given
  /// back with the maps.
  func testMapCachesAreCountedAndGivenBack() {
    let s = ProcessSession()
    XCTAssertEqual(s.eval("(+ 1 1)"), "2\n")
    let before = HeapAccount.bytes
    let build = "(lists:foldl (lambda (_ acc) (map acc 1)) 'a (lists:seq 1 100000))"
    s.eval(
      "(set p (spawn (lambda () (let* ((z \(build)) (held (list z (< (map z 2 'b 3) (map z 2 'b 4)))))"
        + " (receive (who (! who (length held))))))))")
    let held = HeapAccount.bytes - before
    // Per level: the map and its table, then its caches (48 bytes) and a sorted array
    // of one entry (64 bytes).
    XCTAssertGreaterThan(held, 100_000 * (HeapAccount.map(1) + 100))
    XCTAssertEqual(s.eval("(progn (! p (self)) (receive (n (timer:sleep 10) n)))"), "2\n")
    XCTAssertEqual(s.eval("(is_process_alive p)"), "false\n")
    XCTAssertLessThan(HeapAccount.bytes - before, 1_000_000)
  }
}
