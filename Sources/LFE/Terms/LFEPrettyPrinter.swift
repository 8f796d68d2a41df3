/// The LFE pretty printer (`lfe_io_pretty`), which the shell uses for values and
/// `lfe_io:format` for `~p`.
///
/// It follows LFE 2.2.1 step for step, quirks included, because transcripts show its
/// exact line breaks: a list first tries one line (`list_max`); when that passes the line
/// length, atomic elements are packed onto lines up to 10 columns short of the width and
/// every compound element starts a new line, indented one past the opening parenthesis.
/// Known special forms (`defun`, `let`, `case`, ...) indent like LFE code. Depth counts
/// elements as well as nesting, so a long list ends in `...`.
extension Printer {
  /// LFE syntax broken over lines, as `lfe_io:prettyprint1(Term, Depth, Indent, Width)`:
  /// strings print as `"abc"`, binaries as `#"abc"`. `indent` is the column the text
  /// starts at (continuation lines are indented from it).
  public static func lfePretty(
    _ term: Term, atoms: AtomTable, pidStyle: PidStyle = .tagged, depth: Int = -1,
    indent: Int = 0, lineLength: Int = 80
  ) -> String {
    PrintBudget.bounded {
      LFEPretty(atoms: atoms, pidStyle: pidStyle).term(term, depth, indent, lineLength, 0)
    }
  }

  /// A value as the LFE shell prints it: depth 30, line width 80, from column 0.
  public static func shellValue(
    _ term: Term, atoms: AtomTable, pidStyle: PidStyle = .tagged
  )
    -> String
  {
    lfePretty(term, atoms: atoms, pidStyle: pidStyle, depth: 30, indent: 0, lineLength: 80)
  }
}

struct LFEPretty {
  let atoms: AtomTable
  let pidStyle: Printer.PidStyle

  /// The width `list_max` and map pairs use when they try a term on one line.
  private static let unlimited = 99999

  /// A list split for printing: its elements and what ends it (`()` when proper).
  struct Seq {
    var elements: ArraySlice<Term>
    var tail: Term

    /// At most `limit` elements are taken; the rest stays in `tail` as a list cell, so a
    /// caller may cap it only where the depth runs out before the elements do.
    init(_ t: Term, limit: Int = .max) {
      var es: [Term] = []
      var cur = t
      while es.count < limit, case .cons(let c) = cur {
        es.append(c.head)
        cur = c.tail
      }
      elements = es[...]
      tail = cur
    }

    init(elements: ArraySlice<Term>, tail: Term = .empty) {
      self.elements = elements
      self.tail = tail
    }

    var isEmpty: Bool {
      if !elements.isEmpty { return false }
      if case .empty = tail { return true }
      return false
    }
  }

  private enum Element {
    /// An atomic element and its length, which fits on the current line.
    case join(String, Int)
    /// An atomic element that needs a new line.
    case breakAtomic(String, Int)
    /// A compound element: always on a new line, and forces one after it.
    case breakCompound(String)
  }

  private func length(_ s: String) -> Int { s.unicodeScalars.count }

  private func writer(_ t: Term, _ d: Int) -> String {
    var w = LFEWriter(atoms: atoms, pidStyle: pidStyle)
    w.write(t, depth: d)
    return w.out
  }

  // `term` and its helpers recurse once per level of nesting; each case lives in its own
  // small function so that a level costs little stack.
  func term(_ t: Term, _ d: Int, _ i: Int, _ l: Int, _ nesting: Int) -> String {
    if d == 0 || Printer.tooDeep(nesting) { return "..." }
    switch t {
    case .atom(let a): return LFESyntax.symbol(atoms.name(a))
    case .int, .big, .float, .pid, .ref, .fun: return writer(t, -1)
    case .empty: return "()"
    case .cons(let c): return cons(c, d, i, l, nesting)
    case .tuple(let tu): return tuple(tu, d, i, l, nesting)
    case .binary(let b): return binary(b, d)
    case .map(let m): return map(m, d, i, l, nesting)
    }
  }

  private func cons(_ c: Cons, _ d: Int, _ i: Int, _ l: Int, _ nesting: Int) -> String {
    if case .atom(let a) = c.head, case .cons(let second) = c.tail, case .empty = second.tail,
      let prefix = LFEPretty.quotePrefixes[atoms.name(a)]
    {
      // The reader's quote characters print as written; they do not cost depth.
      return prefix + term(second.head, d, i + prefix.count, l, nesting + 1)
    }
    let t = Term.cons(c)
    if let chars = LFESyntax.printableList(t) { return LFESyntax.quoted(chars, quote: "\"") }
    let type = LFEPretty.indentType(c.head, atoms: atoms)
    // A plain list prints at most d elements (d + 1 when broken over lines), so a huge
    // list under a depth limit is not copied whole. Special forms split their elements
    // by position and take them all.
    var limit = Int.max
    if case .none = type, d >= 0 { limit = d + 2 }
    let seq = Seq(t, limit: limit)
    if let flat = listMax(seq, d - 1, i + 1, l - 1, nesting) { return "(" + flat + ")" }
    switch type {
    case .none: return "(" + list(seq, d - 1, i + 1, l - 1, nesting) + ")"
    case .defun: return defun(seq, d, i, l, nesting)
    case .count(let n): return special(seq, d, i, l, n, nesting)
    }
  }

  private static let quotePrefixes = ["quote": "'", "backquote": "`", "comma": ",", "comma-at": ",@"]

  private func tuple(_ tu: Tuple, _ d: Int, _ i: Int, _ l: Int, _ nesting: Int) -> String {
    if tu.count == 0 { return "#()" }
    let seq = Seq(elements: tu.elements[...])
    if let flat = listMax(seq, d - 1, i + 2, l - 1, nesting) { return "#(" + flat + ")" }
    return "#(" + list(seq, d - 1, i + 2, l, nesting) + ")"
  }

  private func binary(_ b: Binary, _ d: Int) -> String {
    if let s = String(validating: b.bytes, as: UTF8.self),
      s.unicodeScalars.allSatisfy({ LFESyntax.isPrintableUnicode(Int($0.value)) })
    {
      return "#" + LFESyntax.quoted(s.unicodeScalars.map(\.value), quote: "\"")
    }
    return LFESyntax.bytes(b.bytes, depth: d)
  }

  private func map(_ m: MapBox, _ d: Int, _ i: Int, _ l: Int, _ nesting: Int) -> String {
    let pairs = m.sortedKeys(atoms: atoms).map { ($0, m.entries[$0]!) }
    return "#M(" + mapBody(pairs[...], d, i + 3, l, nesting) + ")"
  }

  /// The whole list on one line, or nil when it reaches the line length.
  private func listMax(_ seq: Seq, _ d: Int, _ i: Int, _ l: Int, _ nesting: Int) -> String? {
    guard let first = seq.elements.first else { return "" }
    if d == 0 { return "..." }
    var acc = term(first, d, 0, LFEPretty.unlimited, nesting + 1)
    var col = i + length(acc)
    var rest = seq.elements.dropFirst()
    var tail = seq.tail
    var d = d - 1
    while true {
      if col >= l { return nil }
      if rest.isEmpty, case .empty = tail { return acc }
      if d == 0 { return acc + " ..." }
      if let e = rest.first {
        let cs = term(e, d, 0, LFEPretty.unlimited, nesting + 1)
        acc += " " + cs
        col += length(cs) + 1
        rest = rest.dropFirst()
      } else {
        let cs = term(tail, d, 0, LFEPretty.unlimited, nesting + 1)
        acc += " . " + cs
        col += length(cs) + 3
        tail = .empty
      }
      d -= 1
    }
  }

  private func element(
    _ e: Term, _ col: Int, _ d: Int, _ i: Int, _ l: Int, _ nesting: Int
  )
    -> Element
  {
    switch e {
    case .int, .big, .float, .atom, .pid, .ref, .fun, .empty:
      let cs = writer(e, d)
      let n = length(cs)
      return col + n <= l - 10 ? .join(cs, n) : .breakAtomic(cs, n)
    default:
      return .breakCompound(term(e, d, i, l, nesting + 1))
    }
  }

  /// The elements one after another, atomic ones packed on a line, without parentheses.
  private func list(_ seq: Seq, _ d: Int, _ i: Int, _ l: Int, _ nesting: Int) -> String {
    guard let first = seq.elements.first else { return "" }
    if d == 0 { return "..." }
    let rest = Seq(elements: seq.elements.dropFirst(), tail: seq.tail)
    // LFE does not lower the depth for the second element here.
    switch element(first, i, d, i, l, nesting) {
    case .join(let cs, let n): return cs + tail(rest, i + n, d, i, l, nesting)
    case .breakAtomic(let cs, _), .breakCompound(let cs): return cs + tail(rest, l, d, i, l, nesting)
    }
  }

  /// The rest of a list after `col` columns of the current line; `col == l` forces the
  /// next element onto a new line.
  private func tail(
    _ seq: Seq, _ col: Int, _ d: Int, _ i: Int, _ l: Int, _ nesting: Int
  )
    -> String
  {
    var out = ""
    var col = col
    var d = d
    var rest = seq.elements
    while true {
      if rest.isEmpty, case .empty = seq.tail { return out }
      if d == 0 { return out + " ..." }
      guard let e = rest.first else {
        switch element(seq.tail, col + 3, d, i, l, nesting) {
        case .join(let cs, _): return out + " . " + cs
        case .breakAtomic(let cs, _), .breakCompound(let cs):
          return out + " .\n" + String(repeating: " ", count: max(i, 0)) + cs
        }
      }
      switch element(e, col + 1, d, i, l, nesting) {
      case .join(let cs, let n):
        out += " " + cs
        col += 1 + n
      case .breakAtomic(let cs, let n):
        out += newline(i) + cs
        col = i + n
      case .breakCompound(let cs):
        out += newline(i) + cs
        col = l
      }
      rest = rest.dropFirst()
      d -= 1
    }
  }

  private func newline(_ i: Int) -> String { "\n" + String(repeating: " ", count: max(i, 0)) }

  private enum IndentType {
    case none, defun
    /// This many arguments stay on the first line; the body is indented 2.
    case count(Int)
  }

  private static let indentCounts: [String: Int] = [
    "define": 1, "define-syntax": 1, "define-record": 1, "begin": 0, "let-syntax": 1,
    "syntax-rules": 0, "macro": 0, "defmodule": 1, "defsyntax": 1, "defrecord": 1,
    "deftest": 1, "lambda": 1, "match-lambda": 0, "let": 1, "let-function": 1,
    "letrec-function": 1, "let-macro": 1, "progn": 0, "prog1": 0, "prog2": 0, "if": 1,
    "case": 1, "cond": 999, "maybe": 0, "receive": 0, "catch": 0, "try": 1, "funcall": 1,
    "call": 2, "eval-when-compile": 0, "define-function": 1, "define-macro": 1,
    "define-module": 1, "extend-module": 0, "define-type": 1, "define-opaque-type": 1,
    "define-function-spec": 1, ":": 2, "let*": 1, "flet": 1, "flet*": 1, "fletrec": 1,
    "macrolet": 1, "syntaxlet": 1, "do": 2, "lc": 1, "list-comp": 1, "bc": 1,
    "binary-comp": 1, "match-spec": 0,
  ]

  private static func indentType(_ head: Term, atoms: AtomTable) -> IndentType {
    guard case .atom(let a) = head else { return .none }
    let name = atoms.name(a)
    if name == "defun" || name == "defmacro" { return .defun }
    return indentCounts[name].map { .count($0) } ?? .none
  }

  private func defun(_ seq: Seq, _ d: Int, _ i: Int, _ l: Int, _ nesting: Int) -> String {
    let es = seq.elements
    guard es.count >= 3, d > 3 || d < 0,
      case .atom(let def) = es[es.startIndex], case .atom(let name) = es[es.startIndex + 1]
    else {
      return "(" + list(seq, d - 1, i + 1, l, nesting) + ")"
    }
    let dcs = atoms.name(def)
    let ncs = atoms.name(name)
    let args = es[es.startIndex + 2]
    if isSymbolList(args) {
      let acs = term(args, d - 2, i + length(dcs) + length(ncs) + 3, l, nesting + 1)
      let body = Seq(elements: es.dropFirst(3), tail: seq.tail)
      return "(" + dcs + " " + ncs + " " + acs + tail(body, l, d - 3, i + 2, l, nesting) + ")"
    }
    let body = Seq(elements: es.dropFirst(2), tail: seq.tail)
    return "(" + dcs + " " + ncs + tail(body, l, d - 2, i + 2, l, nesting) + ")"
  }

  private func isSymbolList(_ t: Term) -> Bool {
    var cur = t
    while case .cons(let c) = cur {
      guard case .atom = c.head else { return false }
      cur = c.tail
    }
    if case .empty = cur { return true }
    return false
  }

  /// A special form: its first `n` arguments after the name, the rest indented by 2.
  private func special(
    _ seq: Seq, _ d: Int, _ i: Int, _ l: Int, _ n: Int, _ nesting: Int
  )
    -> String
  {
    guard d > 2 || d < 0, case .atom(let head) = seq.elements.first else {
      return "(" + list(seq, d - 1, i + 1, l, nesting) + ")"
    }
    let cs = atoms.name(head)
    let args = seq.elements.dropFirst()
    let spec = Seq(elements: args.prefix(n))
    let body = Seq(elements: args.dropFirst(n), tail: seq.tail)
    let specText = list(spec, d - 1, i + length(cs) + 2, l, nesting)
    return "(" + cs + " " + specText + tail(body, l, d - 2, i + 2, l, nesting) + ")"
  }

  // MARK: Maps

  private enum Pair {
    case currentLine(String, Int)
    case ownLine(String, Int)
    case separateLines(String, String)
  }

  private func mapBody(
    _ kvs: ArraySlice<(Term, Term)>, _ d: Int, _ i: Int, _ l: Int, _ nesting: Int
  ) -> String {
    let l = l - 1
    guard let first = kvs.first else { return "" }
    var out: String
    var col: Int
    switch pair(first, i, d, i, l, nesting) {
    case .currentLine(let s, let n):
      out = s
      col = i + n
    case .ownLine(let s, let n):
      out = s
      col = i + n
    case .separateLines(let k, let v):
      out = k + newline(i + 2) + v
      col = l
    }
    var d = d - 1
    for kv in kvs.dropFirst() {
      if d == 0 { return out + " ..." }
      switch pair(kv, col + 1, d, i, l, nesting) {
      case .currentLine(let s, let n):
        out += " " + s
        col += n + 1
      case .ownLine(let s, let n):
        out += newline(i) + s
        col = i + n
      case .separateLines(let k, let v):
        out += newline(i) + k + newline(i + 2) + v
        col = l
      }
      d -= 1
    }
    // LFE ends with ` ...` whenever the depth runs out, even after the last pair.
    return d == 0 ? out + " ..." : out
  }

  private func pair(
    _ kv: (Term, Term), _ col: Int, _ d: Int, _ i: Int, _ l: Int, _ nesting: Int
  ) -> Pair {
    let kcs = term(kv.0, d, 0, LFEPretty.unlimited, nesting + 1)
    let vcs = term(kv.1, d, 0, LFEPretty.unlimited, nesting + 1)
    let kl = length(kcs)
    let vl = length(vcs)
    if col + kl + vl < l - 10 { return .currentLine(kcs + " " + vcs, kl + 1 + vl) }
    if i + kl + vl < l - 10 { return .ownLine(kcs + " " + vcs, kl + 1 + vl) }
    let k = i + kl < l - 10 ? kcs : term(kv.0, d, i, l, nesting + 1)
    let v = i + vl < l - 10 ? vcs : term(kv.1, d, i + 2, l, nesting + 1)
    return .separateLines(k, v)
  }
}
