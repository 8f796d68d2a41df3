import Foundation
import Lessons

/// A page with its steps in page order.
public struct PageSteps: Hashable, Sendable {
  public var page: Page
  /// The page's file name without its extension: the first half of every step id.
  public var stem: String
  public var steps: [Step]

  public init(page: Page) {
    self.page = page
    stem = Self.stem(of: page.path)
    steps = Self.steps(of: page, stem: stem)
  }

  public static func stem(of path: String) -> String {
    let name = (path as NSString).lastPathComponent
    let stripped = (name as NSString).deletingPathExtension
    return stripped.isEmpty ? name : stripped
  }

  /// Source blocks with a file, each exchange of a transcript, and each exercise (its
  /// starter, hidden solution and grading transcript together) are steps. Skipped
  /// blocks are only shown.
  static func steps(of page: Page, stem: String) -> [Step] {
    var steps: [Step] = []
    func add(_ kind: Step.Kind, block: Int, content: String) {
      let ordinal = steps.count + 1
      steps.append(
        Step(
          kind: kind, id: "\(stem)#\(ordinal)", ordinal: ordinal, blockIndex: block,
          contentHash: ContentHash.of(content)))
    }
    let blocks = page.blocks
    var consumed: Set<Int> = []
    for (index, block) in blocks.enumerated() where !consumed.contains(index) && !block.options.skip {
      switch block.kind {
      case .source where block.options.exercise:
        guard block.file != nil else { continue }
        let solution = blocks.indices.dropFirst(index + 1).first {
          blocks[$0].kind != .other || blocks[$0].options.solution
        }.flatMap { blocks[$0].options.solution ? $0 : nil }
        let afterSolution = (solution ?? index) + 1
        let grading = blocks.indices.dropFirst(afterSolution).first { blocks[$0].kind != .other }
          .flatMap { blocks[$0].kind == .transcript && !blocks[$0].options.skip ? $0 : nil }
        if let solution { consumed.insert(solution) }
        if let grading { consumed.insert(grading) }
        var content = "exercise\u{0}\(block.file ?? "")\u{0}\(block.text)"
        if let solution { content += "\u{0}" + blocks[solution].text }
        if let grading { content += "\u{0}" + blocks[grading].text }
        add(.exercise(solutionBlock: solution, gradingBlock: grading), block: index, content: content)
      case .source:
        guard block.file != nil, !block.options.solution else { continue }
        add(.source, block: index, content: "source\u{0}\(block.file ?? "")\u{0}\(block.text)")
      case .transcript:
        for (number, exchange) in block.exchanges.enumerated() {
          add(
            .exchange(index: number), block: index,
            content: "exchange\u{0}\(exchange.input)\u{0}\(exchange.expectedText)")
        }
      case .other:
        continue
      }
    }
    return steps
  }
}

/// A stable hash of text (64-bit FNV-1a, in hex): the same on every run and machine,
/// unlike Swift's `Hasher`, which is seeded per process.
public enum ContentHash {
  public static func of(_ text: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}
