/// Splits LFE text into coloured runs, a line at a time, keeping what spans lines (an
/// open string or `#| |#` comment, bracket depth) from one line to the next.
///
/// It reads like LFE's reader but never fails: half-typed code, stray brackets and
/// unclosed strings are coloured as far as they go.
struct LFEScanner {
  private enum Mode { case code, string, blockComment }

  private var mode = Mode.code
  /// Open brackets not yet closed; never below zero.
  private(set) var depth = 0
  /// The last thing read was an opening bracket, so a symbol now is in head position.
  private var afterOpen = false

  /// The input so far is not a whole form: a bracket, string or comment is still open.
  var isIncomplete: Bool { depth > 0 || mode != .code }

  static let keywords: Set<String> = [
    "defun", "defmodule", "defmacro", "defsyntax", "defrecord", "lambda", "match-lambda", "let", "let*",
    "letrec", "flet", "flet*", "fletrec", "let-function", "letrec-function", "let-macro", "case",
    "receive", "after", "if", "cond", "when", "progn", "begin", "try", "catch", "of", "funcall", "call",
    "spawn", "spawn_link", "spawn-link", "export", "import", "quote", "backquote", "set", "!", ":",
    "lc", "list-comp", "bc", "andalso", "orelse", "else", "eval-when-compile", "include-lib",
    "include-file", "define-function", "define-macro", "macro", "syntax-rules",
  ]

  private static func isDelimiter(_ character: Character) -> Bool {
    switch character {
    case " ", "\t", "\n", "\r", "(", ")", "[", "]", "{", "}", "\"", ";", "'", "`", ",": return true
    default: return false
    }
  }

  /// The runs of one line (without its newline).
  mutating func scan(line: String) -> [StyledRun] {
    let characters = Array(line)
    var runs: [StyledRun] = []
    var index = 0
    func emit(_ end: Int, _ style: TextStyle) {
      guard end > index else { return }
      runs.append(StyledRun(String(characters[index..<end]), style))
      index = end
    }
    func character(_ offset: Int) -> Character? {
      index + offset < characters.count ? characters[index + offset] : nil
    }
    func symbolEnd(from start: Int) -> Int {
      var end = start
      while end < characters.count, !Self.isDelimiter(characters[end]) { end += 1 }
      return end
    }
    /// The end of a `|quoted symbol|` that starts at `start`.
    func barEnd(from start: Int) -> Int {
      var end = start + 1
      while end < characters.count {
        if characters[end] == "\\" {
          end += 2
          continue
        }
        end += 1
        if characters[end - 1] == "|" { break }
      }
      return min(end, characters.count)
    }

    while index < characters.count {
      switch mode {
      case .string:
        var end = index
        while end < characters.count {
          if characters[end] == "\\" {
            end = min(end + 2, characters.count)
            continue
          }
          end += 1
          if characters[end - 1] == "\"" {
            mode = .code
            break
          }
        }
        emit(end, .string)
        continue
      case .blockComment:
        var end = index
        while end < characters.count {
          end += 1
          if end - index >= 2, characters[end - 1] == "#", characters[end - 2] == "|" {
            mode = .code
            break
          }
        }
        emit(end, .comment)
        continue
      case .code:
        break
      }
      let current = characters[index]
      let wasAfterOpen = afterOpen
      afterOpen = false
      switch current {
      case " ", "\t", "\r":
        afterOpen = wasAfterOpen
        var end = index
        while end < characters.count, [" ", "\t", "\r"].contains(characters[end]) { end += 1 }
        emit(end, .none)
      case ";":
        emit(characters.count, .comment)
      case "\"":
        mode = .string
        emit(index + 1, .string)
      case "(", "[", "{":
        depth += 1
        afterOpen = true
        emit(index + 1, .bracket)
      case ")", "]", "}":
        depth = max(depth - 1, 0)
        emit(index + 1, .bracket)
      case "'", "`", ",":
        var end = index + 1
        if current == ",", character(1) == "@" { end += 1 }
        if end < characters.count, characters[end] == "|" {
          emit(barEnd(from: end), .atom)
        } else if end < characters.count, !Self.isDelimiter(characters[end]), characters[end] != "#" {
          emit(symbolEnd(from: end), .atom)
        } else {
          emit(end, .atom)
        }
      case "|":
        emit(barEnd(from: index), .none)
      case "#":
        scanHash(characters, &index, &runs)
      default:
        let end = symbolEnd(from: index)
        let word = String(characters[index..<end])
        let style: TextStyle =
          Self.isNumber(word) ? .number : wasAfterOpen && Self.keywords.contains(word) ? .keyword : .none
        emit(max(end, index + 1), style)
      }
    }
    return runs
  }

  /// Reader syntax after `#`: comments, characters, binaries, tuples, maps, based numbers
  /// and function references.
  private mutating func scanHash(_ characters: [Character], _ index: inout Int, _ runs: inout [StyledRun]) {
    let start = index
    func emit(_ end: Int, _ style: TextStyle) {
      let end = min(max(end, start + 1), characters.count)
      runs.append(StyledRun(String(characters[start..<end]), style))
      index = end
    }
    let next: Character? = start + 1 < characters.count ? characters[start + 1] : nil
    switch next {
    case "|":
      // The caller's loop reads on in comment mode.
      mode = .blockComment
      emit(start + 2, .comment)
    case "\\":
      // `#\a`, `#\)`, or a named character such as `#\space`.
      var end = min(start + 3, characters.count)
      if end - 1 < characters.count, characters[end - 1].isLetter {
        while end < characters.count, !Self.isDelimiter(characters[end]) { end += 1 }
      }
      emit(end, .string)
    case "\"":
      mode = .string
      emit(start + 2, .string)
    case "(":
      depth += 1
      afterOpen = true
      emit(start + 2, .bracket)
    case "'":
      var end = start + 2
      while end < characters.count, !Self.isDelimiter(characters[end]) { end += 1 }
      emit(end, .atom)
    default:
      var end = start + 1
      while end < characters.count, characters[end].isLetter || characters[end].isNumber { end += 1 }
      if end < characters.count, characters[end] == "(" {
        // `#b(`, `#M(`, `#B(`: a binary or map opens.
        depth += 1
        afterOpen = true
        emit(end + 1, .bracket)
      } else {
        while end < characters.count, !Self.isDelimiter(characters[end]) { end += 1 }
        emit(end, end > start + 1 ? .number : .none)
      }
    }
  }

  /// Integers, floats and based integers (`16#ff`): what LFE reads as a number.
  static func isNumber(_ word: String) -> Bool {
    var characters = Substring(word)
    if let sign = characters.first, sign == "+" || sign == "-" { characters = characters.dropFirst() }
    guard let first = characters.first, first.isASCII, first.isNumber else { return false }
    if let hash = characters.firstIndex(of: "#") {
      let base = characters[..<hash]
      let digits = characters[characters.index(after: hash)...]
      return base.allSatisfy { $0.isASCII && $0.isNumber } && !digits.isEmpty
        && digits.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }
    var state = 0  // 0 integer part, 1 fraction, 2 exponent sign, 3 exponent
    var sawDigit = [false, false, false, false]
    for character in characters {
      if character.isASCII, character.isNumber {
        sawDigit[state == 2 ? 3 : state] = true
        if state == 2 { state = 3 }
      } else if character == ".", state == 0 {
        state = 1
      } else if character == "e" || character == "E", state <= 1, sawDigit[state] {
        state = 2
      } else if character == "+" || character == "-", state == 2 {
        state = 3
      } else {
        return false
      }
    }
    switch state {
    case 1: return sawDigit[1]
    case 2: return false
    case 3: return sawDigit[3]
    default: return true
    }
  }
}
