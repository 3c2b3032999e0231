import type { CliIO } from '../../../src/cli/io';

export interface FakeIO extends CliIO {
  out: string[];
  err: string[];
}

export function fakeIO(cwd: string, stdin = ''): FakeIO {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readStdin: async () => stdin,
    cwd,
    env: {},
    isTTY: false,
  };
}
