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

  /** The line of the last lookup: the parser asks in source order, so it is usually the answer. */
  private lastLine = 0;

  /**
   * Recent positions by offset: a node's range usually starts or ends where its neighbour's does,
   * and sharing those objects makes the AST (all of which is alive while it is being built, and
   * so copied by every young-generation GC) a third smaller. Nothing mutates positions in place
   * except the analysis' relocation, which visits each object once.
   */
  private readonly recent: Array<Position | undefined> = new Array(64);

  position(offset: number): Position {
    const cached = this.recent[offset & 63];
    if (cached !== undefined && cached.offset === offset) return cached;
    const position = this.locate(offset);
    this.recent[offset & 63] = position;
    return position;
  }

  private locate(offset: number): Position {
    const starts = this.lineStarts;
    const last = this.lastLine;
    if (
      (starts[last] as number) <= offset &&
      (last + 1 >= starts.length || (starts[last + 1] as number) > offset)
    ) {
      return { line: last + 1, column: offset - (starts[last] as number) + 1, offset };
    }
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    this.lastLine = low;
    return { line: low + 1, column: offset - (starts[low] as number) + 1, offset };
  }

  /** `end` is exclusive. */
  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }
}
