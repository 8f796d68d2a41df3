/// How the shell prints, by LFE generation. Pages written for older LFE print
/// differently, and books mix styles, so each difference is its own switch.
public struct Profile: Equatable, Sendable {
  /// The prompt before each input line.
  public var prompt: String
  /// `#Pid<0.79.0>` (LFE 2) or `<0.79.0>` (LFE 1 and 0.x) in shell values.
  public var pidStyle: Printer.PidStyle
  /// `(c "m")` answers `(#(module m))` (LFE 2) or `#(module m)`.
  public var compileValueIsList: Bool
  /// `defun` typed at the prompt answers its name, or (LFE 0.x) a fun.
  public var defunReturnsName: Bool

  public init(prompt: String, pidStyle: Printer.PidStyle, compileValueIsList: Bool, defunReturnsName: Bool) {
    self.prompt = prompt
    self.pidStyle = pidStyle
    self.compileValueIsList = compileValueIsList
    self.defunReturnsName = defunReturnsName
  }

  public static let lfe2 = Profile(
    prompt: "lfe> ", pidStyle: .tagged, compileValueIsList: true, defunReturnsName: true)
  public static let lfe1 = Profile(
    prompt: "lfe> ", pidStyle: .bare, compileValueIsList: false, defunReturnsName: true)
  public static let classic = Profile(
    prompt: "> ", pidStyle: .bare, compileValueIsList: false, defunReturnsName: false)

  /// A preset by name: `lfe2`, `lfe1` or `classic`.
  public static func named(_ name: String) -> Profile? {
    switch name {
    case "lfe2": return .lfe2
    case "lfe1": return .lfe1
    case "classic": return .classic
    default: return nil
    }
  }

  public static let names = ["lfe2", "lfe1", "classic"]
}
