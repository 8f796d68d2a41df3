/// Where processes' printed text goes: collected in order, drained by the shell after
/// each step, with a cap so a runaway printer cannot exhaust memory.
public final class OutputSink {
  public private(set) var text = ""
  public var limit: Int
  /// Set once the cap was hit; later text is dropped.
  public private(set) var overflowed = false
  /// Called for every piece of text as it is written (the terminal shell prints at once).
  public var echo: ((String) -> Void)?
  /// Called once when the cap is hit (the runtime ends its step).
  var onOverflow: (() -> Void)?

  public init(limit: Int = 4 << 20) {
    self.limit = limit
  }

  /// Bytes written in the current step, echoed or kept.
  private var written = 0

  public func write(_ s: String) {
    if overflowed { return }
    if written + s.utf8.count > limit {
      overflowed = true
      onOverflow?()
      return
    }
    written += s.utf8.count
    if let echo {
      echo(s)
    } else {
      text += s
    }
  }

  /// Everything written since the last drain.
  public func drain() -> String {
    let t = text
    text = ""
    return t
  }

  /// Starts a new step: its output counts from zero.
  public func resetOverflow() {
    overflowed = false
    written = text.utf8.count
  }
}
