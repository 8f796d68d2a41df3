/// A sequence diagram as a standalone SVG file. Text is measured with fixed metrics (a
/// monospace font's advance), never by the machine's fonts, so the same diagram gives
/// the same bytes everywhere.
public struct SVGDiagramRenderer {
  /// Labels in full, however long; otherwise each is cut to the room its arrow has.
  public var full: Bool

  public init(full: Bool = false) {
    self.full = full
  }

  static let fontSize = 12
  /// The advance of one character of a 12 px monospace font, rounded up.
  static let charWidth = 8
  static let rowHeight = 28
  static let noteHeight = 22
  static let margin = 20
  static let boxHeight = 28
  static let minSlot = 150
  static let maxSlot = 320

  public func render(_ d: SequenceDiagram) -> String {
    let cw = SVGDiagramRenderer.charWidth
    let n = max(d.participants.count, 1)
    let longestName = d.participants.map { DisplayWidth.of($0.name) }.max() ?? 0
    // Room for the name, and for the labels of the arrows between neighbours.
    var longestLabel = 0
    for row in d.rows {
      if case .arrow(let a, let b, let style, let label) = row, abs(a - b) == 1 {
        // A spawn arrow stops at the new process's box, half a box short.
        let box =
          style == .spawn ? (max(DisplayWidth.of(d.participants[b].name) * cw + 16, 60) + 4) / (2 * cw) : 0
        longestLabel = max(longestLabel, DisplayWidth.of(label) + box)
      }
    }
    let slot = min(
      max(SVGDiagramRenderer.minSlot, longestName * cw + 24, longestLabel * cw + 24),
      SVGDiagramRenderer.maxSlot)
    let m = SVGDiagramRenderer.margin
    let xs = (0..<n).map { m + $0 * slot + slot / 2 }
    let boxH = SVGDiagramRenderer.boxHeight
    let top = m + boxH
    // The y of each row's arrow or note, and where the diagram ends.
    var ys: [Int] = []
    var y = top + 12
    for row in d.rows {
      switch row {
      case .arrow(let a, let b, let style, _):
        y += SVGDiagramRenderer.rowHeight
        if style == .spawn { y += boxH / 2 }
        ys.append(y)
        if a == b { y += 14 }
        if style == .spawn { y += boxH / 2 }
      case .note:
        y += SVGDiagramRenderer.noteHeight
        ys.append(y)
      case .gap:
        y += SVGDiagramRenderer.rowHeight + 8
        ys.append(y)
        y += 8
      }
    }
    let bottom = y + 20
    var width = m * 2 + n * slot
    var body: [String] = []

    func room(_ pixels: Int) -> Int { full ? Int.max : max(4, pixels / cw) }
    func textWidth(_ s: String) -> Int { DisplayWidth.of(s) * cw }

    // Lifelines first, so arrows and boxes draw over them.
    for (i, p) in d.participants.enumerated() {
      let start = p.spawnedAt.map { ys[$0] + boxH / 2 } ?? top
      let end = p.endsAt.map { ys[$0] } ?? bottom
      body.append(#"<line class="life" x1="\#(xs[i])" y1="\#(start)" x2="\#(xs[i])" y2="\#(end)"/>"#)
    }
    func box(_ i: Int, centerY: Int) {
      let name = DiagramLabel.fit(d.participants[i].name, width: (slot - 16) / cw, plain: false)
      let w = max(textWidth(name) + 16, 60)
      body.append(
        #"<rect class="box" x="\#(xs[i] - w / 2)" y="\#(centerY - boxH / 2)" width="\#(w)" height="\#(boxH)" rx="4"/>"#
      )
      body.append(#"<text class="name" x="\#(xs[i])" y="\#(centerY + 4)">\#(escape(name))</text>"#)
    }
    for (i, p) in d.participants.enumerated() where p.spawnedAt == nil {
      box(i, centerY: m + boxH / 2)
    }
    for (r, row) in d.rows.enumerated() {
      let y = ys[r]
      switch row {
      case .arrow(let a, let b, let style, let label):
        let cls = style == .signal ? "signal" : style == .spawn ? "spawn" : "msg"
        if a == b {
          let x = xs[a]
          body.append(
            #"<path class="\#(cls)" d="M\#(x) \#(y - 7) H\#(x + 30) V\#(y + 7) H\#(x + 4)" marker-end="url(#head)"/>"#
          )
          let text = DiagramLabel.fit(label, width: room(width - x - 40 - m), plain: false)
          body.append(#"<text class="label" x="\#(x + 36)" y="\#(y + 4)">\#(escape(text))</text>"#)
          width = max(width, x + 36 + textWidth(text) + m)
          continue
        }
        let from = xs[a]
        let half = style == .spawn ? max(textWidth(d.participants[b].name) + 16, 60) / 2 : 0
        let to = xs[b] + (xs[b] > from ? -(half + 2) : half + 2)
        body.append(
          #"<line class="\#(cls)" x1="\#(from)" y1="\#(y)" x2="\#(to)" y2="\#(y)" marker-end="url(#head)"/>"#)
        let lo = min(from, to)
        let text = DiagramLabel.fit(label, width: room(abs(to - from) - 16), plain: false)
        body.append(#"<text class="label" x="\#(lo + 8)" y="\#(y - 6)">\#(escape(text))</text>"#)
        width = max(width, lo + 8 + textWidth(text) + m)
        if style == .spawn { box(b, centerY: y) }
      case .note(let a, let mark, let text):
        let x = xs[a]
        switch mark {
        case .receive:
          body.append(#"<circle class="mark" cx="\#(x)" cy="\#(y)" r="4"/>"#)
        case .exit:
          body.append(
            #"<path class="exit" d="M\#(x - 6) \#(y - 6) L\#(x + 6) \#(y + 6) M\#(x + 6) \#(y - 6) L\#(x - 6) \#(y + 6)"/>"#
          )
        default:
          body.append(
            #"<path class="mark" d="M\#(x) \#(y - 5) L\#(x + 5) \#(y) L\#(x) \#(y + 5) L\#(x - 5) \#(y) Z"/>"#
          )
        }
        // A note may run on to the next lifeline still drawn at its row.
        let next = ((a + 1)..<d.participants.count).first { d.isAlive($0, atRow: r) }
        let space = next.map { xs[$0] - x - 20 } ?? 2 * slot
        let shown = DiagramLabel.fit(text, width: room(space), plain: false)
        body.append(#"<text class="note" x="\#(x + 10)" y="\#(y + 4)">\#(escape(shown))</text>"#)
        width = max(width, x + 10 + textWidth(shown) + m)
      case .gap(let omitted):
        let words = "⋯ \(omitted) more event\(omitted == 1 ? "" : "s") ⋯"
        body.append(#"<text class="gap" x="\#(m + n * slot / 2)" y="\#(y)">\#(escape(words))</text>"#)
      }
    }
    var svg = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
    svg +=
      #"<svg xmlns="http://www.w3.org/2000/svg" width="\#(width)" height="\#(bottom)" viewBox="0 0 \#(width) \#(bottom)" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="\#(SVGDiagramRenderer.fontSize)">"#
      + "\n"
    svg += """
      <defs><marker id="head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 Z" fill="#333"/></marker></defs>
      <style>
      .life { stroke: #999; stroke-dasharray: 4 3; }
      .box { fill: #eef3fb; stroke: #4a6fa5; }
      .name { text-anchor: middle; font-weight: bold; fill: #1d3557; }
      .msg { stroke: #333; fill: none; }
      .spawn { stroke: #2a7a2a; fill: none; }
      .signal { stroke: #b03030; stroke-dasharray: 5 3; fill: none; }
      .label { fill: #111; }
      .note { fill: #555; }
      .mark { fill: #4a6fa5; }
      .exit { stroke: #b03030; stroke-width: 2; }
      .gap { text-anchor: middle; fill: #777; font-style: italic; }
      </style>
      <rect width="100%" height="100%" fill="#ffffff"/>

      """
    svg += body.joined(separator: "\n") + "\n</svg>\n"
    return svg
  }

  /// Text as XML character data or an attribute value.
  func escape(_ s: String) -> String {
    var out = ""
    for c in s.unicodeScalars {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default:
        // XML 1.0 has no place for most control characters, even escaped.
        if c.value < 0x20 && c != "\t" && c != "\n" {
          out += "?"
        } else {
          out.unicodeScalars.append(c)
        }
      }
    }
    return out
  }
}
