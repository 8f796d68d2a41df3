import Foundation

/// A sequence diagram as terminal text: box drawing, or plain ASCII for a dumb terminal
/// or a file. Lifelines are columns; each arrow takes two lines (its label, then the
/// arrow), each note one.
public struct TextDiagramRenderer {
  public var plain: Bool
  /// The widest line wanted; labels are shortened to fit it unless `full`.
  public var width: Int
  /// Labels in full, however long.
  public var full: Bool

  public init(plain: Bool = false, width: Int = 80, full: Bool = false) {
    self.plain = plain
    self.width = width
    self.full = full
  }

  public init(style: TerminalStyle, full: Bool = false) {
    self.init(plain: style.plain, width: style.width, full: full)
  }

  /// Columns between two lifelines: as many as the width allows, within limits.
  static let slotRange = 12...30

  private struct Glyphs {
    var life, gapLife, line, dotted, cross, right, left, fromRight, fromLeft, born: Character
    var receive, exit, other, lost, selfSend: Character
    var ellipsisGap: String
  }

  private var glyphs: Glyphs {
    plain
      ? Glyphs(
        life: "|", gapLife: ":", line: "-", dotted: ".", cross: "+", right: ">", left: "<", fromRight: "+",
        fromLeft: "+", born: "+", receive: "o", exit: "X", other: "*", lost: "?", selfSend: "@",
        ellipsisGap: "...")
      : Glyphs(
        life: "│", gapLife: "┆", line: "─", dotted: "┄", cross: "┼", right: "▶", left: "◀", fromRight: "├",
        fromLeft: "┤", born: "┬", receive: "●", exit: "✕", other: "◆", lost: "?", selfSend: "↻",
        ellipsisGap: "⋯")
  }

  public func render(_ d: SequenceDiagram) -> String {
    let g = glyphs
    let n = d.participants.count
    if n == 0 { return "(no process did anything)\n" }
    // Room on the right of the last lifeline for what its notes say.
    let notes = min(20, width / 4)
    let slot = min(
      max((width - notes) / n, TextDiagramRenderer.slotRange.lowerBound),
      TextDiagramRenderer.slotRange.upperBound)
    let xs = (0..<n).map { $0 * slot + slot / 2 }
    let lineWidth = n * slot
    var out: [String] = []

    func clean(_ s: String) -> String { plain ? DiagramLabel.ascii(s) : s }
    func blank(row r: Int?, gap: Bool = false) -> [Character] {
      var line = [Character](repeating: " ", count: lineWidth)
      for i in 0..<n where r.map({ d.isAlive(i, atRow: $0) }) ?? (d.participants[i].spawnedAt == nil) {
        line[xs[i]] = gap ? g.gapLife : g.life
      }
      return line
    }
    func put(_ text: String, at x: Int, in line: inout [Character]) {
      var x = x
      for c in text {
        let w = DisplayWidth.of(c)
        if w == 0 { continue }
        while line.count < x + w { line.append(" ") }
        line[x] = c
        // A wide character covers two columns: the second one is nothing of its own.
        if w == 2 { line.remove(at: x + 1) }
        x += 1
      }
    }
    func emit(_ line: [Character]) {
      var s = String(line)
      while s.last == " " { s.removeLast() }
      out.append(s)
    }

    // Names, centred over their lifelines.
    var header = [Character](repeating: " ", count: lineWidth)
    for (i, p) in d.participants.enumerated() {
      let name = DiagramLabel.fit(clean(p.name), width: slot - 1, plain: plain)
      let start = max(0, xs[i] - DisplayWidth.of(name) / 2)
      put(name, at: start, in: &header)
    }
    emit(header)
    emit(blank(row: nil))

    for (r, row) in d.rows.enumerated() {
      switch row {
      case .arrow(let a, let b, let style, let label):
        let text = clean(label)
        if a == b {
          var line = blank(row: r)
          let room = full ? Int.max : max(8, width - xs[a] - 3)
          put("\(g.selfSend) " + DiagramLabel.fit(text, width: room, plain: plain), at: xs[a] + 1, in: &line)
          line[xs[a]] = g.fromRight
          emit(line)
          continue
        }
        let lo = min(xs[a], xs[b])
        let hi = max(xs[a], xs[b])
        var labelLine = blank(row: r)
        if style == .spawn { labelLine[xs[b]] = " " }
        // A label may run on past its arrow's end when nothing is drawn there yet (a
        // spawned lifeline starts on the arrow's line), up to the next lifeline.
        var end = hi
        if labelLine[hi] == " " {
          end = (hi + 1..<lineWidth).first { labelLine[$0] != " " } ?? max(width, lineWidth)
        }
        let room = full ? Int.max : max(4, end - lo - 3)
        put(DiagramLabel.fit(text, width: room, plain: plain), at: lo + 2, in: &labelLine)
        emit(labelLine)
        var arrow = blank(row: r)
        let fill = style == .signal ? g.dotted : g.line
        for x in (lo + 1)..<hi {
          arrow[x] = arrow[x] == g.life ? (style == .signal ? g.dotted : g.cross) : fill
        }
        if xs[a] < xs[b] {
          arrow[xs[a]] = g.fromRight
          arrow[xs[b] - 1] = g.right
        } else {
          arrow[xs[a]] = g.fromLeft
          arrow[xs[b] + 1] = g.left
        }
        if style == .spawn { arrow[xs[b]] = g.born }
        emit(arrow)
      case .note(let a, let mark, let text):
        var line = blank(row: r)
        let m: Character
        switch mark {
        case .receive: m = g.receive
        case .exit: m = g.exit
        case .lost: m = g.lost
        case .register, .link, .monitor: m = g.other
        }
        line[xs[a]] = m
        let room = full ? Int.max : max(8, width - xs[a] - 2)
        put(DiagramLabel.fit(clean(text), width: room, plain: plain), at: xs[a] + 2, in: &line)
        emit(line)
      case .gap(let omitted):
        var line = blank(row: r, gap: true)
        let words = "\(g.ellipsisGap) \(omitted) more event\(omitted == 1 ? "" : "s") \(g.ellipsisGap)"
        put(words, at: max(0, xs[0] + 2), in: &line)
        emit(blank(row: r, gap: true))
        emit(line)
        emit(blank(row: r, gap: true))
      }
    }
    return out.joined(separator: "\n") + "\n"
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension TextDiagramRenderer {
  /// For standard output as this process finds it: box drawing on a terminal, plain
  /// ASCII with `plain`, `TERM=dumb` or no terminal; the terminal's width.
  public static func forStandardOutput(plain: Bool = false, full: Bool = false) -> TextDiagramRenderer {
    let environment = ProcessInfo.processInfo.environment
    let style = TerminalStyle.current(color: .never, plain: plain, environment: environment)
    let ascii = plain || environment["TERM"] == "dumb" || isatty(STDOUT_FILENO) == 0
    return TextDiagramRenderer(plain: ascii, width: style.width, full: full)
  }
}
