import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The directory a course runs in: files its pages save, and files LFE code may read.
///
/// It is a jail. Pages and their code come from anyone, so a name that climbs out (`/x`,
/// `../x`) is refused, and so is a file reached through a link whose real place is
/// outside: a course that ships `evil.lfe` linking to the learner's `~/.profile` must not get to read
/// or overwrite it.
public enum CourseWorkspace {
  /// Whether `name` stays inside the workspace: relative, and never climbing out.
  public static func isSafe(_ name: String) -> Bool {
    !name.isEmpty && !name.hasPrefix("/") && !name.split(separator: "/").contains("..")
  }

  /// The text of a workspace file, or nil when there is no such file. Throws when the
  /// name or a link on the way leads outside.
  public static func read(_ name: String, in directory: URL) throws(WorkspaceFileError) -> String? {
    guard isSafe(name) else { throw WorkspaceFileError(name, .outside) }
    let path = directory.appendingPathComponent(name).path
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    guard let real = realPath(path) else { throw WorkspaceFileError(name, .linkOutside) }
    guard let root = realPath(directory.path), isInside(real, root) else {
      throw WorkspaceFileError(name, .linkOutside)
    }
    return try? String(contentsOf: URL(fileURLWithPath: real), encoding: .utf8)
  }

  /// Saves a file, making the directories it names. Never writes through a link: a
  /// link in the file's place is refused, and so is a directory whose real place is
  /// outside the workspace.
  public static func write(_ text: String, to name: String, in directory: URL) throws {
    guard isSafe(name) else { throw WorkspaceFileError(name, .outside) }
    let url = directory.appendingPathComponent(name)
    // Each directory on the way is checked before the next is made inside it.
    var made = directory
    for component in name.split(separator: "/").dropLast() {
      made = made.appendingPathComponent(String(component))
      var info = stat()
      if lstat(made.path, &info) != 0 {
        try FileManager.default.createDirectory(at: made, withIntermediateDirectories: false)
      }
      guard let real = realPath(made.path), let root = realPath(directory.path), isInside(real, root) else {
        throw WorkspaceFileError(name, .linkOutside)
      }
    }
    let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      if errno == ELOOP { throw WorkspaceFileError(name, .isLink) }
      throw WorkspaceFileError(name, .cannotWrite(String(cString: strerror(errno))))
    }
    defer { close(fd) }
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let n = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress, $0.count) }
      guard n > 0 else { throw WorkspaceFileError(name, .cannotWrite(String(cString: strerror(errno)))) }
      bytes = bytes.dropFirst(n)
    }
  }

  /// A fresh, empty directory under the system's temporary directory.
  public static func makeTemporary() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("tutor-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Copies the `.lfe` files beside a course's pages, which its pages may compile
  /// without defining them. Only plain files: a link is not copied, so none leads out.
  public static func seed(_ workspace: URL, from directory: String) {
    for name in lfeFiles(in: directory) {
      let source = URL(fileURLWithPath: directory).appendingPathComponent(name)
      try? FileManager.default.copyItem(at: source, to: workspace.appendingPathComponent(name))
    }
  }

  /// Copies the regular files at the top of one workspace into another; links and
  /// directories stay behind.
  public static func copyFiles(from source: URL, to target: URL) {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: source.path)) ?? []
    for name in names {
      let from = source.appendingPathComponent(name)
      guard
        let kind = try? FileManager.default.attributesOfItem(atPath: from.path)[.type] as? FileAttributeType,
        kind == .typeRegular
      else { continue }
      try? FileManager.default.copyItem(at: from, to: target.appendingPathComponent(name))
    }
  }

  /// The `.lfe` files beside a course's pages: plain files, not links.
  public static func lfeFiles(in directory: String) -> Set<String> {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return Set(
      names.filter { name in
        guard name.hasSuffix(".lfe") && !name.hasPrefix(".") else { return false }
        var info = stat()
        let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
      })
  }

  /// The path with every link resolved, or nil when it leads nowhere.
  private static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  private static func isInside(_ path: String, _ root: String) -> Bool {
    path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
  }
}

/// `write(2)`, named apart from `CourseWorkspace.write`.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
  #if canImport(Glibc)
    return Glibc.write(fd, buffer, count)
  #else
    return Darwin.write(fd, buffer, count)
  #endif
}
