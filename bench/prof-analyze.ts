import { readFileSync } from 'node:fs';
import { analyzeZone } from '../src/core/zone/lint';
const text = readFileSync(process.argv[2]!, 'utf8');
for (let k = 0; k < 6; k++) {
  const c0 = process.cpuUsage(); const t = performance.now();
  const a = analyzeZone(text, {});
  const c = process.cpuUsage(c0);
  console.log(`analyze ${a.records.length} records: ${(performance.now() - t).toFixed(0)} ms wall, ${(c.user / 1000).toFixed(0)} ms cpu`);
}
