/// Why progress could not be found, read or saved. Each names the file or directory.
public enum ProgressError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Neither XDG_STATE_HOME nor HOME says where state files go.
  case noStateDirectory
  case cannotRead(path: String, reason: String)
  case cannotWrite(path: String, reason: String)
  case cannotSetAside(path: String, reason: String)
  /// Saving would make a file larger than loading accepts.
  case tooLargeToSave(path: String, bytes: Int)

  public var description: String {
    switch self {
    case .noStateDirectory:
      return "cannot tell where to keep progress: neither XDG_STATE_HOME nor HOME is set"
    case .cannotRead(let path, let reason):
      return "cannot read progress file \(path): \(reason)"
    case .cannotWrite(let path, let reason):
      return "cannot save progress to \(path): \(reason)"
    case .cannotSetAside(let path, let reason):
      return "cannot move unusable progress file \(path) aside: \(reason)"
    case .tooLargeToSave(let path, let bytes):
      return
        "cannot save progress to \(path): it would be \(bytes) bytes, over the limit of \(ProgressFile.maxSize)"
    }
  }
}
