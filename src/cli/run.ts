import { reportCommandError } from './commands/commandErrors';
import { commands } from './commands/index';
import { EXIT, EXIT_STATUS_USAGE } from './exitStatus';
import type { CliIO } from './io';
import { cliVersion as version } from './version';

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
    'Every command takes:',
    EXIT_STATUS_USAGE,
    '',
  ].join('\n');
}

/** Runs the CLI in-process and returns the exit code (the tests call this directly). */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    if (name) {
      io.stdout(help());
      return EXIT.clean;
    }
    io.stderr(`mailsec: give a command.\n\n${help()}`);
    return EXIT.usage;
  }
  if (name === '--version' || name === '-V') {
    io.stdout(`${version}\n`);
    return 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.stderr(`mailsec: unknown command '${name}'.\n\n${help()}`);
    return EXIT.usage;
  }
  const command = entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage.endsWith('\n') ? command.usage : command.usage + '\n');
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    return reportCommandError(command.name, command.usage, io, e);
  }
}
