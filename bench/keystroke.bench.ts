/**
 * Keystroke latency in a 100k-line zone: what the extension does between a key press and
 * new diagnostics — apply the edit to the ZoneModel (incremental re-check of the touched
 * lines), index the lines, and turn every finding into a line/column range. Typing a
 * few characters into records spread over the file; reports p50, p95 and max in ms.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { LineIndex } from '../src/core/text/lineIndex';
import { ZoneModel } from '../src/core/zone/incremental';
import { zoneLines } from './generateZone';

const file = join(__dirname, 'data', '100k-lines.zone');
const text0 = existsSync(file) ? readFileSync(file, 'utf8') : [...zoneLines(99_000)].join('');
const lines = text0.split('\n').length;

const model = new ZoneModel(text0, {});
let text = text0;
const times: number[] = [];
let fallbacks = 0;
let seed = 7;
const rnd = (n: number): number => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};
for (let k = 0; k < 60; k++) {
  // Type into the owner name of a record somewhere in the file (after the header).
  let at = text.indexOf('\nserver-', 2000 + rnd(text.length - 4000));
  if (at === -1) at = text.indexOf('\nserver-');
  at += 1 + 'server-'.length;
  for (const ch of 'x1') {
    const t0 = performance.now();
    text = text.slice(0, at) + ch + text.slice(at);
    const out = model.edit({ start: at, end: at, text: ch }, text);
    const index = new LineIndex(text);
    let n = 0;
    for (const f of model.analysis.findings) {
      index.positionAt(f.span.start);
      index.positionAt(f.span.end);
      n++;
    }
    const ms = performance.now() - t0;
    if (k >= 5) times.push(ms); // warm-up
    if (out.mode === 'full') fallbacks++;
    at++;
    void n;
  }
}
times.sort((a, b) => a - b);
const pct = (p: number): number => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
const t0 = performance.now();
model.refresh();
const fullMs = performance.now() - t0;
console.log(`BENCH ${JSON.stringify({ name: 'zone-keystroke-100k-lines', lines, p50ms: +pct(0.5).toFixed(2), p95ms: +pct(0.95).toFixed(2), maxMs: +times[times.length - 1]!.toFixed(2), fallbacks, zoneWideRecheckMs: +fullMs.toFixed(0), targetMs: 30 })}`);
const TT = (globalThis as unknown as { T: number[][] }).T;
console.log(TT.slice(10, 16).map((r) => r.map((x) => x.toFixed(1)).join(' ')).join('\n'));
