#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The runtime's time, in milliseconds. Virtual when checking pages: it stands still
/// while anything can run and jumps to the next timeout when every process waits, so
/// `after 1000` costs nothing and every run is the same. Real in the shell.
public enum ClockMode: Sendable {
  case virtual, real
}

struct Clock {
  private(set) var mode: ClockMode
  private var virtualNow: Int64 = 0
  /// The host time at which a real clock reads zero.
  private var origin: Int64

  init(mode: ClockMode) {
    self.mode = mode
    origin = Clock.hostMilliseconds()
  }

  /// Changes the mode without a jump: the new clock starts from the old one's `now`, so
  /// deadlines already set keep their distance from it.
  mutating func switchTo(_ newMode: ClockMode) {
    if newMode == mode { return }
    let current = now
    mode = newMode
    switch newMode {
    case .virtual: virtualNow = current
    case .real: origin = Clock.hostMilliseconds() - current
    }
  }

  var now: Int64 {
    switch mode {
    case .virtual: return virtualNow
    case .real: return Clock.hostMilliseconds() - origin
    }
  }

  /// Moves virtual time forward to `t`. A real clock moves by itself: the scheduler
  /// sleeps until a deadline comes (see `Runtime.run`).
  mutating func advance(to t: Int64) {
    if mode == .virtual && t > virtualNow { virtualNow = t }
  }

  /// The host's date and time as OTP's error reports show it: `25-Nov-2026::01:31:25.361570`.
  static func wallClockStamp() -> String {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    var t = time_t(ts.tv_sec)
    var parts = tm()
    localtime_r(&t, &parts)
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
    let micros = String(Int(ts.tv_nsec) / 1000)
    let padded = String(repeating: "0", count: max(0, 6 - micros.count)) + micros
    return "\(parts.tm_mday)-\(months[Int(parts.tm_mon)])-\(parts.tm_year + 1900)::"
      + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)).\(padded)"
  }

  /// Sleeps the host thread (a real clock waiting for a timer).
  static func sleep(milliseconds ms: Int64) {
    usleep(UInt32(clamping: ms * 1000))
  }

  static func hostMilliseconds() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
  }
}
