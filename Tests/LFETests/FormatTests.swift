import XCTest

@testable import LFE

/// Expected strings were produced by Erlang/OTP 25 (`io_lib:format/2`) and LFE 2.2.1
/// (`lfe_io:format1/2`) on this machine, unless a comment says otherwise.
final class FormatTests: XCTestCase {
  let atoms = AtomTable()

  func t(_ s: String) -> Term { TermParser.parse(s, atoms: atoms) }
  func a(_ s: String) -> Term { .atom(atoms.intern(s)) }

  func fmt(_ f: String, _ args: [Term]) throws -> String {
    try Format.format(Term.string(f), Term.list(args), atoms: atoms)
  }

  func lfmt(_ f: String, _ args: [Term]) throws -> String {
    try Format.lfeFormat(Term.string(f), Term.list(args), atoms: atoms)
  }

  func assertBadarg(_ f: String, _ args: [Term], lfe: Bool = false, line: UInt = #line) {
    do {
      let s = lfe ? try lfmt(f, args) : try fmt(f, args)
      XCTFail("expected badarg, got \(s)", line: line)
    } catch let e as Exception {
      guard case .atom(let r) = e.reason else { return XCTFail("reason", line: line) }
      XCTAssertEqual(r, .badarg, line: line)
    } catch {
      XCTFail("\(error)", line: line)
    }
  }

  func testPlainDirectives() throws {
    XCTAssertEqual(
      try fmt("~p ~w~n", [t("#(1 \"abc\" b)"), t("#(1 \"abc\" b)")]), "{1,\"abc\",b} {1,[97,98,99],b}\n")
    XCTAssertEqual(try fmt("~~~n", []), "~\n")
    XCTAssertEqual(try fmt("~3n", []), "\n\n\n")
    XCTAssertEqual(try fmt("~3~", []), "~~~")
    XCTAssertEqual(try fmt("~i~w", [a("a"), a("b")]), "b")
    XCTAssertEqual(try fmt("no directives", []), "no directives")
    XCTAssertEqual(try fmt("~p", [.pid(Pid(serial: 79))]), "<0.79.0>")
    XCTAssertEqual(try fmt("~w", [Term.string("abc")]), "[97,98,99]")
    XCTAssertEqual(try fmt("~p", [Term.string("abc")]), "\"abc\"")
    XCTAssertEqual(try fmt("~lp", [Term.string("abc")]), "[97,98,99]")
    XCTAssertEqual(try fmt("~p", [.binary(Binary([1, 2, 3]))]), "<<1,2,3>>")
    XCTAssertEqual(try fmt("~p", [.binary(Binary(Array("abc".utf8)))]), "<<\"abc\">>")
    XCTAssertEqual(try fmt("~w", [a("msg-svc")]), "'msg-svc'")
    XCTAssertEqual(try fmt("~w", [.float(1.0e10)]), "1.0e10")
    XCTAssertEqual(try fmt("~P", [Term.list((1...7).map { Term.int($0) }), .int(4)]), "[1,2,3|...]")
    XCTAssertEqual(try fmt("~W", [t("#(a #(b #(c #(d))))"), .int(3)]), "{a,{...}}")
    XCTAssertEqual(try fmt("Shell got ~p~n", [t("#(hello world)")]), "Shell got {hello,world}\n")
  }

  func testFormatAsBinaryOrAtom() throws {
    let args = Term.list([.int(1)])
    XCTAssertEqual(try Format.format(.binary(Binary(Array("x~wy".utf8))), args, atoms: atoms), "x1y")
    XCTAssertEqual(try Format.format(a("x~wy"), args, atoms: atoms), "x1y")
  }

  func testStrings() throws {
    XCTAssertEqual(try fmt("~5s|", [Term.string("ab")]), "   ab|")
    XCTAssertEqual(try fmt("~-5s|", [Term.string("ab")]), "ab   |")
    XCTAssertEqual(try fmt("~.1s|", [Term.string("ab")]), "a|")
    XCTAssertEqual(try fmt("~5.1s|", [Term.string("ab")]), "    a|")
    XCTAssertEqual(try fmt("~1s|", [Term.string("abc")]), "a|")
    XCTAssertEqual(try fmt("~s", [a("foo")]), "foo")
    XCTAssertEqual(try fmt("~s", [.binary(Binary(Array("bin".utf8)))]), "bin")
    XCTAssertEqual(try fmt("~s", [t("(\"a\" 98 #\"c\")")]), "abc")
    XCTAssertEqual(try fmt("~s", [.empty]), "")
    XCTAssertEqual(try fmt("~ts", [Term.list([.int(1000)])]), "\u{3E8}")
    XCTAssertEqual(try fmt("~-10s|~s", [Term.string("name"), Term.string("x")]), "name      |x")
    XCTAssertEqual(try fmt("~10.3.xs|", [Term.string("abcdef")]), "xxxxxxxabc|")
  }

  func testCharacters() throws {
    XCTAssertEqual(try fmt("~c", [.int(65)]), "A")
    XCTAssertEqual(try fmt("~5c|", [.int(97)]), "aaaaa|")
    XCTAssertEqual(try fmt("~.3c|", [.int(97)]), "aaa|")
    XCTAssertEqual(try fmt("~5.3c|", [.int(97)]), "  aaa|")
    XCTAssertEqual(try fmt("~-5.3c|", [.int(97)]), "aaa  |")
    XCTAssertEqual(try fmt("~*c", [.int(3), .int(120)]), "xxx")
    // Without `t`, io_lib keeps the low byte.
    XCTAssertEqual(try fmt("~c", [.int(1000)]), "è")
  }

  func testIntegers() throws {
    XCTAssertEqual(try fmt("~b", [.int(-255)]), "-255")
    XCTAssertEqual(try fmt("~.16b", [.int(255)]), "ff")
    XCTAssertEqual(try fmt("~.16B", [.int(255)]), "FF")
    XCTAssertEqual(try fmt("~.16x", [.int(255), Term.string("0x")]), "0xff")
    XCTAssertEqual(try fmt("~.16X", [.int(255), a("foo")]), "fooFF")
    XCTAssertEqual(try fmt("~.16+", [.int(255)]), "16#ff")
    XCTAssertEqual(try fmt("~.16#", [.int(-255)]), "-16#FF")
    XCTAssertEqual(try fmt("~8b|", [.int(5)]), "       5|")
    XCTAssertEqual(try fmt("~-8b|", [.int(5)]), "5       |")
    XCTAssertEqual(try fmt("~8.2.0b|", [.int(5)]), "00000101|")
    XCTAssertEqual(try fmt("~.2.0b", [.int(5)]), "101")
    XCTAssertEqual(try fmt("~b", [t("123456789012345678901234567890")]), "123456789012345678901234567890")
    XCTAssertEqual(try fmt("~5w|", [a("abc")]), "  abc|")
    XCTAssertEqual(try fmt("~2w|", [a("abc")]), "**|")
    XCTAssertEqual(try fmt("~10p|", [a("abc")]), "abc|")
    XCTAssertEqual(try fmt("~10.5p|", [a("abc")]), "abc|")
  }

  func testFloats() throws {
    XCTAssertEqual(try fmt("~.2f", [.float(2.675)]), "2.67")
    XCTAssertEqual(try fmt("~f", [.float(3.14159)]), "3.141590")
    XCTAssertEqual(try fmt("~e", [.float(1.0)]), "1.00000e+0")
    XCTAssertEqual(try fmt("~g", [.float(1.0)]), "1.00000")
    XCTAssertEqual(try fmt("~g", [.float(0.05)]), "5.00000e-2")
    XCTAssertEqual(try fmt("~g", [.float(12345.0)]), "1.23450e+4")
    XCTAssertEqual(try fmt("~g", [.float(123456.0)]), "1.23456e+5")
    XCTAssertEqual(try fmt("~.3e", [.float(1234.5)]), "1.23e+3")
    XCTAssertEqual(try fmt("~10.2f", [.float(3.14159)]), "      3.14")
    XCTAssertEqual(try fmt("~-10.2f|", [.float(3.14159)]), "3.14      |")
    XCTAssertEqual(try fmt("~.1f", [.float(0.05)]), "0.1")
    XCTAssertEqual(try fmt("~f", [.float(1.0e20)]), "100000000000000000000.000000")
    XCTAssertEqual(try fmt("~e", [.float(1.0e-300)]), "1.00000e-300")
    XCTAssertEqual(try fmt("~g", [.float(0.0)]), "0.00000e+0")
    XCTAssertEqual(try fmt("~.*f", [.int(2), .float(3.14159)]), "3.14")
    XCTAssertEqual(try fmt("~10.3.xe|", [.float(3.14159)]), "xxx3.14e+0|")
    XCTAssertEqual(try fmt("~3f", [.float(3.14159)]), "***")
    // Not checked: derived from the same rules (rounding up through nines, negatives).
    XCTAssertEqual(try fmt("~.1f", [.float(9.99)]), "10.0")
    XCTAssertEqual(try fmt("~.2e", [.float(-9.999)]), "-1.0e+1")
    XCTAssertEqual(try fmt("~f", [.float(-0.0)]), "0.000000")
  }

  func testPrettyColumn() throws {
    let seq40 = Term.list((1...40).map { Term.int($0) })
    let seq30 = Term.list((1...30).map { Term.int($0) })
    XCTAssertEqual(
      try fmt("abc ~p~n", [seq40]),
      """
      abc [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,
           28,29,30,31,32,33,34,35,36,37,38,39,40]

      """)
    XCTAssertEqual(
      try fmt("x~n~p and ~p~n", [seq30, .tuple([a("a"), seq30])]),
      """
      x
      [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,
       29,30] and {a,[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,
                      24,25,26,27,28,29,30]}

      """)
    XCTAssertEqual(
      try fmt("~.10p", [seq30]),
      """
      [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,
                26,27,28,29,30]
      """)
    XCTAssertEqual(
      try fmt("~30p", [t("#(a (1 2 3 4 5 6 7 8 9 10) \"hello\")")]),
      "{a,[1,2,3,4,5,6,7,8,9,10],\n   \"hello\"}")
  }

  func testBadarg() {
    assertBadarg("~a", [.int(1)])
    assertBadarg("~w", [])
    assertBadarg("~w", [a("a"), a("b")])
    assertBadarg("~s", [Term.list([.int(1000)])])
    assertBadarg("~s", [.int(123)])
    assertBadarg("~f", [.int(1)])
    assertBadarg("~e", [.int(1)])
    assertBadarg("~b", [.float(1.0)])
    assertBadarg("~x", [.int(1), .int(2)])
    assertBadarg("~c", [a("a")])
    assertBadarg("~.0f", [.float(1.5)])
    assertBadarg("~P", [.int(1), a("x")])
    assertBadarg("~", [])
    XCTAssertThrowsError(try Format.format(Term.string("~w"), .int(1), atoms: atoms))
    XCTAssertThrowsError(try Format.format(.int(1), .empty, atoms: atoms))
  }

  /// A negative precision from `*` is badarg, as in Erlang (found by fuzzing: it trapped
  /// on a negative repeat count).
  func testNegativeStarPrecisionIsBadarg() {
    assertBadarg("~.*f", [.int(-1), .float(1.0)])
    assertBadarg("~.*s", [.int(-2), Term.string("abc")])
    assertBadarg("~.*w", [.int(-7), .int(42)])
    assertBadarg("~.*p", [.int(-7), .int(42)], lfe: true)
    XCTAssertEqual(try fmt("~.*f", [.int(2), .float(1.5)]), "1.50")
  }

  // MARK: lfe_io:format

  func testLFEFormat() throws {
    XCTAssertEqual(
      try lfmt("~p|~w|~s|~c", [t("#(1 \"abc\" b)"), Term.string("ab"), a("atom"), .int(65)]),
      "#(1 \"abc\" b)|(97 98)|atom|A")
    XCTAssertEqual(
      try lfmt(
        "~5s|~-5s|~.1s|~5.1s|~1s|", Array(repeating: Term.string("ab"), count: 4) + [Term.string("abc")]),
      "   ab|ab   |a|    a|a|")
    XCTAssertEqual(
      try lfmt("~.16+|~.16#|~.2+|~.8#|~.36+", [.int(255), .int(-255), .int(5), .int(8), .int(100)]),
      "#xff|-#XFF|#b101|#O10|#36r2s")
    XCTAssertEqual(
      try lfmt(
        "~3f|~10.2f|~e|~g|~.3e",
        [.float(3.14159), .float(3.14159), .float(1.0), .float(0.05), .float(1234.5)]),
      "3.1|      3.14|1.00000e+0|5.00000e-2|1.23e+3")
    XCTAssertEqual(try lfmt("~5w|~2w|~.2w|~5.2w", Array(repeating: a("abc"), count: 4)), "  abc|**|ab|   ab")
    XCTAssertEqual(try lfmt("~c", [.int(1000)]), "\u{3E8}")
    XCTAssertEqual(try lfmt("~s", [.binary(Binary(Array("héllo".utf8)))]), "héllo")
    XCTAssertEqual(try lfmt("~P", [Term.list((1...10).map { Term.int($0) }), .int(4)]), "(1 2 3 ...)")
    XCTAssertEqual(try lfmt("~W", [Term.list((1...10).map { Term.int($0) }), .int(4)]), "(1 2 3 ...)")
    XCTAssertEqual(try lfmt("~x", [.int(255), Term.string("0x")]), "0x255")
    XCTAssertEqual(try lfmt("~p", [.pid(Pid(serial: 79))]), "#Pid<0.79.0>")
    XCTAssertEqual(
      try lfmt("abc ~p~n", [Term.list((1...40).map { Term.int($0) })]),
      """
      abc (1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24
           25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40)

      """)
    XCTAssertEqual(
      try lfmt("~p~n", [Term.list((1...40).map { Term.int($0) })]),
      """
      (1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26
       27 28 29 30 31 32 33 34 35 36 37 38 39 40)

      """)
    XCTAssertEqual(
      try lfmt(
        "~p", [.tuple([a("a"), Term.list(Array(repeating: t("#(x y \"zzzzzzzzzzzzzzzzzzz\")"), count: 5))])]),
      """
      #(a
        (#(x y "zzzzzzzzzzzzzzzzzzz")
         #(x y "zzzzzzzzzzzzzzzzzzz")
         #(x y "zzzzzzzzzzzzzzzzzzz")
         #(x y "zzzzzzzzzzzzzzzzzzz")
         #(x y "zzzzzzzzzzzzzzzzzzz")))
      """)
    assertBadarg("~tp", [.int(1)], lfe: true)
    assertBadarg("~a", [.int(1)], lfe: true)
    XCTAssertThrowsError(try Format.lfeFormat(a("abc"), .empty, atoms: atoms))
  }

  // MARK: The io natives

  final class Captured {
    let sink = OutputSink()
    var text: String {
      get { sink.text }
      set { _ = sink.drain() }
    }
  }

  func call(_ module: String, _ name: String, _ args: [Term], into out: Captured) throws(Exception) -> Term {
    guard
      let f = IONatives.natives().first(where: {
        $0.module == module && $0.name == name && $0.arity == args.count
      })
    else { fatalError("no native \(module):\(name)/\(args.count)") }
    let ctx = NativeContext(atoms: atoms, sink: out.sink)
    return try args.withUnsafeBufferPointer { (buf) throws(Exception) -> Term in try f.body(ctx, buf) }
  }

  func testIONatives() throws {
    let out = Captured()
    let r = try call(
      "io", "format", [Term.string("~p ~s~n"), Term.list([t("#(1 \"abc\" b)"), Term.string("str")])],
      into: out)
    XCTAssertEqual(r, .ok)
    XCTAssertEqual(out.text, "{1,\"abc\",b} str\n")
    out.text = ""
    _ = try call("io", "format", [Term.string("hello~n")], into: out)
    _ = try call("io", "fwrite", [a("standard_io"), Term.string("~w"), Term.list([.int(1)])], into: out)
    _ = try call("io", "put_chars", [t("(\"abc\" #\"d\u{e9}f\" 10)")], into: out)
    _ = try call("io", "nl", [], into: out)
    _ = try call("io", "write", [t("#(a \"bc\")")], into: out)
    _ = try call("lfe_io", "print", [.tuple([a("a"), Term.string("bc"), .pid(Pid(serial: 79))])], into: out)
    _ = try call("lfe_io", "format", [Term.string("~p~n"), Term.list([t("#(1 \"abc\")")])], into: out)
    _ = try call("lfe_io", "prettyprint", [t("(1 \"abc\")")], into: out)
    XCTAssertEqual(
      out.text, "hello\n1abcd\u{e9}f\n\n{a,[98,99]}#(a (98 99) #Pid<0.79.0>)#(1 \"abc\")\n(1 \"abc\")")
    let chars = try call(
      "io_lib", "format", [Term.string("~p ~w"), Term.list([.int(1), .int(2)])], into: out)
    // Erlang's deep list: each ~p/~w text a sublist, literal characters inline.
    XCTAssertEqual(chars, Term.list([Term.string("1"), .int(32), Term.string("2")]))
    let lchars = try call("lfe_io", "print1", [t("#(a \"b\")")], into: out)
    XCTAssertEqual(lchars, Term.string("#(a (98))"))
    XCTAssertThrowsError(try call("io", "format", [Term.string("~a"), Term.list([.int(1)])], into: out))
    XCTAssertThrowsError(try call("io", "put_chars", [.int(1)], into: out))
    XCTAssertThrowsError(try call("io", "format", [a("nodevice"), Term.string("x"), .empty], into: out))
  }
}
