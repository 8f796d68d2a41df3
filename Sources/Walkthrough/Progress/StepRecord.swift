import Foundation
import Lessons

/// What is kept about one step: how it stands, how often the learner tried it, and the
/// forms they typed that passed, in order, so a later session can replay them.
public struct StepRecord: Hashable, Sendable {
  /// More inputs than this per step drops the oldest ones.
  public static let maxInputs = 50
  /// An input longer than this (in UTF-8 bytes) is not kept.
  public static let maxInputLength = 64 * 1024
  /// The inputs of one step together stay under this many bytes, oldest dropped first.
  public static let maxInputBytes = 256 * 1024

  /// The content hash of the step the record was made for.
  public var hash: String
  public var status: StepStatus
  public var tries: Int
  /// The learner's accepted inputs, oldest first.
  public private(set) var inputs: [String]
  public var updated: Date?

  public init(
    hash: String, status: StepStatus = .started, tries: Int = 0, inputs: [String] = [], updated: Date? = nil
  ) {
    self.hash = hash
    self.status = status
    self.tries = tries
    self.inputs = []
    self.updated = updated
    for input in inputs { accept(input) }
  }

  /// Keeps an input the learner typed that passed. Returns false when it is too long to
  /// keep; the oldest inputs make room when there are too many.
  @discardableResult
  public mutating func accept(_ input: String) -> Bool {
    guard input.utf8.count <= Self.maxInputLength else { return false }
    inputs.append(input)
    trimInputs()
    return true
  }

  public mutating func clearInputs() { inputs = [] }

  /// Brings a record read from a file within the limits a session keeps to.
  mutating func clamp() {
    tries = max(0, tries)
    inputs.removeAll { $0.utf8.count > Self.maxInputLength }
    trimInputs()
  }

  private mutating func trimInputs() {
    if inputs.count > Self.maxInputs { inputs.removeFirst(inputs.count - Self.maxInputs) }
    var bytes = inputs.reduce(0) { $0 + $1.utf8.count }
    while bytes > Self.maxInputBytes, let first = inputs.first {
      bytes -= first.utf8.count
      inputs.removeFirst()
    }
  }
}

extension StepRecord: Decodable {
  enum CodingKeys: String, CodingKey {
    case hash, status, tries, inputs, updated
  }

  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    hash = try container.decode(String.self, forKey: .hash)
    status = try container.decode(StepStatus.self, forKey: .status)
    tries = try container.decodeIfPresent(Int.self, forKey: .tries) ?? 0
    inputs = try container.decodeIfPresent([String].self, forKey: .inputs) ?? []
    // A time that does not parse is only a lost detail, not a reason to drop the record.
    updated = try container.decodeIfPresent(String.self, forKey: .updated).flatMap {
      try? Date($0, strategy: .iso8601)
    }
    clamp()
  }

  /// The record as the progress file writes it, keys in a fixed order.
  var json: JSONValue {
    var pairs: [(String, JSONValue)] = [
      ("hash", .string(hash)), ("status", .string(status.rawValue)), ("tries", .integer(tries)),
      ("inputs", .array(inputs.map(JSONValue.string))),
    ]
    if let updated { pairs.append(("updated", .string(updated.formatted(.iso8601)))) }
    return .object(pairs)
  }
}
