import { commands } from './commands/index';
import { UsageError, isParseArgsError, type CliIO } from './io';

declare const MAILSEC_VERSION: string | undefined;
const version = typeof MAILSEC_VERSION === 'string' ? MAILSEC_VERSION : 'dev';

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  return [
    `mailsec ${version} — DNS zone files, DKIM/SPF/DMARC and email headers`,
    '',
    'Usage: mailsec <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `mailsec <command> --help` for the options of a command.',
    '',
  ].join('\n');
}

/** Runs the CLI in-process and returns the exit code (the tests call this directly). */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-V') {
    io.stdout(`${version}\n`);
    return 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.stderr(`mailsec: unknown command '${name}'.\n\n${help()}`);
    return 2;
  }
  const command = entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage.endsWith('\n') ? command.usage : command.usage + '\n');
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError || isParseArgsError(e)) {
      io.stderr(`mailsec ${command.name}: ${(e as Error).message}\n\n${command.usage}\n`);
      return 2;
    }
    io.stderr(`mailsec ${command.name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 3;
  }
}
