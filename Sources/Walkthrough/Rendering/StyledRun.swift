/// Text in one style: the unit the renderer lays out and wraps.
struct StyledRun: Hashable, Sendable {
  var text: String
  var style: TextStyle

  init(_ text: String, _ style: TextStyle = .none) {
    self.text = text
    self.style = style
  }

  /// One line of runs as terminal text. Without colour the styles are dropped; with it,
  /// each styled run is reset where it ends.
  static func line(_ runs: [StyledRun], color: Bool) -> String {
    var text = ""
    var index = runs.startIndex
    while index < runs.endIndex {
      let style = runs[index].style
      var joined = ""
      while index < runs.endIndex, runs[index].style == style {
        joined += runs[index].text
        index += 1
      }
      if !color || style.isNone || joined.isEmpty {
        text += joined
      } else {
        text += style.sequence + joined + TextStyle.reset
      }
    }
    return text
  }

  static func width(_ runs: [StyledRun]) -> Int {
    runs.reduce(0) { $0 + DisplayWidth.of($1.text) }
  }

  /// The runs without spaces at their end.
  static func trimmingTrailingSpaces(_ runs: [StyledRun]) -> [StyledRun] {
    var runs = runs
    while let last = runs.last {
      let trimmed = String(last.text.reversed().drop { $0 == " " }.reversed())
      if trimmed.isEmpty {
        runs.removeLast()
      } else {
        runs[runs.count - 1].text = trimmed
        break
      }
    }
    return runs
  }
}
