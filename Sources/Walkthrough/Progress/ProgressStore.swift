import Foundation

/// A learner's saved progress through one course, read when made and written to disk,
/// whole and atomically, after every change.
///
/// Records are found by step id and content hash: after `rebase(onto:)` each record sits
/// under the id of the current step it belongs to, and records of steps whose content
/// changed are gone. A value type: a session keeps one in a `var`.
public struct ProgressStore: Sendable {
  public let file: ProgressFile
  public private(set) var document: ProgressDocument
  /// Set when the file found on disk could not be used and was moved aside.
  public private(set) var setAside: ProgressSetAside?
  /// Pages whose records are known to sit under their current step ids.
  private var rebasedPages: Set<String> = []

  public var fileURL: URL { file.url }

  /// Finds and reads the course's progress file; a missing file is empty progress. Throws
  /// when there is nowhere to keep progress or the file cannot be read at all.
  public init(
    courseDirectory: String, environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws {
    try self.init(
      file: ProgressFile.locate(courseDirectory: courseDirectory, environment: environment),
      course: ProgressFile.canonicalPath(of: courseDirectory))
  }

  /// Reads `file`, which keeps the progress of the course at the absolute path `course`.
  public init(file: ProgressFile, course: String) throws {
    self.file = file
    document = ProgressDocument(course: course)
    file.removeStaleTemporaries()
    let reason: ProgressSetAside.Reason
    switch try file.readContents() {
    case .missing:
      return
    case .tooLarge(let bytes):
      reason = .tooLarge(bytes: bytes)
    case .data(let data):
      switch Self.decode(data, course: course) {
      case .success(let read):
        document = read
        return
      case .failure(let why):
        reason = why
      }
    }
    let movedTo = try file.setAside()
    setAside = ProgressSetAside(path: file.path, movedTo: movedTo, reason: reason)
  }

  private static func decode(
    _ data: Data, course: String
  ) -> Result<ProgressDocument, ProgressSetAside.Reason> {
    let decoder = JSONDecoder()
    let version: Int
    do {
      version = try decoder.decode(ProgressDocument.Version.self, from: data).version
    } catch {
      return .failure(.damaged(describe(error)))
    }
    guard version == ProgressDocument.currentVersion else { return .failure(.unknownVersion(version)) }
    do {
      let read = try decoder.decode(ProgressDocument.self, from: data)
      guard read.course == course else { return .failure(.otherCourse(read.course)) }
      return .success(read)
    } catch {
      return .failure(.damaged(describe(error)))
    }
  }

  /// A short account of a decoding error: where in the document, and what was wrong.
  private static func describe(_ error: Error) -> String {
    guard let error = error as? DecodingError else { return "not JSON" }
    func at(_ context: DecodingError.Context) -> String {
      let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
      return path.isEmpty ? "" : " at " + path.joined(separator: ".")
    }
    switch error {
    case .typeMismatch(_, let context): return "wrong type" + at(context)
    case .valueNotFound(_, let context): return "missing value" + at(context)
    case .keyNotFound(let key, let context): return "missing \(key.stringValue)" + at(context)
    case .dataCorrupted(let context):
      return context.codingPath.isEmpty ? "not valid JSON" : "bad value" + at(context)
    @unknown default: return "not a progress file"
    }
  }

  // MARK: Reading

  /// The record that counts for `step`: the one under its id if the hash matches, else
  /// (for a page not rebased) one with the same hash elsewhere in the page, nearest first.
  public func record(for step: Step, page: String) -> StepRecord? {
    locate(step, page: page)?.record
  }

  private func locate(_ step: Step, page: String) -> (id: String, record: StepRecord)? {
    guard let progress = document.pages[page] else { return nil }
    if let record = progress.steps[step.id], record.hash == step.contentHash { return (step.id, record) }
    guard !rebasedPages.contains(page) else { return nil }
    return progress.steps.filter { $0.value.hash == step.contentHash }
      .min {
        (abs(PageProgress.ordinal(of: $0.key) - step.ordinal), $0.key)
          < (abs(PageProgress.ordinal(of: $1.key) - step.ordinal), $1.key)
      }
      .map { ($0.key, $0.value) }
  }

  /// The id of the step the learner is at on a page.
  public func position(page: String) -> String? { document.pages[page]?.position }

  /// A page's progress counted against its current steps.
  public func summary(_ pageSteps: PageSteps) -> PageSummary {
    let stem = pageSteps.stem
    let stored = document.pages[stem]
    let progress = stored?.rebased(onto: pageSteps.steps) ?? PageProgress()
    var summary = PageSummary(
      stem: stem, path: pageSteps.page.path, title: pageSteps.page.title, guide: pageSteps.page.guide,
      mark: .notStarted, steps: pageSteps.steps.count, position: progress.position)
    for step in pageSteps.steps {
      switch progress.steps[step.id]?.status {
      case .done: summary.done += 1
      case .solved: summary.solved += 1
      case .skipped: summary.skipped += 1
      case .started: summary.started += 1
      case nil: break
      }
    }
    if summary.steps > 0 && summary.finished == summary.steps {
      summary.mark = .done
    } else if summary.steps == 0 && stored != nil {
      // A page with nothing to do is done once the learner has been there.
      summary.mark = .done
    } else if summary.finished + summary.started > 0 || progress.position != nil {
      summary.mark = .inProgress
    }
    return summary
  }

  public func pageMark(_ pageSteps: PageSteps) -> PageMark { summary(pageSteps).mark }

  // MARK: Changing

  /// Moves every stored record of these pages to the id of the current step it belongs
  /// to, and drops records of steps that changed. Only memory changes; the next save
  /// writes the result. Pages not given are left as they are.
  public mutating func rebase(onto pages: [PageSteps]) {
    for pageSteps in pages {
      rebasedPages.insert(pageSteps.stem)
      guard let stored = document.pages[pageSteps.stem] else { continue }
      document.pages[pageSteps.stem] = stored.rebased(onto: pageSteps.steps)
    }
  }

  /// Changes a step's record (a fresh `.started` one if there is none) and saves. The
  /// record takes the step's current hash and the time.
  public mutating func update(step: Step, page: String, _ change: (inout StepRecord) -> Void) throws {
    let found = locate(step, page: page)
    var record = found?.record ?? StepRecord(hash: step.contentHash)
    change(&record)
    record.hash = step.contentHash
    // Whole seconds, as the file keeps them, so memory matches what a reload gives.
    record.updated = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
    record.clamp()
    try save { document in
      var progress = document.pages[page] ?? PageProgress()
      // A record found by its hash under another id is copied, not moved: that id may
      // be a step with the same content (a page that repeats an exchange), whose own
      // status must stay. A rebase drops whatever no step claims.
      progress.steps[step.id] = record
      document.pages[page] = progress
    }
  }

  /// Puts the learner at `step` on a page (nil: at the page, before any step) and saves.
  public mutating func setPosition(page: String, step: Step?) throws {
    try save { document in
      var progress = document.pages[page] ?? PageProgress()
      progress.position = step?.id
      progress.positionHash = step?.contentHash
      document.pages[page] = progress
    }
  }

  /// Puts the learner at the step with this id; without the step's hash the place
  /// follows the number, not the content, when the page changes.
  public mutating func setPosition(page: String, stepID: String?) throws {
    try save { document in
      var progress = document.pages[page] ?? PageProgress()
      progress.position = stepID
      progress.positionHash = nil
      document.pages[page] = progress
    }
  }

  /// Forgets the progress of one page (by stem), or of the whole course, which removes
  /// the file.
  public mutating func reset(page: String?) throws {
    guard let page else {
      try file.remove()
      document.pages = [:]
      return
    }
    guard document.pages[page] != nil else { return }
    try save { $0.pages[page] = nil }
  }

  /// Applies a change and writes the file; if writing fails, memory keeps matching disk.
  private mutating func save(_ change: (inout ProgressDocument) -> Void) throws {
    var changed = document
    change(&changed)
    let data = Data(changed.rendered.utf8)
    guard data.count <= ProgressFile.maxSize else {
      throw ProgressError.tooLargeToSave(path: file.path, bytes: data.count)
    }
    try file.replace(with: data)
    document = changed
  }
}
