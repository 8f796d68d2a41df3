/// A process still able to run when a step ended, for a warning that names it.
public struct BusyProcess: Hashable, Sendable {
  /// As the shell prints it: `<0.85.0>`.
  public let pid: String
  /// Where it is now, `module:function/arity`.
  public let function: String
  /// How it started, `module:function/arity`.
  public let initialCall: String
}
