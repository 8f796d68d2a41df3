/// The `string` module: the old list-string functions (`len`, `substr`, `tokens`, ...)
/// and the simpler parts of the Unicode API (`length`, `slice`, `trim`, `split`, ...).
/// The Unicode functions count grapheme clusters (`"\r\n"` is one) and give back a
/// binary for a binary argument, a flat list otherwise.
enum StringNatives {
  static func natives() -> [NativeFunction] {
    oldAPI() + padding() + words() + unicodeAPI() + search() + numbers() + graphemeAPI()
  }

  private static func fn(_ name: String, _ arity: Int, _ body: @escaping NativeBody) -> NativeFunction {
    NativeFunction("string", name, arity, body)
  }

  private static var functionClause: Exception { .error(.atom(.functionClause)) }

  private static func elements(_ t: Term) throws(Exception) -> [Term] {
    guard let es = t.listElements else { throw functionClause }
    return es
  }

  private static func count(_ t: Term) throws(Exception) -> Int {
    guard case .int(let n) = t, n >= 0 else { throw functionClause }
    return try NativeLibrary.checkedSize(n)
  }

  private static func char(_ t: Term) throws(Exception) -> Term {
    guard case .int = t else { throw functionClause }
    return t
  }

  // MARK: List strings

  private static func oldAPI() -> [NativeFunction] {
    [
      fn("len", 1) { ctx, a throws(Exception) in
        guard let es = a[0].listElements else {
          throw ListsNatives.inBIF(.badarg, "length", [a[0]], ctx.atoms)
        }
        return .int(es.count)
      },
      fn("concat", 2) { ctx, a throws(Exception) in try ListsNatives.append(a[0], a[1], ctx.atoms) },
      fn("to_upper", 1) { _, a throws(Exception) in try mapCase(a[0], upper: true) },
      fn("to_lower", 1) { _, a throws(Exception) in try mapCase(a[0], upper: false) },
      fn("tokens", 2) { _, a throws(Exception) in
        let s = try elements(a[0])
        let seps = try elements(a[1])
        var tokens: [Term] = []
        var current: [Term] = []
        for c in s {
          if seps.contains(where: { Term.exactlyEqual($0, c) }) {
            if !current.isEmpty { tokens.append(.list(current)) }
            current = []
          } else {
            current.append(c)
          }
        }
        if !current.isEmpty { tokens.append(.list(current)) }
        return .list(tokens)
      },
      fn("join", 2) { _, a throws(Exception) in
        let parts = try elements(a[0])
        guard var result = parts.last else { return .empty }
        for p in parts.dropLast().reversed() {
          result = try ListsNatives.append(p, try ListsNatives.append(a[1], result))
        }
        return result
      },
      fn("chr", 2) { _, a throws(Exception) in
        let s = try elements(a[0])
        return .int((s.firstIndex { Term.exactlyEqual($0, a[1]) } ?? -1) + 1)
      },
      fn("rchr", 2) { _, a throws(Exception) in
        let s = try elements(a[0])
        return .int((s.lastIndex { Term.exactlyEqual($0, a[1]) } ?? -1) + 1)
      },
      fn("str", 2) { _, a throws(Exception) in
        .int((try indexOf(try elements(a[1]), in: try elements(a[0]), last: false) ?? -1) + 1)
      },
      fn("rstr", 2) { _, a throws(Exception) in
        .int((try indexOf(try elements(a[1]), in: try elements(a[0]), last: true) ?? -1) + 1)
      },
      fn("substr", 2) { _, a throws(Exception) in
        let s = try elements(a[0])
        return try substr(s, a[1], .int(s.count))
      },
      fn("substr", 3) { _, a throws(Exception) in try substr(try elements(a[0]), a[1], a[2]) },
      fn("sub_string", 2) { _, a throws(Exception) in
        let s = try elements(a[0])
        return try substr(s, a[1], .int(s.count))
      },
      fn("sub_string", 3) { _, a throws(Exception) in
        guard case .int(let start) = a[1], case .int(let stop) = a[2] else { throw functionClause }
        return try substr(try elements(a[0]), a[1], .int(Swift.max(0, stop - start + 1)))
      },
      fn("strip", 1) { _, a throws(Exception) in try strip(a[0], "both", .int(32)) },
      fn("strip", 2) { ctx, a throws(Exception) in try strip(a[0], try direction(a[1], ctx.atoms), .int(32))
      },
      fn("strip", 3) { ctx, a throws(Exception) in
        try strip(a[0], try direction(a[1], ctx.atoms), try char(a[2]))
      },
      fn("copies", 2) { _, a throws(Exception) in
        let s = try elements(a[0])
        let n = try count(a[1])
        if n > 0 && s.count > NativeLibrary.maxElements / n { throw Exception.error(.atom(.systemLimit)) }
        return .list(Array([[Term]](repeating: s, count: n).joined()))
      },
      fn("chars", 2) { ctx, a throws(Exception) in
        guard case .int = a[0], case .int(let n) = a[1], n >= 0 else {
          // chars/2 is chars/3 with an empty tail, and fails there.
          var e = functionClause
          e.stack = [
            StackEntry(
              module: ctx.atom("string"), function: ctx.atom("chars"), arguments: [a[0], a[1], .empty],
              arity: 3)
          ]
          throw e
        }
        return .list([Term](repeating: a[0], count: try NativeLibrary.checkedSize(n)))
      },
      fn("chars", 3) { _, a throws(Exception) in
        .list([Term](repeating: try char(a[0]), count: try count(a[1])), tail: a[2])
      },
    ]
  }

  /// Latin-1 case mapping, as the old `to_upper`/`to_lower` do: other characters stay.
  private static func mapCase(_ t: Term, upper: Bool) throws(Exception) -> Term {
    func map(_ c: Int) -> Int {
      if upper {
        if (0x61...0x7A).contains(c) || ((0xE0...0xFE).contains(c) && c != 0xF7) { return c - 32 }
      } else {
        if (0x41...0x5A).contains(c) || ((0xC0...0xDE).contains(c) && c != 0xD7) { return c + 32 }
      }
      return c
    }
    if case .int(let c) = t { return .int(map(c)) }
    var out: [Term] = []
    for e in try elements(t) {
      guard case .int(let c) = e else { throw functionClause }
      out.append(.int(map(c)))
    }
    return .list(out)
  }

  /// The 0-based position of the first (or last) occurrence of a non-empty `needle`.
  private static func indexOf(_ needle: [Term], in hay: [Term], last: Bool) throws(Exception) -> Int? {
    if needle.isEmpty || needle.count > hay.count { return nil }
    let starts = Array(0...(hay.count - needle.count))
    for i in last ? starts.reversed() : starts {
      if zip(needle, hay[i...]).allSatisfy({ Term.exactlyEqual($0, $1) }) { return i }
    }
    return nil
  }

  private static func substr(_ s: [Term], _ start: Term, _ length: Term) throws(Exception) -> Term {
    guard case .int(let st) = start, st >= 1, st <= s.count + 1 else { throw functionClause }
    let n = try count(length)
    return .list(s[(st - 1)..<Swift.min(s.count, st - 1 + n)])
  }

  private static func direction(_ t: Term, _ atoms: AtomTable) throws(Exception) -> String {
    guard case .atom(let a) = t else { throw functionClause }
    let name = atoms.name(a)
    guard ["left", "right", "both"].contains(name) else { throw functionClause }
    return name
  }

  private static func strip(_ t: Term, _ dir: String, _ c: Term) throws(Exception) -> Term {
    var s = try elements(t)[...]
    if dir != "right" { while let f = s.first, Term.exactlyEqual(f, c) { s = s.dropFirst() } }
    if dir != "left" { while let l = s.last, Term.exactlyEqual(l, c) { s = s.dropLast() } }
    return .list(s)
  }

  // MARK: left right centre pad

  private static func padding() -> [NativeFunction] {
    [
      fn("left", 2) { _, a throws(Exception) in try justify(a[0], a[1], .int(32), left: 0) },
      fn("left", 3) { _, a throws(Exception) in try justify(a[0], a[1], try char(a[2]), left: 0) },
      fn("right", 2) { _, a throws(Exception) in try justify(a[0], a[1], .int(32), left: 1) },
      fn("right", 3) { _, a throws(Exception) in try justify(a[0], a[1], try char(a[2]), left: 1) },
      fn("centre", 2) { _, a throws(Exception) in try justify(a[0], a[1], .int(32), left: 0.5) },
      fn("centre", 3) { _, a throws(Exception) in try justify(a[0], a[1], try char(a[2]), left: 0.5) },
      fn("pad", 2) { ctx, a throws(Exception) in try pad(a[0], a[1], "trailing", .int(32), ctx.atoms) },
      fn("pad", 3) { ctx, a throws(Exception) in
        try pad(a[0], a[1], try whereArg(a[2], ctx.atoms, allowAll: false), .int(32), ctx.atoms)
      },
      fn("pad", 4) { ctx, a throws(Exception) in
        try pad(a[0], a[1], try whereArg(a[2], ctx.atoms, allowAll: false), a[3], ctx.atoms)
      },
    ]
  }

  /// A string of exactly `width` characters: `left` is the share of padding (or of the
  /// cut) that goes on the left: 0 for `left`, 1 for `right`, one half (rounded down)
  /// for `centre`.
  private static func justify(_ t: Term, _ width: Term, _ c: Term, left: Double) throws(Exception) -> Term {
    let s = try elements(t)
    let n = try count(width)
    if s.count >= n {
      let cut = s.count - n
      let l = Int(Double(cut) * left)
      return .list(s[l..<(l + n)])
    }
    let pad = n - s.count
    let l = Int(Double(pad) * left)
    return .list([Term](repeating: c, count: l) + s + [Term](repeating: c, count: pad - l))
  }

  /// `string:pad/4`, keeping the nested shape Erlang returns.
  private static func pad(
    _ s: Term, _ width: Term, _ dir: String, _ c: Term, _ atoms: AtomTable
  )
    throws(Exception) -> Term
  {
    guard case .int(let n) = width else { throw functionClause }
    let len = try graphemes(s).count
    let padding = Swift.max(0, n - len)
    let fill = { (k: Int) -> Term in .list([Term](repeating: c, count: k)) }
    switch dir {
    case "leading": return .list([fill(padding), s])
    case "both":
      let half = fill(padding / 2)
      return .list(padding % 2 == 0 ? [half, s, half] : [half, s, half, c])
    default: return .cons(Cons(s, fill(padding)))
    }
  }

  // MARK: words

  private static func words() -> [NativeFunction] {
    [
      fn("words", 1) { _, a throws(Exception) in .int(try splitWords(a[0], .int(32)).count) },
      fn("words", 2) { _, a throws(Exception) in .int(try splitWords(a[0], try char(a[1])).count) },
      fn("sub_word", 2) { _, a throws(Exception) in try subWord(a[0], a[1], .int(32)) },
      fn("sub_word", 3) { _, a throws(Exception) in try subWord(a[0], a[1], try char(a[2])) },
    ]
  }

  private static func splitWords(_ t: Term, _ sep: Term) throws(Exception) -> [[Term]] {
    try elements(t).split(whereSeparator: { Term.exactlyEqual($0, sep) }).map(Array.init)
  }

  private static func subWord(_ t: Term, _ n: Term, _ sep: Term) throws(Exception) -> Term {
    guard case .int(let i) = n, i >= 1 else { throw functionClause }
    let ws = try splitWords(t, sep)
    return i <= ws.count ? .list(ws[i - 1]) : .empty
  }

  // MARK: Unicode API

  /// Grapheme clusters of chardata, or `function_clause`.
  private static func graphemes(_ t: Term) throws(Exception) -> [Character] {
    guard let s = try TermConversion.string(fromChardata: t) else { throw functionClause }
    return Array(s)
  }

  /// The argument of uppercase, lowercase and casefold: not chardata is `{badarg, Arg}`.
  private static func caseArgument(_ t: Term, _ atoms: AtomTable) throws(Exception) -> [Character] {
    guard let s = try TermConversion.string(fromChardata: t) else { throw .error(atoms.intern("badarg"), t) }
    return Array(s)
  }

  /// Characters given back in the argument's form: a binary for a binary, else a list.
  private static func output(_ cs: some Sequence<Character>, like t: Term) -> Term {
    let s = String(cs)
    if case .binary = t { return TermConversion.binary(Array(s.utf8)) }
    return .string(s)
  }

  private static func whereArg(_ t: Term, _ atoms: AtomTable, allowAll: Bool) throws(Exception) -> String {
    guard case .atom(let a) = t else { throw functionClause }
    let name = atoms.name(a)
    guard ["leading", "trailing", "both"].contains(name) || (allowAll && name == "all") else {
      throw functionClause
    }
    return name
  }

  /// What `string:trim/1` removes: Unicode pattern whitespace (and `"\r\n"` as one).
  private static let whitespace: Set<Character> = [
    " ", "\t", "\n", "\u{0B}", "\u{0C}", "\r", "\r\n", "\u{85}", "\u{200E}", "\u{200F}", "\u{2028}",
    "\u{2029}",
  ]

  private static func unicodeAPI() -> [NativeFunction] {
    [
      fn("length", 1) { _, a throws(Exception) in .int(try graphemes(a[0]).count) },
      fn("is_empty", 1) { _, a throws(Exception) in .bool(try graphemes(a[0]).isEmpty) },
      fn("reverse", 1) { _, a throws(Exception) in .string(String(try graphemes(a[0]).reversed())) },
      fn("equal", 2) { _, a throws(Exception) in
        .bool(try graphemes(a[0]).map(String.init) == (try graphemes(a[1])).map(String.init))
      },
      fn("equal", 3) { _, a throws(Exception) in
        let ignoreCase = try ErlangNatives.boolean(a[2])
        var x = String(try graphemes(a[0]))
        var y = String(try graphemes(a[1]))
        if ignoreCase {
          x = x.lowercased()
          y = y.lowercased()
        }
        return .bool(Array(x.unicodeScalars) == Array(y.unicodeScalars))
      },
      fn("lowercase", 1) { ctx, a throws(Exception) in
        output(String(try caseArgument(a[0], ctx.atoms)).lowercased(), like: a[0])
      },
      fn("uppercase", 1) { ctx, a throws(Exception) in
        output(String(try caseArgument(a[0], ctx.atoms)).uppercased(), like: a[0])
      },
      fn("titlecase", 1) { _, a throws(Exception) in
        let g = try graphemes(a[0])
        guard let first = g.first else { return a[0] }
        return output(String(first).uppercased() + String(g.dropFirst()), like: a[0])
      },
      fn("slice", 2) { _, a throws(Exception) in
        let g = try graphemes(a[0])
        let start = try count(a[1])
        return output(g.dropFirst(start), like: a[0])
      },
      fn("slice", 3) { ctx, a throws(Exception) in
        let g = try graphemes(a[0])
        let start = try count(a[1])
        let rest = g.dropFirst(start)
        if case .atom(let inf) = a[2], ctx.atoms.name(inf) == "infinity" { return output(rest, like: a[0]) }
        return output(rest.prefix(try count(a[2])), like: a[0])
      },
      fn("trim", 1) { _, a throws(Exception) in try trim(a[0], "both", whitespace) },
      fn("trim", 2) { ctx, a throws(Exception) in
        try trim(a[0], try whereArg(a[1], ctx.atoms, allowAll: false), whitespace)
      },
      fn("trim", 3) { ctx, a throws(Exception) in
        try trim(a[0], try whereArg(a[1], ctx.atoms, allowAll: false), Set(try graphemes(a[2])))
      },
      fn("split", 2) { _, a throws(Exception) in try split(a[0], a[1], "leading") },
      fn("split", 3) { ctx, a throws(Exception) in
        // An empty pattern splits nothing, whatever the third argument says.
        if try graphemes(a[1]).isEmpty { return .list([a[0]]) }
        return try split(a[0], a[1], try whereArg(a[2], ctx.atoms, allowAll: true))
      },
      fn("replace", 3) { _, a throws(Exception) in try replace(a[0], a[1], a[2], "leading") },
      fn("replace", 4) { ctx, a throws(Exception) in
        if try graphemes(a[1]).isEmpty { return .list([a[0]]) }
        return try replace(a[0], a[1], a[2], try whereArg(a[3], ctx.atoms, allowAll: true))
      },
    ]
  }

  private static func trim(_ t: Term, _ dir: String, _ set: Set<Character>) throws(Exception) -> Term {
    var g = try graphemes(t)[...]
    if dir != "trailing" { while let f = g.first, set.contains(f) { g = g.dropFirst() } }
    if dir != "leading" { while let l = g.last, set.contains(l) { g = g.dropLast() } }
    return output(g, like: t)
  }

  /// Start offsets of the non-overlapping occurrences of `p` in `g`, left to right.
  private static func occurrences(_ p: [Character], in g: [Character]) -> [Int] {
    if p.isEmpty || p.count > g.count { return [] }
    var found: [Int] = []
    var i = 0
    while i <= g.count - p.count {
      if g[i..<(i + p.count)].elementsEqual(p) {
        found.append(i)
        i += p.count
      } else {
        i += 1
      }
    }
    return found
  }

  /// The pieces of `t` around the first, last or every occurrence of `pattern`.
  private static func pieces(_ t: Term, _ pattern: Term, _ where_: String) throws(Exception) -> [Term] {
    let g = try graphemes(t)
    let p = try graphemes(pattern)
    var at = occurrences(p, in: g)
    if at.isEmpty { return [output(g, like: t)] }
    switch where_ {
    case "leading": at = [at[0]]
    case "trailing":
      // The last occurrence, found from the right (occurrences may overlap).
      var i = g.count - p.count
      while !g[i..<(i + p.count)].elementsEqual(p) { i -= 1 }
      at = [i]
    default: break
    }
    var out: [Term] = []
    var from = 0
    for i in at {
      out.append(output(g[from..<i], like: t))
      from = i + p.count
    }
    out.append(output(g[from...], like: t))
    return out
  }

  private static func split(_ t: Term, _ pattern: Term, _ where_: String) throws(Exception) -> Term {
    .list(try pieces(t, pattern, where_))
  }

  private static func replace(
    _ t: Term, _ pattern: Term, _ with: Term, _ where_: String
  ) throws(Exception)
    -> Term
  {
    var out: [Term] = []
    for (i, p) in try pieces(t, pattern, where_).enumerated() {
      if i > 0 { out.append(with) }
      out.append(p)
    }
    return .list(out)
  }

  // MARK: find

  private static func search() -> [NativeFunction] {
    [
      fn("find", 2) { ctx, a throws(Exception) in try find(a[0], a[1], "leading", ctx.atoms) },
      fn("find", 3) { ctx, a throws(Exception) in
        try find(a[0], a[1], try whereArg(a[2], ctx.atoms, allowAll: false), ctx.atoms)
      },
    ]
  }

  private static func find(
    _ t: Term, _ pattern: Term, _ where_: String, _ atoms: AtomTable
  )
    throws(Exception) -> Term
  {
    let g = try graphemes(t)
    let p = try graphemes(pattern)
    if p.isEmpty { return t }
    if p.count > g.count { return .atom(atoms.intern("nomatch")) }
    let starts = Array(0...(g.count - p.count))
    for i in where_ == "trailing" ? starts.reversed() : starts where g[i..<(i + p.count)].elementsEqual(p) {
      return output(g[i...], like: t)
    }
    return .atom(atoms.intern("nomatch"))
  }

  // MARK: to_integer to_float

  private static func numbers() -> [NativeFunction] {
    [
      fn("to_integer", 1) { ctx, a throws(Exception) in
        guard let cps = try TermConversion.chardata(a[0]) else {
          return .tuple([.atom(.error), .atom(.badarg)])
        }
        var n = 0
        if let f = cps.first, f == 0x2B || f == 0x2D { n = 1 }
        while n < cps.count, (0x30...0x39).contains(cps[n]) { n += 1 }
        guard let v = TermConversion.parseInteger(cps[0..<n]) else {
          return .tuple([.atom(.error), .atom(ctx.atom("no_integer"))])
        }
        return .tuple([v, rest(cps[n...], like: a[0])])
      },
      fn("to_float", 1) { ctx, a throws(Exception) in
        guard let cps = try TermConversion.chardata(a[0]) else {
          return .tuple([.atom(.error), .atom(.badarg)])
        }
        guard let (d, n) = TermConversion.parseFloatPrefix(cps) else {
          return .tuple([.atom(.error), .atom(ctx.atom("no_float"))])
        }
        return .tuple([.float(d), rest(cps[n...], like: a[0])])
      },
    ]
  }

  private static func rest(_ cps: ArraySlice<UInt32>, like t: Term) -> Term {
    if case .binary = t { return TermConversion.binary(TermConversion.utf8(Array(cps))) }
    return TermConversion.charlist(codePoints: Array(cps))
  }

  // MARK: lexemes, take, prefix, next_grapheme and the rest of OTP 25's string API

  /// A grapheme as Erlang gives it: one code point, or a list of them (`"\r\n"`).
  private static func graphemeTerm(_ c: Character) -> Term {
    let cps = c.unicodeScalars.map { Term.int(Int($0.value)) }
    return cps.count == 1 ? cps[0] : .list(cps)
  }

  /// A separator or character-set argument: a list of graphemes (each a code point or a
  /// list of code points).
  private static func graphemeSet(_ t: Term) throws(Exception) -> Set<Character> {
    var set: Set<Character> = []
    for e in try elements(t) {
      switch e {
      case .int(let v):
        guard let u = Unicode.Scalar(UInt32(truncatingIfNeeded: v)), v >= 0 else { throw functionClause }
        set.insert(Character(u))
      default:
        guard let str = try TermConversion.string(fromChardata: e), str.count == 1, let c = str.first else {
          throw functionClause
        }
        set.insert(c)
      }
    }
    return set
  }

  private static func lexemes(_ t: Term, _ seps: Term) throws(Exception) -> [[Character]] {
    let set = try graphemeSet(seps)
    var out: [[Character]] = []
    var current: [Character] = []
    for c in try graphemes(t) {
      if set.contains(c) {
        if !current.isEmpty { out.append(current) }
        current = []
      } else {
        current.append(c)
      }
    }
    if !current.isEmpty { out.append(current) }
    return out
  }

  /// The length of the longest prefix of a list string whose characters are (or, for
  /// `cspan`, are not) in `chars`.
  private static func span(_ t: Term, _ chars: Term, inside: Bool) throws(Exception) -> Term {
    let set = try elements(chars)
    var n = 0
    for c in try elements(t) {
      guard set.contains(where: { Term.exactlyEqual($0, c) }) == inside else { break }
      n += 1
    }
    return .int(n)
  }

  private static func take(
    _ t: Term, _ chars: Term, _ complement: Term, _ dir: Term, _ atoms: AtomTable
  ) throws(Exception) -> Term {
    let g = try graphemes(t)
    let set = try graphemeSet(chars)
    guard case .atom(let c) = complement, c == .true || c == .false else { throw functionClause }
    let outside = c == .true
    let trailing = try whereArg(dir, atoms, allowAll: false)
    guard trailing != "both" else { throw .error(atoms.intern("case_clause"), .tuple([complement, dir])) }
    let keep = { (c: Character) in set.contains(c) != outside }
    if trailing == "leading" {
      let n = g.prefix(while: keep).count
      return .tuple([output(g.prefix(n), like: t), output(g.dropFirst(n), like: t)])
    }
    let n = g.reversed().prefix(while: keep).count
    return .tuple([output(g.dropLast(n), like: t), output(g.suffix(n), like: t)])
  }

  /// The old `string:list_to_integer/1` and `list_to_float/1`: lists only.
  private static func listNumber(_ t: Term, _ atoms: AtomTable, float: Bool) throws(Exception) -> Term {
    guard t.listElements != nil, let cps = try TermConversion.chardata(t) else {
      return .tuple([.atom(.error), .atom(atoms.intern("not_a_list"))])
    }
    if float {
      guard let (d, n) = TermConversion.parseFloatPrefix(cps) else {
        return .tuple([.atom(.error), .atom(atoms.intern("no_float"))])
      }
      return .tuple([.float(d), rest(cps[n...], like: t)])
    }
    var n = 0
    if let f = cps.first, f == 0x2B || f == 0x2D { n = 1 }
    while n < cps.count, (0x30...0x39).contains(cps[n]) { n += 1 }
    guard let v = TermConversion.parseInteger(cps[0..<n]) else {
      return .tuple([.atom(.error), .atom(atoms.intern("no_integer"))])
    }
    return .tuple([v, rest(cps[n...], like: t)])
  }

  private static func graphemeAPI() -> [NativeFunction] {
    [
      fn("casefold", 1) { ctx, a throws(Exception) in
        // Lower case, with the one common letter whose fold is longer: sharp s.
        let lower = String(try caseArgument(a[0], ctx.atoms)).lowercased()
        return output(lower.flatMap { $0 == "\u{DF}" ? ["s", "s"] : [$0] }, like: a[0])
      },
      fn("chomp", 1) { _, a throws(Exception) in
        var g = try graphemes(a[0])
        while let l = g.last, l == "\n" || l == "\r\n" { g.removeLast() }
        return output(g, like: a[0])
      },
      fn("span", 2) { _, a throws(Exception) in try span(a[0], a[1], inside: true) },
      fn("cspan", 2) { _, a throws(Exception) in try span(a[0], a[1], inside: false) },
      fn("lexemes", 2) { _, a throws(Exception) in
        .list(try lexemes(a[0], a[1]).map { output($0, like: a[0]) })
      },
      fn("nth_lexeme", 3) { _, a throws(Exception) in
        guard case .int(let n) = a[1], n >= 1 else { throw functionClause }
        let ls = try lexemes(a[0], a[2])
        guard n <= ls.count else { return output([], like: a[0]) }
        return output(ls[n - 1], like: a[0])
      },
      fn("list_to_integer", 1) { ctx, a throws(Exception) in try listNumber(a[0], ctx.atoms, float: false) },
      fn("list_to_float", 1) { ctx, a throws(Exception) in try listNumber(a[0], ctx.atoms, float: true) },
      fn("next_codepoint", 1) { _, a throws(Exception) in
        guard let cps = try TermConversion.chardata(a[0]) else { throw functionClause }
        guard let first = cps.first else { return .empty }
        return .cons(Cons(.int(Int(first)), rest(cps.dropFirst(), like: a[0])))
      },
      fn("next_grapheme", 1) { _, a throws(Exception) in
        let g = try graphemes(a[0])
        guard let first = g.first else { return .empty }
        return .cons(Cons(graphemeTerm(first), output(g.dropFirst(), like: a[0])))
      },
      fn("to_graphemes", 1) { _, a throws(Exception) in .list(try graphemes(a[0]).map(graphemeTerm)) },
      fn("prefix", 2) { ctx, a throws(Exception) in
        guard let whole = try TermConversion.chardata(a[0]), let p = try TermConversion.chardata(a[1]) else {
          throw functionClause
        }
        guard whole.starts(with: p) else { return .atom(ctx.atom("nomatch")) }
        return rest(whole.dropFirst(p.count), like: a[0])
      },
      fn("take", 2) { ctx, a throws(Exception) in
        try take(a[0], a[1], .atom(.false), .atom(ctx.atom("leading")), ctx.atoms)
      },
      fn("take", 3) { ctx, a throws(Exception) in
        try take(a[0], a[1], a[2], .atom(ctx.atom("leading")), ctx.atoms)
      },
      fn("take", 4) { ctx, a throws(Exception) in try take(a[0], a[1], a[2], a[3], ctx.atoms) },
      fn("equal", 4) { ctx, a throws(Exception) in
        let ignoreCase = try ErlangNatives.boolean(a[2])
        guard case .atom(let norm) = a[3],
          ["none", "nfc", "nfd", "nfkc", "nfkd"].contains(ctx.atoms.name(norm))
        else { throw functionClause }
        var x = String(try graphemes(a[0]))
        var y = String(try graphemes(a[1]))
        if ignoreCase {
          x = x.lowercased()
          y = y.lowercased()
        }
        if ctx.atoms.name(norm) == "none" { return .bool(Array(x.unicodeScalars) == Array(y.unicodeScalars)) }
        return .bool(x == y)
      },
    ]
  }
}
