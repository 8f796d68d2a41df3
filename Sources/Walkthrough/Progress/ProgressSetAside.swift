/// A progress file that could not be used and was renamed out of the way, so the
/// learner starts afresh instead of being stuck; nothing is deleted.
public struct ProgressSetAside: Hashable, Sendable, CustomStringConvertible {
  public enum Reason: Error, Hashable, Sendable {
    /// Not JSON, cut short, or not the shape of a progress file.
    case damaged(String)
    case unknownVersion(Int)
    case tooLarge(bytes: Int)
    /// The file records another course (the names of two courses collided).
    case otherCourse(String)
  }

  public var path: String
  public var movedTo: String
  public var reason: Reason

  public var description: String {
    let why: String
    switch reason {
    case .damaged(let detail): why = "it is damaged (\(detail))"
    case .unknownVersion(let version): why = "it has version \(version), and this tutor reads version 1"
    case .tooLarge(let bytes): why = "it is \(bytes) bytes, over the limit of \(ProgressFile.maxSize)"
    case .otherCourse(let course): why = "it belongs to another course, \(course)"
    }
    return "progress file \(path) was set aside as \(movedTo) because \(why); progress starts empty"
  }
}
