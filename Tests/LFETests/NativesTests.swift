import BigInt
import XCTest

@testable import LFE

/// Calls natives by module and name with Swift-built terms, outside any runtime.
private final class NativeHarness {
  let atoms = AtomTable()
  let sink = OutputSink()
  private var table: [String: NativeFunction] = [:]

  init() {
    for group in [
      ErlangNatives.natives, ListsNatives.natives, StringNatives.natives, MathNatives.natives,
      MapsNatives.natives,
    ] {
      for f in group() { table["\(f.module):\(f.name)/\(f.arity)"] = f }
    }
  }

  func call(_ module: String, _ name: String, _ args: [Term]) throws(Exception) -> Term {
    guard let f = table["\(module):\(name)/\(args.count)"] else {
      throw .error(atoms.intern("undef"), .string("\(module):\(name)/\(args.count)"))
    }
    let ctx = NativeContext(atoms: atoms, sink: sink)
    return try args.withUnsafeBufferPointer { (buf) throws(Exception) -> Term in try f.body(ctx, buf) }
  }

  func has(_ module: String, _ name: String, _ arity: Int) -> Bool {
    table["\(module):\(name)/\(arity)"] != nil
  }
}

final class NativesTests: XCTestCase {
  private let h = NativeHarness()

  // Term builders.
  private func a(_ name: String) -> Term { .atom(h.atoms.intern(name)) }
  private func s(_ text: String) -> Term { .string(text) }
  private func i(_ v: Int) -> Term { .int(v) }
  private func f(_ v: Double) -> Term { .float(v) }
  private func l(_ es: Term...) -> Term { .list(es) }
  private func t(_ es: Term...) -> Term { .tuple(es) }
  private func b(_ text: String) -> Term { .binary(Binary(Array(text.utf8))) }
  private func big(_ text: String) -> Term { Term.integer(BigInt(text)!) }
  private func m(_ pairs: (Term, Term)...) -> Term {
    var d: [Term: Term] = [:]
    for (k, v) in pairs { d[k] = v }
    return .map(MapBox(d))
  }
  private var badarg: Term { .atom(.badarg) }
  private var badarith: Term { .atom(.badarith) }
  private var fc: Term { .atom(.functionClause) }

  private func check(
    _ module: String, _ name: String, _ args: [Term], _ expected: Term,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    do {
      let v = try h.call(module, name, args)
      XCTAssertEqual(v, expected, "\(module):\(name)", file: file, line: line)
    } catch {
      XCTFail("\(module):\(name) raised \(error.reason)", file: file, line: line)
    }
  }

  private func fails(
    _ module: String, _ name: String, _ args: [Term], _ reason: Term,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    do {
      let v = try h.call(module, name, args)
      XCTFail("\(module):\(name) gave \(v)", file: file, line: line)
    } catch {
      XCTAssertEqual(error.kind, .error, file: file, line: line)
      XCTAssertEqual(error.reason, reason, "\(module):\(name)", file: file, line: line)
    }
  }

  private func value(_ module: String, _ name: String, _ args: [Term]) -> Term? {
    try? h.call(module, name, args)
  }

  // MARK: erlang

  func testOperatorsAsFunctions() {
    check("erlang", "+", [i(1), i(2)], i(3))
    check("erlang", "-", [i(1), f(0.5)], f(0.5))
    check("erlang", "*", [i(Int.max), i(2)], big("18446744073709551614"))
    check("erlang", "/", [i(1), i(4)], f(0.25))
    check("erlang", "div", [i(7), i(2)], i(3))
    check("erlang", "rem", [i(-7), i(2)], i(-1))
    check("erlang", "band", [i(6), i(3)], i(2))
    check("erlang", "bor", [i(6), i(3)], i(7))
    check("erlang", "bxor", [i(6), i(3)], i(5))
    check("erlang", "bsl", [i(1), i(64)], big("18446744073709551616"))
    check("erlang", "bsr", [i(-8), i(1)], i(-4))
    check("erlang", "bnot", [i(0)], i(-1))
    check("erlang", "-", [i(5)], i(-5))
    check("erlang", "+", [f(5)], f(5))
    fails("erlang", "+", [a("a"), i(1)], badarith)
    fails("erlang", "/", [i(1), i(0)], badarith)
    fails("erlang", "div", [i(1), i(0)], badarith)
    fails("erlang", "-", [a("a")], badarith)
  }

  func testComparisons() {
    check("erlang", "==", [i(1), f(1)], .true)
    check("erlang", "=:=", [i(1), f(1)], .false)
    check("erlang", "/=", [i(1), f(1)], .false)
    check("erlang", "=/=", [i(1), f(1)], .true)
    check("erlang", "<", [i(1), a("a")], .true)
    check("erlang", ">", [l(), t()], .true)
    check("erlang", "=<", [a("b"), a("a")], .false)
    check("erlang", ">=", [s("abc"), s("abb")], .true)
  }

  func testBooleans() {
    check("erlang", "not", [.true], .false)
    check("erlang", "and", [.true, .false], .false)
    check("erlang", "or", [.true, .false], .true)
    check("erlang", "xor", [.true, .true], .false)
    fails("erlang", "not", [i(1)], badarg)
    fails("erlang", "and", [.true, i(1)], badarg)
    fails("erlang", "or", [.false, a("a")], badarg)
  }

  func testGuardBIFs() {
    check("erlang", "abs", [i(-3)], i(3))
    check("erlang", "float", [i(3)], f(3))
    check("erlang", "round", [f(2.5)], i(3))
    check("erlang", "trunc", [f(-2.7)], i(-2))
    check("erlang", "floor", [f(-2.5)], i(-3))
    check("erlang", "ceil", [f(2.1)], i(3))
    check("erlang", "min", [i(1), f(1)], i(1))
    check("erlang", "max", [f(1), i(1)], f(1))
    check("erlang", "max", [i(1), a("a")], a("a"))
    fails("erlang", "abs", [a("a")], badarg)
    fails("erlang", "float", [a("a")], badarg)
    fails("erlang", "round", [s("1")], badarg)
  }

  func testTypeTests() {
    let fun = Term.fun(Fun(module: .lists, function: .lists, arity: 2))
    check("erlang", "is_atom", [a("x")], .true)
    check("erlang", "is_atom", [s("x")], .false)
    check("erlang", "is_integer", [big("100000000000000000000")], .true)
    check("erlang", "is_integer", [f(1)], .false)
    check("erlang", "is_float", [f(1)], .true)
    check("erlang", "is_number", [f(1)], .true)
    check("erlang", "is_number", [a("a")], .false)
    check("erlang", "is_list", [l()], .true)
    check("erlang", "is_list", [t()], .false)
    check("erlang", "is_tuple", [t()], .true)
    check("erlang", "is_binary", [b("")], .true)
    check("erlang", "is_map", [m()], .true)
    check("erlang", "is_pid", [.pid(Pid(serial: 5))], .true)
    check("erlang", "is_reference", [.ref(Ref(serial: 5))], .true)
    check("erlang", "is_reference", [.pid(Pid(serial: 5))], .false)
    check("erlang", "is_function", [fun], .true)
    check("erlang", "is_function", [fun, i(2)], .true)
    check("erlang", "is_function", [fun, i(1)], .false)
    check("erlang", "is_boolean", [.false], .true)
    check("erlang", "is_boolean", [a("maybe")], .false)
    check("erlang", "is_record", [t(a("r"), i(1)), a("r")], .true)
    check("erlang", "is_record", [t(a("r"), i(1)), a("r"), i(3)], .false)
    fails("erlang", "is_function", [fun, i(-1)], badarg)
  }

  func testTuples() {
    check("erlang", "element", [i(2), t(a("x"), a("y"))], a("y"))
    fails("erlang", "element", [i(0), t(a("x"))], badarg)
    fails("erlang", "element", [i(1), a("x")], badarg)
    check("erlang", "setelement", [i(1), t(a("x"), a("y")), i(9)], t(i(9), a("y")))
    fails("erlang", "setelement", [i(2), t(a("x")), i(9)], badarg)
    check("erlang", "tuple_size", [t(i(1), i(2))], i(2))
    fails("erlang", "tuple_size", [l()], badarg)
    check("erlang", "size", [b("abc")], i(3))
    check("erlang", "size", [t(i(1))], i(1))
    fails("erlang", "size", [l()], badarg)
    check("erlang", "tuple_to_list", [t(i(1), i(2))], l(i(1), i(2)))
    fails("erlang", "tuple_to_list", [l()], badarg)
    check("erlang", "list_to_tuple", [l(i(1), i(2))], t(i(1), i(2)))
    fails("erlang", "list_to_tuple", [.cons(Cons(i(1), i(2)))], badarg)
    check("erlang", "make_tuple", [i(2), a("x")], t(a("x"), a("x")))
    check(
      "erlang", "make_tuple", [i(3), a("x"), l(t(i(1), a("a")), t(i(3), a("c")))],
      t(a("a"), a("x"), a("c")))
    fails("erlang", "make_tuple", [i(2), a("x"), l(t(i(3), a("a")))], badarg)
    fails("erlang", "make_tuple", [i(-1), a("x")], badarg)
    check("erlang", "append_element", [t(a("a")), a("b")], t(a("a"), a("b")))
    fails("erlang", "append_element", [l(), a("b")], badarg)
    check("erlang", "insert_element", [i(1), t(a("b")), a("a")], t(a("a"), a("b")))
    check("erlang", "delete_element", [i(1), t(a("a"), a("b"))], t(a("b")))
  }

  func testListBIFs() {
    check("erlang", "length", [l(i(1), i(2))], i(2))
    fails("erlang", "length", [.cons(Cons(i(1), i(2)))], badarg)
    check("erlang", "hd", [l(i(1), i(2))], i(1))
    fails("erlang", "hd", [l()], badarg)
    check("erlang", "tl", [.cons(Cons(i(1), i(2)))], i(2))
    fails("erlang", "tl", [l()], badarg)
    check("erlang", "++", [l(i(1)), l(i(2))], l(i(1), i(2)))
    check("erlang", "++", [l(i(1)), a("t")], .cons(Cons(i(1), a("t"))))
    fails("erlang", "++", [a("t"), l()], badarg)
    check("erlang", "--", [l(i(1), i(2), i(1), i(3)), l(i(1), i(3), i(4))], l(i(2), i(1)))
    fails("erlang", "--", [l(), a("t")], badarg)
  }

  func testAtomConversions() {
    check("erlang", "atom_to_list", [a("hello")], s("hello"))
    fails("erlang", "atom_to_list", [s("hello")], badarg)
    check("erlang", "list_to_atom", [s("new atom")], a("new atom"))
    check("erlang", "list_to_atom", [l(i(1024))], a("\u{400}"))
    fails("erlang", "list_to_atom", [l(i(-1))], badarg)
    fails("erlang", "list_to_atom", [.cons(Cons(i(97), a("b")))], badarg)
    fails("erlang", "list_to_atom", [s(String(repeating: "a", count: 256))], .atom(.systemLimit))
    check("erlang", "list_to_existing_atom", [s("ok")], .ok)
    fails("erlang", "list_to_existing_atom", [s("never seen before")], badarg)
    check("erlang", "atom_to_binary", [a("ab")], b("ab"))
    check("erlang", "atom_to_binary", [a("ab"), a("utf8")], b("ab"))
    check("erlang", "atom_to_binary", [a("\u{E9}"), a("latin1")], .binary(Binary([0xE9])))
    fails("erlang", "atom_to_binary", [a("\u{400}"), a("latin1")], badarg)
    fails("erlang", "atom_to_binary", [a("ab"), a("foo")], badarg)
    check("erlang", "binary_to_atom", [b("ab")], a("ab"))
    check("erlang", "binary_to_atom", [.binary(Binary([0xFF])), a("latin1")], a("\u{FF}"))
    fails("erlang", "binary_to_atom", [.binary(Binary([0xFF]))], badarg)
    check("erlang", "binary_to_existing_atom", [b("ok")], .ok)
    fails("erlang", "binary_to_existing_atom", [b("never seen either")], badarg)
  }

  func testIntegerText() {
    check("erlang", "integer_to_list", [i(-123)], s("-123"))
    check("erlang", "integer_to_list", [i(-255), i(16)], s("-FF"))
    check("erlang", "integer_to_list", [big("100000000000000000000")], s("100000000000000000000"))
    fails("erlang", "integer_to_list", [f(1)], badarg)
    fails("erlang", "integer_to_list", [i(10), i(37)], badarg)
    check("erlang", "integer_to_binary", [i(255), i(16)], b("FF"))
    check("erlang", "list_to_integer", [s("+12")], i(12))
    check("erlang", "list_to_integer", [s("-0012")], i(-12))
    check(
      "erlang", "list_to_integer", [s("123456789012345678901234567890")],
      big("123456789012345678901234567890"))
    check("erlang", "list_to_integer", [s("-ff"), i(16)], i(-255))
    check("erlang", "list_to_integer", [s("zz"), i(36)], i(1295))
    check(
      "erlang", "list_to_integer", [s("zzzzzzzzzzzzzzzzzz"), i(36)], big("10314424798490535546171949055"))
    for bad in ["", "-", " 1", "12a", "1_000"] { fails("erlang", "list_to_integer", [s(bad)], badarg) }
    fails("erlang", "list_to_integer", [s("2"), i(2)], badarg)
    fails("erlang", "list_to_integer", [s("1"), i(1)], badarg)
    check("erlang", "binary_to_integer", [b("-10")], i(-10))
    check("erlang", "binary_to_integer", [b("10"), i(2)], i(2))
    fails("erlang", "binary_to_integer", [s("10")], badarg)
  }

  func testFloatText() {
    check("erlang", "float_to_list", [f(1)], s("1.00000000000000000000e+00"))
    check("erlang", "float_to_list", [f(-0.0)], s("-0.00000000000000000000e+00"))
    check("erlang", "float_to_list", [f(1e-320)], s("9.99988867182683005413e-321"))
    check("erlang", "float_to_list", [f(0x1p1000)], s("1.07150860718626732095e+301"))
    fails("erlang", "float_to_list", [i(1)], badarg)
    let short = l(a("short"))
    check("erlang", "float_to_list", [f(0.1), short], s("0.1"))
    check("erlang", "float_to_list", [f(1e-5), short], s("1.0e-5"))
    check("erlang", "float_to_list", [f(1000), short], s("1.0e3"))
    check("erlang", "float_to_list", [f(100), short], s("100.0"))
    check("erlang", "float_to_list", [f(9007199254740992), short], s("9.007199254740992e15"))
    let dec = { (n: Int) in self.l(self.t(self.a("decimals"), self.i(n))) }
    check("erlang", "float_to_list", [f(2.5), dec(0)], s("3"))
    check("erlang", "float_to_list", [f(0.125), dec(2)], s("0.13"))
    check("erlang", "float_to_list", [f(-0.125), dec(2)], s("-0.13"))
    check("erlang", "float_to_list", [f(1.005), dec(2)], s("1.00"))
    check("erlang", "float_to_list", [f(-1e-10), dec(2)], s("-0.00"))
    check("erlang", "float_to_list", [f(1e30), dec(2)], s("1000000000000000019884624838656.00"))
    check("erlang", "float_to_list", [f(1.5), l(t(a("decimals"), i(3)), a("compact"))], s("1.5"))
    check("erlang", "float_to_list", [f(1), l(t(a("scientific"), i(2)))], s("1.00e+00"))
    check("erlang", "float_to_list", [f(1), l(a("short"), t(a("decimals"), i(2)))], s("1.00"))
    check("erlang", "float_to_list", [f(1), l(t(a("decimals"), i(2)), a("short"))], s("1.0"))
    fails("erlang", "float_to_list", [f(1), dec(254)], badarg)
    fails("erlang", "float_to_list", [f(1e300), dec(2)], badarg)
    fails("erlang", "float_to_list", [f(1), l(a("bad"))], badarg)
    check("erlang", "float_to_binary", [f(1.5), short], b("1.5"))
    check("erlang", "list_to_float", [s("1.5")], f(1.5))
    check("erlang", "list_to_float", [s("-1.5e-3")], f(-0.0015))
    check("erlang", "list_to_float", [s("1.5E+3")], f(1500))
    check("erlang", "list_to_float", [s("+01.50")], f(1.5))
    for bad in ["1", "1.", ".5", "1e3", "1.5 ", "1.0e400", "1.5e"] {
      fails("erlang", "list_to_float", [s(bad)], badarg)
    }
    check("erlang", "binary_to_float", [b("2.5")], f(2.5))
    fails("erlang", "binary_to_float", [b("2")], badarg)
  }

  func testBinaries() {
    check("erlang", "byte_size", [b("abc")], i(3))
    fails("erlang", "byte_size", [s("abc")], badarg)
    check("erlang", "binary_to_list", [b("ab")], l(i(97), i(98)))
    check("erlang", "binary_to_list", [b("abc"), i(2), i(3)], l(i(98), i(99)))
    fails("erlang", "binary_to_list", [s("ab")], badarg)
    let io = Term.list([i(1), b("\u{2}"), l(i(3), l(i(4)))], tail: b("\u{5}"))
    check("erlang", "list_to_binary", [io], .binary(Binary([1, 2, 3, 4, 5])))
    fails("erlang", "list_to_binary", [l(i(256))], badarg)
    fails("erlang", "list_to_binary", [b("a")], badarg)
    check("erlang", "iolist_to_binary", [b("a")], b("a"))
    check("erlang", "iolist_to_binary", [l(s("ab"), b("c"))], b("abc"))
    fails("erlang", "iolist_to_binary", [a("a")], badarg)
    check("erlang", "iolist_size", [io], i(5))
    fails("erlang", "iolist_size", [a("a")], badarg)
    fails("erlang", "iolist_size", [.cons(Cons(i(1), i(2)))], badarg)
    check("erlang", "binary_part", [b("hello"), i(1), i(3)], b("ell"))
    check("erlang", "binary_part", [b("hello"), t(i(5), i(-2))], b("lo"))
    fails("erlang", "binary_part", [b("hello"), i(4), i(3)], badarg)
  }

  func testTermToBinary() {
    let bytes = { (bs: [UInt8]) in Term.binary(Binary(bs)) }
    check("erlang", "term_to_binary", [a("a")], bytes([131, 100, 0, 1, 97]))
    check(
      "erlang", "term_to_binary", [l(i(1), i(1000))],
      bytes([131, 108, 0, 0, 0, 2, 97, 1, 98, 0, 0, 3, 232, 106]))
    check("erlang", "term_to_binary", [.cons(Cons(i(1), i(2)))], bytes([131, 108, 0, 0, 0, 1, 97, 1, 97, 2]))
    check("erlang", "term_to_binary", [i(-2_147_483_648)], bytes([131, 98, 128, 0, 0, 0]))
    check("erlang", "term_to_binary", [i(2_147_483_648)], bytes([131, 110, 4, 0, 0, 0, 0, 128]))
    check("erlang", "term_to_binary", [f(0.1)], bytes([131, 70, 63, 185, 153, 153, 153, 153, 153, 154]))
    check("erlang", "term_to_binary", [a("\u{400}")], bytes([131, 119, 2, 208, 128]))
    let mixed = t(
      i(1), i(-1), i(300), s("ab"), l(i(1), a("a")), f(3.5), b("x"), big("1180591620717411303424"),
      big("-1180591620717411303424"), m((a("b"), i(1)), (a("a"), i(2))), l(), a("caf\u{E9}"))
    let expected: [UInt8] = [
      131, 104, 12, 97, 1, 98, 255, 255, 255, 255, 98, 0, 0, 1, 44, 107, 0, 2, 97, 98, 108, 0, 0, 0, 2, 97, 1,
      100,
      0, 1, 97, 106, 70, 64, 12, 0, 0, 0, 0, 0, 0, 109, 0, 0, 0, 1, 120, 110, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      64, 110,
      9, 1, 0, 0, 0, 0, 0, 0, 0, 0, 64, 116, 0, 0, 0, 2, 100, 0, 1, 97, 97, 2, 100, 0, 1, 98, 97, 1, 106, 100,
      0, 4,
      99, 97, 102, 233,
    ]
    check("erlang", "term_to_binary", [mixed], bytes(expected))
    check("erlang", "binary_to_term", [bytes(expected)], mixed)
    fails("erlang", "binary_to_term", [bytes([131, 100, 0])], badarg)
    fails("erlang", "term_to_binary", [.fun(Fun(module: .lists, function: .lists, arity: 0))], badarg)
  }

  func testMapBIFsAndHash() {
    let mp = m((a("a"), i(1)))
    check("erlang", "map_size", [mp], i(1))
    fails("erlang", "map_size", [a("x")], t(a("badmap"), a("x")))
    check("erlang", "is_map_key", [a("a"), mp], .true)
    check("erlang", "map_get", [a("a"), mp], i(1))
    fails("erlang", "map_get", [a("b"), mp], t(a("badkey"), a("b")))
    let h1 = value("erlang", "phash2", [l(a("a"), t(i(1), s("x")))])
    let other = NativeHarness()
    _ = other.atoms.intern("zzz")
    let h2 = try? other.call(
      "erlang", "phash2", [.list([.atom(other.atoms.intern("a")), .tuple([.int(1), .string("x")])])])
    XCTAssertNotNil(h1)
    XCTAssertEqual(h1, h2, "phash2 must not depend on atom numbering")
    guard case .int(let hv) = h1 else { return XCTFail() }
    XCTAssertTrue((0..<(1 << 27)).contains(hv))
    guard case .int(let small) = value("erlang", "phash2", [a("a"), i(10)]) else { return XCTFail() }
    XCTAssertTrue((0..<10).contains(small))
    fails("erlang", "phash2", [a("a"), i(0)], badarg)
  }

  func testClocks() {
    guard case .int(let t1) = value("erlang", "monotonic_time", []),
      case .int(let t2) = value("erlang", "monotonic_time", [a("nanosecond")])
    else { return XCTFail() }
    XCTAssertLessThanOrEqual(t1, t2)
    guard case .int(let secs) = value("erlang", "system_time", [a("second")]) else { return XCTFail() }
    XCTAssertGreaterThan(secs, 1_600_000_000)
    guard case .int(let ms) = value("erlang", "system_time", [a("millisecond")]) else { return XCTFail() }
    XCTAssertEqual(ms / 1000, secs, accuracy: 2)
    guard case .int(let ns) = value("os", "system_time", []) else { return XCTFail() }
    XCTAssertEqual(ns / 1_000_000_000, secs, accuracy: 2)
    for name in ["timestamp", "now"] {
      guard case .tuple(let ts) = value("erlang", name, []), ts.count == 3, case .int(let mega) = ts[0],
        case .int(let sec) = ts[1]
      else { return XCTFail(name) }
      XCTAssertEqual(mega * 1_000_000 + sec, secs, accuracy: 2)
    }
    guard case .tuple = value("os", "timestamp", []) else { return XCTFail() }
    check("erlang", "convert_time_unit", [i(1500), a("millisecond"), a("second")], i(1))
    check("erlang", "convert_time_unit", [i(-1500), a("millisecond"), a("second")], i(-2))
    check("erlang", "convert_time_unit", [i(1), a("second"), a("native")], i(1_000_000_000))
    fails("erlang", "monotonic_time", [a("fortnight")], badarg)
    check("erlang", "node", [], a("nonode@nohost"))
    check("erlang", "node", [.pid(Pid(serial: 1))], a("nonode@nohost"))
    fails("erlang", "node", [a("x")], badarg)
  }

  func testLfeModule() {
    let pair = { (k: Term, v: Term) in Term.cons(Cons(k, v)) }
    check("lfe", "acons", [a("k"), i(1), l()], l(pair(a("k"), i(1))))
    check("lfe", "pairlis", [l(a("a"), a("b")), l(i(1), i(2))], l(pair(a("a"), i(1)), pair(a("b"), i(2))))
    fails("lfe", "pairlis", [l(a("a")), l()], fc)
    let alist = l(pair(a("a"), i(1)), pair(a("b"), i(2)))
    check("lfe", "assoc", [a("b"), alist], pair(a("b"), i(2)))
    check("lfe", "assoc", [a("z"), alist], l())
    check("lfe", "rassoc", [i(1), alist], pair(a("a"), i(1)))
    check("lfe", "subst", [a("x"), a("a"), l(a("a"), l(a("b"), a("a")))], l(a("x"), l(a("b"), a("x"))))
    check("lfe", "sublis", [alist, l(a("a"), l(a("b")), a("c"))], l(i(1), l(i(2)), a("c")))
  }

  // MARK: lists

  func testListsBasics() {
    check("lists", "reverse", [l(i(1), i(2))], l(i(2), i(1)))
    fails("lists", "reverse", [a("a")], fc)
    check("lists", "reverse", [l(i(1), i(2)), a("t")], .list([i(2), i(1)], tail: a("t")))
    fails("lists", "reverse", [a("a"), l()], badarg)
    check("lists", "nth", [i(2), l(a("a"), a("b"))], a("b"))
    fails("lists", "nth", [i(0), l(i(1))], fc)
    fails("lists", "nth", [i(2), l(i(1))], fc)
    do {
      _ = try h.call("lists", "nth", [i(5), l(a("a"), a("b"), a("c"))])
      XCTFail("no error")
    } catch {
      // The trace names the recursive call that found no clause, as Erlang's does.
      XCTAssertEqual(error.stack.first?.arguments ?? [], [i(2), l()])
    }
    check("lists", "nthtail", [i(1), .cons(Cons(i(1), i(2)))], i(2))
    fails("lists", "nthtail", [i(2), l(i(1))], fc)
    check("lists", "last", [l(i(1), i(2))], i(2))
    fails("lists", "last", [l()], fc)
    check("lists", "droplast", [l(i(1), i(2))], l(i(1)))
    fails("lists", "droplast", [l()], fc)
    check("lists", "member", [i(2), .cons(Cons(i(2), i(3)))], .true)
    check("lists", "member", [f(1), l(i(1))], .false)
    fails("lists", "member", [i(1), .cons(Cons(i(2), i(3)))], badarg)
    check("lists", "append", [l(l(i(1)), l(), l(i(2), i(3)))], l(i(1), i(2), i(3)))
    check("lists", "append", [l(l(i(1)), a("t"))], .cons(Cons(i(1), a("t"))))
    fails("lists", "append", [a("x")], fc)
    check("lists", "append", [l(i(1)), l(i(2))], l(i(1), i(2)))
    fails("lists", "append", [a("a"), l(i(1))], badarg)
    check("lists", "subtract", [l(i(1), i(2)), l(i(2))], l(i(1)))
    check("lists", "flatten", [l(i(1), l(i(2), l(i(3))), l())], l(i(1), i(2), i(3)))
    check("lists", "flatten", [l(i(1), l(i(2))), l(i(3))], l(i(1), i(2), i(3)))
    fails("lists", "flatten", [l(i(1), .cons(Cons(i(2), i(3))))], fc)
    fails("lists", "flatten", [a("a")], fc)
    check("lists", "flatlength", [l(i(1), l(i(2), l(i(3))))], i(3))
    check("lists", "sum", [l(i(1), f(2.5), big("100000000000000000000"))], f(1e20 + 3.5))
    check("lists", "sum", [l()], i(0))
    fails("lists", "sum", [l(i(1), a("a"))], badarith)
    check("lists", "max", [l(i(1), f(2), i(2))], f(2))
    check("lists", "min", [l(f(2), i(2), f(1), i(1))], f(1))
    check("lists", "max", [l(i(1), a("a"), t())], t())
    fails("lists", "max", [l()], fc)
  }

  func testListsBuilding() {
    check("lists", "seq", [i(1), i(4)], l(i(1), i(2), i(3), i(4)))
    check("lists", "seq", [i(1), i(0)], l())
    fails("lists", "seq", [i(1), i(-1)], fc)
    fails("lists", "seq", [f(1), i(3)], fc)
    check("lists", "seq", [i(1), i(10), i(3)], l(i(1), i(4), i(7), i(10)))
    check("lists", "seq", [i(10), i(1), i(-3)], l(i(10), i(7), i(4), i(1)))
    check("lists", "seq", [i(1), i(1), i(0)], l(i(1)))
    check("lists", "seq", [i(1), i(0), i(1)], l())
    fails("lists", "seq", [i(1), i(2), i(0)], badarg)
    fails("lists", "seq", [i(5), i(1), i(1)], badarg)
    fails("lists", "seq", [i(1), i(5), i(-1)], badarg)
    check("lists", "duplicate", [i(3), a("x")], l(a("x"), a("x"), a("x")))
    fails("lists", "duplicate", [i(-1), a("x")], fc)
    check("lists", "split", [i(1), l(i(1), i(2))], t(l(i(1)), l(i(2))))
    fails("lists", "split", [i(2), l(i(1))], badarg)
    fails("lists", "split", [i(-1), l(i(1))], badarg)
    let l3 = l(i(1), i(2), i(3))
    check("lists", "sublist", [l3, i(5)], l3)
    check("lists", "sublist", [l3, i(2)], l(i(1), i(2)))
    check("lists", "sublist", [l3, i(2), i(5)], l(i(2), i(3)))
    check("lists", "sublist", [l3, i(4), i(1)], l())
    check("lists", "sublist", [l3, i(5), i(1)], l())
    fails("lists", "sublist", [l3, i(0), i(1)], fc)
    fails("lists", "sublist", [l3, i(-1)], fc)
    check("lists", "zip", [l(i(1), i(2)), l(a("a"), a("b"))], l(t(i(1), a("a")), t(i(2), a("b"))))
    fails("lists", "zip", [l(i(1), i(2)), l(a("a"))], fc)
    do {
      _ = try h.call("lists", "zip", [l(i(1), i(2)), l(a("a"), a("b"), a("c"))])
      XCTFail("no error")
    } catch {
      XCTAssertEqual(error.stack.first?.arguments ?? [], [l(), l(a("c"))])
    }
    check("lists", "zip3", [l(i(1)), l(i(2)), l(i(3))], l(t(i(1), i(2), i(3))))
    check("lists", "unzip", [l(t(i(1), a("a")), t(i(2), a("b")))], t(l(i(1), i(2)), l(a("a"), a("b"))))
    fails("lists", "unzip", [l(a("x"))], fc)
    check("lists", "unzip3", [l(t(i(1), i(2), i(3)))], t(l(i(1)), l(i(2)), l(i(3))))
    check("lists", "concat", [l(a("a"), s("b"), i(1), f(2.5))], s("ab12.50000000000000000000e+00"))
    fails("lists", "concat", [l(t(a("a")))], fc)
    check("lists", "join", [a("x"), l(i(1), i(2), i(3))], l(i(1), a("x"), i(2), a("x"), i(3)))
    check("lists", "join", [a("x"), l()], l())
    fails("lists", "join", [a("x"), a("a")], fc)
    check("lists", "enumerate", [l(a("a"), a("b"))], l(t(i(1), a("a")), t(i(2), a("b"))))
    check("lists", "enumerate", [i(0), l(a("a"))], l(t(i(0), a("a"))))
    check("lists", "delete", [i(1), l(f(1), i(1), i(1))], l(f(1), i(1)))
    fails("lists", "delete", [i(1), a("a")], fc)
    check("lists", "prefix", [l(i(1)), l(i(1), i(2))], .true)
    check("lists", "prefix", [l(i(1)), l(f(1))], .false)
    check("lists", "suffix", [l(i(2)), l(i(1), i(2))], .true)
    check("lists", "suffix", [l(i(1)), l(i(1), i(2))], .false)
  }

  func testListsSorting() {
    check(
      "lists", "sort", [l(a("b"), i(2), a("a"), f(1), i(1), t(a("x")))],
      l(f(1), i(1), i(2), a("a"), a("b"), t(a("x"))))
    fails("lists", "sort", [a("a")], fc)
    check("lists", "usort", [l(f(1), i(1), i(2), i(1))], l(f(1), i(2)))
    check("lists", "merge", [l(i(1), i(3)), l(i(2), i(4))], l(i(1), i(2), i(3), i(4)))
    check("lists", "umerge", [l(i(1), i(3)), l(i(1), i(2))], l(i(1), i(2), i(3)))
    check("lists", "uniq", [l(i(1), f(1), i(1), a("a"))], l(i(1), f(1), a("a")))
    fails("lists", "uniq", [a("a")], fc)
    check(
      "lists", "keysort", [i(2), l(t(a("a"), i(2)), t(a("b"), i(1)), t(a("c"), i(1)))],
      l(t(a("b"), i(1)), t(a("c"), i(1)), t(a("a"), i(2))))
    fails("lists", "keysort", [i(3), l(t(a("a"), i(2)), t(a("b"), i(1)))], badarg)
    check("lists", "keysort", [i(3), l(t(a("a"), i(2)))], l(t(a("a"), i(2))))
  }

  func testListsKeyed() {
    let kl = l(t(f(1), a("a")), t(i(1), a("b")))
    check("lists", "keyfind", [i(1), i(1), kl], t(f(1), a("a")))
    check("lists", "keyfind", [a("a"), i(2), l(t(a("a")), a("x"), t(a("b"), a("a")))], t(a("b"), a("a")))
    check("lists", "keyfind", [a("z"), i(1), kl], .false)
    fails("lists", "keyfind", [a("a"), i(0), l()], badarg)
    fails("lists", "keyfind", [a("a"), i(1), a("a")], badarg)
    check("lists", "keymember", [i(1), i(1), kl], .true)
    check("lists", "keysearch", [i(1), i(1), kl], t(a("value"), t(f(1), a("a"))))
    check("lists", "keydelete", [i(1), i(1), kl], l(t(i(1), a("b"))))
    fails("lists", "keydelete", [i(1), i(0), l()], fc)
    check("lists", "keyreplace", [i(1), i(1), kl, t(a("x"))], l(t(a("x")), t(i(1), a("b"))))
    fails("lists", "keyreplace", [i(1), i(1), kl, a("x")], fc)
    check("lists", "keystore", [i(2), i(1), l(t(i(1))), t(i(2), a("x"))], l(t(i(1)), t(i(2), a("x"))))
    check("lists", "keystore", [i(1), i(1), l(t(i(1)), t(i(1))), t(a("x"))], l(t(a("x")), t(i(1))))
    check(
      "lists", "keytake", [a("b"), i(1), l(t(a("a")), t(a("b"), i(1)), t(a("b"), i(2)))],
      t(a("value"), t(a("b"), i(1)), l(t(a("a")), t(a("b"), i(2)))))
    check("lists", "keytake", [a("z"), i(1), l(t(a("a")))], .false)
  }

  // MARK: string

  func testStringOldAPI() {
    check("string", "len", [s("abc")], i(3))
    fails("string", "len", [a("a")], badarg)
    check("string", "concat", [s("a"), s("b")], s("ab"))
    fails("string", "concat", [a("a"), s("b")], badarg)
    check("string", "to_upper", [s("abc1\u{E9}\u{FF}")], s("ABC1\u{C9}\u{FF}"))
    check("string", "to_upper", [i(97)], i(65))
    check("string", "to_lower", [s("ABC")], s("abc"))
    fails("string", "to_upper", [a("a")], fc)
    check("string", "tokens", [s("a,b,,c"), s(",")], l(s("a"), s("b"), s("c")))
    check("string", "tokens", [s(""), s(",")], l())
    fails("string", "tokens", [.cons(Cons(i(1), i(2))), s(",")], fc)
    check("string", "join", [l(s("a"), s("b")), s(", ")], s("a, b"))
    check("string", "join", [l(), s(", ")], l())
    fails("string", "join", [s("abc"), s(",")], badarg)
    check("string", "str", [s("hello"), s("ll")], i(3))
    check("string", "str", [s("hello"), s("")], i(0))
    check("string", "rstr", [s("hellollo"), s("ll")], i(6))
    fails("string", "str", [s("abc"), a("a")], fc)
    check("string", "chr", [s("hello"), i(108)], i(3))
    check("string", "rchr", [s("hello"), i(108)], i(4))
    check("string", "chr", [s("abc"), i(122)], i(0))
    check("string", "substr", [s("hello"), i(2)], s("ello"))
    check("string", "substr", [s("hello"), i(2), i(2)], s("el"))
    check("string", "substr", [s("hello"), i(2), i(10)], s("ello"))
    check("string", "substr", [s("hello"), i(6)], l())
    fails("string", "substr", [s("hello"), i(7)], fc)
    fails("string", "substr", [s("hello"), i(0)], fc)
    fails("string", "substr", [s("hello"), i(2), i(-1)], fc)
    check("string", "sub_string", [s("hello"), i(2), i(3)], s("el"))
    check("string", "sub_string", [s("hello"), i(3), i(2)], l())
    check("string", "strip", [s("  a b  ")], s("a b"))
    check("string", "strip", [s("\ta ")], s("\ta"))
    check("string", "strip", [s("  a  "), a("left")], s("a  "))
    check("string", "strip", [s("xxaxx"), a("both"), i(120)], s("a"))
    fails("string", "strip", [s("a"), a("middle")], fc)
    check("string", "copies", [s("ab"), i(3)], s("ababab"))
    fails("string", "copies", [s("ab"), i(-1)], fc)
    check("string", "chars", [i(97), i(3)], s("aaa"))
    check("string", "chars", [i(97), i(3), s("b")], s("aaab"))
    check("string", "words", [s("a b  c")], i(3))
    check("string", "words", [s("a,b"), i(44)], i(2))
    check("string", "sub_word", [s(" a b "), i(1)], s("a"))
    check("string", "sub_word", [s("a b"), i(5)], l())
  }

  func testStringPadding() {
    check("string", "left", [s("ab"), i(4)], s("ab  "))
    check("string", "left", [s("abcde"), i(2)], s("ab"))
    check("string", "left", [s("ab"), i(4), i(46)], s("ab.."))
    check("string", "right", [s("ab"), i(4)], s("  ab"))
    check("string", "right", [s("abcd"), i(2)], s("cd"))
    check("string", "right", [s("abc"), i(5), i(120)], s("xxabc"))
    check("string", "centre", [s("ab"), i(5)], s(" ab  "))
    check("string", "centre", [s("ab"), i(7)], s("  ab   "))
    check("string", "centre", [s("ab"), i(6), i(42)], s("**ab**"))
    check("string", "centre", [s("abcde"), i(3)], s("bcd"))
    check("string", "centre", [s("abcdef"), i(3)], s("bcd"))
    fails("string", "left", [s("ab"), i(-1)], fc)
    check("string", "pad", [s("ab"), i(4)], .cons(Cons(s("ab"), s("  "))))
    check("string", "pad", [s("ab"), i(5), a("leading")], l(s("   "), s("ab")))
    check("string", "pad", [s("ab"), i(5), a("both")], l(s(" "), s("ab"), s(" "), i(32)))
    check("string", "pad", [s("ab"), i(6), a("both"), i(42)], l(s("**"), s("ab"), s("**")))
    check("string", "pad", [s("abc"), i(2)], l(s("abc")))
  }

  func testStringUnicodeAPI() {
    check("string", "length", [s("abc\r\n")], i(4))
    check("string", "length", [b("h\u{E9}llo")], i(5))
    check("string", "length", [l(i(97), l(i(98), i(99)))], i(3))
    fails("string", "length", [a("a")], fc)
    check("string", "is_empty", [l(l())], .true)
    check("string", "is_empty", [b("")], .true)
    check("string", "is_empty", [s("a")], .false)
    check("string", "reverse", [b("abc")], s("cba"))
    check("string", "reverse", [s("a\r\nb")], s("b\r\na"))
    check("string", "equal", [s("a"), b("a")], .true)
    check("string", "equal", [s("a"), s("b")], .false)
    check("string", "equal", [s("A"), s("a"), .true], .true)
    check("string", "lowercase", [s("ABC")], s("abc"))
    check("string", "uppercase", [b("abc")], b("ABC"))
    check("string", "titlecase", [s("abc")], s("Abc"))
    check("string", "slice", [s("hello"), i(1)], s("ello"))
    check("string", "slice", [s("hello"), i(1), i(2)], s("el"))
    check("string", "slice", [s("hello"), i(3), i(10)], s("lo"))
    check("string", "slice", [s("hello"), i(10)], l())
    check("string", "slice", [b("hello"), i(1), i(2)], b("el"))
    check("string", "slice", [s("hello"), i(1), a("infinity")], s("ello"))
    fails("string", "slice", [s("hello"), i(-1)], fc)
    check("string", "trim", [s("  a b \n")], s("a b"))
    check("string", "trim", [s("\r\n a\r\n")], s("a"))
    check("string", "trim", [s(" ")], l())
    check("string", "trim", [s("  a "), a("leading")], s("a "))
    check("string", "trim", [s("xxaxx"), a("both"), s("x")], s("a"))
    check("string", "trim", [s("abcbc"), a("trailing"), s("bc")], s("a"))
    check("string", "trim", [b(" a ")], b("a"))
    fails("string", "trim", [a("a")], fc)
    check("string", "split", [s("a,b,c"), s(",")], l(s("a"), s("b,c")))
    check("string", "split", [s("a,b,c"), s(","), a("all")], l(s("a"), s("b"), s("c")))
    check("string", "split", [s("a,b,c"), s(","), a("trailing")], l(s("a,b"), s("c")))
    check("string", "split", [s("a,,b"), s(","), a("all")], l(s("a"), l(), s("b")))
    check("string", "split", [s("abc"), s("")], l(s("abc")))
    check("string", "split", [b("a,b"), s(",")], l(b("a"), b("b")))
    check("string", "replace", [s("a,b,c"), s(","), s("-")], l(s("a"), s("-"), s("b,c")))
    check(
      "string", "replace", [s("a,b,c"), s(","), s("-"), a("all")], l(s("a"), s("-"), s("b"), s("-"), s("c")))
    check("string", "replace", [s("aaa"), s("a"), s("b"), a("trailing")], l(s("aa"), s("b"), l()))
    check("string", "find", [s("hello"), s("l")], s("llo"))
    check("string", "find", [s("hello"), s("l"), a("trailing")], s("lo"))
    check("string", "find", [s("hello"), s("z")], a("nomatch"))
    check("string", "find", [s("hello"), s("")], s("hello"))
  }

  func testStringNumbers() {
    check("string", "to_integer", [s("12abc")], t(i(12), s("abc")))
    check("string", "to_integer", [s("-12.5")], t(i(-12), s(".5")))
    check("string", "to_integer", [b("42 x")], t(i(42), b(" x")))
    check("string", "to_integer", [s("x")], t(a("error"), a("no_integer")))
    check("string", "to_integer", [s("+")], t(a("error"), a("no_integer")))
    check("string", "to_float", [s("1.5x")], t(f(1.5), s("x")))
    check("string", "to_float", [s("1.5e5x")], t(f(1.5e5), s("x")))
    check("string", "to_float", [s("1")], t(a("error"), a("no_float")))
    check("string", "to_float", [s(".5")], t(a("error"), a("no_float")))
  }

  // MARK: math

  func testMath() {
    check("math", "pi", [], f(Double.pi))
    check("math", "sqrt", [i(4)], f(2))
    fails("math", "sqrt", [i(-1)], badarith)
    fails("math", "sqrt", [a("a")], badarg)
    fails("math", "sqrt", [Term.integer(BigInt(1) << 2000)], badarith)
    check("math", "pow", [i(2), i(10)], f(1024))
    check("math", "pow", [i(2), f(0.5)], f(2.0.squareRoot()))
    fails("math", "pow", [i(10), i(400)], badarith)
    fails("math", "pow", [i(-8), f(1.0 / 3)], badarith)
    fails("math", "pow", [i(0), i(-1)], badarith)
    check("math", "exp", [i(0)], f(1))
    check("math", "exp", [i(-1000)], f(0))
    fails("math", "exp", [i(1000)], badarith)
    check("math", "log", [i(1)], f(0))
    fails("math", "log", [i(0)], badarith)
    fails("math", "log", [i(-1)], badarith)
    check("math", "log10", [i(100)], f(2))
    check("math", "log2", [i(8)], f(3))
    check("math", "sin", [i(0)], f(0))
    check("math", "cos", [i(0)], f(1))
    check("math", "tan", [i(0)], f(0))
    check("math", "asin", [i(1)], f(Double.pi / 2))
    check("math", "acos", [i(1)], f(0))
    fails("math", "acos", [i(2)], badarith)
    check("math", "atan", [i(0)], f(0))
    check("math", "atan2", [i(0), i(0)], f(0))
    check("math", "atan2", [i(1), i(0)], f(Double.pi / 2))
    fails("math", "cosh", [i(1000)], badarith)
    fails("math", "atanh", [i(1)], badarith)
    check("math", "floor", [f(2.5)], f(2))
    check("math", "floor", [i(2)], f(2))
    check("math", "ceil", [f(-2.5)], f(-2))
    check("math", "fmod", [i(7), i(3)], f(1))
    check("math", "fmod", [f(-7.5), i(2)], f(-1.5))
    fails("math", "fmod", [i(7), i(0)], badarith)
    fails("math", "fmod", [i(7), a("a")], badarg)
  }

  // MARK: maps

  func testMaps() {
    let mp = m((a("b"), i(1)), (a("a"), i(2)))
    let badmap = t(a("badmap"), a("x"))
    check("maps", "new", [], m())
    check("maps", "size", [mp], i(2))
    fails("maps", "size", [a("x")], badmap)
    check("maps", "get", [a("a"), mp], i(2))
    fails("maps", "get", [a("z"), mp], t(a("badkey"), a("z")))
    fails("maps", "get", [a("a"), a("x")], badmap)
    fails("maps", "get", [f(1), m((i(1), a("a")))], t(a("badkey"), f(1)))
    check("maps", "get", [a("z"), mp, i(0)], i(0))
    fails("maps", "get", [a("z"), a("x"), i(0)], badmap)
    check("maps", "find", [a("a"), mp], t(.ok, i(2)))
    check("maps", "find", [a("z"), mp], a("error"))
    fails("maps", "find", [a("a"), a("x")], badmap)
    check("maps", "is_key", [a("a"), mp], .true)
    check("maps", "is_key", [a("z"), mp], .false)
    fails("maps", "is_key", [a("a"), a("x")], badmap)
    check("maps", "keys", [mp], l(a("a"), a("b")))
    check("maps", "keys", [m((i(1), a("a")), (f(1), a("b")), (a("a"), a("c")))], l(i(1), f(1), a("a")))
    fails("maps", "keys", [a("x")], badmap)
    check("maps", "values", [mp], l(i(2), i(1)))
    check("maps", "to_list", [mp], l(t(a("a"), i(2)), t(a("b"), i(1))))
    fails("maps", "to_list", [a("x")], badmap)
    check("maps", "put", [a("c"), i(3), mp], m((a("b"), i(1)), (a("a"), i(2)), (a("c"), i(3))))
    fails("maps", "put", [a("c"), i(3), a("x")], badmap)
    check("maps", "update", [a("a"), i(9), mp], m((a("b"), i(1)), (a("a"), i(9))))
    fails("maps", "update", [a("z"), i(9), mp], t(a("badkey"), a("z")))
    fails("maps", "update", [a("z"), i(9), a("x")], badmap)
    check("maps", "remove", [a("a"), mp], m((a("b"), i(1))))
    check("maps", "remove", [a("z"), mp], mp)
    fails("maps", "remove", [a("a"), a("x")], badmap)
    check("maps", "take", [a("a"), mp], t(i(2), m((a("b"), i(1)))))
    check("maps", "take", [a("z"), mp], a("error"))
    check("maps", "from_list", [l(t(a("a"), i(1)), t(a("a"), i(2)))], m((a("a"), i(2))))
    fails("maps", "from_list", [l(a("x"))], badarg)
    fails("maps", "from_list", [a("x")], badarg)
    check("maps", "from_keys", [l(a("a"), a("b")), i(0)], m((a("a"), i(0)), (a("b"), i(0))))
    check(
      "maps", "merge", [m((a("a"), i(1))), m((a("a"), i(2)), (a("b"), i(3)))],
      m((a("a"), i(2)), (a("b"), i(3))))
    fails("maps", "merge", [m(), a("x")], badmap)
    check("maps", "without", [l(a("a")), mp], m((a("b"), i(1))))
    check("maps", "with", [l(a("a")), mp], m((a("a"), i(2))))
    fails("maps", "with", [a("a"), mp], badarg)
  }

  func testEveryNativeIsRegisteredOnce() {
    var seen = Set<String>()
    for f in NativeLibrary.all
    where ["erlang", "lists", "string", "math", "maps", "lfe", "os"].contains(f.module) {
      let key = "\(f.module):\(f.name)/\(f.arity)"
      XCTAssertFalse(seen.contains(key), "\(key) registered twice")
      seen.insert(key)
    }
    for (mod, name, arity) in [("erlang", "length", 1), ("lists", "keyfind", 3), ("string", "trim", 1)] {
      XCTAssertTrue(h.has(mod, name, arity))
    }
  }
}
