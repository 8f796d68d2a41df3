/// Reads LFE 2.2.1 source text into `Form`s, one whole form at a time, each node carrying
/// the line and column (in Unicode scalars, from 1) where it starts.
///
/// A shell reads the first form of its input with `next()` and keeps `offset`, the rest of
/// the text; a file is read with `readAll`.
public struct Reader {
  private let text: String
  private var scanner: Scanner

  /// `line` and `column` are where `text` starts in its source; the column applies to the
  /// first line only.
  public init(_ text: String, line: Int = 1, column: Int = 1) {
    self.text = text
    scanner = Scanner(text, line: line, column: column)
  }

  /// Where reading stopped: just after the last form read (or at the error), in `text`.
  public var offset: String.Index {
    text.utf8.index(text.utf8.startIndex, offsetBy: scanner.pos)
  }

  /// `offset` as a count of UTF-8 bytes from the start of the text.
  public var byteOffset: Int { scanner.pos }

  /// The line and column of `offset`.
  public var location: SourceLocation { scanner.location }

  /// The text not read yet.
  public var rest: Substring { text[offset...] }

  /// An open construct waiting for its close or for the form it applies to.
  private struct Frame {
    enum Kind {
      case open(Token.Opener)
      case prefix(Token.Wrapper)
      case hashDot
    }
    enum Dot { case none, awaitingTail, haveTail }

    var kind: Kind
    var start: SourceLocation
    /// Where this construct's elements begin in `pending`.
    var base: Int
    var tail: Form? = nil
    var dot: Dot = .none
  }

  /// Open constructs, innermost last. Kept between calls so their storage is reused.
  private var stack: [Frame] = []
  /// The elements read so far of every open construct, outermost first: one shared buffer
  /// means each list is allocated once, at its exact size, when it closes.
  private var pending: [Form] = []

  /// Reads the next whole form; nil when only whitespace and comments are left.
  ///
  /// The stack of open constructs is explicit, so deeply nested input cannot overflow the
  /// host's stack, and an unfinished read can name its innermost open construct.
  public mutating func next() throws(ReadError) -> Form? {
    stack.removeAll(keepingCapacity: true)
    pending.removeAll(keepingCapacity: true)
    while true {
      guard let token = try scanner.next() else {
        if let top = stack.last { throw .incomplete(top.start) }
        return nil
      }
      if !stack.isEmpty && stack[stack.count - 1].dot == .haveTail {
        guard case .close = token.kind else {
          throw .syntax(message: "only one form may follow '.' in a dotted list", at: token.location)
        }
      }
      var value: Form
      switch token.kind {
      case .form(let form):
        value = form
      case .open(let opener):
        if stack.count >= Reader.maxNesting {
          throw .syntax(message: "forms nested more than \(Reader.maxNesting) deep", at: token.location)
        }
        stack.append(Frame(kind: .open(opener), start: token.location, base: pending.count))
        continue
      case .prefix(let wrapper):
        if stack.count >= Reader.maxNesting {
          throw .syntax(message: "forms nested more than \(Reader.maxNesting) deep", at: token.location)
        }
        stack.append(Frame(kind: .prefix(wrapper), start: token.location, base: pending.count))
        continue
      case .hashDot:
        if stack.count >= Reader.maxNesting {
          throw .syntax(message: "forms nested more than \(Reader.maxNesting) deep", at: token.location)
        }
        stack.append(Frame(kind: .hashDot, start: token.location, base: pending.count))
        continue
      case .dot:
        let i = stack.count - 1
        guard i >= 0, case .open(let opener) = stack[i].kind, opener == .paren || opener == .bracket,
          pending.count > stack[i].base, stack[i].dot == .none
        else {
          throw .syntax(message: "unexpected '.'", at: token.location)
        }
        stack[i].dot = .awaitingTail
        continue
      case .close(let byte):
        let closer = String(UnicodeScalar(byte))
        guard let frame = stack.popLast(), case .open(let opener) = frame.kind else {
          throw .strayCloser(closer, message: "unexpected '\(closer)'", at: token.location)
        }
        guard opener.closer == byte else {
          throw .strayCloser(
            closer, message: "'\(closer)' does not close '\(opener.spelling)' at \(frame.start)",
            at: token.location)
        }
        guard frame.dot != .awaitingTail else {
          throw .syntax(message: "missing form after '.'", at: token.location)
        }
        let items = Array(pending[frame.base...])
        pending.removeLast(items.count)
        value = try Reader.close(opener, items, tail: frame.tail, at: frame.start)
      }
      // Hand the finished form to the constructs waiting for it, innermost first.
      while true {
        let i = stack.count - 1
        guard i >= 0 else { return value }
        switch stack[i].kind {
        case .prefix(let wrapper):
          let start = stack.removeLast().start
          value = Form(.list([Form(.symbol(wrapper.symbol), at: start), value], tail: nil), at: start)
          continue
        case .hashDot:
          value = try Reader.evaluate(value, at: stack.removeLast().start)
          continue
        case .open:
          if stack[i].dot == .awaitingTail {
            stack[i].tail = value
            stack[i].dot = .haveTail
          } else {
            pending.append(value)
          }
        }
        break
      }
    }
  }

  private static func closeList(
    _ items: [Form], tail: Form?, at start: SourceLocation
  ) throws(ReadError) -> Form {
    guard var tail else { return Form(.list(items, tail: nil), at: start) }
    // `(a . (b c))` is the list `(a b c)` and `(a . ())` is `(a)`, as in LFE.
    var items = items
    while case .list(let more, let next) = tail.node {
      items += more
      guard let next else { return Form(.list(items, tail: nil), at: start) }
      tail = next
    }
    return Form(.list(items, tail: tail), at: start)
  }

  private static func close(
    _ opener: Token.Opener, _ items: [Form], tail: Form?, at start: SourceLocation
  ) throws(ReadError) -> Form {
    switch opener {
    case .paren, .bracket:
      var list = try closeList(items, tail: tail, at: start)
      list.bracketed = opener == .bracket
      return list
    case .tuple:
      return Form(.tuple(items), at: start)
    case .map:
      guard items.count % 2 == 0 else {
        throw .syntax(message: "a map needs a value for every key", at: start)
      }
      return Form(.map(items), at: start)
    case .binary:
      var bytes: [UInt8] = []
      bytes.reserveCapacity(items.count)
      for item in items {
        guard case .integer(let n) = item.node, n >= 0, n <= 255 else {
          // LFE reads `#b(...)` as a literal: every segment's value must be one.
          guard items.allSatisfy(Reader.isLiteralSegment) else {
            throw .syntax(message: "bad binary", at: start)
          }
          return Form(.binarySegments(items), at: start)
        }
        bytes.append(UInt8(n))
      }
      return Form(.binary(bytes), at: start)
    }
  }

  private static func isLiteralSegment(_ f: Form) -> Bool {
    switch f.node {
    case .integer, .float, .string, .binary: return true
    case .list(let items, nil):
      guard let value = items.first, isLiteralSegment(value), value.listElements == nil else { return false }
      return items.dropFirst().allSatisfy { spec in
        if spec.symbol != nil { return true }
        guard let parts = spec.listElements, parts.count == 2, parts[0].symbol != nil else { return false }
        if case .integer = parts[1].node { return true }
        return false
      }
    default: return false
    }
  }

  /// `#.` evaluates its form when it is read. Without an evaluator here, only forms whose
  /// value is known are accepted: self-evaluating literals, and `(quote x)`.
  private static func evaluate(_ form: Form, at start: SourceLocation) throws(ReadError) -> Form {
    switch form.node {
    case .integer, .float, .string, .binary:
      return Form(form.node, at: start)
    case .list(let items, nil) where items.count == 2 && items[0].symbol == "quote":
      return Form(items[1].node, at: start)
    default:
      throw .syntax(message: "'#.' can only be used with a literal or a quoted form here", at: start)
    }
  }

  /// Every form in `text`.
  /// Deeper nesting is refused: compiling and printing a form walk it recursively, and
  /// no program nests anywhere near this.
  public static let maxNesting = 1000

  public static func readAll(_ text: String, line: Int = 1) throws(ReadError) -> [Form] {
    var reader = Reader(text, line: line)
    var forms: [Form] = []
    while let form = try reader.next() { forms.append(form) }
    return forms
  }

  /// Whether a shell given `text` would act now: it holds at least one whole form and does
  /// not end inside another. Text with a syntax error is complete too, since a shell reports
  /// the error at once instead of waiting for more lines.
  public static func isComplete(_ text: String) -> Bool {
    var reader = Reader(text)
    var count = 0
    do throws(ReadError) {
      while try reader.next() != nil { count += 1 }
    } catch {
      if case .incomplete = error { return false }
      return true
    }
    return count > 0
  }
}
