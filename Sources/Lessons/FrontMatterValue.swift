/// One value of a page's YAML front matter, with YAML's scalar types already resolved,
/// so consumers never need to import Yams.
public enum FrontMatterValue: Hashable, Sendable {
  case null
  case bool(Bool)
  case integer(Int)
  case double(Double)
  case string(String)
  case list([FrontMatterValue])
  case mapping([String: FrontMatterValue])

  public var intValue: Int? {
    if case .integer(let value) = self { return value }
    return nil
  }

  public var stringValue: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  public var boolValue: Bool? {
    if case .bool(let value) = self { return value }
    return nil
  }

  public var doubleValue: Double? {
    switch self {
    case .double(let value): return value
    case .integer(let value): return Double(value)
    default: return nil
    }
  }

  public var mappingValue: [String: FrontMatterValue]? {
    if case .mapping(let value) = self { return value }
    return nil
  }

  public var listValue: [FrontMatterValue]? {
    if case .list(let value) = self { return value }
    return nil
  }

  /// The value as an author would write it inline, for readable listings and messages.
  public var displayText: String {
    switch self {
    case .null: return "null"
    case .bool(let value): return String(value)
    case .integer(let value): return String(value)
    case .double(let value): return String(value)
    case .string(let value): return value
    case .list(let values): return "[" + values.map(\.displayText).joined(separator: ", ") + "]"
    case .mapping(let values):
      let pairs = values.keys.sorted().map { "\($0): \(values[$0]!.displayText)" }
      return "{" + pairs.joined(separator: ", ") + "}"
    }
  }
}
