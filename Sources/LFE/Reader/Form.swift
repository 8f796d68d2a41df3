import BigInt

/// Where a form starts in its source: 1-based line and column.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
  public var line: Int
  public var column: Int
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }
  public var description: String { "\(line):\(column)" }
}

/// A form as read from source, before macro expansion: the reader's output and the
/// compiler's input. Every node carries its location, so errors can point at it.
/// Atoms are names here; the compiler interns them in its runtime's table.
public struct Form: CustomStringConvertible {
  public indirect enum Node {
    case symbol(String)
    case integer(BigInt)
    case float(Double)
    /// `"abc"` (and `'"abc"`): a list of code points once quoted.
    case string(String)
    /// `#"abc"` and `#b(1 2 3)` with only byte values.
    case binary([UInt8])
    /// `(a b c)` or `[a b c]`; `tail` is set for a dotted list `(a b . c)`.
    case list([Form], tail: Form?)
    /// `#(a b c)`
    case tuple([Form])
    /// `#M(k1 v1 k2 v2)`: keys and values alternating, as written.
    case map([Form])
    /// `#b(...)` segments that are not plain bytes: kept for the compiler to build.
    case binarySegments([Form])
  }

  public var node: Node
  public var location: SourceLocation
  /// Written with `[ ]`: LFE evaluates `[a b]` as the list of a and b, where `(a b)` is a call.
  public var bracketed = false

  public init(_ node: Node, at location: SourceLocation) {
    self.node = node
    self.location = location
  }

  /// The symbol name, if this form is a symbol.
  public var symbol: String? {
    if case .symbol(let s) = node { return s }
    return nil
  }

  /// The elements of a proper list form.
  public var listElements: [Form]? {
    if case .list(let items, nil) = node { return items }
    return nil
  }

  /// The head symbol of a list form `(head ...)`.
  public var head: String? {
    if case .list(let items, nil) = node, let first = items.first { return first.symbol }
    return nil
  }

  public var description: String { FormPrinter.print(self) }
}

/// Prints a form back as LFE source (for messages and macro debugging).
enum FormPrinter {
  static func print(_ f: Form) -> String {
    switch f.node {
    case .symbol(let s): return s
    case .integer(let i): return String(i)
    case .float(let d): return String(d)
    case .string(let s): return "\"" + s + "\""
    case .binary(let b): return "#b(" + b.map(String.init).joined(separator: " ") + ")"
    case .list(let items, let tail):
      if items.count == 2, let h = items[0].symbol {
        switch h {
        case "quote": return "'" + print(items[1])
        case "backquote": return "`" + print(items[1])
        case "comma": return "," + print(items[1])
        case "comma-at": return ",@" + print(items[1])
        default: break
        }
      }
      var s = "(" + items.map(print).joined(separator: " ")
      if let tail { s += " . " + print(tail) }
      return s + ")"
    case .tuple(let items): return "#(" + items.map(print).joined(separator: " ") + ")"
    case .map(let items): return "#M(" + items.map(print).joined(separator: " ") + ")"
    case .binarySegments(let items): return "#b(" + items.map(print).joined(separator: " ") + ")"
    }
  }
}
