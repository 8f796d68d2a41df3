import LFE

/// Compares inputs as LFE reads them, so spacing, line breaks and comments do not make
/// a learner's input differ from the page's.
enum FormComparison {
  /// The forms of `text`, nil when it does not read as whole forms.
  static func forms(_ text: String) -> [Form]? {
    try? Reader.readAll(text)
  }

  /// Whether two inputs read as the same forms.
  static func same(_ a: String, _ b: String) -> Bool {
    guard let x = forms(a), let y = forms(b), x.count == y.count else { return false }
    return zip(x, y).allSatisfy { same($0, $1) }
  }

  /// Whether two inputs are the same kind of form: calls of the same function or
  /// special form (`(set pid (spawn ...))` against `(set pid (spawn ...))` with other
  /// arguments). A wrong answer to a step is one of these with the wrong output.
  static func sameKind(_ a: String, _ b: String) -> Bool {
    guard let x = forms(a)?.first, let y = forms(b)?.first else { return false }
    if let h = x.head, h == y.head {
      // `set` and `progn` say little alone: compare what they hold too.
      if h == "set" || h == "progn", let xs = x.listElements, let ys = y.listElements,
        xs.count > 2, ys.count > 2
      {
        return xs.last?.head == ys.last?.head
      }
      return true
    }
    return false
  }

  /// Structural equality, locations ignored; a loop over pairs, not recursion, however
  /// deep the forms nest.
  static func same(_ a: Form, _ b: Form) -> Bool {
    var pending: [(Form, Form)] = [(a, b)]
    while let (x, y) = pending.popLast() {
      switch (x.node, y.node) {
      case (.symbol(let p), .symbol(let q)): if p != q { return false }
      case (.integer(let p), .integer(let q)): if p != q { return false }
      case (.float(let p), .float(let q)): if p != q { return false }
      case (.string(let p), .string(let q)): if p != q { return false }
      case (.binary(let p), .binary(let q)): if p != q { return false }
      case (.list(let p, let s), .list(let q, let t)):
        guard p.count == q.count, (s == nil) == (t == nil) else { return false }
        pending += zip(p, q).map { ($0, $1) }
        if let s, let t { pending.append((s, t)) }
      case (.tuple(let p), .tuple(let q)), (.map(let p), .map(let q)),
        (.binarySegments(let p), .binarySegments(let q)):
        guard p.count == q.count else { return false }
        pending += zip(p, q).map { ($0, $1) }
      default:
        return false
      }
    }
    return true
  }
}
