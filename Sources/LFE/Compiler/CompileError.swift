/// A problem found while compiling, with where it is. `warning` problems do not stop
/// a module from loading.
public struct CompileError: Error, CustomStringConvertible {
  public var message: String
  public var location: SourceLocation
  public var isWarning = false

  public init(_ message: String, at location: SourceLocation, warning: Bool = false) {
    self.message = message
    self.location = location
    self.isWarning = warning
  }

  public var description: String { "\(location): \(message)" }
}
