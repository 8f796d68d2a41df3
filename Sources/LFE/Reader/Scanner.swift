import BigInt

/// Splits LFE source into tokens, following LFE 2.2.1's `lfe_scan` rules. It works on the
/// UTF-8 bytes: every syntactic character is ASCII, so only columns and `#\c` need to know
/// where a scalar starts.
struct Scanner {
  let bytes: [UInt8]
  private(set) var pos: Int = 0
  private(set) var line: Int
  private(set) var column: Int

  init(_ text: String, line: Int, column: Int) {
    bytes = Array(text.utf8)
    self.line = line
    self.column = column
  }

  var location: SourceLocation { SourceLocation(line: line, column: column) }

  // MARK: - Moving

  @inline(__always)
  private mutating func advance() {
    let b = bytes[pos]
    pos += 1
    if b == 0x0A {
      line += 1
      column = 1
    } else if b & 0xC0 != 0x80 {
      column += 1
    }
  }

  @inline(__always)
  private mutating func advance(over n: Int) {
    for _ in 0..<n { advance() }
  }

  /// Whitespace is every byte up to space, all ASCII, so only newlines need care.
  private mutating func skipWhitespace() {
    while pos < bytes.count {
      let b = bytes[pos]
      guard b <= 0x20 else { return }
      pos += 1
      if b == 0x0A {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
  }

  @inline(__always)
  private func byte(at i: Int) -> UInt8? { i < bytes.count ? bytes[i] : nil }

  // MARK: - Character classes

  /// LFE's `symbol_char`: printable ASCII other than the delimiters, and every scalar above
  /// U+00A0. U+0080...U+00A0 are two-byte sequences led by 0xC2.
  @inline(__always)
  private func isSymbolByte(at i: Int) -> Bool {
    let b = bytes[i]
    if b < 0x40 { return Scanner.symbolBytesLow >> b & 1 != 0 }
    if b < 0x80 { return Scanner.symbolBytesHigh >> (b - 0x40) & 1 != 0 }
    if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] <= 0xA0 { return false }
    return true
  }

  /// Bit n is set when byte n is a symbol character: `!` to `?` except `"();`.
  static let symbolBytesLow: UInt64 = 0xF7FFFCFA00000000
  /// Bit n is set when byte 0x40 + n is a symbol character: `@` to `~` except `[]{}`.
  static let symbolBytesHigh: UInt64 = 0x57FFFFFFD7FFFFFF

  @inline(__always)
  private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

  private static func scalarLength(_ lead: UInt8) -> Int {
    if lead < 0x80 { return 1 }
    if lead < 0xE0 { return 2 }
    if lead < 0xF0 { return 3 }
    return 4
  }

  private func scalar(at i: Int) -> UInt32 {
    let lead = bytes[i]
    let n = Scanner.scalarLength(lead)
    if n == 1 { return UInt32(lead) }
    var v = UInt32(lead) & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07)
    for k in 1..<n { v = v << 6 | UInt32(bytes[i + k] & 0x3F) }
    return v
  }

  private func hex4(_ v: UInt32) -> String {
    let h = String(v, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - h.count)) + h
  }

  private func text(_ range: Range<Int>) -> String {
    String(decoding: bytes[range], as: UTF8.self)
  }

  private func syntax(_ message: String, _ at: SourceLocation) -> ReadError {
    .syntax(message: message, at: at)
  }

  // MARK: - Tokens

  /// The next token, or nil when only whitespace and comments remain.
  mutating func next() throws(ReadError) -> Token? {
    while pos < bytes.count {
      let b = bytes[pos]
      let start = location
      switch b {
      case _ where b <= 0x20:
        skipWhitespace()
      case UInt8(ascii: ";"):
        while pos < bytes.count && bytes[pos] != 0x0A { advance() }
      case UInt8(ascii: "("):
        advance()
        return Token(kind: .open(.paren), location: start)
      case UInt8(ascii: "["):
        advance()
        return Token(kind: .open(.bracket), location: start)
      case UInt8(ascii: ")"), UInt8(ascii: "]"):
        advance()
        return Token(kind: .close(b), location: start)
      case UInt8(ascii: "'"):
        advance()
        return Token(kind: .prefix(.quote), location: start)
      case UInt8(ascii: "`"):
        advance()
        return Token(kind: .prefix(.backquote), location: start)
      case UInt8(ascii: ","):
        advance()
        if byte(at: pos) == UInt8(ascii: "@") {
          advance()
          return Token(kind: .prefix(.commaAt), location: start)
        }
        return Token(kind: .prefix(.comma), location: start)
      case UInt8(ascii: "."):
        // A leading dot is always the dotted-pair token, so `.5` is not a number in LFE.
        advance()
        return Token(kind: .dot, location: start)
      case UInt8(ascii: "\""):
        advance()
        return Token(kind: .form(try scanString(start, binary: false)), location: start)
      case UInt8(ascii: "|"):
        advance()
        return Token(kind: .form(try scanQuotedSymbol(start)), location: start)
      case UInt8(ascii: "#"):
        advance()
        if let token = try scanHash(start) { return token }
      default:
        guard isSymbolByte(at: pos) else {
          let c = scalar(at: pos)
          let shown = c > 0x20 && c < 0x7F ? "'\(UnicodeScalar(c)!)'" : "U+" + hex4(c)
          throw syntax("illegal character \(shown)", start)
        }
        return Token(kind: .form(scanSymbolOrNumber(start)), location: start)
      }
    }
    return nil
  }

  // MARK: - Symbols and numbers

  /// Collects a run of symbol characters; LFE decides afterwards whether it is a number.
  private mutating func symbolRun() -> Range<Int> {
    let s = pos
    var scalars = 0
    while pos < bytes.count && isSymbolByte(at: pos) {
      if bytes[pos] & 0xC0 != 0x80 { scalars += 1 }
      pos += 1
    }
    column += scalars
    return s..<pos
  }

  private mutating func scanSymbolOrNumber(_ start: SourceLocation) -> Form {
    let run = symbolRun()
    return Form(classify(run), at: start)
  }

  private struct SymbolSlot {
    var start = 0
    var count = 0
    var node: Form.Node? = nil
  }

  /// Source repeats its symbols (`defun`, `let`, the same variables) and small integers, so
  /// each distinct one is decoded once per reader and later forms share its node. An open
  /// addressing table keyed by the bytes themselves, so a hit builds no String.
  private var symbolTable: [SymbolSlot] = []
  private var symbolCount = 0
  private var smallIntegerNodes: [Form.Node?] = []

  private func hash(_ run: Range<Int>) -> Int {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for i in run { h = (h ^ UInt64(bytes[i])) &* 0x100_0000_01b3 }
    return Int(truncatingIfNeeded: h ^ h >> 29)
  }

  private mutating func symbolNode(_ run: Range<Int>) -> Form.Node {
    if symbolTable.isEmpty { symbolTable = Array(repeating: SymbolSlot(), count: 64) }
    let mask = symbolTable.count - 1
    var k = hash(run) & mask
    while let node = symbolTable[k].node {
      if symbolTable[k].count == run.count {
        var j = symbolTable[k].start
        var same = true
        for i in run {
          if bytes[i] != bytes[j] {
            same = false
            break
          }
          j += 1
        }
        if same { return node }
      }
      k = (k + 1) & mask
    }
    let node = Form.Node.symbol(text(run))
    symbolTable[k] = SymbolSlot(start: run.lowerBound, count: run.count, node: node)
    symbolCount += 1
    if symbolCount * 2 > symbolTable.count {
      let old = symbolTable
      symbolTable = Array(repeating: SymbolSlot(), count: old.count * 2)
      let mask = symbolTable.count - 1
      for slot in old where slot.node != nil {
        var k = hash(slot.start..<(slot.start + slot.count)) & mask
        while symbolTable[k].node != nil { k = (k + 1) & mask }
        symbolTable[k] = slot
      }
    }
    return node
  }

  private mutating func integerNode(_ digits: Range<Int>, base: Int, negative: Bool) -> Form.Node {
    guard digits.count <= 3, !negative else {
      return .integer(integer(digits, base: base, negative: negative))
    }
    var v = 0
    for i in digits { v = v * base + Scanner.digitValue(bytes[i]) }
    guard v < 256 else { return .integer(Scanner.bigInt(v)) }
    if smallIntegerNodes.isEmpty { smallIntegerNodes = Array(repeating: nil, count: 256) }
    if let node = smallIntegerNodes[v] { return node }
    let node = Form.Node.integer(Scanner.bigInt(v))
    smallIntegerNodes[v] = node
    return node
  }

  /// Erlang's `list_to_integer` then `list_to_float` decide: `[+-]digits` is an integer and
  /// `[+-]digits.digits[(e|E)[+-]digits]` a float; anything else (`1.`, `1e5`, `1+`) is a
  /// symbol, and so is a float too large for a double, because `list_to_float` rejects it.
  private mutating func classify(_ run: Range<Int>) -> Form.Node {
    var i = run.lowerBound
    let end = run.upperBound
    let negative = bytes[i] == UInt8(ascii: "-")
    if negative || bytes[i] == UInt8(ascii: "+") { i += 1 }
    let intStart = i
    while i < end && Scanner.isDigit(bytes[i]) { i += 1 }
    if i == intStart { return symbolNode(run) }
    if i == end { return integerNode(intStart..<end, base: 10, negative: negative) }
    guard bytes[i] == UInt8(ascii: ".") else { return symbolNode(run) }
    i += 1
    let fracStart = i
    while i < end && Scanner.isDigit(bytes[i]) { i += 1 }
    if i == fracStart { return symbolNode(run) }
    if i < end {
      guard bytes[i] | 0x20 == UInt8(ascii: "e") else { return symbolNode(run) }
      i += 1
      if i < end && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
      let expStart = i
      while i < end && Scanner.isDigit(bytes[i]) { i += 1 }
      if i == expStart || i != end { return symbolNode(run) }
    }
    guard let d = Double(text(run)), d.isFinite else { return symbolNode(run) }
    return .float(d)
  }

  private static func digitValue(_ b: UInt8) -> Int {
    switch b {
    case 0x30...0x39: return Int(b - 0x30)
    case 0x41...0x5A: return Int(b - 0x41 + 10)
    case 0x61...0x7A: return Int(b - 0x61 + 10)
    default: return 99
    }
  }

  /// The value of digits already checked against `base`. Short ones never touch BigInt's
  /// arithmetic, which is slow for small values; middling ones are folded in word-sized
  /// chunks; long ones go to `IntegerText`, which splits them in halves (folding is
  /// quadratic in the length).
  private func integer(_ digits: Range<Int>, base: Int, negative: Bool) -> BigInt {
    if digits.count > 256 {
      let values = digits.map { UInt8(Scanner.digitValue(bytes[$0])) }
      let value = BigInt(IntegerText.value(digits: values, radix: base))
      return negative ? -value : value
    }
    var big: BigInt? = nil
    var chunk = 0
    var scale = 1
    let limit = Int.max / 36 / 36
    for i in digits {
      chunk = chunk * base + Scanner.digitValue(bytes[i])
      scale *= base
      if scale > limit {
        big = big.map { $0 * BigInt(scale) + BigInt(chunk) } ?? BigInt(chunk)
        chunk = 0
        scale = 1
      }
    }
    guard var value = big else { return Scanner.bigInt(negative ? -chunk : chunk) }
    if scale > 1 { value = value * BigInt(scale) + BigInt(chunk) }
    return negative ? -value : value
  }

  static func bigInt(_ v: Int) -> BigInt {
    v >= 0 && v < smallIntegers.count ? smallIntegers[v] : BigInt(v)
  }

  /// Source is full of small integers, and BigInt's generic initializer costs more than the
  /// rest of reading one.
  private static let smallIntegers: [BigInt] = (0..<1024).map { BigInt($0) }

  // MARK: - Quoted symbols and strings

  /// `|...|`: a backslash takes the next character literally, and newlines are allowed.
  @inline(never)
  private mutating func scanQuotedSymbol(_ start: SourceLocation) throws(ReadError) -> Form {
    var buf: [UInt8] = []
    var run = pos
    while true {
      guard pos < bytes.count else { throw .incomplete(start) }
      let b = bytes[pos]
      if b == UInt8(ascii: "|") {
        buf.append(contentsOf: bytes[run..<pos])
        advance()
        return Form(.symbol(String(decoding: buf, as: UTF8.self)), at: start)
      }
      if b == UInt8(ascii: "\\") {
        buf.append(contentsOf: bytes[run..<pos])
        advance()
        guard pos < bytes.count else { throw .incomplete(start) }
        let n = Scanner.scalarLength(bytes[pos])
        buf.append(contentsOf: bytes[pos..<(pos + n)])
        advance(over: n)
        run = pos
        continue
      }
      advance()
    }
  }

  private static func escape(_ c: UInt8) -> UInt8 {
    switch c {
    case UInt8(ascii: "b"): return 0x08
    case UInt8(ascii: "t"): return 0x09
    case UInt8(ascii: "n"): return 0x0A
    case UInt8(ascii: "v"): return 0x0B
    case UInt8(ascii: "f"): return 0x0C
    case UInt8(ascii: "r"): return 0x0D
    case UInt8(ascii: "e"): return 0x1B
    case UInt8(ascii: "s"): return 0x20
    case UInt8(ascii: "d"): return 0x7F
    // LFE 2.2.1 has no `\x41;` or `\0`: any other escaped character stands for itself.
    default: return c
    }
  }

  private func stringForm(_ buf: [UInt8], binary: Bool, _ start: SourceLocation) -> Form {
    binary ? Form(.binary(buf), at: start) : Form(.string(String(decoding: buf, as: UTF8.self)), at: start)
  }

  /// After the opening `"` (of `"` or `#"`). Escapes are all ASCII, so the collected bytes
  /// are already the UTF-8 a binary string holds.
  @inline(never)
  private mutating func scanString(_ start: SourceLocation, binary: Bool) throws(ReadError) -> Form {
    if byte(at: pos) == UInt8(ascii: "\""), byte(at: pos + 1) == UInt8(ascii: "\"") {
      return try scanTripleQuoted(start, binary: binary)
    }
    var buf: [UInt8] = []
    var run = pos
    while true {
      guard pos < bytes.count else { throw .incomplete(start) }
      let b = bytes[pos]
      if b == UInt8(ascii: "\"") {
        buf.append(contentsOf: bytes[run..<pos])
        advance()
        return stringForm(buf, binary: binary, start)
      }
      if b == UInt8(ascii: "\\") {
        buf.append(contentsOf: bytes[run..<pos])
        advance()
        guard pos < bytes.count else { throw .incomplete(start) }
        let c = bytes[pos]
        if c < 0x80 {
          buf.append(Scanner.escape(c))
          advance()
        } else {
          let n = Scanner.scalarLength(c)
          buf.append(contentsOf: bytes[pos..<(pos + n)])
          advance(over: n)
        }
        run = pos
        continue
      }
      advance()
    }
  }

  /// `"""` must end its line (spaces allowed); the string ends at a line holding only spaces
  /// and `"""`, and that indentation is stripped from every line. No escapes apply.
  private mutating func scanTripleQuoted(_ start: SourceLocation, binary: Bool) throws(ReadError) -> Form {
    advance(over: 2)
    while byte(at: pos) == 0x20 { advance() }
    guard pos < bytes.count else { throw .incomplete(start) }
    guard bytes[pos] == 0x0A else {
      throw syntax("text after the opening \"\"\" of a triple-quoted string", location)
    }
    advance()
    var lines: [(range: Range<Int>, line: Int)] = []
    var lineStart = pos
    while true {
      guard pos < bytes.count else { throw .incomplete(start) }
      let b = bytes[pos]
      if b == 0x0A {
        lines.append((lineStart..<pos, line))
        advance()
        lineStart = pos
        continue
      }
      if b == UInt8(ascii: "\"") && byte(at: pos + 1) == UInt8(ascii: "\"")
        && byte(at: pos + 2) == UInt8(ascii: "\"")
      {
        if bytes[lineStart..<pos].allSatisfy({ $0 == 0x20 }) {
          let indent = pos - lineStart
          advance(over: 3)
          var buf: [UInt8] = []
          for (k, l) in lines.enumerated() {
            let r = l.range
            guard r.count >= indent, bytes[r.lowerBound..<(r.lowerBound + indent)].allSatisfy({ $0 == 0x20 })
            else {
              throw syntax(
                "line indented less than the closing \"\"\" of its triple-quoted string",
                SourceLocation(line: l.line, column: 1))
            }
            if k > 0 { buf.append(0x0A) }
            buf.append(contentsOf: bytes[(r.lowerBound + indent)..<r.upperBound])
          }
          return stringForm(buf, binary: binary, start)
        }
        advance(over: 3)
        continue
      }
      advance()
    }
  }

  // MARK: - Hash syntax

  /// After `#`. Returns nil for a block comment, which yields no token.
  @inline(never)
  private mutating func scanHash(_ start: SourceLocation) throws(ReadError) -> Token? {
    let digitStart = pos
    while pos < bytes.count && Scanner.isDigit(bytes[pos]) { advance() }
    let digits = digitStart..<pos
    guard pos < bytes.count else {
      throw syntax("illegal token '#\(text(digits))' at end of input", start)
    }
    let c = bytes[pos]
    func illegal(_ n: Int) -> ReadError { illegalToken(from: digitStart, taking: n, start) }
    if !digits.isEmpty {
      guard c | 0x20 == UInt8(ascii: "r") else { throw illegal(1) }
      var base = 0
      for i in digits where base <= 36 { base = base * 10 + Int(bytes[i] - 0x30) }
      guard (2...36).contains(base) else {
        throw syntax("bad radix in '#\(text(digits))r': it must be 2 to 36", start)
      }
      advance()
      return try basedNumber(base, start)
    }
    switch c {
    case UInt8(ascii: "("):
      advance()
      return Token(kind: .open(.tuple), location: start)
    case UInt8(ascii: "."):
      advance()
      return Token(kind: .hashDot, location: start)
    case UInt8(ascii: "|"):
      advance()
      try skipBlockComment(start)
      return nil
    case UInt8(ascii: "\""):
      advance()
      return Token(kind: .form(try scanString(start, binary: true)), location: start)
    case UInt8(ascii: "'"):
      advance()
      return Token(kind: .form(try scanFunction(start)), location: start)
    case UInt8(ascii: "\\"):
      advance()
      guard pos < bytes.count else { throw .incomplete(start) }
      let v = scalar(at: pos)
      advance(over: Scanner.scalarLength(bytes[pos]))
      return Token(kind: .form(Form(.integer(Scanner.bigInt(Int(v))), at: start)), location: start)
    case UInt8(ascii: "*"):
      advance()
      return try basedNumber(2, start)
    case UInt8(ascii: "o"), UInt8(ascii: "O"):
      advance()
      return try basedNumber(8, start)
    case UInt8(ascii: "d"), UInt8(ascii: "D"):
      advance()
      return try basedNumber(10, start)
    case UInt8(ascii: "x"), UInt8(ascii: "X"):
      advance()
      return try basedNumber(16, start)
    case UInt8(ascii: "e"), UInt8(ascii: "E"):
      // LFE's shorthand for Elixir module names: `#Efoo` is the symbol `Elixir.foo`.
      advance()
      let run = symbolRun()
      return Token(kind: .form(Form(.symbol("Elixir." + text(run)), at: start)), location: start)
    case UInt8(ascii: "b"), UInt8(ascii: "B"):
      advance()
      if byte(at: pos) == UInt8(ascii: "(") {
        advance()
        return Token(kind: .open(.binary), location: start)
      }
      return try basedNumber(2, start)
    case UInt8(ascii: "m"), UInt8(ascii: "M"):
      guard byte(at: pos + 1) == UInt8(ascii: "(") else { throw illegal(1) }
      advance(over: 2)
      return Token(kind: .open(.map), location: start)
    case UInt8(ascii: "s"), UInt8(ascii: "S"):
      // LFE scans `#S(` (structs) but its reader accepts it nowhere.
      throw illegal(byte(at: pos + 1) == UInt8(ascii: "(") ? 2 : 1)
    case UInt8(ascii: ","):
      // `#,` `#,@` `#;` and `` #` `` are scanned by LFE 2.2.1 but rejected by its parser;
      // in particular there is no `#;` form comment.
      throw illegal(byte(at: pos + 1) == UInt8(ascii: "@") ? 2 : 1)
    default:
      throw illegal(1)
    }
  }

  /// The `#...` text LFE would name in its error: what follows `#`, up to `n` more scalars.
  private func illegalToken(from first: Int, taking n: Int, _ start: SourceLocation) -> ReadError {
    var e = pos
    for _ in 0..<n where e < bytes.count { e += Scanner.scalarLength(bytes[e]) }
    return syntax("illegal token '#\(text(first..<e))'", start)
  }

  /// `#|...|#`; LFE does not nest them and rejects a `#|` inside.
  private mutating func skipBlockComment(_ start: SourceLocation) throws(ReadError) {
    while true {
      guard pos < bytes.count else { throw .incomplete(start) }
      let b = bytes[pos]
      if b == UInt8(ascii: "|") && byte(at: pos + 1) == UInt8(ascii: "#") {
        advance(over: 2)
        return
      }
      if b == UInt8(ascii: "#") && byte(at: pos + 1) == UInt8(ascii: "|") {
        throw syntax("nested block comment", location)
      }
      advance()
    }
  }

  /// After `#x`, `#b`, `#36r` and the like: an optional sign, then the run of symbol
  /// characters, every one of which must be a digit of the base.
  private mutating func basedNumber(_ base: Int, _ start: SourceLocation) throws(ReadError) -> Token {
    var negative = false
    if let s = byte(at: pos), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") {
      negative = s == UInt8(ascii: "-")
      advance()
    }
    let run = symbolRun()
    guard !run.isEmpty else { throw syntax("based number has no digits", start) }
    for i in run where Scanner.digitValue(bytes[i]) >= base {
      throw syntax(
        "illegal digit '\(text(i..<(i + Scanner.scalarLength(bytes[i]))))' in base-\(base) number", start)
    }
    let value = integer(run, base: base, negative: negative)
    return Token(kind: .form(Form(.integer(value), at: start)), location: start)
  }

  /// `#'f/2` and `#'m:f/2`, read as LFE's `(function f 2)` and `(function m f 2)`.
  private mutating func scanFunction(_ start: SourceLocation) throws(ReadError) -> Form {
    let run = symbolRun()
    let spelled = text(run)
    let bad = ReadError.syntax(message: "bad function reference '#'\(spelled)'", at: start)
    // Only digits may follow the first slash, so `#'//2` and `#'=/=/2` are errors, as in LFE.
    guard let slash = run.first(where: { bytes[$0] == UInt8(ascii: "/") }) else { throw bad }
    let arity = (slash + 1)..<run.upperBound
    guard !arity.isEmpty, arity.allSatisfy({ Scanner.isDigit(bytes[$0]) }) else { throw bad }
    let arityForm = Form(.integer(integer(arity, base: 10, negative: false)), at: start)
    let name = run.lowerBound..<slash
    let head = Form(.symbol("function"), at: start)
    let colon = name.first(where: { bytes[$0] == UInt8(ascii: ":") })
    guard let colon, text(name) != "=:=" else {
      return Form(.list([head, Form(.symbol(text(name)), at: start), arityForm], tail: nil), at: start)
    }
    let module = Form(.symbol(text(name.lowerBound..<colon)), at: start)
    let function = Form(.symbol(text((colon + 1)..<name.upperBound)), at: start)
    return Form(.list([head, module, function, arityForm], tail: nil), at: start)
  }
}
