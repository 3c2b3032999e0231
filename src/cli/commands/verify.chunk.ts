/**
 * `mailsec verify <message.eml|->`: DKIM, SPF, DMARC and ARC of a whole message, with
 * the DNS answers used. Exit codes: 0 pass, 1 warn, 2 fail, 3 could not check.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CliCommand } from '../io';
import { UsageError } from '../io';
import { EXIT, EXIT_STATUS_USAGE } from '../exitStatus';
import { DNS_OPTIONS, DNS_USAGE, dnsSetup, exitCode } from '../dnsOptions';
import { verifyMessage } from '../../core/checks/verifyMessage';
import { isIPv4, isIPv6 } from '../../core/net/ip';
import { renderVerify } from '../render/verifyText';
import { verifyMarkdown } from '../../core/checks/markdown';
import { runChecked } from './commandErrors';

const usage = `Usage: mailsec verify <message.eml | -> [options]

Verifies a saved message: every DKIM signature, SPF for the sending server, DMARC and ARC,
looking the keys and records up in the live DNS.

Options:
  --ip IP          Address of the server that delivered the message (default: from the
                   top Received header).
  --helo NAME      Its HELO/EHLO name.
  --sender ADDR    MAIL FROM address (default: Return-Path).
${DNS_USAGE}
${EXIT_STATUS_USAGE}`;

export const verifyCommand: CliCommand = {
  name: 'verify',
  usage,
  run: (argv, io) =>
    runChecked('verify', usage, io, async () => {
      const { values, positionals } = parseArgs({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: { ...DNS_OPTIONS, ip: { type: 'string' }, helo: { type: 'string' }, sender: { type: 'string' } },
      });
      if (positionals.length !== 1) throw new UsageError(positionals.length ? 'Give one message at a time.' : 'Give the message file to verify (or - for standard input).');
      if (values.ip !== undefined && !isIPv4(values.ip) && !isIPv6(values.ip)) throw new UsageError(`--ip '${values.ip}' is not an IP address.`);
      if (values.sender !== undefined && !/^[^@\s]*@?[^@\s]+$/.test(values.sender)) throw new UsageError(`--sender '${values.sender}' is not an address.`);
      const file = positionals[0]!;
      let message: Buffer;
      try {
        message = file === '-' ? Buffer.from(await io.readStdin(), 'utf8') : await readFile(resolve(io.cwd, file));
      } catch (e) {
        io.stderr(`mailsec verify: cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}.\n`);
        return EXIT.couldNotRun;
      }
      const setup = await dnsSetup(values);
      const result = await verifyMessage(setup.resolver, message, { ip: values.ip, helo: values.helo, sender: values.sender });
      if (setup.format === 'json') io.stdout(JSON.stringify({ servers: setup.choice.servers, serverOrigin: setup.choice.origin, file, ...result }, null, 2) + '\n');
      else if (setup.format === 'markdown') io.stdout(verifyMarkdown(file, result, setup.info, 'cli'));
      else io.stdout(renderVerify(file, result, { color: io.isTTY && !io.env.NO_COLOR }, setup.serversLine));
      return exitCode(result.verdict, setup.failOn);
    }),
};
