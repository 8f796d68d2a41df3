/// Why a workspace file cannot be read or written. Its description is the problem alone,
/// for a message that names the file before it (`x.lfe:none: ...`).
public struct WorkspaceFileError: Error, CustomStringConvertible, Equatable {
  public enum Problem: Equatable, Sendable {
    /// An absolute name, or one that climbs out with `..`.
    case outside
    /// A link, or a directory on the way, whose real place is outside the workspace.
    case linkOutside
    /// A link in the place of a file to write.
    case isLink
    case cannotWrite(String)
  }

  public let file: String
  public let problem: Problem

  public init(_ file: String, _ problem: Problem) {
    self.file = file
    self.problem = problem
  }

  public var description: String {
    switch problem {
    case .outside: return "file is outside the workspace"
    case .linkOutside: return "file is reached through a link that leads outside the workspace"
    case .isLink: return "file is a link; files are not written through links"
    case .cannotWrite(let reason): return "cannot write file: \(reason)"
    }
  }
}
