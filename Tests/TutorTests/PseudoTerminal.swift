import Foundation

#if canImport(Glibc)
  import Glibc

  /// A program run on a pseudo-terminal, as a person at a terminal runs it: keys go in as
  /// raw bytes (Ctrl-C as "\u{3}", Enter as "\r"), and what it prints is collected for
  /// matching with its escape sequences stripped. Every wait has a timeout, and the child
  /// is killed when this goes away, so a test can fail but never hang.
  final class PseudoTerminal {
    let pid: pid_t
    private let master: Int32
    /// Everything the program printed, as bytes.
    private(set) var raw: [UInt8] = []
    /// Where the next `waitFor` starts looking, in `screenText`.
    private var cursor: String.Index? = nil
    private var exitStatus: Int32? = nil

    /// Starts `executable` with `arguments` in `directory`. The environment holds only
    /// TERM, COLUMNS, LINES, PATH, HOME and XDG_STATE_HOME (both in a fresh temporary
    /// directory, so no history or state of the user's leaks in), `environment`, and any
    /// sanitizer options.
    init(
      executable: URL, arguments: [String] = [], environment: [String: String] = [:],
      directory: URL? = nil, columns: Int = 100, rows: Int = 30
    ) throws {
      let home = FileManager.default.temporaryDirectory.appendingPathComponent(
        "pty-home-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
      var env: [String: String] = [
        "TERM": "xterm-256color", "COLUMNS": String(columns), "LINES": String(rows),
        "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        "HOME": home.path, "XDG_STATE_HOME": home.appendingPathComponent("state").path,
        "LANG": "C.UTF-8",
      ]
      env.merge(environment) { _, new in new }
      // A sanitizer build's own settings (leak suppressions) go along too.
      let sanitizer = ProcessInfo.processInfo.environment.filter { $0.key.hasSuffix("SAN_OPTIONS") }
      env.merge(sanitizer) { own, _ in own }
      // Everything the child needs is made before the fork: after it, the child may only
      // call what is safe in a forked copy of a threaded program (chdir, execve, _exit).
      let argv = CStringArray([executable.path] + arguments)
      let envp = CStringArray(env.map { "\($0.key)=\($0.value)" }.sorted())
      guard let path = strdup(executable.path),
        let dir = strdup((directory ?? FileManager.default.temporaryDirectory).path)
      else { throw Failure.cannotStart(ENOMEM) }
      defer {
        free(path)
        free(dir)
      }
      var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
      var fd: Int32 = -1
      let child = forkpty(&fd, nil, nil, &size)
      if child == 0 {
        _ = chdir(dir)
        _ = execve(path, argv.pointers, envp.pointers)
        _exit(127)
      }
      guard child > 0 else { throw Failure.cannotStart(errno) }
      pid = child
      master = fd
      _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
    }

    deinit {
      if exitStatus == nil {
        Glibc.kill(pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
      }
      close(master)
    }

    /// Types `keys`: their bytes go to the program as a terminal would send them.
    func send(_ keys: String) {
      let bytes = Array(keys.utf8)
      var offset = 0
      let deadline = Date().addingTimeInterval(5)
      while offset < bytes.count && Date() < deadline {
        let n = bytes[offset...].withUnsafeBytes { Glibc.write(master, $0.baseAddress, $0.count) }
        if n > 0 {
          offset += n
        } else {
          // The program is not reading: take its output so it can go on, then try again.
          pump(milliseconds: 10)
        }
      }
    }

    /// Waits until `text` shows in what was printed since the end of the last match (the
    /// escape sequences stripped); true when it did within `timeout` seconds. A match moves
    /// the start of the next search past it, as `expect` does.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 5) -> Bool {
      let deadline = Date().addingTimeInterval(timeout)
      while true {
        let screen = screenText
        let from = cursor.map { min($0, screen.endIndex) } ?? screen.startIndex
        if let found = screen.range(of: text, range: from..<screen.endIndex) {
          cursor = found.upperBound
          return true
        }
        let left = deadline.timeIntervalSinceNow
        if left <= 0 { return false }
        if !pump(milliseconds: Int32(min(left * 1000, 50))) && exitStatus != nil {
          // The program ended and said all it will say.
          return screenText[from...].contains(text)
        }
      }
    }

    /// Takes whatever the program printed in the next `seconds`.
    func collect(for seconds: Double) {
      let deadline = Date().addingTimeInterval(seconds)
      while deadline.timeIntervalSinceNow > 0 {
        pump(milliseconds: Int32(max(1, min(deadline.timeIntervalSinceNow * 1000, 50))))
      }
    }

    /// What was printed, as text, with escape sequences and carriage returns removed.
    var screenText: String {
      PseudoTerminal.stripped(String(decoding: raw, as: UTF8.self))
    }

    /// What was printed since the end of the last match.
    var textSinceLastMatch: String {
      let screen = screenText
      return String(screen[(cursor.map { min($0, screen.endIndex) } ?? screen.startIndex)...])
    }

    func kill(_ signal: Int32) {
      if exitStatus == nil { Glibc.kill(pid, signal) }
    }

    /// Waits for the program to end; its exit status (128 + the signal for a killed one),
    /// or nil if it still runs after `timeout` seconds.
    func waitForExit(timeout: Double = 5) -> Int32? {
      let deadline = Date().addingTimeInterval(timeout)
      while exitStatus == nil {
        pump(milliseconds: 20)
        reap()
        if exitStatus != nil || deadline.timeIntervalSinceNow <= 0 { break }
      }
      return exitStatus
    }

    private func reap() {
      guard exitStatus == nil else { return }
      var status: Int32 = 0
      if waitpid(pid, &status, WNOHANG) == pid {
        let signal = status & 0x7F
        exitStatus = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
      }
    }

    /// Reads what is there, waiting up to `milliseconds` for something; false when the
    /// terminal has closed (the program ended).
    @discardableResult
    private func pump(milliseconds: Int32) -> Bool {
      var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
      let ready = poll(&fds, 1, milliseconds)
      if ready <= 0 { return true }
      var buffer = [UInt8](repeating: 0, count: 4096)
      var open = true
      while true {
        let n = buffer.withUnsafeMutableBytes { Glibc.read(master, $0.baseAddress, $0.count) }
        if n > 0 {
          raw.append(contentsOf: buffer[0..<n])
          continue
        }
        // EIO: the other side closed; EAGAIN: nothing more for now.
        if n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR) {
          open = false
          reap()
        }
        break
      }
      return open
    }

    /// `text` without terminal escape sequences (CSI, OSC, two-byte escapes) and carriage
    /// returns.
    static func stripped(_ text: String) -> String {
      var out = ""
      var scalars = text.unicodeScalars.makeIterator()
      while let c = scalars.next() {
        switch c {
        case "\u{1B}":
          guard let kind = scalars.next() else { break }
          if kind == "[" {
            // Parameters and intermediates, up to a final byte in @...~.
            while let p = scalars.next(), !(0x40...0x7E).contains(p.value) {}
          } else if kind == "]" {
            // Up to BEL or ESC \.
            while let p = scalars.next(), p != "\u{7}" {
              if p == "\u{1B}" {
                _ = scalars.next()
                break
              }
            }
          }
        case "\r", "\u{7}":
          continue
        default:
          out.unicodeScalars.append(c)
        }
      }
      return out
    }
  }

  extension PseudoTerminal {
    enum Failure: Error {
      /// forkpty failed with this errno.
      case cannotStart(Int32)
    }

    /// A NULL-terminated array of C strings that lives as long as this does.
    final class CStringArray {
      let pointers: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
      private let count: Int

      init(_ strings: [String]) {
        count = strings.count
        pointers = .allocate(capacity: strings.count + 1)
        for (i, s) in strings.enumerated() { pointers[i] = strdup(s) }
        pointers[strings.count] = nil
      }

      deinit {
        for i in 0..<count { free(pointers[i]) }
        pointers.deallocate()
      }
    }
  }
#endif
