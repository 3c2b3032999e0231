/**
 * Keystroke latency in a 100k-line zone: the extension's path from a change event to new
 * diagnostics —
 *   1. ZoneModel.preview: the touched lines, read from the document (VS Code's
 *      getText(range), simulated from a lines array), re-parsed and re-checked, findings
 *      after them moved;
 *   2. each finding's offsets turned into positions (VS Code's document.positionAt,
 *      simulated with a line-start table kept up to date like VS Code's own).
 * Right after, off that path, the model takes the change (the whole text read once and
 * ZoneModel.edit) — reported as syncMs. Typing into owner names spread over the file.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ZoneModel } from '../src/core/zone/incremental';
import { zoneLines } from './generateZone';

const file = join(__dirname, 'data', '100k-lines.zone');
const text0 = existsSync(file) ? readFileSync(file, 'utf8') : [...zoneLines(99_000)].join('');
const lines = text0.split('\n');
const starts = new Int32Array(lines.length + 1);
for (let i = 0; i < lines.length; i++) starts[i + 1] = starts[i]! + lines[i]!.length + 1;
const lineOf = (offset: number): number => {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
};
const positionAt = (offset: number): { line: number; character: number } => {
  const line = lineOf(offset);
  return { line, character: offset - starts[line]! };
};
/** getText(range) over whole lines, as VS Code builds it from its lines array. */
const getRange = (from: number, to: number): string => {
  const a = positionAt(from);
  const b = positionAt(to);
  if (a.line === b.line) return lines[a.line]!.slice(a.character, b.character);
  const parts = [lines[a.line]!.slice(a.character)];
  for (let l = a.line + 1; l < b.line; l++) parts.push(lines[l]!);
  parts.push(lines[b.line]!.slice(0, b.character));
  return parts.join('\n');
};

const model = new ZoneModel(text0, {});
const total: number[] = [];
const sync: number[] = [];
let fullPasses = 0;
let seed = 7;
const rnd = (n: number): number => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};
for (let k = 0; k < 60; k++) {
  let line = 50 + rnd(lines.length - 100);
  while (!lines[line]!.startsWith('server-')) line++;
  let col = 'server-'.length;
  for (const ch of 'x1') {
    const offset = starts[line]! + col;
    // The keystroke reaches VS Code: its lines and line starts change (not ours to time).
    lines[line] = lines[line]!.slice(0, col) + ch + lines[line]!.slice(col);
    for (let i = line + 1; i < starts.length; i++) starts[i]! += 1;
    const change = { start: offset, end: offset, text: ch };
    const t0 = performance.now();
    let findings = model.preview(change, getRange); // 1.
    if (!findings) {
      fullPasses++;
      model.edit(change, lines.join('\n'));
      findings = model.analysis.findings;
    }
    for (const f of findings) {
      positionAt(f.span.start); // 2.
      positionAt(f.span.end);
    }
    const t1 = performance.now();
    const text = lines.join('\n'); // after publishing: the model takes the change
    model.edit(change, text);
    const t2 = performance.now();
    if (k >= 5) {
      total.push(t1 - t0);
      sync.push(t2 - t1);
    }
    col++;
  }
}
const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return +s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(2);
};
const t0 = performance.now();
model.refresh();
const fullMs = performance.now() - t0;
console.log(
  `BENCH ${JSON.stringify({
    name: 'zone-keystroke-100k-lines',
    lines: lines.length,
    p50ms: pct(total, 0.5),
    p95ms: pct(total, 0.95),
    maxMs: pct(total, 1),
    syncP50ms: pct(sync, 0.5),
    syncP95ms: pct(sync, 0.95),
    fullPasses,
    zoneWideRecheckMs: +fullMs.toFixed(0),
    targetMs: 30,
  })}`,
);
