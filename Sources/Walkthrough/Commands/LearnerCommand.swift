import Foundation

/// A command typed at the learner's prompt: a line that starts with `:`.
enum LearnerCommand: Equatable {
  case next, back, list, hint, show, solve, skip, write, edit, check, menu, reset, help, quit
  case goto(String)
  case ps
  case mailbox(String?)
  /// `:trace [full] FORM`: evaluate, then draw what the processes did.
  case trace(String)
  /// A word that is no command; the help says what is.
  case unknown(String)

  /// Every command with what it does, for `:help`.
  static let summaries: [(String, String)] = [
    (":next", "go on to the next step (this one stays as it is)"),
    (":back", "go back one step; the shell is rebuilt as it was there"),
    (":goto ID", "go to a step: #4, 4, or 02-spawning#4 on another page"),
    (":list", "the page's steps and how far you got with each"),
    (":hint", "the next hint for this step"),
    (":show", "the input the page types, and what it prints"),
    (":solve", "type the page's input for you (counts as solved with help)"),
    (":skip", "run the page's input silently and go on (counts as skipped)"),
    (":write", "save this step's file into your workspace"),
    (":edit", "open this step's file in $VISUAL or $EDITOR"),
    (":check", "grade an exercise: compile your file and run the page's checks"),
    (":ps", "every process: pid, name, function, status, mailbox, links"),
    (":mailbox [PID|NAME]", "messages waiting in a mailbox (the shell's by default)"),
    (":trace [full] FORM", "evaluate, then draw who sent what to whom"),
    (":menu", "the course's pages"),
    (":reset", "start this page again (asks first)"),
    (":help", "this list"),
    (":quit", "leave; your progress is saved"),
  ]

  /// Reads a command line, nil when the line is not one (LFE input).
  static func parse(_ line: String) -> LearnerCommand? {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    guard trimmed.hasPrefix(":"), trimmed.count > 1 else { return nil }
    let words = trimmed.dropFirst().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    guard let name = words.first?.lowercased() else { return nil }
    let argument = words.count > 1 ? words[1] : nil
    switch name {
    case "n", "next": return .next
    case "b", "back": return .back
    case "l", "list": return .list
    case "h", "hint": return .hint
    case "show": return .show
    case "solve": return .solve
    case "skip": return .skip
    case "w", "write": return .write
    case "e", "edit": return .edit
    case "c", "check": return .check
    case "m", "menu": return .menu
    case "reset": return .reset
    case "help", "?": return .help
    case "q", "quit", "exit": return .quit
    case "ps": return .ps
    case "mailbox", "mb": return .mailbox(argument)
    case "trace", "t":
      let rest = trimmed.dropFirst(1 + name.count).trimmingCharacters(in: .whitespaces)
      return rest.isEmpty ? .unknown(":trace needs a form, such as :trace (! (self) 'hi)") : .trace(rest)
    case "g", "goto", "go":
      return argument.map { .goto($0) } ?? .unknown(":goto needs a step, such as :goto #4")
    default: return .unknown("unknown command :\(name)")
    }
  }
}
