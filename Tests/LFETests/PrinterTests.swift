import BigInt
import XCTest

@testable import LFE

/// Builds test terms from a small s-expression syntax: `(a 1 "s" (b . c))`, `#(1 2)`,
/// `#M(k v)`, `#"bin"`, `'x`, floats, and `<pid N>` / `<ref N>` for pids and refs.
/// It is only a test helper, independent of the real reader.
struct TermParser {
  let atoms: AtomTable
  var chars: [Character]
  var pos = 0

  static func parse(_ text: String, atoms: AtomTable) -> Term {
    var p = TermParser(atoms: atoms, chars: Array(text))
    return p.term()
  }

  private mutating func skipSpace() {
    while pos < chars.count, chars[pos].isWhitespace { pos += 1 }
  }

  private mutating func elements(until close: Character) -> (items: [Term], tail: Term) {
    var items: [Term] = []
    var tail = Term.empty
    while true {
      skipSpace()
      if chars[pos] == close {
        pos += 1
        return (items, tail)
      }
      if chars[pos] == ".", pos + 1 < chars.count, chars[pos + 1].isWhitespace {
        pos += 1
        tail = term()
        continue
      }
      items.append(term())
    }
  }

  mutating func term() -> Term {
    skipSpace()
    let c = chars[pos]
    if c == "(" {
      pos += 1
      let (items, tail) = elements(until: ")")
      return Term.list(items, tail: tail)
    }
    if c == "'" {
      pos += 1
      return Term.list([.atom(atoms.intern("quote")), term()])
    }
    if c == "#" {
      if chars[pos + 1] == "(" {
        pos += 2
        return .tuple(elements(until: ")").items)
      }
      if chars[pos + 1] == "M" {
        pos += 3
        let items = elements(until: ")").items
        var entries: [Term: Term] = [:]
        for i in stride(from: 0, to: items.count, by: 2) { entries[items[i]] = items[i + 1] }
        return .map(MapBox(entries))
      }
      pos += 1
      let cps = TermConversion.codePoints(term()) ?? []
      return .binary(Binary(Array(TermConversion.string(fromCodePoints: cps).utf8)))
    }
    if c == "\"" {
      pos += 1
      var s = ""
      while chars[pos] != "\"" {
        if chars[pos] == "\\" {
          pos += 1
          s.append(chars[pos] == "n" ? "\n" : chars[pos])
        } else {
          s.append(chars[pos])
        }
        pos += 1
      }
      pos += 1
      return Term.string(s)
    }
    if c == "<" {
      pos += 1
      let kind = token()
      let n = Int(token())!
      skipSpace()
      pos += 1
      return kind == "pid" ? .pid(Pid(serial: UInt32(n))) : .ref(Ref(serial: UInt64(n)))
    }
    let tok = token()
    if let i = Int(tok) { return .int(i) }
    if let b = BigInt(tok) { return .big(BigBox(b)) }
    if tok.contains("."), let d = Double(tok) { return .float(d) }
    return .atom(atoms.intern(tok))
  }

  private mutating func token() -> String {
    skipSpace()
    var s = ""
    while pos < chars.count, !chars[pos].isWhitespace, !"()>".contains(chars[pos]) {
      s.append(chars[pos])
      pos += 1
    }
    return s
  }
}

/// Expected strings marked "checked" were produced by real LFE 2.2.1 (its shell, or
/// `lfe_io`) or Erlang/OTP 25 (`io_lib`) on this machine; a pid or ref that real LFE
/// numbers differently is the only change made to them.
final class PrinterTests: XCTestCase {
  let atoms = AtomTable()

  func t(_ s: String) -> Term { TermParser.parse(s, atoms: atoms) }
  func a(_ s: String) -> Term { .atom(atoms.intern(s)) }
  func seq(_ a: Int, _ b: Int) -> Term { Term.list((a...b).map { Term.int($0) }) }
  func list(_ xs: Term...) -> Term { Term.list(xs) }

  func lfe(_ term: Term) -> String { Printer.lfe(term, atoms: atoms) }
  func shell(_ term: Term, _ style: Printer.PidStyle = .tagged) -> String {
    Printer.shellValue(term, atoms: atoms, pidStyle: style)
  }
  func erl(_ term: Term) -> String { Printer.erlang(term, atoms: atoms) }
  func pretty(_ term: Term, column: Int = 1, width: Int = 80) -> String {
    Printer.erlangPretty(term, atoms: atoms, column: column, lineLength: width)
  }

  // MARK: LFE syntax, one term per line (all checked in the LFE 2.2.1 shell)

  func testShellBasics() {
    XCTAssertEqual(shell(t("(1 \"abc\" b)")), "(1 \"abc\" b)")
    XCTAssertEqual(shell(t("#(1 \"abc\" b)")), "#(1 \"abc\" b)")
    XCTAssertEqual(shell(t("(1 . 2)")), "(1 . 2)")
    XCTAssertEqual(shell(t("(1 2 . 3)")), "(1 2 . 3)")
    XCTAssertEqual(shell(t("()")), "()")
    XCTAssertEqual(shell(t("#()")), "#()")
    XCTAssertEqual(shell(t("#(a #(b #(c)))")), "#(a #(b #(c)))")
    XCTAssertEqual(shell(t("(a b (c . d))")), "(a b (c . d))")
    XCTAssertEqual(shell(t("((1 2 3) . tail)")), "((1 2 3) . tail)")
    XCTAssertEqual(shell(.int(-5)), "-5")
    XCTAssertEqual(shell(t("100000000000000000000000000000")), "100000000000000000000000000000")
    XCTAssertEqual(shell(list(.float(1.0), .float(-0.0), .float(1000.0))), "(1.0 -0.0 1.0e3)")
  }

  func testShellStrings() {
    XCTAssertEqual(shell(Term.string("a\nb")), "\"a\\nb\"")
    XCTAssertEqual(
      shell(Term.list([97, 10, 34, 92, 98, 9, 27].map { Term.int($0) })), "\"a\\n\\\"\\\\b\\t\\e\"")
    // 127 is not printable, so the list prints as numbers.
    XCTAssertEqual(
      shell(Term.list([97, 10, 34, 92, 98, 9, 27, 127].map { Term.int($0) })), "(97 10 34 92 98 9 27 127)")
    // Not checked (real LFE's -noshell output device escapes these): LFE prints Unicode lists as strings.
    XCTAssertEqual(shell(Term.list([1000, 233].map { Term.int($0) })), "\"\u{3E8}é\"")
  }

  func testSymbols() {
    XCTAssertEqual(shell(a("hello")), "hello")
    XCTAssertEqual(shell(a("hello world")), "|hello world|")
    XCTAssertEqual(shell(a("1")), "|1|")
    XCTAssertEqual(shell(a("1.5")), "|1.5|")
    XCTAssertEqual(shell(a("-1")), "|-1|")
    XCTAssertEqual(shell(a("+")), "+")
    XCTAssertEqual(shell(a(".")), "|.|")
    XCTAssertEqual(shell(a("a.b")), "a.b")
    XCTAssertEqual(shell(a("#a")), "|#a|")
    XCTAssertEqual(shell(a("a#")), "a#")
    XCTAssertEqual(shell(a("'a")), "|'a|")
    XCTAssertEqual(shell(a("a'")), "a'")
    XCTAssertEqual(shell(a("")), "||")
    XCTAssertEqual(shell(a("a;b")), "|a;b|")
    XCTAssertEqual(shell(a("é")), "é")
    XCTAssertEqual(shell(a("a|b")), "a|b")
    XCTAssertEqual(shell(a("A")), "A")
    XCTAssertEqual(shell(a("true")), "true")
    XCTAssertEqual(shell(a("|x")), "|\\|x|")
  }

  func testQuoteForms() {
    XCTAssertEqual(shell(t("(quote a)")), "'a")
    XCTAssertEqual(shell(t("(a quote b)")), "(a quote b)")
    XCTAssertEqual(shell(t("(backquote (a (comma b) (comma-at c)))")), "`(a ,b ,@c)")
  }

  func testBinaries() {
    XCTAssertEqual(shell(.binary(Binary(Array("bin".utf8)))), "#\"bin\"")
    XCTAssertEqual(shell(.binary(Binary([1, 2, 3]))), "#B(1 2 3)")
    XCTAssertEqual(shell(.binary(Binary([]))), "#\"\"")
    XCTAssertEqual(shell(.binary(Binary(Array("a\nb".utf8)))), "#\"a\\nb\"")
    XCTAssertEqual(shell(.binary(Binary([200, 201]))), "#B(200 201)")
    XCTAssertEqual(shell(.binary(Binary(Array("é".utf8)))), "#\"é\"")
    XCTAssertEqual(
      shell(.binary(Binary((1...40).map(UInt8.init)))),
      "#B(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 ...)")
    XCTAssertEqual(
      shell(.binary(Binary((1...30).map(UInt8.init)))),
      "#B(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30)")
    // lfe_io:print1 never shows binaries as text.
    XCTAssertEqual(lfe(.binary(Binary(Array("abc".utf8)))), "#B(97 98 99)")
  }

  func testMapsPidsRefsFuns() {
    XCTAssertEqual(shell(t("#M(b 2 a 1)")), "#M(a 1 b 2)")
    XCTAssertEqual(shell(t("#M()")), "#M()")
    XCTAssertEqual(shell(.pid(Pid(serial: 79))), "#Pid<0.79.0>")
    XCTAssertEqual(shell(.pid(Pid(serial: 79)), .bare), "<0.79.0>")
    XCTAssertEqual(shell(list(.ref(Ref(serial: 5)), .pid(Pid(serial: 79)))), "(#Ref<0.0.0.5> #Pid<0.79.0>)")
    let code = FunctionCode(
      arity: 1, module: atoms.intern("lfe_eval"), name: atoms.intern("lfe_eval"), index: 37, uniq: 68_163_543)
    XCTAssertEqual(shell(.fun(Fun(code: code, captured: []))), "#Fun<lfe_eval.37.68163543/1>")
    let ext = Fun(module: atoms.intern("lists"), function: atoms.intern("map"), arity: 2)
    XCTAssertEqual(shell(.fun(ext)), "(function lists map 2)")
  }

  func testFloats() {
    // Checked against erlang:float_to_list(F, [short]) and LFE's shell.
    let cases: [(Double, String)] = [
      (0.1, "0.1"), (1.0, "1.0"), (1.0e10, "1.0e10"), (1.5e-7, "1.5e-7"),
      (3.141592653589793, "3.141592653589793"), (100.0, "100.0"), (1000.0, "1.0e3"),
      (123456.0, "123456.0"), (1.0e15, "1.0e15"), (1.2345678901234568e17, "1.2345678901234568e17"),
      (0.001, "0.001"), (0.0001, "0.0001"), (0.00012, "1.2e-4"), (1.0e-5, "1.0e-5"),
      (12345.678, "12345.678"), (-0.0, "-0.0"), (5.0e-324, "5.0e-324"),
      (1.7976931348623157e308, "1.7976931348623157e308"), (1234567890123456.0, "1234567890123456.0"),
      (9007199254740992.0, "9.007199254740992e15"), (9.5e15, "9.5e15"), (1.23456e-4, "1.23456e-4"),
      (-2.5, "-2.5"), (0.0, "0.0"),
    ]
    for (x, s) in cases { XCTAssertEqual(FloatFormatter.shortest(x), s, "\(x)") }
  }

  // MARK: The shell's depth and line width (checked)

  func testShellDepthCut() {
    XCTAssertEqual(
      shell(seq(1, 40)),
      "(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 ...)")
    XCTAssertEqual(
      shell(seq(1, 30)),
      "(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 ...)")
    XCTAssertEqual(
      shell(seq(1, 29)),
      "(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29)")
    XCTAssertEqual(
      shell(.tuple([seq(1, 40)])),
      "#((1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 ...))")
  }

  func testShellBreaksLists() {
    let tuples = Term.list((1...6).map { Term.tuple([.int($0), a("hello"), Term.string("world")]) })
    XCTAssertEqual(
      shell(tuples),
      """
      (#(1 hello "world")
       #(2 hello "world")
       #(3 hello "world")
       #(4 hello "world")
       #(5 hello "world")
       #(6 hello "world"))
      """)
    XCTAssertEqual(
      shell(list(seq(1, 30), seq(1, 5))),
      """
      ((1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 ...)
       (1 2 3 4 5))
      """)
    XCTAssertEqual(
      shell(Term.list(Array(repeating: Term.string("hello world"), count: 12))),
      "(" + Array(repeating: "\"hello world\"", count: 12).joined(separator: "\n ") + ")")
    XCTAssertEqual(
      shell(list(a("a"), seq(1, 40), a("b"))),
      """
      (a
       (1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 ...)
       b)
      """)
    XCTAssertEqual(
      shell(Term.list((1...27).map { Term.int($0) } + [a("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")])),
      """
      (1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26
       27 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa)
      """)
  }

  func testShellBreaksTuplesAndImproperLists() {
    XCTAssertEqual(
      shell(t("(#(aaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbbb ccccccccccccccccccccccccc ddddddddd))")),
      """
      (#(aaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbbb
         ccccccccccccccccccccccccc ddddddddd))
      """)
    XCTAssertEqual(
      shell(
        .tuple([
          a("state"), seq(1, 25), Term.string("a string here"), t("#M(key value other-key \"other value\")"),
        ])),
      """
      #(state
        (1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25)
        "a string here"
        #M(key value other-key "other value"))
      """)
    XCTAssertEqual(
      shell(
        .tuple([a("a"), Term.list(Array(repeating: t("#(x y \"zzzzzzzzzzzzzzzzzzz\")"), count: 5))])),
      """
      #(a
        (#(x y "zzzzzzzzzzzzzzzzzzz")
         #(x y "zzzzzzzzzzzzzzzzzzz")
         #(x y "zzzzzzzzzzzzzzzzzzz")
         #(x y "zzzzzzzzzzzzzzzzzzz")
         #(x y "zzzzzzzzzzzzzzzzzzz")))
      """)
    XCTAssertEqual(
      shell(
        t("(aaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb . cccccccccccccccccccccccccccccccccccc)")),
      """
      (aaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb .
       cccccccccccccccccccccccccccccccccccc)
      """)
    XCTAssertEqual(
      shell(
        t(
          "(aaaaaaaaaaaaaaaaaaaa #(1 2) bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb . cccccccccccccccccccccccccccccccccccc)"
        )),
      """
      (aaaaaaaaaaaaaaaaaaaa
       #(1 2)
       bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb .
       cccccccccccccccccccccccccccccccccccc)
      """)
  }

  func testShellBreaksMaps() {
    var entries: [Term: Term] = [:]
    for i in 1...12 { entries[.int(i)] = .int(i * 1_000_000) }
    XCTAssertEqual(
      shell(.map(MapBox(entries))),
      """
      #M(1 1000000 2 2000000 3 3000000 4 4000000 5 5000000 6 6000000
         7 7000000 8 8000000 9 9000000 10 10000000 11 11000000 12 12000000)
      """)
    XCTAssertEqual(
      shell(t("#M(a \"a very long string value that goes past the line width of eighty characters\" b 2)")),
      """
      #M(a
           "a very long string value that goes past the line width of eighty characters"
         b 2)
      """)
    let m = MapBox([a("akey"): t("#(1 2 3)"), a("bkey"): seq(1, 30)])
    XCTAssertEqual(
      shell(.map(m)),
      """
      #M(akey #(1 2 3)
         bkey
           (1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24
            25 26 27 28 29 ...))
      """)
  }

  func testShellCodeForms() {
    XCTAssertEqual(
      shell(t("(defun fact (n) (if (=< n 0) 1 (* n (fact (- n 1)))))")),
      "(defun fact (n) (if (=< n 0) 1 (* n (fact (- n 1)))))")
    XCTAssertEqual(
      shell(t("(let ((x 1) (y 2)) (+ x y) (list x y x y x y x y x y x y x y x y x y x y x y x y))")),
      """
      (let ((x 1) (y 2))
        (+ x y)
        (list x y x y x y x y x y x y x y x y x y x y x y x y))
      """)
    XCTAssertEqual(
      shell(
        t(
          "(defun fact (n) (if (=< n 0) 1 (* n (fact (- n 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19)))))"
        )),
      """
      (defun fact (n)
        (if (=< n 0) 1 (* n (fact (- n 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 ...)))))
      """)
    XCTAssertEqual(
      shell(
        t(
          "(defun fact ((0) 1) ((n) (* n (fact (- n 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23)))))"
        )),
      """
      (defun fact
        ((0) 1)
        ((n) (* n (fact (- n 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 ...)))))
      """)
    XCTAssertEqual(
      shell(
        t(
          "(progn (list aaaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbb) (list cccccccccccccccccccccccccc ddddddddddddddddddddd))"
        )),
      """
      (progn \n  (list aaaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbb)
        (list cccccccccccccccccccccccccc ddddddddddddddddddddd))
      """)
  }

  func testLFEPrintDepth() {
    // Checked with lfe_io:print1/2.
    XCTAssertEqual(Printer.lfe(seq(1, 10), atoms: atoms, depth: 4), "(1 2 3 ...)")
    XCTAssertEqual(Printer.lfe(t("#(a #(b #(c)))"), atoms: atoms, depth: 2), "#(a ...)")
    XCTAssertEqual(Printer.lfe(Term.string("ab"), atoms: atoms), "(97 98)")
    XCTAssertEqual(Printer.lfe(t("#M(a 1 b 2 c 3)"), atoms: atoms, depth: 3), "#M(a 1 b 2 ...)")
  }

  // MARK: Erlang syntax, ~w (checked with io_lib:format)

  func testErlangWrite() {
    XCTAssertEqual(erl(t("#(1 \"abc\" b)")), "{1,[97,98,99],b}")
    XCTAssertEqual(erl(seq(1, 3)), "[1,2,3]")
    XCTAssertEqual(erl(t("(1 . 2)")), "[1|2]")
    XCTAssertEqual(erl(t("(1 2 . 3)")), "[1,2|3]")
    XCTAssertEqual(erl(t("()")), "[]")
    XCTAssertEqual(erl(t("#()")), "{}")
    XCTAssertEqual(erl(t("#M()")), "#{}")
    XCTAssertEqual(erl(.binary(Binary(Array("abc".utf8)))), "<<97,98,99>>")
    XCTAssertEqual(erl(.pid(Pid(serial: 79))), "<0.79.0>")
    XCTAssertEqual(erl(.ref(Ref(serial: 7))), "#Ref<0.0.0.7>")
    XCTAssertEqual(erl(.float(1.0e10)), "1.0e10")
    XCTAssertEqual(erl(.float(-0.0)), "-0.0")
    let ext = Fun(module: atoms.intern("lists"), function: atoms.intern("map"), arity: 2)
    XCTAssertEqual(erl(.fun(ext)), "fun lists:map/2")
    let code = FunctionCode(
      arity: 1, module: atoms.intern("lfe_eval"), name: atoms.intern("lfe_eval"), index: 37, uniq: 68_163_543)
    XCTAssertEqual(erl(.fun(Fun(code: code, captured: []))), "#Fun<lfe_eval.37.68163543>")
    XCTAssertEqual(
      erl(Term.list([.int(1), .float(1.0), a("c"), Term.string("s"), .tuple([a("x")])])),
      "[1,1.0,c,[115],{x}]")
    let m = MapBox([.int(1): a("b"), .float(1.0): a("a"), a("c"): a("d"), Term.string("s"): .int(1)])
    XCTAssertEqual(erl(.map(m)), "#{1 => b,1.0 => a,c => d,[115] => 1}")
  }

  func testErlangAtoms() {
    let names = [
      "msg-svc", "Abc", "ok", "hello world", "if", "a@b", "\u{1}", "a\\b", "it's", "maybe", "else",
      "ÿ", "ß", "÷a", "a÷", "À", "aÀ", "a_B@1", "_a", "after", "cond", "begin", "",
    ]
    let expected = [
      "'msg-svc'", "'Abc'", "ok", "'hello world'", "'if'", "a@b", "'\\001'", "'a\\\\b'", "'it\\'s'",
      "maybe", "else", "ÿ", "ß", "'÷a'", "'a÷'", "'À'", "aÀ", "a_B@1", "'_a'", "'after'", "'cond'",
      "'begin'", "''",
    ]
    for (n, e) in zip(names, expected) { XCTAssertEqual(erl(a(n)), e) }
  }

  func testErlangWriteDepth() {
    func w(_ term: Term, _ d: Int) -> String { Printer.erlang(term, atoms: atoms, depth: d) }
    XCTAssertEqual(w(seq(1, 7), 4), "[1,2,3|...]")
    XCTAssertEqual(w(t("#(a #(b #(c #(d))))"), 3), "{a,{...}}")
    XCTAssertEqual(w(Term.string("abcdefghij"), 3), "[97,98|...]")
    XCTAssertEqual(w(.binary(Binary(Array("abcdefghijklmnop".utf8))), 3), "<<97,98,...>>")
    XCTAssertEqual(w(t("#M(a 1 b 2 c 3)"), 2), "#{a => 1,...}")
    XCTAssertEqual(w(t("(a . b)"), 2), "[a|...]")
    XCTAssertEqual(w(t("(a b . c)"), 2), "[a|...]")
    XCTAssertEqual(w(t("#(1 2 3 4 5)"), 3), "{1,2,...}")
    XCTAssertEqual(w(t("#(1)"), 1), "{...}")
    XCTAssertEqual(w(t("#(1)"), 2), "{1}")
    XCTAssertEqual(w(.binary(Binary([1])), 1), "<<...>>")
    XCTAssertEqual(w(.binary(Binary([1])), 2), "<<1>>")
    XCTAssertEqual(w(t("#M(a 1)"), 1), "#{}")
    XCTAssertEqual(w(t("#M(a 1)"), 2), "#{a => 1,...}")
    XCTAssertEqual(w(t("#M(a #(1 2))"), 2), "#{a => {...},...}")
    XCTAssertEqual(w(t("#M(a #(1 2) b 1)"), 3), "#{a => {1,...},b => 1,...}")
    XCTAssertEqual(w(t("((1 2))"), 2), "[[...]]")
    XCTAssertEqual(w(t("((1 2))"), 3), "[[1|...]]")
    XCTAssertEqual(w(t("(1 . 2)"), 3), "[1|2]")
    XCTAssertEqual(w(a("abc"), 0), "...")
  }

  // MARK: Erlang syntax, ~p (checked with io:format("~p"))

  func testErlangPrettySmall() {
    XCTAssertEqual(pretty(Term.string("abc")), "\"abc\"")
    XCTAssertEqual(pretty(Term.list([97, 10, 34, 92, 98, 200].map { Term.int($0) })), "\"a\\n\\\"\\\\bÈ\"")
    XCTAssertEqual(pretty(Term.list([97, 9, 98, 27, 127].map { Term.int($0) })), "[97,9,98,27,127]")
    XCTAssertEqual(pretty(Term.list([1000, 1001].map { Term.int($0) })), "[1000,1001]")
    XCTAssertEqual(pretty(t("(1 2 3 a \"bc\")")), "[1,2,3,a,\"bc\"]")
    XCTAssertEqual(pretty(t("(1 2 . \"abc\")")), "[1,2,97,98,99]")
    XCTAssertEqual(pretty(t("(\"abc\" . \"def\")")), "[\"abc\",100,101,102]")
    XCTAssertEqual(pretty(t("(97 . b)")), "[97|b]")
    XCTAssertEqual(pretty(.binary(Binary(Array("abc".utf8)))), "<<\"abc\">>")
    XCTAssertEqual(pretty(.binary(Binary([1, 2, 3]))), "<<1,2,3>>")
    XCTAssertEqual(pretty(.binary(Binary([97, 98, 99, 0]))), "<<97,98,99,0>>")
    XCTAssertEqual(pretty(.binary(Binary(Array("a\"b\\c".utf8)))), "<<\"a\\\"b\\\\c\">>")
    XCTAssertEqual(pretty(t("#M(a 1 b \"x\")")), "#{a => 1,b => \"x\"}")
    XCTAssertEqual(pretty(a("\n")), "'\\n'")
    XCTAssertEqual(pretty(a("a'b")), "'a\\'b'")
    XCTAssertEqual(pretty(t("()")), "[]")
    XCTAssertEqual(pretty(t("#()")), "{}")
    XCTAssertEqual(pretty(t("#M()")), "#{}")
    XCTAssertEqual(pretty(t("123456789012345678901234567890")), "123456789012345678901234567890")
  }

  func testErlangPrettyDepth() {
    func p(_ term: Term, _ d: Int) -> String { Printer.erlangPretty(term, atoms: atoms, depth: d) }
    XCTAssertEqual(p(seq(1, 7), 4), "[1,2,3|...]")
    XCTAssertEqual(p(seq(1, 7), 1), "[...]")
    XCTAssertEqual(p(seq(1, 7), 2), "[1|...]")
    XCTAssertEqual(p(t("#(a b c)"), 2), "{a,...}")
    XCTAssertEqual(p(t("#(a #(b #(c #(d))))"), 3), "{a,{...}}")
    XCTAssertEqual(p(Term.string("abc"), 1), "[...]")
    XCTAssertEqual(p(Term.string("abc"), 2), "\"abc\"")
    XCTAssertEqual(p(Term.string("abcdefghij"), 3), "\"abcdefghij\"")
    XCTAssertEqual(p(t("(a . b)"), 2), "[a|...]")
    XCTAssertEqual(p(t("(a b . c)"), 3), "[a,b|...]")
    XCTAssertEqual(p(t("#M(a 1 b 2)"), 1), "#{...}")
    XCTAssertEqual(p(t("#M(a 1 b 2 c 3)"), 2), "#{a => 1,...}")
    XCTAssertEqual(p(.binary(Binary((1...10).map(UInt8.init))), 3), "<<1,2,...>>")
    XCTAssertEqual(p(.binary(Binary(Array("abc".utf8))), 1), "<<...>>")
    XCTAssertEqual(p(.binary(Binary(Array("abc".utf8))), 2), "<<\"abc\">>")
    XCTAssertEqual(p(.binary(Binary(Array("abcdefghijklmnop".utf8))), 3), "<<\"abcdefgh\"...>>")
  }

  func testErlangPrettyBreaks() {
    XCTAssertEqual(
      pretty(seq(1, 40)),
      """
      [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,
       29,30,31,32,33,34,35,36,37,38,39,40]
      """)
    XCTAssertEqual(
      pretty(Term.list((1...6).map { Term.tuple([.int($0), a("hello"), Term.string("world")]) })),
      """
      [{1,hello,"world"},
       {2,hello,"world"},
       {3,hello,"world"},
       {4,hello,"world"},
       {5,hello,"world"},
       {6,hello,"world"}]
      """)
    XCTAssertEqual(
      pretty(
        .tuple([
          a("state"), seq(1, 25), Term.string("a string here"),
          t("#M(key value other_key \"other value\")"),
        ])),
      """
      {state,[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25],
             "a string here",
             #{key => value,other_key => "other value"}}
      """)
    XCTAssertEqual(
      pretty(Term.list(Array(repeating: Term.string("hello world"), count: 12))),
      """
      ["hello world","hello world","hello world","hello world","hello world",
       "hello world","hello world","hello world","hello world","hello world",
       "hello world","hello world"]
      """)
    XCTAssertEqual(
      pretty(t("#(aaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbbb ccccccccccccccccccccccccc ddddddddd)")),
      """
      {aaaaaaaaaaaaaaaaaaaa,bbbbbbbbbbbbbbbbbbbbbbbbb,ccccccccccccccccccccccccc,
                            ddddddddd}
      """)
    XCTAssertEqual(
      pretty(
        t("(aaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb . cccccccccccccccccccccccccccccccccccc)")),
      """
      [aaaaaaaaaaaaaaaaaaaa,bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb|
       cccccccccccccccccccccccccccccccccccc]
      """)
    XCTAssertEqual(
      pretty(
        t(
          "#(verylongtagnamethatislong (1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26))"
        )),
      """
      {verylongtagnamethatislong,[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,
                                  20,21,22,23,24,25,26]}
      """)
    XCTAssertEqual(
      pretty(
        t(
          "(#(1 2 3) #(4 5 6) #(7 8 9) #(10 11 12) #(13 14 15) #(16 17 18) #(19 20 21) #(22 23 24) #(25 26 27))"
        )),
      """
      [{1,2,3},
       {4,5,6},
       {7,8,9},
       {10,11,12},
       {13,14,15},
       {16,17,18},
       {19,20,21},
       {22,23,24},
       {25,26,27}]
      """)
    XCTAssertEqual(
      pretty(
        t(
          "#(tag #(nested #(deeper (1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27))))"
        )),
      """
      {tag,{nested,{deeper,[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,
                            22,23,24,25,26,27]}}}
      """)
  }

  func testErlangPrettyMapsAndBinaries() {
    var entries: [Term: Term] = [:]
    for i in 1...12 { entries[.int(i)] = .int(i * 1_000_000) }
    XCTAssertEqual(
      pretty(.map(MapBox(entries))),
      """
      #{1 => 1000000,2 => 2000000,3 => 3000000,4 => 4000000,5 => 5000000,
        6 => 6000000,7 => 7000000,8 => 8000000,9 => 9000000,10 => 10000000,
        11 => 11000000,12 => 12000000}
      """)
    XCTAssertEqual(
      pretty(t("#M(a \"a very long string value that goes past the line width of eighty characters\" b 2)")),
      """
      #{a =>
            "a very long string value that goes past the line width of eighty characters",
        b => 2}
      """)
    XCTAssertEqual(
      pretty(.map(MapBox([a("list"): seq(1, 30), a("tuple"): t("#(a b c)")]))),
      """
      #{list =>
            [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,
             27,28,29,30],
        tuple => {a,b,c}}
      """)
    let bytes = Term.binary(Binary((1...60).map(UInt8.init)))
    XCTAssertEqual(
      pretty(bytes),
      """
      <<1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,
        29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,
        54,55,56,57,58,59,60>>
      """)
    XCTAssertEqual(
      pretty(.tuple([a("a"), bytes])),
      """
      {a,<<1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,
           28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,
           52,53,54,55,56,57,58,59,60>>}
      """)
    let bins = Term.list([
      .binary(Binary(Array("abc".utf8))),
      .binary(Binary(Array("defghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl".utf8))),
      .binary(Binary(Array("x".utf8))),
    ])
    XCTAssertEqual(
      pretty(bins),
      """
      [<<"abc">>,
       <<"defghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl">>,<<"x">>]
      """)
  }

  func testErlangPrettyExitReason() {
    let reason = t(
      "#(EXIT <pid 9> #(undef (#(messenger nosuch () ()) #(erl_eval do_apply 6 (#(file \"erl_eval.erl\") #(line 680))))))"
    )
    XCTAssertEqual(
      pretty(reason),
      """
      {'EXIT',<0.9.0>,
              {undef,[{messenger,nosuch,[],[]},
                      {erl_eval,do_apply,6,[{file,"erl_eval.erl"},{line,680}]}]}}
      """)
  }

  func testErlangPrettyColumnAndWidth() {
    XCTAssertEqual(
      pretty(seq(1, 40), column: 5),
      """
      [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,
           28,29,30,31,32,33,34,35,36,37,38,39,40]
      """)
    XCTAssertEqual(
      pretty(t("#(a (1 2 3 4 5 6 7 8 9 10) \"hello\")"), width: 30),
      """
      {a,[1,2,3,4,5,6,7,8,9,10],
         "hello"}
      """)
    XCTAssertEqual(pretty(t("#(aaaa bbbb cccc)"), width: 15), "{aaaa,bbbb,\n    cccc}")
    XCTAssertEqual(
      pretty(seq(1, 20), width: 40),
      "[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,\n 16,17,18,19,20]")
  }

  func testDeepNestingDoesNotCrash() {
    var term = Term.empty
    for _ in 0..<100_000 { term = .cons(Cons(term, .empty)) }
    XCTAssertTrue(erl(term).hasSuffix("]"))
    XCTAssertTrue(lfe(term).hasSuffix(")"))
    XCTAssertFalse(pretty(term).isEmpty)
    XCTAssertFalse(shell(term).isEmpty)
  }

  func testHugeListsPrintQuickly() {
    let big = Term.list((1...1_000_000).map { Term.int($0) })
    XCTAssertTrue(shell(big).hasSuffix("29 ...)"))
    XCTAssertEqual(erl(big).count, 6_888_897)
    XCTAssertTrue(pretty(big).hasSuffix("999999,1000000]"))
  }

  /// Secondary threads get 512 KiB of stack by default; printing must fit in it.
  func testDeepNestingOnASmallStack() {
    var term = Term.empty
    for _ in 0..<100_000 { term = .tuple([.cons(Cons(term, .empty))]) }
    let done = expectation(description: "printed")
    nonisolated(unsafe) let atoms = self.atoms
    nonisolated(unsafe) let deep = term
    let thread = Thread {
      _ = Printer.erlang(deep, atoms: atoms)
      _ = Printer.lfe(deep, atoms: atoms)
      _ = Printer.erlangPretty(deep, atoms: atoms)
      _ = Printer.shellValue(deep, atoms: atoms)
      _ = Printer.lfePretty(deep, atoms: atoms)
      done.fulfill()
    }
    thread.stackSize = 512 * 1024
    thread.start()
    wait(for: [done], timeout: 60)
  }
}
