import type { CliIO } from '../../../src/cli/io';

/** An in-memory CliIO for running commands in-process. */
export function fakeIo(cwd: string, stdin = ''): CliIO & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout(t: string) {
      io.out += t;
    },
    stderr(t: string) {
      io.err += t;
    },
    readStdin: async () => stdin,
    cwd,
    env: {},
    isTTY: false,
  };
  return io;
}
