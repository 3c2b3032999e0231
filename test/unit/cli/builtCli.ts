// The shipped CLI, dist/cli.js, run as a user runs it (a separate node process, the esbuild
// bundles and their chunks). Built first when missing or older than a source file (test-all's
// build tier has just built it; a lone `npm run test:unit` after an edit builds it here).
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(__dirname, '..', '..', '..');
export const CLI = join(root, 'dist', 'cli.js');

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const e of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, e)));
  return newest;
}

let built = false;
/** Builds dist/ (the full build, so out/ stays complete for the integration tier) unless it is up to date. */
export function ensureBuilt(): void {
  if (built) return;
  const cli = statSync(CLI, { throwIfNoEntry: false });
  const sources = Math.max(newestMtime(join(root, 'src')), newestMtime(join(root, 'scripts/build.mjs')), newestMtime(join(root, 'package.json')));
  if (!cli || cli.mtimeMs < sources) {
    const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`node scripts/build.mjs failed:\n${r.stdout}${r.stderr}`);
  }
  built = true;
}

/** Runs `node dist/cli.js ...args` in `cwd`, standard input from `input`. */
export function runBuilt(args: string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}): SpawnSyncReturns<string> {
  ensureBuilt();
  return spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd ?? root, input: options.input ?? '', encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...options.env }, timeout: 60_000 });
}

export interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a bash command line (in `cwd`) in which $CLI is `node dist/cli.js`, with a time bound: for
 * tests that run the shipped CLI under a file-size limit (`ulimit -f`), with stdout closed early
 * or on a full disk (/dev/full).
 */
export function runShell(script: string, cwd: string, timeoutMs = 60_000): Promise<Ran> {
  ensureBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], { cwd, env: { ...process.env, CLI: `${process.execPath} ${CLI}` }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out after ${timeoutMs} ms: ${script}\n${stderr}`));
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
