import Foundation

/// Where one course's progress lives on disk, and the file operations that keep it
/// whole: reads with a size limit, atomic replacement, setting a bad file aside.
public struct ProgressFile: Hashable, Sendable {
  /// A larger file is not read: no session writes one this big.
  public static let maxSize = 16 * 1024 * 1024

  public var url: URL
  public var path: String { url.path }

  public init(url: URL) {
    self.url = url
  }

  /// The file for a course: `$XDG_STATE_HOME/tutor/` (else `$HOME/.local/state/tutor/`),
  /// named after the course directory's real path.
  public static func locate(courseDirectory: String, environment: [String: String]) throws -> ProgressFile {
    let directory = try stateDirectory(environment: environment)
    return ProgressFile(
      url: directory.appendingPathComponent(fileName(forCourse: canonicalPath(of: courseDirectory))))
  }

  /// The XDG base directory rules: a relative XDG_STATE_HOME is ignored.
  static func stateDirectory(environment: [String: String]) throws -> URL {
    if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
      return URL(fileURLWithPath: state, isDirectory: true).appendingPathComponent("tutor", isDirectory: true)
    }
    guard let home = environment["HOME"], !home.isEmpty else { throw ProgressError.noStateDirectory }
    return URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(
      ".local/state/tutor", isDirectory: true)
  }

  /// The absolute path with links resolved, so every spelling of a course directory
  /// finds the same file.
  public static func canonicalPath(of path: String) -> String {
    let absolute =
      path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    if let resolved = realpath(absolute, nil) {
      defer { free(resolved) }
      return String(cString: resolved)
    }
    return URL(fileURLWithPath: absolute).standardizedFileURL.path
  }

  /// `processes-3fa2c1d09e.json`: the directory's name for people, a hash of the whole
  /// path so two courses with the same name keep apart.
  static func fileName(forCourse path: String) -> String {
    var slug = ""
    for scalar in (path as NSString).lastPathComponent.lowercased().unicodeScalars {
      if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
        slug.unicodeScalars.append(scalar)
      } else if !slug.isEmpty, !slug.hasSuffix("-") {
        slug += "-"
      }
      if slug.count >= 40 { break }
    }
    while slug.hasSuffix("-") { slug.removeLast() }
    return (slug.isEmpty ? "course" : slug) + "-" + ContentHash.of(path).prefix(10) + ".json"
  }

  enum Contents: Equatable {
    case missing
    case data(Data)
    case tooLarge(bytes: Int)
  }

  /// Reads the whole file, or says it is missing or too large without reading it.
  func readContents() throws -> Contents {
    // O_NONBLOCK so a FIFO put in the file's place cannot hang the open.
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else {
      // A file where a directory should be means no progress file either; saving will
      // say what is wrong.
      if errno == ENOENT || errno == ENOTDIR { return .missing }
      throw ProgressError.cannotRead(path: path, reason: Self.lastError())
    }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw ProgressError.cannotRead(path: path, reason: Self.lastError()) }
    guard info.st_mode & S_IFMT == S_IFREG else {
      throw ProgressError.cannotRead(path: path, reason: "it is not a regular file")
    }
    if info.st_size > Self.maxSize { return .tooLarge(bytes: Int(info.st_size)) }
    var bytes = [UInt8]()
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw ProgressError.cannotRead(path: path, reason: Self.lastError())
      }
      if count == 0 { break }
      bytes += chunk[0..<count]
      // The file may have grown since fstat.
      if bytes.count > Self.maxSize { return .tooLarge(bytes: bytes.count) }
    }
    return .data(Data(bytes))
  }

  /// Replaces the file with `data` so that a reader (or a crash at any moment) sees the
  /// old file or the new one, never part of one: a temporary file in the same
  /// directory, flushed to disk, then renamed over the old.
  func replace(with data: Data) throws {
    let directory = url.deletingLastPathComponent().path
    try Self.makeDirectories(directory, for: path)
    let temporary =
      directory + "/" + temporaryPrefix + String(getpid()) + "-"
      + String(UInt32.random(in: 0...UInt32.max), radix: 16)
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw ProgressError.cannotWrite(path: path, reason: Self.lastError()) }
    var failure: String?
    data.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          failure = Self.lastError()
          return
        }
        offset += written
      }
    }
    if failure == nil, fsync(fd) != 0 { failure = Self.lastError() }
    if close(fd) != 0, failure == nil { failure = Self.lastError() }
    if failure == nil, rename(temporary, path) != 0 { failure = Self.lastError() }
    if let failure {
      unlink(temporary)
      throw ProgressError.cannotWrite(path: path, reason: failure)
    }
    // The rename itself lasts only once the directory is on disk too.
    let directoryFD = open(directory, O_RDONLY | O_CLOEXEC)
    if directoryFD >= 0 {
      fsync(directoryFD)
      close(directoryFD)
    }
  }

  /// Renames the file to `NAME.corrupt-<UTC time>` (with a number if that exists) and
  /// returns the new path.
  func setAside(now: Date = Date()) throws -> String {
    let time = now.formatted(Date.ISO8601FormatStyle(dateSeparator: .omitted, timeSeparator: .omitted))
    var target = path + ".corrupt-" + time
    var number = 1
    while FileManager.default.fileExists(atPath: target) {
      number += 1
      target = path + ".corrupt-" + time + "-" + String(number)
    }
    guard rename(path, target) == 0 else {
      throw ProgressError.cannotSetAside(path: path, reason: Self.lastError())
    }
    return target
  }

  /// Deletes the file; a file that is not there is fine.
  func remove() throws {
    if unlink(path) != 0, errno != ENOENT {
      throw ProgressError.cannotWrite(path: path, reason: Self.lastError())
    }
  }

  /// Temporary files left by a process that was killed before its rename.
  func removeStaleTemporaries() {
    let directory = url.deletingLastPathComponent().path
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
    for name in names where name.hasPrefix(temporaryPrefix) {
      let rest = name.dropFirst(temporaryPrefix.count)
      guard let pid = rest.split(separator: "-").first.flatMap({ Int32($0) }) else { continue }
      // A live writer (another tutor on the same course) still needs its file.
      if pid == getpid() || kill(pid, 0) == 0 || errno != ESRCH { continue }
      unlink(directory + "/" + name)
    }
  }

  private var temporaryPrefix: String { "." + url.lastPathComponent + ".tmp-" }

  /// Makes each missing directory on the way, readable by the learner alone.
  private static func makeDirectories(_ directory: String, for path: String) throws {
    var current = ""
    for component in directory.split(separator: "/") {
      current += "/" + component
      if mkdir(current, 0o700) != 0, errno != EEXIST {
        throw ProgressError.cannotWrite(path: path, reason: "cannot create \(current): \(lastError())")
      }
    }
  }

  private static func lastError() -> String { String(cString: strerror(errno)) }
}
