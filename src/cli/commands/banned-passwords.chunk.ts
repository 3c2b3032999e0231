import { parseArgs } from 'node:util';
import { lintBannedPasswordList } from '../../core/bannedPasswords/lint';
import { SEVERITY_RANK } from '../../core/findings';
import { LineIndex } from '../../core/text/lineIndex';
import { resolve } from 'node:path';
import { EXIT, EXIT_STATUS_USAGE, FAIL_ON_OPTION, exitStatus, failOn, outcomeOf, type FailOn } from '../exitStatus';
import { countBySeverity, findingJson, formatFindingLine, summarizeFindings } from '../format';
import { InputFileError, readTextInput } from '../inputFiles';
import { UsageError, oneOf, type CliCommand, type CliIO } from '../io';
import { githubAnnotation } from '../render/github';
import { sarifLog, type SarifItem } from '../render/sarif';
import { cliVersion } from '../version';

const usage = `Usage: mailsec banned-passwords lint <file>... [--format text|json|sarif|github]

Checks a Microsoft Entra custom banned password list (one term per line) against
Microsoft's documented limits: at most 1000 terms of 4 to 16 characters. Also
reports duplicates, terms that normalise to another term (case, 0/o, 1/l, $/s,
@/a), terms one edit away from another (fuzzy matching already bans them), and
spaces around terms. Empty lines are ignored. Use - to read standard input.

Options:
  --format text|json|sarif|github  output (default text: file:line:column severity
                       code message; sarif: SARIF 2.1.0; github: workflow annotations)
${EXIT_STATUS_USAGE}`;

async function lint(files: string[], format: string, mode: FailOn, io: CliIO): Promise<number> {
  const counts = { errors: 0, warnings: 0 };
  let unreadable = 0;
  const json: unknown[] = [];
  const sarif: SarifItem[] = [];
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
    const c = countBySeverity(findings);
    counts.errors += c.errors;
    counts.warnings += c.warnings;
    const path = file === '-' ? undefined : resolve(io.cwd, file);
    if (format === 'sarif') {
      for (const finding of findings) sarif.push({ path, lines: index, finding });
      continue;
    }
    if (format === 'github') {
      for (const f of findings) io.stdout(githubAnnotation(file, index, f) + '\n');
      continue;
    }
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
  if (format === 'sarif') {
    const looked = files.map((f) => (f === '-' ? undefined : resolve(io.cwd, f)));
    io.stdout(JSON.stringify(sarifLog(sarif, { version: cliVersion, cwd: io.cwd, files: looked }), null, 2) + '\n');
  }
  if (unreadable) return EXIT.couldNotRun;
  return exitStatus(outcomeOf(counts), mode);
}

export const bannedPasswordsCommand: CliCommand = {
  name: 'banned-passwords',
  usage,
  async run(argv, io) {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { format: { type: 'string', default: 'text' }, ...FAIL_ON_OPTION },
    });
    const [sub, ...files] = positionals;
    if (sub !== 'lint') throw new UsageError(sub ? `unknown sub-command '${sub}'` : 'missing sub-command (lint)');
    if (files.length === 0) throw new UsageError('name the list file to lint (or - for standard input)');
    return lint(files, oneOf('format', values.format, ['text', 'json', 'sarif', 'github'] as const), failOn(values['fail-on']), io);
  },
};
