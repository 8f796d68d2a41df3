import Foundation
import Lessons

/// The learner's progress as a walkthrough uses it: the course's store, rebased onto
/// the pages as they are now, saved after every change. A save that fails is said
/// once and the walk goes on; nothing else stops for it.
public final class LearnerProgress {
  private var store: ProgressStore
  private var reportedFailure = false
  /// Where warnings go (a failed save, a damaged file set aside).
  var warn: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }

  public init(course: Course, environment: [String: String]) throws {
    store = try ProgressStore(courseDirectory: course.directory, environment: environment)
    store.rebase(onto: course.pages.map(PageSteps.init))
  }

  /// A note for the learner when the saved file could not be used, once.
  public var setAsideNote: String? {
    store.setAside?.description
  }

  var fileDescription: String { store.fileURL.path }

  func mark(_ steps: PageSteps) -> PageMark { store.pageMark(steps) }

  func completedCount(_ steps: PageSteps) -> Int { store.summary(steps).finished }

  func status(_ steps: PageSteps, step: Step) -> StepStatus? {
    store.record(for: step, page: steps.stem)?.status
  }

  /// Where to open a page: where the learner was, unless that step is finished (or the
  /// page changed under it); then the first step not finished; else the start.
  func resumeIndex(_ steps: PageSteps) -> Int {
    if let id = store.position(page: steps.stem), let index = steps.steps.firstIndex(where: { $0.id == id }),
      status(steps, step: steps.steps[index])?.isFinished != true
    {
      return index
    }
    return steps.steps.firstIndex { status(steps, step: $0)?.isFinished != true } ?? 0
  }

  /// The inputs that passed a finished step, to replay; empty when there are none.
  func acceptedInputs(_ steps: PageSteps, step: Step) -> [String] {
    guard let record = store.record(for: step, page: steps.stem), record.status.isFinished else { return [] }
    return record.inputs
  }

  func setPosition(_ steps: PageSteps, step: Step?) {
    attempt { try store.setPosition(page: steps.stem, step: step) }
  }

  /// Counts a wrong answer; the tries so far.
  func recordFailure(_ steps: PageSteps, step: Step) -> Int {
    attempt { try store.update(step: step, page: steps.stem) { $0.tries += 1 } }
    return store.record(for: step, page: steps.stem)?.tries ?? 1
  }

  /// Marks a step finished with the inputs that passed it.
  func accept(_ steps: PageSteps, step: Step, inputs: [String], status: StepStatus) {
    attempt {
      try store.update(step: step, page: steps.stem) { record in
        record.status = status
        record.clearInputs()
        for input in inputs { _ = record.accept(input) }
      }
    }
  }

  func reset(_ steps: PageSteps) {
    attempt { try store.reset(page: steps.stem) }
  }

  private func attempt(_ change: () throws -> Void) {
    do {
      try change()
    } catch {
      guard !reportedFailure else { return }
      reportedFailure = true
      warn("tutor learn: progress is not being saved: \(error)")
    }
  }
}
