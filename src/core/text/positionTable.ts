/**
 * Positions of chosen offsets of a text, kept without the text: a worker thread that linted a
 * file sends the line and character of each offset its findings name, and the thread that prints
 * them never holds (or indexes) the file's text.
 */
import type { Position } from './lineIndex';

/** What renderers ask of a text: where an offset is. LineIndex answers it for any offset. */
export interface Positions {
  positionAt(offset: number): Position;
}

/** Ascending offsets with their lines and characters (typed arrays: cheap to send between threads). */
export interface PositionTable {
  offsets: Int32Array;
  lines: Int32Array;
  characters: Int32Array;
}

export function positionTable(source: Positions, offsets: Iterable<number>): PositionTable {
  const sorted = Int32Array.from(new Set(offsets)).sort();
  const lines = new Int32Array(sorted.length);
  const characters = new Int32Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) {
    const p = source.positionAt(sorted[i]!);
    lines[i] = p.line;
    characters[i] = p.character;
  }
  return { offsets: sorted, lines, characters };
}

/** Answers positionAt for the offsets of a table; any other offset is a caller's mistake. */
export class TablePositions implements Positions {
  constructor(private readonly table: PositionTable) {}

  positionAt(offset: number): Position {
    const { offsets } = this.table;
    let lo = 0;
    let hi = offsets.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const o = offsets[mid]!;
      if (o === offset) return { line: this.table.lines[mid]!, character: this.table.characters[mid]! };
      if (o < offset) lo = mid + 1;
      else hi = mid - 1;
    }
    throw new Error(`internal error: no position was kept for offset ${offset}`);
  }
}
