/// Shortening a label to a width, with `…` (or `...` in plain ASCII) where it was cut.
enum DiagramLabel {
  /// `text` in at most `width` columns.
  static func fit(_ text: String, width: Int, plain: Bool) -> String {
    if DisplayWidth.of(text) <= width { return text }
    let ellipsis = plain ? "..." : "…"
    let room = width - (plain ? 3 : 1)
    if room <= 0 { return String(ellipsis.prefix(max(0, width))) }
    var out = ""
    var used = 0
    for c in text {
      let w = DisplayWidth.of(c)
      if used + w > room { break }
      out.append(c)
      used += w
    }
    return out + ellipsis
  }

  /// Only ASCII: anything else as `?`, so a plain diagram stays plain.
  static func ascii(_ text: String) -> String {
    String(String.UnicodeScalarView(text.unicodeScalars.map { $0.isASCII ? $0 : "?" }))
  }
}
