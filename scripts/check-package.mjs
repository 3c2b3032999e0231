#!/usr/bin/env node
// `npm run package`, then reads the .vsix (a zip) and checks what a user would install:
// the bundles, grammars and manifest are there; sources, tests, source maps and
// node_modules (the bundle already holds the dependencies) are not.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

const root = join(import.meta.dirname, '..');
const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
const file = join(root, 'mailsec.vsix');
const zip = readFileSync(file);

/** Entry names from the zip's central directory. */
function entries(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = [];
  for (let i = 0; i < count; i++) {
    const nameLen = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30);
    const comment = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    out.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLen), method: buf.readUInt16LE(p + 10), size: buf.readUInt32LE(p + 20), local });
    p += 46 + nameLen + extra + comment;
  }
  return out;
}

function read(buf, e) {
  const nameLen = buf.readUInt16LE(e.local + 26);
  const extra = buf.readUInt16LE(e.local + 28);
  const data = buf.subarray(e.local + 30 + nameLen + extra, e.local + 30 + nameLen + extra + e.size);
  return e.method === 8 ? inflateRawSync(data) : data;
}

const list = entries(zip);
const names = list.map((e) => e.name);
const problems = [];
const must = ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/zoneWorker.js', 'extension/dist/cli.js', 'extension/readme.md', 'extension/LICENSE.txt'];
for (const m of must) if (!names.some((n) => n.toLowerCase() === m.toLowerCase())) problems.push(`missing ${m}`);
const manifest = JSON.parse(read(zip, list.find((e) => e.name === 'extension/package.json')).toString('utf8'));
for (const g of manifest.contributes?.grammars ?? []) if (!names.includes('extension/' + g.path.replace(/^\.\//, ''))) problems.push(`grammar ${g.path} not packaged`);
for (const l of manifest.contributes?.languages ?? []) if (l.configuration && !names.includes('extension/' + l.configuration.replace(/^\.\//, ''))) problems.push(`language configuration ${l.configuration} not packaged`);
for (const n of names) {
  if (/^extension\/(src|test|scripts|bench|webview|node_modules|\.ci|examples)\//.test(n)) problems.push(`should not be packaged: ${n}`);
  if (/\.(ts|map)$/.test(n) && !n.endsWith('.d.ts')) problems.push(`should not be packaged: ${n}`);
}
const size = statSync(file).size;
console.log(`mailsec.vsix: ${(size / 1024).toFixed(0)} KiB, ${names.length} entries`);
for (const n of names.filter((x) => x.startsWith('extension/'))) console.log(`  ${n}`);
if (problems.length) {
  console.error(`\nvsix check failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('vsix check: ok');
