import Foundation

/// The directory a course runs in: files its pages save, and files LFE code may read.
public enum CourseWorkspace {
  /// Whether `name` stays inside the workspace: relative, and never climbing out.
  public static func isSafe(_ name: String) -> Bool {
    !name.isEmpty && !name.hasPrefix("/") && !name.split(separator: "/").contains("..")
  }

  /// The text of a workspace file, or nil when it is missing or outside.
  public static func read(_ name: String, in directory: URL) -> String? {
    guard isSafe(name) else { return nil }
    return try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
  }

  /// Saves a file, making the directories it names.
  public static func write(_ text: String, to name: String, in directory: URL) throws {
    let url = directory.appendingPathComponent(name)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }

  /// A fresh, empty directory under the system's temporary directory.
  public static func makeTemporary() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("tutor-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Copies the `.lfe` files beside a course's pages, which its pages may compile
  /// without defining them.
  public static func seed(_ workspace: URL, from directory: String) {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    for name in names where name.hasSuffix(".lfe") && !name.hasPrefix(".") {
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

  /// The `.lfe` files beside a course's pages.
  public static func lfeFiles(in directory: String) -> Set<String> {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return Set(names.filter { $0.hasSuffix(".lfe") && !$0.hasPrefix(".") })
  }
}
