/// One lexical unit of LFE source, as the scanner hands it to the reader.
struct Token {
  enum Opener: Equatable {
    case paren, bracket, tuple, binary, map

    /// The byte that closes this opener: only `[` closes with `]`, as in LFE's grammar.
    var closer: UInt8 { self == .bracket ? UInt8(ascii: "]") : UInt8(ascii: ")") }

    var spelling: String {
      switch self {
      case .paren: return "("
      case .bracket: return "["
      case .tuple: return "#("
      case .binary: return "#b("
      case .map: return "#M("
      }
    }
  }

  /// A character that wraps the next form in a list: `'x` reads as `(quote x)`.
  enum Wrapper {
    case quote, backquote, comma, commaAt

    var symbol: String {
      switch self {
      case .quote: return "quote"
      case .backquote: return "backquote"
      case .comma: return "comma"
      case .commaAt: return "comma-at"
      }
    }
  }

  enum Kind {
    case open(Opener)
    /// `)` or `]`, as its byte.
    case close(UInt8)
    /// `'`, `` ` ``, `,` and `,@`.
    case prefix(Wrapper)
    /// `#.`: read-time evaluation of the next form.
    case hashDot
    case dot
    /// A complete atom-like form: symbol, number, string, binary string, `#'f/2`.
    case form(Form)
  }

  var kind: Kind
  var location: SourceLocation

  @inline(__always)
  init(kind: Kind, location: SourceLocation) {
    self.kind = kind
    self.location = location
  }
}
