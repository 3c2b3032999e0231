import { parseArgs } from 'node:util';
import { lintBannedPasswordList } from '../../core/bannedPasswords/lint';
import { SEVERITY_RANK } from '../../core/findings';
import { LineIndex } from '../../core/text/lineIndex';
import { findingJson, formatFindingLine, summarizeFindings } from '../format';
import { InputFileError, readTextInput } from '../inputFiles';
import { UsageError, oneOf, type CliCommand, type CliIO } from '../io';

const usage = `Usage: mailsec banned-passwords lint <file>... [--format text|json]

Checks a Microsoft Entra custom banned password list (one term per line) against
Microsoft's documented limits: at most 1000 terms of 4 to 16 characters. Also
reports duplicates, terms that normalise to another term (case, 0/o, 1/l, $/s,
@/a), terms one edit away from another (fuzzy matching already bans them), and
spaces around terms. Empty lines are ignored. Use - to read standard input.

Output: file:line:column severity code message
Exit status: 0 no errors (warnings allowed), 1 errors found, 2 bad usage,
3 a file could not be read.`;

async function lint(files: string[], format: string, io: CliIO): Promise<number> {
  let errors = 0;
  let unreadable = 0;
  const json: unknown[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readTextInput(io, file);
    } catch (e) {
      if (!(e instanceof InputFileError)) throw e;
      io.stderr(`mailsec banned-passwords: ${e.message}\n`);
      unreadable++;
      continue;
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // editors hide the BOM: columns are counted without it
    const { findings, terms } = lintBannedPasswordList(text);
    const index = new LineIndex(text);
    errors += findings.filter((f) => f.severity === 'error').length;
    if (format === 'json') {
      json.push({
        file,
        terms: terms.length,
        findings: findings.map((f) => findingJson(index, f)),
      });
      continue;
    }
    const sorted = [...findings].sort((a, b) => a.span.start - b.span.start || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
    for (const f of sorted) io.stdout(formatFindingLine(file, index, f) + '\n');
    io.stderr(`${file}: ${terms.length} term${terms.length === 1 ? '' : 's'}, ${summarizeFindings(findings)}\n`);
  }
  if (format === 'json') io.stdout(JSON.stringify(files.length === 1 && json.length === 1 ? json[0] : json, null, 2) + '\n');
  if (unreadable) return 3;
  return errors > 0 ? 1 : 0;
}

export const bannedPasswordsCommand: CliCommand = {
  name: 'banned-passwords',
  usage,
  async run(argv, io) {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { format: { type: 'string', default: 'text' } },
    });
    const [sub, ...files] = positionals;
    if (sub !== 'lint') throw new UsageError(sub ? `unknown sub-command '${sub}'` : 'missing sub-command (lint)');
    if (files.length === 0) throw new UsageError('name the list file to lint (or - for standard input)');
    return lint(files, oneOf('format', values.format, ['text', 'json'] as const), io);
  },
};
