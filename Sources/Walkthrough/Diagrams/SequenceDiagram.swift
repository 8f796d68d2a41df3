import LFE

/// What processes did, laid out once for every spelling (terminal text, SVG, Mermaid):
/// one lifeline per process, and rows running down in the order things happened.
public struct SequenceDiagram: Equatable, Sendable {
  public struct Participant: Equatable, Sendable {
    public var name: String
    /// The row whose arrow spawned it; nil when it was alive before the first row.
    public var spawnedAt: Int?
    /// The last row it takes part in, when it exited; nil while it lives on.
    public var endsAt: Int?
  }

  public enum ArrowStyle: Equatable, Sendable {
    /// A message sent with `!`.
    case message
    /// A `DOWN` message or an exit signal, sent by the runtime for a dead process.
    case signal
    /// A spawn: the arrow starts the new lifeline.
    case spawn
  }

  public enum Mark: Equatable, Sendable {
    case receive, exit, register, link, monitor, lost
  }

  public enum Row: Equatable, Sendable {
    /// `from` and `to` index `participants`; they are equal for a message to oneself.
    case arrow(from: Int, to: Int, style: ArrowStyle, label: String)
    /// Something one process did on its own lifeline.
    case note(at: Int, mark: Mark, text: String)
    /// Events left out of a long run.
    case gap(omitted: Int)
  }

  public var participants: [Participant]
  public var rows: [Row]

  public init(participants: [Participant], rows: [Row]) {
    self.participants = participants
    self.rows = rows
  }

  /// Whether the lifeline of participant `i` is drawn at row `r`.
  func isAlive(_ i: Int, atRow r: Int) -> Bool {
    let p = participants[i]
    if let s = p.spawnedAt, r < s { return false }
    if let e = p.endsAt, r > e { return false }
    return true
  }
}
