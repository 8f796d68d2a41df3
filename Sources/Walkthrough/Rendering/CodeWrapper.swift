/// Breaks a code line that is wider than the room: after its last space that fits, else
/// at the width, with continuation lines indented past the line's own indent. Code keeps
/// its spacing, so lines that fit are left as they are.
enum CodeWrapper {
  private struct Cell {
    var character: Character
    var style: TextStyle
    var width: Int
  }

  static func wrap(_ runs: [StyledRun], width: Int) -> [[StyledRun]] {
    guard StyledRun.width(runs) > width else { return [runs] }
    let cells = runs.flatMap { run in
      run.text.map { Cell(character: $0, style: run.style, width: DisplayWidth.of($0)) }
    }
    let leading = cells.prefix { $0.character == " " }.count
    let indent = min(leading + 2, width / 2)
    var lines: [[StyledRun]] = []
    var start = 0
    while start < cells.count {
      let first = lines.isEmpty
      let room = max(first ? width : width - indent, 1)
      var end = start
      var used = 0
      while end < cells.count, used + cells[end].width <= room {
        used += cells[end].width
        end += 1
      }
      if end == start {
        end = start + 1
      } else if end < cells.count {
        let floor = first ? max(leading, start + 1) : start + 1
        if floor < end, let space = (floor..<end).last(where: { cells[$0].character == " " }) {
          end = space + 1
        }
      }
      var line: [StyledRun] = first || indent == 0 ? [] : [StyledRun(String(repeating: " ", count: indent))]
      for cell in cells[start..<end] {
        if let last = line.indices.last, line[last].style == cell.style {
          line[last].text.append(cell.character)
        } else {
          line.append(StyledRun(String(cell.character), cell.style))
        }
      }
      lines.append(StyledRun.trimmingTrailingSpaces(line))
      start = end
      while start < cells.count, cells[start].character == " " { start += 1 }
    }
    return lines
  }
}
