import Lessons

/// A place in a lesson page. `LFE` has its own `SourceLocation` (a line and column in LFE
/// source), so files that import both name the page's one through this.
public typealias PageLocation = Lessons.SourceLocation
