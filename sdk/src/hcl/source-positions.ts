// Offsets → HCL positions (1-based line and column, 0-based offset; columns count UTF-16 units,
// the unit LSP uses). The lexer only tracks offsets, which is faster; lines are found here once.
import type { Position, Range } from "./ast.js";

export class SourcePositions {
  private readonly lineStarts: number[] = [0];

  constructor(readonly source: string) {
    let i = source.indexOf("\n");
    while (i !== -1) {
      this.lineStarts.push(i + 1);
      i = source.indexOf("\n", i + 1);
    }
  }

  position(offset: number): Position {
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (starts[low] as number) + 1, offset };
  }

  /** `end` is exclusive. */
  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }
}
