/// Which actual pid each pid written in a page stands for.
///
/// A page's pids are variables: the numbers an author's machine printed say nothing about
/// ours, but the same written pid must be the same process everywhere in the page, and
/// two written pids two different processes. Pids are kept as their three numbers
/// (`0.25.0`), so `<0.25.0>` and `#Pid<0.25.0>` are one pid.
public struct PidBindings: Hashable, Sendable {
  /// Written pid to actual pid.
  public private(set) var actualFor: [String: String] = [:]
  /// Actual pid to written pid.
  public private(set) var writtenFor: [String: String] = [:]

  public init() {}

  /// The bindings with `written` standing for `actual`, or nil when that contradicts them.
  public func binding(_ written: String, to actual: String) -> PidBindings? {
    if let bound = actualFor[written] { return bound == actual ? self : nil }
    if writtenFor[actual] != nil { return nil }
    var copy = self
    copy.actualFor[written] = actual
    copy.writtenFor[actual] = written
    return copy
  }
}
