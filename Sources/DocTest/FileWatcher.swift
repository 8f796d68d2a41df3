import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Wakes a watch loop when files in some directories change, or when the user presses
/// Enter. It uses inotify where the system has it and the file system sends events; it
/// also wakes every poll interval, so a caller that compares file stamps catches changes
/// on file systems that send no events (network and some container mounts).
final class FileWatcher {
  enum Wake: Equatable {
    /// inotify reported something in a watched directory.
    case fileEvent
    /// A line (Enter) on standard input.
    case enter
    /// Nothing happened within the interval: time to compare stamps.
    case interval
  }

  private var inotify: Int32 = -1
  private var watched: Set<String> = []
  private var readsInput: Bool
  /// Whether inotify is in use; false when polling only.
  private(set) var usesEvents = false

  /// `polling` skips inotify altogether; `readsInput` listens for Enter on stdin.
  init(polling: Bool, readsInput: Bool) {
    self.readsInput = readsInput
    #if canImport(Glibc)
      if !polling {
        inotify = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        usesEvents = inotify >= 0
      }
    #endif
  }

  deinit {
    if inotify >= 0 { close(inotify) }
  }

  /// Watches these directories too (those watched already are left as they are).
  func watch(_ directories: [String]) {
    #if canImport(Glibc)
      guard inotify >= 0 else { return }
      let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_MODIFY)
      for directory in directories where !watched.contains(directory) {
        if inotify_add_watch(inotify, directory, mask) >= 0 { watched.insert(directory) }
      }
    #endif
  }

  /// Waits up to `milliseconds` for a file event or a line on stdin.
  func wait(milliseconds: Int32) -> Wake {
    var fds: [pollfd] = []
    if inotify >= 0 { fds.append(pollfd(fd: inotify, events: Int16(POLLIN), revents: 0)) }
    if readsInput { fds.append(pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)) }
    let ready = fds.withUnsafeMutableBufferPointer { buffer in
      poll(buffer.baseAddress, nfds_t(buffer.count), milliseconds)
    }
    guard ready > 0 else { return .interval }
    var woke = Wake.interval
    for entry in fds where entry.revents != 0 {
      if entry.fd == inotify {
        drainEvents()
        woke = .fileEvent
      } else if readLineFromInput() {
        return .enter
      }
    }
    return woke
  }

  /// Reads and drops pending inotify events: callers compare stamps to see what changed.
  private func drainEvents() {
    var buffer = [UInt8](repeating: 0, count: 4096)
    while buffer.withUnsafeMutableBytes({ read(inotify, $0.baseAddress, $0.count) }) > 0 {}
  }

  /// Consumes one line of stdin; at end of input, stops listening to it.
  private func readLineFromInput() -> Bool {
    var byte: UInt8 = 0
    while true {
      let count = read(STDIN_FILENO, &byte, 1)
      if count <= 0 {
        readsInput = false
        return false
      }
      if byte == UInt8(ascii: "\n") { return true }
    }
  }
}
