#!/usr/bin/env node
// Copies zone-file test data (data only, never code) from other DNS projects' test folders
// into test/differential/corpus/<project>/, with each project's licence beside it.
// Run once by hand against local git mirrors of the projects; the test never downloads:
//   node test/differential/collect.mjs /path/to/mirrors
// where the mirrors are <dir>/isc-projects+bind9/repo, <dir>/CZ-NIC+knot/repo,
// <dir>/NLnetLabs+nsd/repo (bare git directories). Records each source's commit in
// corpus/SOURCES.json. Files over 20 kB are left out (the tier stays fast).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const mirrors = process.argv[2] ?? '/work/.mirror';
const out = join(import.meta.dirname, 'corpus');
const MAX = 20_000;

const git = (repo, ...args) => execFileSync('git', ['--git-dir', repo, ...args], { encoding: 'buffer', maxBuffer: 1 << 26 });
const sources = {};

function take({ project, repo, licence, pick }) {
  const dir = join(mirrors, repo, 'repo');
  const commit = git(dir, 'rev-parse', 'HEAD').toString().trim();
  mkdirSync(join(out, project), { recursive: true });
  for (const [i, l] of licence.entries()) writeFileSync(join(out, project, i === 0 ? 'LICENSE' : `LICENSE.${basename(l)}`), git(dir, 'show', `HEAD:${l}`));
  const listing = git(dir, 'ls-tree', '-r', '-l', 'HEAD').toString().trim().split('\n');
  const files = [];
  for (const line of listing) {
    const [meta, path] = line.split('\t');
    const size = Number(meta.split(/\s+/)[3]);
    const as = pick(path);
    if (!as || !(size <= MAX)) continue;
    mkdirSync(join(out, project, as, '..'), { recursive: true });
    writeFileSync(join(out, project, as), git(dir, 'show', `HEAD:${path}`));
    files.push({ from: path, as });
  }
  sources[project] = { repository: `https://github.com/${repo.replace('+', '/')}`, commit, licence: licence[0], files: files.length };
  console.log(`${project}: ${files.length} files from ${commit}`);
}

take({
  project: 'bind9',
  repo: 'isc-projects+bind9',
  licence: ['LICENSE', 'COPYRIGHT'],
  pick: (p) => (/^bin\/tests\/system\/checkzone\/zones\/[^/]+\.db$/.test(p) ? `checkzone/${basename(p)}` : undefined),
});
take({
  project: 'knot',
  repo: 'CZ-NIC+knot',
  licence: ['COPYING'],
  pick: (p) => {
    if (/^tests\/libzscanner\/data\/[^/]+\.in$/.test(p) && !/_INCLUDE\.in$/.test(p)) return `zscanner/${basename(p)}`;
    if (/^tests\/knot\/semantic_check_data\/[^/]+$/.test(p)) return `semantic/${basename(p)}`;
    return undefined;
  },
});
take({
  project: 'nsd',
  repo: 'NLnetLabs+nsd',
  licence: ['LICENSE'],
  pick: (p) => {
    const m = /^tpkg\/([^/]+)\.tdir\/([^/]+\.(?:zone|db))$/.exec(p);
    return m ? `tpkg/${m[1]}--${m[2]}` : undefined;
  },
});
writeFileSync(join(out, 'SOURCES.json'), JSON.stringify(sources, null, 2) + '\n');
