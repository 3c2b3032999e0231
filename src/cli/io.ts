/** What a CLI command may touch, passed in so tests can run commands in-process. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads standard input to the end (for `-`). */
  readStdin(): Promise<string>;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** True when stdout is a terminal (colours allowed). */
  isTTY: boolean;
}

export interface CliCommand {
  name: string;
  /** Full usage text for `mailsec <name> --help`. */
  usage: string;
  /** Returns the process exit code. Throws UsageError for bad arguments. */
  run(argv: string[], io: CliIO): Promise<number>;
}

/** Bad command-line input: printed with the command's usage, never with a stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function processIO(): CliIO {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
  };
}
