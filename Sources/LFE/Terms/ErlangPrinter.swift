import BigInt

/// Terms in Erlang syntax, as `io_lib:write/2` (`~w`, `~W`) writes them: one line, strings as
/// lists of integers, `'quoted atoms'` where Erlang needs them, an optional depth limit.
///
/// Entry points (see `Printer`): `Printer.erlang(_:atoms:depth:)` for `~w`, and
/// `Printer.erlangPretty(_:atoms:column:lineLength:depth:)` (ErlangPrettyPrinter.swift) for `~p`.
struct ErlangWriter {
  let atoms: AtomTable
  /// Atoms with characters above 255 are written with `\x{...}` escapes, as `io:format`
  /// does without the `t` modifier.
  var latin1Atoms = false
  var out = ""

  init(atoms: AtomTable, latin1Atoms: Bool = false) {
    self.atoms = atoms
    self.latin1Atoms = latin1Atoms
  }

  /// Writes `t` with `depth` levels (-1 for all), as `io_lib:write(T, Depth)`.
  mutating func write(_ t: Term, depth d: Int, nesting: Int = 0) {
    if d == 0 || Printer.tooDeep(nesting) {
      out += "..."
      return
    }
    switch t {
    case .int(let i): out += String(i)
    case .big(let b): out += IntegerText.string(b.value)
    case .float(let f): out += FloatFormatter.shortest(f)
    case .atom(let a): out += ErlangSyntax.atom(atoms.name(a), latin1: latin1Atoms)
    case .empty: out += "[]"
    case .pid(let p): out += Printer.pidText(p)
    case .ref(let r): out += Printer.refText(r)
    case .fun(let f): out += ErlangSyntax.fun(f, atoms: atoms)
    case .cons(let c):
      if d == 1 {
        out += "[...]"
        return
      }
      out += "["
      write(c.head, depth: d - 1, nesting: nesting + 1)
      var rest = c.tail
      var rd = d - 1
      loop: while true {
        switch rest {
        case .empty: break loop
        case _ where rd == 1:
          out += "|..."
          break loop
        case .cons(let next):
          out += ","
          write(next.head, depth: rd - 1, nesting: nesting + 1)
          rest = next.tail
          rd -= 1
        default:
          out += "|"
          write(rest, depth: rd - 1, nesting: nesting + 1)
          break loop
        }
      }
      out += "]"
    case .tuple(let tu):
      if tu.count == 0 {
        out += "{}"
        return
      }
      if d == 1 {
        out += "{...}"
        return
      }
      out += "{"
      write(tu[0], depth: d - 1, nesting: nesting + 1)
      var rd = d - 1
      for i in 1..<tu.count {
        if rd == 1 {
          out += ",..."
          break
        }
        out += ","
        write(tu[i], depth: rd - 1, nesting: nesting + 1)
        rd -= 1
      }
      out += "}"
    case .map(let m):
      // io_lib writes a map cut at depth 1 as `#{}`, and at depth N its first N-1 pairs,
      // each key and value at depth N-1, then `,...` even when no pairs remain.
      let keys = m.sortedKeys(atoms: atoms)
      if keys.isEmpty || d == 1 {
        out += "#{}"
        return
      }
      out += "#{"
      var i = 0
      var rd = d
      while true {
        if i > 0 {
          if rd == 1 {
            out += ",..."
            break
          }
          if i == keys.count { break }
          out += ","
        }
        write(keys[i], depth: d - 1, nesting: nesting + 1)
        out += " => "
        write(m.entries[keys[i]]!, depth: d - 1, nesting: nesting + 1)
        i += 1
        rd -= 1
      }
      out += "}"
    case .binary(let b):
      out += "<<"
      var rd = d
      for (i, byte) in b.bytes.enumerated() {
        if rd == 1 {
          out += "..."
          break
        }
        out += String(byte)
        if i < b.bytes.count - 1 { out += "," }
        rd -= 1
      }
      out += ">>"
    }
  }
}

/// Erlang's lexical rules for printing: atom quoting, string escapes, printable lists.
enum ErlangSyntax {
  static let reservedWords: Set<String> = [
    "after", "and", "andalso", "band", "begin", "bnot", "bor", "bsl", "bsr", "bxor",
    "case", "catch", "cond", "div", "end", "fun", "if", "let", "not", "of", "or",
    "orelse", "receive", "rem", "try", "when", "xor",
  ]

  /// An atom as Erlang writes it: bare when it reads back as an atom, else `'quoted'`.
  static func atom(_ name: String, latin1: Bool = false) -> String {
    if !needsQuotes(name) { return name }
    var s = "'"
    for u in name.unicodeScalars {
      if latin1 && u.value > 255 {
        s += "\\x{" + String(u.value, radix: 16, uppercase: true) + "}"
      } else {
        appendEscaped(u.value, quote: "'", unicode: true, to: &s)
      }
    }
    return s + "'"
  }

  static func needsQuotes(_ name: String) -> Bool {
    let scalars = name.unicodeScalars
    guard let first = scalars.first else { return true }
    if !isLowerStart(first.value) { return true }
    for u in scalars.dropFirst() where !isNameChar(u.value) { return true }
    return reservedWords.contains(name)
  }

  private static func isLowerStart(_ c: UInt32) -> Bool {
    (0x61...0x7A).contains(c) || ((0xDF...0xFF).contains(c) && c != 0xF7)
  }

  private static func isNameChar(_ c: UInt32) -> Bool {
    switch c {
    case 0x61...0x7A, 0x41...0x5A, 0x30...0x39, 0x5F, 0x40: return true
    case 0xC0...0xFF: return c != 0xD7 && c != 0xF7
    default: return false
    }
  }

  /// One character of a quoted atom or string, escaped as `io_lib:write_string` does.
  static func appendEscaped(_ c: UInt32, quote: Character, unicode: Bool, to s: inout String) {
    switch c {
    case quote.unicodeScalars.first!.value: s += "\\" + String(quote)
    case 0x5C: s += "\\\\"
    case 0x20...0x7E, 0xA0...0xFF: s.unicodeScalars.append(Unicode.Scalar(c)!)
    case 0x0A: s += "\\n"
    case 0x0D: s += "\\r"
    case 0x09: s += "\\t"
    case 0x0B: s += "\\v"
    case 0x08: s += "\\b"
    case 0x0C: s += "\\f"
    case 0x1B: s += "\\e"
    case 0x7F: s += "\\d"
    case 0..<0x20, 0x80..<0xA0:
      let octal = String(c, radix: 8)
      s += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
    default:
      if unicode, let u = Unicode.Scalar(c) {
        s.unicodeScalars.append(u)
      } else {
        s += "\\x{" + String(c, radix: 16, uppercase: true) + "}"
      }
    }
  }

  /// A list of code points as an Erlang string literal.
  static func string(_ chars: [UInt32]) -> String {
    var s = "\""
    for c in chars { appendEscaped(c, quote: "\"", unicode: false, to: &s) }
    return s + "\""
  }

  /// Printable as a string by `~p`: Latin-1 graphic characters and `\n\r\t\v\b\f\e`.
  static func isPrintableLatin1(_ c: Int) -> Bool {
    switch c {
    case 0x20...0x7E, 0xA0...0xFF, 0x08...0x0D, 0x1B: return true
    default: return false
    }
  }

  /// The code points of a non-empty flat list that `~p` prints as a string, else nil.
  static func printableLatin1List(_ t: Term) -> [UInt32]? {
    t.printableCodePoints(where: isPrintableLatin1)
  }

  /// `#Fun<m.i.u>` for a closure, `fun m:f/a` for an external fun.
  static func fun(_ f: Fun, atoms: AtomTable) -> String {
    switch f.target {
    case .local(let code, _):
      return "#Fun<\(atoms.name(code.module)).\(code.index).\(code.uniq)>"
    case .external(let m, let fn, let arity):
      return "fun \(atom(atoms.name(m))):\(atom(atoms.name(fn)))/\(arity)"
    }
  }
}

extension Printer {
  /// Erlang syntax on one line, as `~w` (`io_lib:write`): `{1,[97,98],'msg-svc'}`.
  /// `depth` -1 writes everything; N cuts deeper parts to `...` as `~W` does.
  public static func erlang(_ term: Term, atoms: AtomTable, depth: Int = -1) -> String {
    PrintBudget.bounded {
      var w = ErlangWriter(atoms: atoms)
      w.write(term, depth: depth)
      return w.out
    }
  }
}
