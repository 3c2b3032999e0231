#!/usr/bin/env node
// `npm run package`: the production build, then the .vsix. package.json's `files` is the npm
// package's allow-list (the CLI only), and vsce refuses a manifest that has both `files` and a
// .vscodeignore, so vsce runs in a staging folder: what .vscodeignore allows, and package.json
// without `files`. Writes mailsec.vsix at the root.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const build = spawnSync(process.execPath, ['scripts/build.mjs', '--production'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const stage = mkdtempSync(join(tmpdir(), 'mailsec-vsix-'));
try {
  for (const p of ['dist', 'syntaxes', 'language-configuration', 'media', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore']) {
    if (existsSync(join(root, p))) cpSync(join(root, p), join(stage, p), { recursive: true });
  }
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  delete manifest.files;
  writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  const vsce = join(root, 'node_modules/@vscode/vsce/vsce');
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', join(root, 'mailsec.vsix')], { cwd: stage, stdio: 'inherit' });
  process.exitCode = r.status ?? 1;
} finally {
  rmSync(stage, { recursive: true, force: true });
}
