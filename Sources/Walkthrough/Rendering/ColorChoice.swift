/// When to colour: `--color never|auto|always`. `auto` colours a terminal unless
/// `NO_COLOR` is set or `TERM` is `dumb`.
public enum ColorChoice: String, Hashable, Sendable, CaseIterable {
  case never, auto, always
}
