#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How output is drawn on the learner's terminal: in colour or not, with symbols and box
/// drawing or in plain ASCII, and how wide.
public struct TerminalStyle: Hashable, Sendable {
  /// SGR colour and attributes may be used.
  public var color: Bool
  /// Only ASCII decoration (no bullets, bars or rules drawn with symbols), and no colour.
  public var plain: Bool
  /// The widest line to write, in terminal columns.
  public var width: Int

  /// Prose is clamped to this range of widths: narrower is unreadable, wider is hard to
  /// follow from line to line.
  public static let widths = 40...120
  public static let defaultWidth = 80

  public init(color: Bool = false, plain: Bool = false, width: Int = TerminalStyle.defaultWidth) {
    self.color = color && !plain
    self.plain = plain
    self.width = width
  }

  /// Works out the style from the command line and the environment.
  ///
  /// `terminalWidth` is the terminal's own width when output goes to one (see
  /// `terminalWidth()`); `COLUMNS` overrides it, and 80 stands in when neither is known.
  public static func resolve(
    color: ColorChoice, plain: Bool, isTerminal: Bool, environment: [String: String],
    width terminalWidth: Int?
  ) -> TerminalStyle {
    let colored: Bool
    switch color {
    case .never: colored = false
    case .always: colored = true
    case .auto:
      colored = isTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }
    let columns = environment["COLUMNS"].flatMap { Int($0.trimmingSpaces) }.flatMap { $0 > 0 ? $0 : nil }
    let width = columns ?? terminalWidth.flatMap { $0 > 0 ? $0 : nil } ?? defaultWidth
    return TerminalStyle(
      color: colored && !plain, plain: plain,
      width: min(max(width, widths.lowerBound), widths.upperBound))
  }

  /// The style for standard output as this process finds it.
  public static func current(color: ColorChoice, plain: Bool, environment: [String: String]) -> TerminalStyle
  {
    let isTerminal = isatty(STDOUT_FILENO) != 0
    return resolve(
      color: color, plain: plain, isTerminal: isTerminal, environment: environment,
      width: isTerminal ? terminalWidth() : nil)
  }

  /// The width of the terminal on standard output, if it is one and says.
  public static func terminalWidth() -> Int? {
    var size = winsize()
    #if canImport(Glibc)
      let result = ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size)
    #else
      let result = ioctl(STDOUT_FILENO, TIOCGWINSZ, &size)
    #endif
    guard result == 0, size.ws_col > 0 else { return nil }
    return Int(size.ws_col)
  }
}

extension String {
  fileprivate var trimmingSpaces: Substring {
    let start = drop { $0 == " " || $0 == "\t" }
    return start.prefix { $0 != " " && $0 != "\t" }
  }
}
