import Foundation

/// One expected output line, read as a pattern: literal text with holes where the page
/// shows a pid, a fun or a reference, whose printed values differ from run to run.
public struct LinePattern: Hashable, Sendable {
  enum Piece: Hashable, Sendable {
    case literal([UInt8])
    /// A pid, by its three numbers: `0.25.0`.
    case pid(String)
    /// `#Fun<...>` or `#Ref<...>`: any value of that kind.
    case any(tag: [UInt8])
  }

  public let text: String
  let pieces: [Piece]
  /// A line that is just `...`: any number of lines.
  public let isEllipsis: Bool
  /// The header of an Erlang report, `=ERROR REPORT==== 25-Nov-2026::01:31:25.361570 ===`:
  /// the part before the timestamp, which any timestamp matches.
  let reportHeader: [UInt8]?

  public init(_ text: String) {
    self.text = text
    let bytes = Array(text.utf8)
    isEllipsis = text.trimmingCharacters(in: CharacterSet(charactersIn: " \t")) == "..."
    reportHeader = Self.reportHeaderPrefix(bytes)
    pieces = Self.pieces(of: bytes)
  }

  /// Whether the line has holes; a line without them matches only itself.
  public var isLiteral: Bool {
    reportHeader == nil && pieces.allSatisfy { if case .literal = $0 { true } else { false } }
  }

  /// The pids the line writes, in order, as their three numbers.
  var writtenPids: [String] {
    pieces.compactMap { if case .pid(let numbers) = $0 { numbers } else { nil } }
  }

  /// Matches one actual line, extending `bindings` with the pids it binds.
  public func match(_ actual: String, _ bindings: PidBindings) -> PidBindings? {
    let bytes = Array(actual.utf8)
    if let header = reportHeader {
      guard let other = Self.reportHeaderPrefix(bytes), other == header else { return nil }
      return bindings
    }
    var position = 0
    var bindings = bindings
    for piece in pieces {
      switch piece {
      case .literal(let literal):
        guard bytes.count - position >= literal.count,
          bytes[position..<(position + literal.count)].elementsEqual(literal)
        else { return nil }
        position += literal.count
      case .pid(let written):
        guard let (numbers, end) = Self.pid(in: bytes, at: position),
          let extended = bindings.binding(written, to: numbers)
        else { return nil }
        bindings = extended
        position = end
      case .any(let tag):
        guard bytes.count - position >= tag.count,
          bytes[position..<(position + tag.count)].elementsEqual(tag),
          let close = bytes[(position + tag.count)...].firstIndex(of: UInt8(ascii: ">"))
        else { return nil }
        position = close + 1
      }
    }
    return position == bytes.count ? bindings : nil
  }

  /// The line with each pid the bindings know written as the page writes it.
  static func rewritingPids(_ line: String, _ rename: (String) -> String?) -> String {
    let bytes = Array(line.utf8)
    var out: [UInt8] = []
    var position = 0
    while position < bytes.count {
      if let (numbers, end) = pid(in: bytes, at: position), let written = rename(numbers) {
        let tagged = bytes[position] == UInt8(ascii: "#")
        out += Array(((tagged ? "#Pid<" : "<") + written + ">").utf8)
        position = end
      } else {
        out.append(bytes[position])
        position += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The pids an actual line prints, as their three numbers.
  static func pids(in line: String) -> [String] {
    let bytes = Array(line.utf8)
    var found: [String] = []
    var position = 0
    while position < bytes.count {
      if let (numbers, end) = pid(in: bytes, at: position) {
        found.append(numbers)
        position = end
      } else {
        position += 1
      }
    }
    return found
  }

  private static let pidTag = Array("#Pid<".utf8)
  private static let funTag = Array("#Fun<".utf8)
  private static let refTag = Array("#Ref<".utf8)

  private static func pieces(of bytes: [UInt8]) -> [Piece] {
    var pieces: [Piece] = []
    var literal: [UInt8] = []
    var position = 0
    func flush() {
      if !literal.isEmpty { pieces.append(.literal(literal)) }
      literal = []
    }
    while position < bytes.count {
      if let (numbers, end) = pid(in: bytes, at: position) {
        flush()
        pieces.append(.pid(numbers))
        position = end
        continue
      }
      var matchedTag = false
      for tag in [funTag, refTag] where hasPrefix(bytes, tag, at: position) {
        if let close = bytes[(position + tag.count)...].firstIndex(of: UInt8(ascii: ">")) {
          flush()
          pieces.append(.any(tag: tag))
          position = close + 1
          matchedTag = true
        }
        break
      }
      if matchedTag { continue }
      literal.append(bytes[position])
      position += 1
    }
    flush()
    return pieces
  }

  /// A pid spelled `<A.B.C>` or `#Pid<A.B.C>` starting at `position`: its numbers and
  /// where it ends.
  static func pid(in bytes: [UInt8], at position: Int) -> (String, Int)? {
    var start = position
    if hasPrefix(bytes, pidTag, at: position) {
      start += pidTag.count
    } else if bytes[position] == UInt8(ascii: "<") {
      start += 1
    } else {
      return nil
    }
    var index = start
    var groups = 0
    while groups < 3 {
      let digitsStart = index
      while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
        index += 1
      }
      guard index > digitsStart, index < bytes.count else { return nil }
      groups += 1
      let expected = groups == 3 ? UInt8(ascii: ">") : UInt8(ascii: ".")
      guard bytes[index] == expected else { return nil }
      index += 1
    }
    return (String(decoding: bytes[start..<(index - 1)], as: UTF8.self), index)
  }

  private static func hasPrefix(_ bytes: [UInt8], _ prefix: [UInt8], at position: Int) -> Bool {
    bytes.count - position >= prefix.count
      && bytes[position..<(position + prefix.count)].elementsEqual(prefix)
  }

  /// `=ERROR REPORT==== ` (and the INFO, WARNING, CRASH kinds) when the line is such a
  /// header ending in ` ===`.
  private static func reportHeaderPrefix(_ bytes: [UInt8]) -> [UInt8]? {
    let marker = Array(" REPORT==== ".utf8)
    let ending = Array(" ===".utf8)
    guard bytes.first == UInt8(ascii: "="), bytes.count > marker.count + ending.count,
      bytes.suffix(ending.count).elementsEqual(ending)
    else { return nil }
    for start in 1...(bytes.count - marker.count) where hasPrefix(bytes, marker, at: start) {
      return Array(bytes[..<(start + marker.count)])
    }
    return nil
  }
}
