/// The Erlang pretty printer behind `~p` and `~P` (`io_lib_pretty`, OTP 25, without a
/// character limit and with Latin-1 strings, as `io:format` uses it).
///
/// Like OTP it works in two passes: it first measures every subterm on one line (the
/// intermediate form `PNode`), then lays the term out: whatever fits in the rest of the
/// line is written flat; lists and tuples otherwise put one element per line, except
/// that short atomic elements share a line; a tuple tagged with an atom keeps its tag on
/// the first line and may indent the rest by 4 (`TInd`), chosen by a dry run.
extension Printer {
  /// Erlang syntax broken at `lineLength`, as `~p` (`io_lib_pretty:print/2`). `column` is
  /// the 1-based column the text starts at: continuation lines are indented to it.
  /// `depth` -1 prints everything; N cuts deeper parts to `...` as `~P` does. With
  /// `strings` false (`~lp`) lists of characters print as lists of integers.
  public static func erlangPretty(
    _ term: Term, atoms: AtomTable, column: Int = 1, lineLength: Int = 80, depth: Int = -1,
    strings: Bool = true
  ) -> String {
    PrintBudget.bounded {
      ErlangPretty(atoms: atoms, strings: strings).print(
        term, column: column, lineLength: lineLength, depth: depth)
    }
  }
}

struct ErlangPretty {
  let atoms: AtomTable
  let strings: Bool

  /// A measured subterm: how it prints on one line and how long that is.
  struct Node {
    indirect enum Kind {
      /// Atomic text: an atom, number, string, `{...}`; may share a line with others.
      case leaf(String)
      case list([Node], End)
      case tuple(tagged: Bool, [Node], End)
      case map([Node], End)
      case pair(Node, Node)
      /// A binary written byte by byte: the bytes before the last, then the last (or `...`).
      case binary([String], String)
    }

    enum End {
      case proper
      /// The depth ran out: `...` ends the sequence.
      case dots
      /// An improper list's tail.
      case tail(Node)
    }

    let kind: Kind
    let len: Int

    var isAtomic: Bool {
      if case .leaf = kind { return true }
      return false
    }

    var isAtomicPair: Bool {
      if case .pair(let k, let v) = kind { return k.isAtomic && v.isAtomic }
      return false
    }
  }

  private static func leaf(_ s: String) -> Node { Node(kind: .leaf(s), len: s.unicodeScalars.count) }

  func print(_ t: Term, column: Int, lineLength: Int, depth: Int) -> String {
    if depth == 0 { return "..." }
    let col = max(column, 1)
    switch t {
    case .atom(let a): return ErlangSyntax.atom(atoms.name(a), latin1: true)
    case .cons, .empty, .tuple, .map, .binary:
      let node = measure(t, depth, 0)
      // Without a character limit OTP takes the whole term's length as the most a line
      // may hold, so only the line length ever forces a break.
      if lineLength == 0 || node.len < lineLength - col { return Layout.write(node) }
      // A tagged tuple indents its elements after the tag unless that would pass half
      // the line; then by 4; failing both, by 1.
      var tind = 1
      for candidate in [-1, 4] {
        let probe = Layout(ll: lineLength, m: node.len, tind: candidate)
        if (try? probe.cind(node, col, 0, 0)) != nil {
          tind = candidate
          break
        }
      }
      let final = Layout(ll: lineLength, m: node.len, tind: tind)
      return final.pp(node, col, col - 1, 0, 0)
    default:
      return Printer.erlang(t, atoms: atoms)
    }
  }

  // MARK: Measuring

  private func measure(_ t: Term, _ d: Int, _ nesting: Int) -> Node {
    if Printer.tooDeep(nesting) { return ErlangPretty.leaf("...") }
    switch t {
    case .empty: return ErlangPretty.leaf("[]")
    case .atom(let a): return ErlangPretty.leaf(ErlangSyntax.atom(atoms.name(a), latin1: true))
    case .cons:
      if strings && d != 1, let chars = ErlangSyntax.printableLatin1List(t) {
        return ErlangPretty.leaf(ErlangSyntax.string(chars))
      }
      var es: [Node] = []
      var cur = t
      var d = d
      var end = Node.End.proper
      while true {
        if case .empty = cur { break }
        if d == 1 {
          end = .dots
          break
        }
        if case .cons(let c) = cur {
          es.append(measure(c.head, d - 1, nesting + 1))
          cur = c.tail
          d -= 1
        } else {
          end = .tail(measure(cur, d - 1, nesting + 1))
          break
        }
      }
      return Node(kind: .list(es, end), len: sequenceLength(es, end, 2))
    case .tuple(let tu):
      if tu.count == 0 { return ErlangPretty.leaf("{}") }
      if d == 1 { return ErlangPretty.leaf("{...}") }
      var es: [Node] = []
      var end = Node.End.proper
      var d = d
      for i in 0..<tu.count {
        if d == 1 {
          end = .dots
          break
        }
        es.append(measure(tu[i], d - 1, nesting + 1))
        d -= 1
      }
      var tagged = false
      if tu.count > 1, case .atom = tu[0] { tagged = true }
      return Node(kind: .tuple(tagged: tagged, es, end), len: sequenceLength(es, end, 2))
    case .map(let m):
      if m.entries.isEmpty { return ErlangPretty.leaf("#{}") }
      if d == 1 { return ErlangPretty.leaf("#{...}") }
      var ps: [Node] = []
      var end = Node.End.proper
      var rd = d
      for k in m.sortedKeys(atoms: atoms) {
        if rd == 1 {
          end = .dots
          break
        }
        let key = measure(k, d - 1, nesting + 1)
        let value = measure(m.entries[k]!, d - 1, nesting + 1)
        ps.append(Node(kind: .pair(key, value), len: key.len + 4 + value.len))
        rd -= 1
      }
      return Node(kind: .map(ps, end), len: sequenceLength(ps, end, 3))
    case .binary(let b):
      return measureBinary(b.bytes, d)
    default:
      return ErlangPretty.leaf(Printer.erlang(t, atoms: atoms))
    }
  }

  /// The one-line length of a sequence: `open` for its brackets, one per separator.
  private func sequenceLength(_ es: [Node], _ end: Node.End, _ open: Int) -> Int {
    var n = open + es.reduce(0) { $0 + $1.len } + max(es.count - 1, 0)
    switch end {
    case .proper: break
    case .dots: n += es.isEmpty ? 3 : 4
    case .tail(let t): n += (es.isEmpty ? 0 : 1) + t.len
    }
    return n
  }

  private func measureBinary(_ bytes: [UInt8], _ d: Int) -> Node {
    if bytes.isEmpty { return ErlangPretty.leaf("<<>>") }
    if d == 1 { return ErlangPretty.leaf("<<...>>") }
    if strings, let text = printableBinary(bytes, d - 1) {
      return ErlangPretty.leaf(text)
    }
    var parts: [String] = []
    var last = ""
    var rd = d
    for (i, b) in bytes.enumerated() {
      if rd == 1 {
        last = "..."
        break
      }
      if i == bytes.count - 1 {
        last = String(b)
      } else {
        parts.append(String(b))
      }
      rd -= 1
    }
    let len = 4 + parts.reduce(0) { $0 + $1.count + 1 } + last.count
    return Node(kind: .binary(parts, last), len: len)
  }

  /// `<<"text">>` when the binary is Latin-1 text, or `<<"prefix"...>>` when the depth
  /// cuts it after enough printable bytes; nil when it prints as numbers.
  private func printableBinary(_ bytes: [UInt8], _ d: Int) -> String? {
    let limit = d >= 0 ? min(4 * d, bytes.count) : bytes.count
    if limit == 0 { return nil }
    var printable = 0
    while printable < limit, ErlangSyntax.isPrintableLatin1(Int(bytes[printable])) { printable += 1 }
    if printable == bytes.count {
      return "<<" + ErlangSyntax.string(bytes.map(UInt32.init)) + ">>"
    }
    if d > 0 && printable >= d {
      return "<<" + ErlangSyntax.string(bytes[..<printable].map(UInt32.init)) + "...>>"
    }
    return nil
  }

  // MARK: Layout

  struct NoGood: Error {}

  struct Layout {
    /// Line length.
    let ll: Int
    /// The most characters a line may take (the whole term's length when unlimited).
    let m: Int
    /// Indentation for the elements of a tagged tuple after its tag, or -1 for none.
    let tind: Int

    static func write(_ n: Node) -> String {
      switch n.kind {
      case .leaf(let s): return s
      case .list(let es, let end): return "[" + writeSeq(es, end, "|") + "]"
      case .tuple(_, let es, let end): return "{" + writeSeq(es, end, ",") + "}"
      case .map(let ps, let end): return "#{" + writeSeq(ps, end, ",") + "}"
      case .pair(let k, let v): return write(k) + " => " + write(v)
      case .binary(let parts, let last): return "<<" + parts.map { $0 + "," }.joined() + last + ">>"
      }
    }

    private static func writeSeq(_ es: [Node], _ end: Node.End, _ sep: String) -> String {
      var s = es.map(write).joined(separator: ",")
      switch end {
      case .proper: break
      case .dots: s += es.isEmpty ? "..." : sep + "..."
      case .tail(let t): s += sep + write(t)
      }
      return s
    }

    private func spaces(_ n: Int) -> String { String(repeating: " ", count: max(n, 0)) }

    private func fits(_ n: Node, _ col: Int, _ ld: Int, _ w: Int) -> Bool {
      n.len < ll - col - ld && n.len + w + ld <= m
    }

    /// Whether the next element, `eLen` long with its comma, joins the current line.
    private func joins(_ eLen: Int, _ col: Int, _ ld: Int, _ w: Int) -> Bool {
      if ld == 0 { return eLen + 1 < ll - col && w + eLen + 1 <= m }
      return eLen < ll - col - ld && w + eLen + ld <= m
    }

    /// Extra room to keep for what closes after the last element.
    private func lastDepth(_ rest: ArraySlice<Node>, _ ld: Int) -> Int {
      rest.isEmpty ? ld + 1 : 0
    }

    func pp(_ n: Node, _ col: Int, _ ind: Int, _ ld: Int, _ w: Int) -> String {
      if fits(n, col, ld, w) { return Layout.write(n) }
      // Laying out costs more stack a level than measuring did, so the measured depth
      // may not fit here (on a small stack, in a build with large frames).
      if !StackSpace.hasRoom(keeping: 128 << 10) { return "..." }
      switch n.kind {
      case .leaf(let s): return s
      case .list(let es, let end):
        return "[" + ppList(es[...], end, col + 1, ind + 1, ld, "|", w + 1) + "]"
      case .tuple(true, let es, let end):
        return "{" + ppTagTuple(es[...], end, col, ind, ld, w + 1) + "}"
      case .tuple(false, let es, let end):
        return "{" + ppList(es[...], end, col + 1, ind + 1, ld, ",", w + 1) + "}"
      case .map(let ps, let end):
        return "#{" + ppMap(ps[...], end, col + 2, ind + 2, ld, w + 1) + "}"
      case .pair: return ppPair(n, col, ind, ld, w).text
      case .binary(let parts, let last):
        return ppBinary(parts, last, col + 2, ind + 2, ld, w)
      }
    }

    private func ppTagTuple(
      _ es: ArraySlice<Node>, _ end: Node.End, _ col: Int, _ ind: Int, _ ld: Int, _ w: Int
    ) -> String {
      guard let tag = es.first else { return "..." }
      let tagInd = tag.len + 2
      let tcol = col + tagInd
      if tind > 0 && tagInd > tind {
        return Layout.write(tag)
          + ppTail(es.dropFirst(), end, col + tind, tcol, ind + tind, ld, ",", w + tag.len)
      }
      return Layout.write(tag) + ","
        + ppList(es.dropFirst(), end, tcol, ind + tagInd, ld, ",", w + tag.len + 1)
    }

    private func ppList(
      _ es: ArraySlice<Node>, _ end: Node.End, _ col0: Int, _ ind: Int, _ ld: Int,
      _ sep: String, _ w: Int
    ) -> String {
      guard let first = es.first else { return "..." }
      let (text, width) = ppElement(first, col0, ind, lastDepth(es.dropFirst(), ld), w)
      return text + ppTail(es.dropFirst(), end, col0, col0 + width, ind, ld, sep, w + width)
    }

    private func ppTail(
      _ es: ArraySlice<Node>, _ end: Node.End, _ col0: Int, _ col: Int, _ ind: Int, _ ld: Int,
      _ sep: String, _ w: Int
    ) -> String {
      var (out, col, w) = ppRest(es, col0, col, ind, ld, w, atomic: { $0.isAtomic }) { e, ld1 in
        ppElement(e, col0, ind, ld1, 0)
      }
      switch end {
      case .proper: break
      case .dots: out += sep + "..."
      case .tail(let t):
        if t.len + 1 < ll - col - (ld + 1) && t.len + 1 + w + (ld + 1) <= m && t.isAtomic {
          out += sep + Layout.write(t)
        } else {
          out += sep + "\n" + spaces(ind) + pp(t, col0, ind, ld + 1, 0)
        }
      }
      return out
    }

    private func ppElement(_ e: Node, _ col: Int, _ ind: Int, _ ld: Int, _ w: Int) -> (String, Int) {
      if fits(e, col, ld, w) && e.isAtomic { return (Layout.write(e), e.len) }
      return (pp(e, col, ind, ld, w), ll)
    }

    private func ppMap(
      _ ps: ArraySlice<Node>, _ end: Node.End, _ col: Int, _ ind: Int, _ ld: Int, _ w: Int
    ) -> String {
      guard let first = ps.first else { return "..." }
      let (text, width) = ppPair(first, col, ind, lastDepth(ps.dropFirst(), ld), w)
      var out = text
      out +=
        ppRest(ps.dropFirst(), col, col + width, ind, ld, width, atomic: { $0.isAtomicPair }) { p, ld1 in
          ppPair(p, col, ind, ld1, 0)
        }.text
      if case .dots = end { out += ",..." }
      return out
    }

    /// The elements after the first, each after a comma: short atomic ones join the
    /// line while they fit, the others start a line of their own at `ind`. Returns the
    /// text with the column and line width it ends at.
    private func ppRest(
      _ es: ArraySlice<Node>, _ col0: Int, _ col: Int, _ ind: Int, _ ld: Int, _ w: Int,
      atomic: (Node) -> Bool, layout: (Node, Int) -> (String, Int)
    ) -> (text: String, col: Int, w: Int) {
      var out = ""
      var col = col
      var w = w
      var rest = es
      while let e = rest.first {
        rest = rest.dropFirst()
        let ld1 = lastDepth(rest, ld)
        let eLen = 1 + e.len
        if atomic(e) && joins(eLen, col, ld1, w) {
          out += "," + Layout.write(e)
          col += eLen
          w += eLen
        } else {
          let (text, width) = layout(e, ld1)
          out += ",\n" + spaces(ind) + text
          col = col0 + width
          w = width
        }
      }
      return (out, col, w)
    }

    private func ppPair(_ p: Node, _ col: Int, _ ind: Int, _ ld: Int, _ w: Int) -> (text: String, width: Int)
    {
      if fits(p, col, ld, w) { return (Layout.write(p), p.isAtomicPair ? p.len : ll) }
      guard case .pair(let k, let v) = p.kind else { return (pp(p, col, ind, ld, w), ll) }
      let i = tind > 0 ? tind : 4
      let text = pp(k, col, ind, ld, w) + " =>\n" + spaces(ind + i) + pp(v, col + i, ind + i, ld, 0)
      return (text, ll)
    }

    private func ppBinary(
      _ parts: [String], _ last: String, _ col: Int, _ ind: Int, _ ld: Int, _ w: Int
    ) -> String {
      let n0 = max(8, min(ll - col, m - 4 - w) - ld)
      var n = n0
      var out = "<<"
      for part in parts {
        let len = part.count + 1
        if n - len < 0 {
          out += "\n" + spaces(ind) + part + ","
          n = n0 - len
        } else {
          out += part + ","
          n -= len
        }
      }
      out += last.count > n ? "\n" + spaces(ind) + last : last
      return out + ">>"
    }

    // MARK: Trying an indentation for tagged tuples

    /// Walks the layout as `pp` would and fails when a tagged tuple would indent past
    /// half the line without room for the whole term.
    func cind(_ n: Node, _ col: Int, _ ld: Int, _ w: Int) throws(NoGood) {
      if fits(n, col, ld, w) { return }
      switch n.kind {
      case .list(let es, let end): try cindList(es[...], end, col + 1, ld, w + 1)
      case .tuple(true, let es, let end): try cindTagTuple(es[...], end, col, ld, w + 1)
      case .tuple(false, let es, let end): try cindList(es[...], end, col + 1, ld, w + 1)
      case .map(let ps, let end): try cindMap(ps[...], end, col + 2, ld, w + 2)
      default: return
      }
    }

    private func cindTagTuple(
      _ es: ArraySlice<Node>, _ end: Node.End, _ col: Int, _ ld: Int, _ w: Int
    ) throws(NoGood) {
      guard let tag = es.first else { return }
      let tagInd = tag.len + 2
      let tcol = col + tagInd
      if tind > 0 && tagInd > tind {
        let col1 = col + tind
        guard m + col1 <= ll || col1 <= ll / 2 else { throw NoGood() }
        try cindTail(es.dropFirst(), end, col1, tcol, ld, w + tag.len)
      } else {
        guard m + tcol < ll || tcol < ll / 2 else { throw NoGood() }
        try cindList(es.dropFirst(), end, tcol, ld, w + tag.len + 1)
      }
    }

    private func cindMap(
      _ ps: ArraySlice<Node>, _ end: Node.End, _ col: Int, _ ld: Int, _ w: Int
    ) throws(NoGood) {
      guard let first = ps.first else { return }
      let pw = try cindPair(first, col, lastDepth(ps.dropFirst(), ld), w)
      var c = col + pw
      var cw = w + pw
      var rest = ps.dropFirst()
      while let p = rest.first {
        rest = rest.dropFirst()
        let ld1 = lastDepth(rest, ld)
        let eLen = 1 + p.len
        if p.isAtomicPair && joins(eLen, c, ld1, cw) {
          c += eLen
          cw += eLen
        } else {
          let width = try cindPair(p, col, ld1, 0)
          c = col + width
          cw = width
        }
      }
    }

    private func cindPair(_ p: Node, _ col: Int, _ ld: Int, _ w: Int) throws(NoGood) -> Int {
      if fits(p, col, ld, w) { return p.isAtomicPair ? p.len : ll }
      guard case .pair(let k, let v) = p.kind else { return ll }
      try cind(k, col, ld, w)
      try cind(v, col + (tind > 0 ? tind : 4), ld, 0)
      return ll
    }

    private func cindList(
      _ es: ArraySlice<Node>, _ end: Node.End, _ col0: Int, _ ld: Int, _ w: Int
    ) throws(NoGood) {
      guard let first = es.first else { return }
      let width = try cindElement(first, col0, lastDepth(es.dropFirst(), ld), w)
      try cindTail(es.dropFirst(), end, col0, col0 + width, ld, w + width)
    }

    private func cindTail(
      _ es: ArraySlice<Node>, _ end: Node.End, _ col0: Int, _ col: Int, _ ld: Int, _ w: Int
    ) throws(NoGood) {
      var col = col
      var w = w
      var rest = es
      while let e = rest.first {
        rest = rest.dropFirst()
        let ld1 = lastDepth(rest, ld)
        let eLen = 1 + e.len
        if e.isAtomic && joins(eLen, col, ld1, w) {
          col += eLen
          w += eLen
        } else {
          let width = try cindElement(e, col0, ld1, 0)
          col = col0 + width
          w = width
        }
      }
      if case .tail(let t) = end {
        if t.len + 1 < ll - col - (ld + 1) && t.len + 1 + w + (ld + 1) <= m && t.isAtomic { return }
        try cind(t, col, ld + 1, 0)
      }
    }

    private func cindElement(_ e: Node, _ col: Int, _ ld: Int, _ w: Int) throws(NoGood) -> Int {
      if fits(e, col, ld, w) && e.isAtomic { return e.len }
      try cind(e, col, ld, w)
      return ll
    }
  }
}
