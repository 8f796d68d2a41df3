/// A sequence diagram as a Mermaid `sequenceDiagram`, for pages and issues that render it.
public struct MermaidDiagramRenderer {
  public init() {}

  public func render(_ d: SequenceDiagram) -> String {
    var out = "sequenceDiagram\n"
    // Ids are plain words; the names (pids, `<`, `#`) go in the alias.
    let id = (0..<d.participants.count).map { "p\($0)" }
    for (i, p) in d.participants.enumerated() where p.spawnedAt == nil {
      out += "  participant \(id[i]) as \(escape(p.name))\n"
    }
    for row in d.rows {
      switch row {
      case .arrow(let a, let b, let style, let label):
        let arrow: String
        switch style {
        case .message: arrow = "->>"
        case .signal: arrow = "--)"
        case .spawn:
          out += "  create participant \(id[b]) as \(escape(d.participants[b].name))\n"
          arrow = "->>"
        }
        out += "  \(id[a])\(arrow)\(id[b]): \(escape(label))\n"
      case .note(let a, _, let text):
        out += "  Note right of \(id[a]): \(escape(text))\n"
      case .gap(let omitted):
        let first = id.first ?? "p0"
        let last = id.last ?? first
        let over = first == last ? first : "\(first),\(last)"
        out += "  Note over \(over): … \(omitted) more event\(omitted == 1 ? "" : "s") …\n"
      }
    }
    return out
  }

  /// Mermaid reads `#`, `;`, `<`, `>` and line ends in text; its entity codes stand in.
  func escape(_ s: String) -> String {
    var out = ""
    for c in s {
      switch c {
      case "#": out += "#35;"
      case ";": out += "#59;"
      case "<": out += "#lt;"
      case ">": out += "#gt;"
      case "\n", "\r": out += " "
      default: out.append(c)
      }
    }
    return out
  }
}
