/// Reads `<!-- tutor: skip timeout=5s file=ring.lfe -->` comments.
///
/// Settings are kept as written, with where they were written, so the same checks apply
/// to a block's comment and to the page defaults under the front matter's `tutor:` key.
struct TutorComment {
  struct Setting {
    var key: String
    var value: String?
    var location: SourceLocation
  }

  /// The settings of every tutor comment in an HTML block, or nil when it holds none.
  ///
  /// `locate` turns a line index within the literal and a character offset within that
  /// line into a place in the file.
  static func settings(
    inHTML literal: String, locate: (Int, Int) -> SourceLocation
  ) -> [Setting]? {
    let characters = Array(literal)
    var found = false
    var settings: [Setting] = []
    var position = 0
    var lineIndex = 0
    var lineStart = 0
    func advance(to target: Int) {
      while position < target {
        if characters[position] == "\n" {
          lineIndex += 1
          lineStart = position + 1
        }
        position += 1
      }
    }
    while let open = find("<!--", in: characters, from: position) {
      advance(to: open + 4)
      guard let close = find("-->", in: characters, from: position) else { break }
      while position < close,
        characters[position] == " " || characters[position] == "\t"
          || characters[position] == "\n"
      {
        advance(to: position + 1)
      }
      guard find("tutor:", in: characters, from: position) == position else {
        advance(to: close + 3)
        continue
      }
      found = true
      advance(to: position + 6)
      while position < close {
        let character = characters[position]
        if character == " " || character == "\t" || character == "\n" || character == "," {
          advance(to: position + 1)
          continue
        }
        let location = locate(lineIndex, position - lineStart)
        if find("hint", in: characters, from: position) == position,
          position + 4 == close || [" ", "\t", "\n"].contains(characters[position + 4])
        {
          // A hint is prose: the rest of the comment, whatever it holds.
          let text = String(characters[(position + 4)..<close]).split(whereSeparator: \.isWhitespace)
            .joined(separator: " ")
          settings.append(Setting(key: "hint", value: text, location: location))
          advance(to: close)
          break
        }
        var token = ""
        var quoted = false
        while position < close {
          let next = characters[position]
          if next == "\"" {
            quoted.toggle()
          } else if !quoted && (next == " " || next == "\t" || next == "\n" || next == ",") {
            break
          } else {
            token.append(next)
          }
          advance(to: position + 1)
        }
        if let equals = token.firstIndex(of: "=") {
          settings.append(
            Setting(
              key: String(token[..<equals]), value: String(token[token.index(after: equals)...]),
              location: location))
        } else {
          settings.append(Setting(key: token, value: nil, location: location))
        }
      }
      advance(to: close + 3)
    }
    return found ? settings : nil
  }

  private static func find(_ needle: String, in characters: [Character], from start: Int) -> Int? {
    let pattern = Array(needle)
    guard characters.count >= pattern.count, start <= characters.count - pattern.count else {
      return nil
    }
    for index in start...(characters.count - pattern.count)
    where characters[index..<(index + pattern.count)].elementsEqual(pattern) {
      return index
    }
    return nil
  }
}

extension BlockOptions {
  /// Applies settings in order, later ones winning, and reports the ones it cannot use.
  mutating func apply(_ settings: [TutorComment.Setting], diagnostics: inout [Diagnostic]) {
    for setting in settings {
      switch setting.key {
      case "hint":
        guard let text = setting.value, !text.isEmpty else {
          diagnostics.append(
            .error(
              at: setting.location, "hint needs its text, such as <!-- tutor: hint Send the pid first -->"))
          continue
        }
        hints.append(text)
      case "skip", "unordered", "exercise", "solution", "trace":
        let value: Bool
        switch setting.value {
        case nil, "true", "yes": value = true
        case "false", "no": value = false
        default:
          diagnostics.append(
            .error(at: setting.location, "'\(setting.key)' takes true or false, not '\(setting.value!)'"))
          continue
        }
        switch setting.key {
        case "skip": skip = value
        case "unordered": unordered = value
        case "exercise": exercise = value
        case "trace": trace = value
        default: solution = value
        }
      case "timeout":
        guard let text = setting.value, let duration = BlockOptions.parseDuration(text) else {
          diagnostics.append(
            .error(at: setting.location, "timeout needs a duration such as timeout=5s or timeout=500ms"))
          continue
        }
        timeout = duration
      case "profile":
        guard let name = setting.value, !name.isEmpty else {
          diagnostics.append(.error(at: setting.location, "profile needs a name, such as profile=lfe1"))
          continue
        }
        profile = name
      case "file":
        guard let name = setting.value, !name.isEmpty else {
          diagnostics.append(.error(at: setting.location, "file needs a name, such as file=ring.lfe"))
          continue
        }
        file = name
      default:
        diagnostics.append(.warning(at: setting.location, "unknown tutor option '\(setting.key)'"))
      }
    }
  }
}
