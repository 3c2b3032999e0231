/**
 * The CLI bundled as `npm run build` bundles it (esbuild, one file here), for tests that must
 * run it as its own process: under a file-size limit (`ulimit -f`), with stdout closed early
 * or on a full disk (/dev/full). Built once per test process into a temporary folder.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

let built: string | undefined;

export function builtCli(): string {
  if (built) return built;
  const out = join(mkdtempSync(join(tmpdir(), 'mailsec-cli-build-')), 'cli.js');
  buildSync({ entryPoints: [join(__dirname, '../../../src/cli/main.ts')], outfile: out, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' });
  built = out;
  return out;
}

export interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a bash command line (in `cwd`) in which $CLI is `node <built cli>`, with a time bound. */
export function runShell(script: string, cwd: string, timeoutMs = 60_000): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], { cwd, env: { ...process.env, CLI: `${process.execPath} ${builtCli()}` }, stdio: ['ignore', 'pipe', 'pipe'] });
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
