/// Printing terms as text. The public API, for the shell, the VM and the libraries:
///
/// | call | prints like | example |
/// |---|---|---|
/// | `Printer.lfe(_:atoms:pidStyle:depth:)` | `lfe_io:print1`, `~w` in `lfe_io:format` | `#(1 (97 98) b)` |
/// | `Printer.lfePretty(_:atoms:pidStyle:depth:indent:lineLength:)` | `lfe_io:prettyprint1`, `~p` in `lfe_io:format` | `#(1 "ab" b)` |
/// | `Printer.shellValue(_:atoms:pidStyle:)` | the LFE shell's value (depth 30, width 80) | `(1 2 ... 29 ...)` |
/// | `Printer.erlang(_:atoms:depth:)` | `io_lib:write`, `~w` / `~W` | `{1,[97,98],b}` |
/// | `Printer.erlangPretty(_:atoms:column:lineLength:depth:)` | `io_lib_pretty`, `~p` / `~P` | `{1,"ab",b}` |
///
/// Pids print as `<0.N.0>` and refs as `#Ref<0.0.0.N>`; LFE syntax tags pids `#Pid<0.N.0>`
/// unless `pidStyle` is `.bare` (LFE 1.x and older shells). Floats use Erlang's shortest
/// round-trip form (`FloatFormatter.shortest`), integers of any size print exactly.
public enum Printer {
  /// How LFE syntax shows a pid: `#Pid<0.79.0>` (LFE 2.x) or `<0.79.0>` (LFE 1.x, 0.x).
  public enum PidStyle: Sendable {
    case tagged
    case bare
  }

  /// Nesting beyond this prints as `...`. The printers recurse once per level of nesting
  /// (never per list element), and a debug build on a 512 KiB secondary-thread stack
  /// holds about 400 levels of the deepest one; no real page nests terms this deep.
  static let maxNesting = 200

  /// Whether a printer at `nesting` levels should print `...` instead of going deeper:
  /// past `maxNesting`, or (asked every 4 levels) with little host stack left, as on a
  /// small thread stack in a build whose frames are larger than a debug build's (the
  /// address sanitizer's are several times larger).
  /// Also past the printing's `PrintBudget`.
  static func tooDeep(_ nesting: Int) -> Bool {
    nesting > maxNesting || PrintBudget.spent()
      || (nesting & 3 == 3 && !StackSpace.hasRoom(keeping: 128 << 10))
  }

  static func pidText(_ p: Pid) -> String { "<0.\(p.serial).0>" }
  static func refText(_ r: Ref) -> String { "#Ref<0.0.0.\(r.serial)>" }

  /// LFE syntax on one line, as `lfe_io:print1` (and `~w` in `lfe_io:format`): lists are
  /// never shown as strings, binaries as `#B(...)`. `depth` -1 prints everything.
  public static func lfe(
    _ term: Term, atoms: AtomTable, pidStyle: PidStyle = .tagged, depth: Int = -1
  ) -> String {
    PrintBudget.bounded {
      var w = LFEWriter(atoms: atoms, pidStyle: pidStyle)
      w.write(term, depth: depth)
      return w.out
    }
  }
}

/// `lfe_io_write`: the plain LFE writer.
struct LFEWriter {
  let atoms: AtomTable
  let pidStyle: Printer.PidStyle
  var out = ""

  mutating func write(_ t: Term, depth d: Int, nesting: Int = 0) {
    if d == 0 || Printer.tooDeep(nesting) {
      out += "..."
      return
    }
    switch t {
    case .int(let i): out += String(i)
    case .big(let b): out += IntegerText.string(b.value)
    case .float(let f): out += FloatFormatter.shortest(f)
    case .atom(let a): out += LFESyntax.symbol(atoms.name(a))
    case .empty: out += "()"
    case .pid(let p): out += LFESyntax.pid(p, style: pidStyle)
    case .ref(let r): out += Printer.refText(r)
    case .fun(let f): out += LFESyntax.fun(f, atoms: atoms)
    case .binary(let b): out += LFESyntax.bytes(b.bytes, depth: -1)
    case .cons:
      out += "("
      writeElements(t, depth: d - 1, nesting: nesting)
      out += ")"
    case .tuple(let tu):
      out += "#("
      writeElements(Term.list(tu.elements), depth: d - 1, nesting: nesting)
      out += ")"
    case .map(let m):
      out += "#M("
      let keys = m.sortedKeys(atoms: atoms)
      // Each pair costs a level; the pair at depth 1 or 0 is cut to `...`.
      var rd = d
      for (i, k) in keys.enumerated() {
        if rd == 0 || rd == 1 {
          out += "..."
          break
        }
        write(k, depth: rd - 1, nesting: nesting + 1)
        out += " "
        write(m.entries[k]!, depth: rd - 1, nesting: nesting + 1)
        if i < keys.count - 1 { out += " " }
        rd -= 1
      }
      out += ")"
    }
  }

  /// The elements of a list without the parentheses, `...` past the depth, `. tail` for
  /// an improper end.
  mutating func writeElements(_ list: Term, depth d: Int, nesting: Int) {
    guard case .cons(let first) = list else { return }
    if d == 0 {
      out += "..."
      return
    }
    write(first.head, depth: d, nesting: nesting + 1)
    var rest = first.tail
    var rd = d - 1
    while true {
      switch rest {
      case .empty: return
      case _ where rd == 0:
        out += " ..."
        return
      case .cons(let c):
        out += " "
        write(c.head, depth: rd, nesting: nesting + 1)
        rest = c.tail
        rd -= 1
      default:
        out += " . "
        write(rest, depth: rd, nesting: nesting + 1)
        return
      }
    }
  }
}

/// LFE's lexical rules for printing: symbol quoting, string escapes.
enum LFESyntax {
  /// A symbol as LFE prints it: bare when it reads back as the same symbol, else `|...|`.
  static func symbol(_ name: String) -> String {
    needsBars(name) ? quoted(name.unicodeScalars.map(\.value), quote: "|") : name
  }

  /// LFE quotes `.`, names that read as numbers, and names with characters that cannot
  /// start or continue a symbol.
  static func needsBars(_ name: String) -> Bool {
    let cs = Array(name.unicodeScalars.map(\.value))
    guard let first = cs.first else { return true }
    if name == "." || readsAsErlangNumber(cs) { return true }
    if !isSymbolStart(first) { return true }
    return !cs.dropFirst().allSatisfy(isSymbolChar)
  }

  static func isSymbolChar(_ c: UInt32) -> Bool {
    switch c {
    case 0x28, 0x29, 0x5B, 0x5D, 0x7B, 0x7D, 0x22, 0x3B: return false
    default: return (c > 0x20 && c <= 0x7E) || c > 0xA0
    }
  }

  static func isSymbolStart(_ c: UInt32) -> Bool {
    switch c {
    case 0x23, 0x60, 0x27, 0x2C, 0x7C: return false
    default: return isSymbolChar(c)
    }
  }

  /// True when `list_to_integer` or `list_to_float` accepts the text:
  /// `[+-]digits` or `[+-]digits.digits[e[+-]digits]`.
  static func readsAsErlangNumber(_ cs: [UInt32]) -> Bool {
    var i = 0
    func digits() -> Int {
      let start = i
      while i < cs.count, (0x30...0x39).contains(cs[i]) { i += 1 }
      return i - start
    }
    if i < cs.count, cs[i] == 0x2B || cs[i] == 0x2D { i += 1 }
    guard digits() > 0 else { return false }
    if i == cs.count { return true }
    guard cs[i] == 0x2E else { return false }
    i += 1
    guard digits() > 0 else { return false }
    if i == cs.count { return true }
    guard cs[i] == 0x65 || cs[i] == 0x45 else { return false }
    i += 1
    if i < cs.count, cs[i] == 0x2B || cs[i] == 0x2D { i += 1 }
    guard digits() > 0 else { return false }
    return i == cs.count
  }

  /// Characters between `quote`s with LFE's escapes (`lfe_io_write:string/2`).
  static func quoted(_ chars: [UInt32], quote: Character) -> String {
    let q = quote.unicodeScalars.first!.value
    var s = String(quote)
    for c in chars {
      switch c {
      case q: s += "\\" + String(quote)
      case 0x5C: s += "\\\\"
      case 0x08: s += "\\b"
      case 0x09: s += "\\t"
      case 0x0A: s += "\\n"
      case 0x0B: s += "\\v"
      case 0x0C: s += "\\f"
      case 0x0D: s += "\\r"
      case 0x1B: s += "\\e"
      case 0x7F: s += "\\d"
      default: s.unicodeScalars.append(Unicode.Scalar(c) ?? "\u{FFFD}")
      }
    }
    s.append(quote)
    return s
  }

  static func pid(_ p: Pid, style: Printer.PidStyle) -> String {
    style == .tagged ? "#Pid" + Printer.pidText(p) : Printer.pidText(p)
  }

  /// `#Fun<m.i.u/arity>` for a closure (LFE appends the arity to Erlang's form);
  /// `(function m f arity)` for an external fun.
  static func fun(_ f: Fun, atoms: AtomTable) -> String {
    switch f.target {
    case .local(let code, _):
      return "#Fun<\(atoms.name(code.module)).\(code.index).\(code.uniq)/\(f.arity)>"
    case .external(let m, let fn, let arity):
      return "(function \(symbol(atoms.name(m))) \(symbol(atoms.name(fn))) \(arity))"
    }
  }

  /// `#B(1 2 3)`, cut to `...` after `depth` bytes.
  static func bytes(_ bytes: [UInt8], depth: Int) -> String {
    var s = "#B("
    var d = depth
    for (i, b) in bytes.enumerated() {
      if d == 0 {
        s += "..."
        break
      }
      s += String(b)
      if i < bytes.count - 1 { s += " " }
      d -= 1
    }
    return s + ")"
  }

  /// Printable as an LFE string: Unicode graphic characters and `\n\r\t\v\b\f\e`
  /// (`io_lib:printable_unicode_list`).
  static func isPrintableUnicode(_ c: Int) -> Bool {
    switch c {
    case 0x20...0x7E, 0x08...0x0D, 0x1B: return true
    case 0xA0..<0xD800, 0xE000..<0xFFFE, 0x10000...0x10FFFF: return true
    default: return false
    }
  }

  /// The code points of a non-empty flat list that LFE prints as a string, else nil.
  static func printableList(_ t: Term) -> [UInt32]? {
    t.printableCodePoints(where: isPrintableUnicode)
  }
}
