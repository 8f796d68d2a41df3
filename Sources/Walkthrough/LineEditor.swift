import CEditLine
import Foundation

/// A prompt with line editing and history (libedit's readline interface), shared by
/// `tutor repl` and `tutor learn`. History persists in ~/.tutor_history-NAME.
///
/// While it waits for keys it calls the caller's `idle` work every few milliseconds (the
/// LFE runtime runs its processes there), prints what that work printed above the
/// prompt and draws the prompt and the half-typed line again, as LFE's own shell does
/// when a process prints while the user types. Ctrl-C drops the line being typed.
public final class LineEditor {
  private let historyPath: String

  public init(historyName: String) {
    let home = ProcessInfo.processInfo.environment["HOME"] ?? NSTemporaryDirectory()
    historyPath = (home as NSString).appendingPathComponent(".tutor_history-\(historyName)")
    // Wide characters are typed and shown as the terminal's locale says.
    setlocale(LC_CTYPE, "")
    LineEditor.installInterruptHandler()
    tutor_editline_prepare { _ in LineEditor.nextKey() }
    using_history()
    _ = read_history(historyPath)
  }

  /// Milliseconds between two calls of the idle work, whether keys come or not.
  public static let idlePeriod: Int64 = 25

  /// Reads a line with `prompt`. `idle` runs every 25 ms while the prompt waits (and
  /// between keys); text it returns is printed above the prompt. Call on the thread
  /// that owns the terminal.
  public func read(prompt: String, idle: (() -> String)? = nil) -> LineInput {
    self.idle = idle
    reading = true
    interruptedRead = false
    LineEditor.active = self
    defer {
      LineEditor.active = nil
      reading = false
      self.idle = nil
    }
    // libedit shows the prompt before it sets the terminal up for editing: a key typed
    // in between (Ctrl-D, say) would reach the terminal's own line editing and be lost.
    rl_prep_terminal(0)
    let raw = readline(prompt)
    if interruptedRead {
      if let raw { free(raw) }
      // The dropped line stays on the screen, marked, and a fresh prompt follows.
      LineEditor.write("^C\n")
      return .interrupted
    }
    guard let raw else { return .endOfInput }
    defer { free(raw) }
    let line = String(cString: raw)
    if !line.trimmingCharacters(in: .whitespaces).isEmpty {
      add_history(line)
      _ = write_history(historyPath)
    }
    return .line(line)
  }

  /// Reads a line with `prompt`; nil at end of input (Ctrl-D), an empty line after Ctrl-C.
  public func readLine(prompt: String) -> String? {
    switch read(prompt: prompt) {
    case .line(let text): return text
    case .interrupted: return ""
    case .endOfInput: return nil
    }
  }

  /// Prints `text` (a newline added when it has none) above the prompt while a line is
  /// being read, then draws the prompt and the line again; at other times just prints it.
  public func printAbove(_ text: String) {
    if text.isEmpty { return }
    let shown = text.hasSuffix("\n") ? text : text + "\n"
    guard reading else {
      LineEditor.write(shown)
      return
    }
    // Back to the start of the prompt's line, cleared to the end of the screen.
    LineEditor.write("\r\u{1B}[J" + shown)
    tutor_editline_redraw()
  }

  // MARK: Ctrl-C

  /// Makes Ctrl-C set a flag instead of ending the program: at the prompt it drops the
  /// line; during an evaluation the runtime reads it through `takeInterrupt`.
  public static func installInterruptHandler() {
    _ = tutor_install_signal_handler(SIGINT) { _ in interruptPending = 1 }
    _ = tutor_install_signal_handler(SIGWINCH) { _ in resizePending = 1 }
  }

  /// Whether Ctrl-C was pressed since the last call; clears it. For `Runtime.interrupted`.
  public static func takeInterrupt() -> Bool {
    if interruptPending == 0 { return false }
    interruptPending = 0
    return true
  }

  // MARK: Reading keys

  /// The editor reading now: libedit asks for keys through a C function, which can reach
  /// only global state.
  nonisolated(unsafe) private static var active: LineEditor? = nil
  private var idle: (() -> String)? = nil
  private var reading = false
  private var interruptedRead = false
  private var lastIdle: Int64 = 0

  /// The next key for libedit, as a Unicode scalar, or -1 to end the read (Ctrl-C, or
  /// the end of the input).
  private static func nextKey() -> Int32 {
    guard let editor = active else { return readScalar() ?? -1 }
    return editor.waitForKey()
  }

  private func waitForKey() -> Int32 {
    while true {
      if LineEditor.takeInterrupt() {
        interruptedRead = true
        return -1
      }
      if resizePending != 0 {
        resizePending = 0
        rl_resize_terminal()
      }
      var fds = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
      var wait: Int32 = -1
      if idle != nil {
        // Not while keys wait to be read: a pasted text, or the rest of an arrow key's
        // escape sequence, is read first.
        if LineEditor.milliseconds() - lastIdle >= LineEditor.idlePeriod && poll(&fds, 1, 0) == 0 {
          runIdle()
        }
        wait = Int32(clamping: max(1, lastIdle + LineEditor.idlePeriod - LineEditor.milliseconds()))
      }
      let ready = poll(&fds, 1, wait)
      if ready < 0 {
        if errno == EINTR { continue }
        return -1
      }
      if ready == 0 { continue }
      return LineEditor.readScalar() ?? -1
    }
  }

  private func runIdle() {
    lastIdle = LineEditor.milliseconds()
    guard let idle else { return }
    printAbove(idle())
  }

  /// Reads one UTF-8 encoded character from standard input; nil at its end. A byte that
  /// starts no valid sequence is passed on as it is.
  private static func readScalar() -> Int32? {
    guard let first = readByte() else { return nil }
    let length: Int
    switch first {
    case 0xC2...0xDF: length = 2
    case 0xE0...0xEF: length = 3
    case 0xF0...0xF4: length = 4
    default: return Int32(first)
    }
    var bytes = [first]
    while bytes.count < length {
      var fds = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
      guard poll(&fds, 1, 100) > 0, let next = readByte(), next & 0xC0 == 0x80 else { return Int32(first) }
      bytes.append(next)
    }
    guard let scalar = String(decoding: bytes, as: UTF8.self).unicodeScalars.first else {
      return Int32(first)
    }
    return Int32(bitPattern: scalar.value)
  }

  private static func readByte() -> UInt8? {
    var byte: UInt8 = 0
    while true {
      let n = Foundation.read(STDIN_FILENO, &byte, 1)
      if n == 1 { return byte }
      if n < 0 && errno == EINTR { continue }
      return nil
    }
  }

  private static func write(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  private static func milliseconds() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
  }
}

/// Set by the SIGINT handler. A signal handler can only reach global state, and
/// `sig_atomic_t` is what it may write.
nonisolated(unsafe) private var interruptPending: sig_atomic_t = 0
/// Set by the SIGWINCH handler: the terminal changed size.
nonisolated(unsafe) private var resizePending: sig_atomic_t = 0
