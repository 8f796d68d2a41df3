import Lessons

/// One page's saved progress: a record per step, keyed by step id, and where the
/// learner is.
public struct PageProgress: Hashable, Sendable {
  /// The id of the step the learner is at.
  public var position: String?
  /// The content hash of that step, when known, so the place survives renumbering.
  public var positionHash: String?
  public var steps: [String: StepRecord]

  public init(position: String? = nil, positionHash: String? = nil, steps: [String: StepRecord] = [:]) {
    self.position = position
    self.positionHash = positionHash
    self.steps = steps
  }

  /// The same progress with each record moved to the current step it belongs to.
  ///
  /// A record stays with its id while the hash still matches. Otherwise it moves to an
  /// unclaimed step with the same hash (an earlier step was added or removed, so the
  /// step's number changed), taking them in page order so repeated identical steps keep
  /// their order. Records that no step claims were for steps whose content changed:
  /// they are dropped, since what the learner did no longer answers what the step asks.
  public func rebased(onto current: [Step]) -> PageProgress {
    var claimed: [String: StepRecord] = [:]
    var newID: [String: String] = [:]
    var unused = Set(steps.keys)
    for step in current {
      if let record = steps[step.id], record.hash == step.contentHash {
        claimed[step.id] = record
        newID[step.id] = step.id
        unused.remove(step.id)
      }
    }
    var leftover = unused.sorted { (Self.ordinal(of: $0), $0) < (Self.ordinal(of: $1), $1) }
    for step in current where claimed[step.id] == nil {
      guard let index = leftover.firstIndex(where: { steps[$0]?.hash == step.contentHash }) else { continue }
      let oldID = leftover.remove(at: index)
      claimed[step.id] = steps[oldID]
      newID[oldID] = step.id
    }
    var rebased = PageProgress(steps: claimed)
    if let position {
      let here = current.first { $0.id == position }
      let oldOrdinal = Self.ordinal(of: position)
      let byHash = positionHash.flatMap { hash in
        current.filter { $0.contentHash == hash }.min {
          abs($0.ordinal - oldOrdinal) < abs($1.ordinal - oldOrdinal)
        }
      }
      if let moved = newID[position] {
        rebased.position = moved
      } else if let here, positionHash == nil || here.contentHash == positionHash {
        rebased.position = here.id
      } else if let byHash {
        rebased.position = byHash.id
      } else {
        // The step changed, or the page got shorter: stay at the same number if it is
        // still there, else at the end.
        rebased.position = here?.id ?? current.last?.id
      }
      rebased.positionHash = current.first { $0.id == rebased.position }?.contentHash
    }
    return rebased
  }

  /// The number after `#` in a step id; ids from a hostile file may have none.
  static func ordinal(of id: String) -> Int {
    guard let hash = id.lastIndex(of: "#") else { return Int.max }
    guard let number = Int(id[id.index(after: hash)...]), number >= 0 else { return Int.max }
    return number
  }

  /// Step ids in page order, for writing.
  var orderedStepIDs: [String] {
    steps.keys.sorted { (Self.ordinal(of: $0), $0) < (Self.ordinal(of: $1), $1) }
  }
}

extension PageProgress: Decodable {
  enum CodingKeys: String, CodingKey {
    case position, positionHash, steps
  }

  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    position = try container.decodeIfPresent(String.self, forKey: .position)
    positionHash = try container.decodeIfPresent(String.self, forKey: .positionHash)
    steps = try container.decodeIfPresent([String: StepRecord].self, forKey: .steps) ?? [:]
  }

  var json: JSONValue {
    var pairs: [(String, JSONValue)] = []
    if let position { pairs.append(("position", .string(position))) }
    if let positionHash { pairs.append(("positionHash", .string(positionHash))) }
    pairs.append(("steps", .object(orderedStepIDs.compactMap { id in steps[id].map { (id, $0.json) } })))
    return .object(pairs)
  }
}
