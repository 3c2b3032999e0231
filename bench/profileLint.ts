import { readFileSync } from 'node:fs';
import { lintZone } from '../src/core/zone/lint';
import { scanZone } from '../src/core/zone/parser';
import { lexEntries } from '../src/core/zone/lexer';
const text = readFileSync(process.argv[2]!, 'utf8');
const which = process.argv[3] ?? 'all';
let t = performance.now();
if (which === 'lex' || which === 'all') { let n = 0; lexEntries(text, () => n++, () => undefined); console.log('lex', n, (performance.now() - t).toFixed(0)); t = performance.now(); }
if (which === 'scan' || which === 'all') { let n = 0; scanZone(text, {}, { record: () => n++, finding: () => undefined }); console.log('scan', n, (performance.now() - t).toFixed(0)); t = performance.now(); }
if (which === 'lint' || which === 'all') { const r = lintZone(text, {}); console.log('lint', r.recordCount, r.findings.length, (performance.now() - t).toFixed(0)); }
const cpu = process.cpuUsage();
console.log('rss MB', (process.memoryUsage().rss / 1e6).toFixed(0), 'cpu user s', (cpu.user / 1e6).toFixed(2), 'sys s', (cpu.system / 1e6).toFixed(2));
