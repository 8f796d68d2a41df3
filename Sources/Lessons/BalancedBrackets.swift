/// Whether the text typed after a prompt (its lines joined by newlines) is a whole form,
/// so a transcript knows where a multi-line input ends and its output begins.
///
/// This is the one seam between page loading and the language: `Lessons` does not import
/// `LFE`, so the `tutor` executable passes the LFE reader's own answer to `Page.load`,
/// `Page.init` and `Course.load`. Without one they use `BalancedBrackets.isComplete`.
public typealias InputCompleteness = (String) -> Bool

/// The default `InputCompleteness` for when no reader is at hand. It knows LFE's strings,
/// `|quoted symbols|`, `#\c` characters and both comment styles, so brackets inside them
/// do not count; a stray closing bracket counts as complete, for the reader to reject.
public enum BalancedBrackets {
  public static func isComplete(_ input: String) -> Bool {
    let characters = Array(input.unicodeScalars)
    var depth = 0
    var sawDatum = false
    // A quote with nothing after it yet: `'` at the end still waits for its datum.
    var pendingPrefix = false
    var index = 0
    func skip(until terminator: Unicode.Scalar) -> Bool {
      while index < characters.count {
        if characters[index] == "\\" {
          index += 2
          continue
        }
        if characters[index] == terminator {
          index += 1
          return true
        }
        index += 1
      }
      return false
    }
    while index < characters.count {
      let character = characters[index]
      let next = index + 1 < characters.count ? characters[index + 1] : nil
      switch character {
      case ";":
        while index < characters.count && characters[index] != "\n" { index += 1 }
        continue
      case "#" where next == "|":
        index += 2
        var closed = false
        while index + 1 < characters.count {
          if characters[index] == "|" && characters[index + 1] == "#" {
            closed = true
            index += 2
            break
          }
          index += 1
        }
        if !closed { return false }
        continue
      case "#" where next == "\\":
        // The character after `#\` is data, even when it is a bracket.
        index += 3
        sawDatum = true
        pendingPrefix = false
        continue
      case "\"", "|":
        index += 1
        if !skip(until: character) { return false }
        sawDatum = true
        pendingPrefix = false
        continue
      case "(", "[":
        depth += 1
        pendingPrefix = false
      case ")", "]":
        depth -= 1
        // A stray closer is complete: the reader reports it rather than waiting.
        if depth < 0 { return true }
        sawDatum = true
      case "'", "`", ",":
        if depth == 0 { pendingPrefix = true }
      case " ", "\t", "\n", "\r":
        break
      default:
        sawDatum = true
        pendingPrefix = false
      }
      index += 1
    }
    return depth == 0 && sawDatum && !pendingPrefix
  }
}
