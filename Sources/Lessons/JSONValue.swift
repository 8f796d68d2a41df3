/// A JSON document with its object keys in the order they were written, so `--json`
/// output reads in the same order as the documented format and diffs stay small.
/// The lesson model and the doc-test reports both write their JSON with it.
public enum JSONValue {
  case null
  case bool(Bool)
  case integer(Int)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  public static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }

  /// Two-space indented text; arrays and objects that are empty stay on one line.
  public func rendered(indent: String = "") -> String {
    let inner = indent + "  "
    switch self {
    case .null: return "null"
    case .bool(let value): return value ? "true" : "false"
    case .integer(let value): return String(value)
    case .number(let value):
      // JSON has no NaN or infinity; YAML's `.nan` and `.inf` become null.
      guard value.isFinite else { return "null" }
      if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
      return String(value)
    case .string(let text): return Self.quote(text)
    case .array(let values):
      if values.isEmpty { return "[]" }
      let items = values.map { inner + $0.rendered(indent: inner) }
      return "[\n" + items.joined(separator: ",\n") + "\n" + indent + "]"
    case .object(let pairs):
      if pairs.isEmpty { return "{}" }
      let items = pairs.map { inner + Self.quote($0.0) + ": " + $0.1.rendered(indent: inner) }
      return "{\n" + items.joined(separator: ",\n") + "\n" + indent + "}"
    }
  }

  public static func quote(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
