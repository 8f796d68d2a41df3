/// A look at front matter text before the YAML library sees it: the library builds and
/// frees its nodes recursively, so YAML nested thousands deep would overflow the host
/// stack. Front matter never nests more than a few levels; far deeper input is refused
/// with where it goes too deep.
///
/// The scan is deliberately rough (it does not parse YAML): it counts flow brackets
/// that open outside quotes and comments, sequence dashes that open on one line, and
/// indentation. Each bound is far above anything an author writes.
struct YAMLNestingScan {
  /// Open `[` and `{` at once.
  static let maxFlowDepth = 64
  /// `- ` markers opening nested sequences at the start of one line.
  static let maxDashes = 64
  /// Columns of indentation.
  static let maxIndent = 256

  struct Problem: Equatable {
    /// 1-based, in the YAML text.
    var line: Int
    var column: Int
    var message: String
  }

  /// The first place the text nests too deeply, or nil.
  static func check(_ yaml: String) -> Problem? {
    var line = 1
    var column = 0
    var flowDepth = 0
    var quote: Character? = nil
    var inComment = false
    var atLineStart = true
    var indent = 0
    var dashes = 0
    // The character before the current one, for telling indicators from the inside of
    // a plain scalar (`don't`, `a[1]`).
    var previous: Character = "\n"
    var chars = Array(yaml)[...]
    while let c = chars.popFirst() {
      column += 1
      defer { previous = c }
      if c == "\n" {
        line += 1
        column = 0
        inComment = false
        atLineStart = quote == nil
        indent = 0
        dashes = 0
        continue
      }
      if inComment { continue }
      if let q = quote {
        if q == "'" && c == "'" {
          if chars.first == "'" {
            _ = chars.popFirst()
            column += 1
          } else {
            quote = nil
          }
        } else if q == "\"" && c == "\\" {
          if chars.popFirst() != nil { column += 1 }
        } else if c == q {
          quote = nil
        }
        continue
      }
      let startsToken = previous == "\n" || previous == " " || previous == "\t" || "[{,:".contains(previous)
      if atLineStart {
        if c == " " {
          indent += 1
          if indent > maxIndent {
            return Problem(
              line: line, column: column,
              message: "front matter is nested too deeply (indented more than \(maxIndent) columns)")
          }
          continue
        }
        if c == "-"
          && (chars.first == " " || chars.first == "\t" || chars.first == "\n" || chars.first == nil)
        {
          dashes += 1
          if dashes > maxDashes {
            return Problem(
              line: line, column: column,
              message: "front matter is nested too deeply (more than \(maxDashes) sequences open on one line)"
            )
          }
          continue
        }
        if c != "\t" { atLineStart = false }
      }
      switch c {
      case "#" where startsToken:
        inComment = true
      case "'", "\"":
        if startsToken { quote = c }
      case "[", "{":
        guard startsToken || previous == "-" else { break }
        flowDepth += 1
        if flowDepth > maxFlowDepth {
          return Problem(
            line: line, column: column,
            message: "front matter is nested too deeply (more than \(maxFlowDepth) brackets open)")
        }
      case "]", "}":
        flowDepth = max(0, flowDepth - 1)
      default:
        break
      }
    }
    return nil
  }
}
