import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeHeaders, normalizeOrg } from '../../core/headers/analyze';
import { LineIndex } from '../../core/text/lineIndex';
import { jsonVisible, visible } from '../../core/text/visible';
import { ConfigError, loadConfig, mergeOrganization } from '../config';
import { EXIT, EXIT_STATUS_USAGE, FAIL_ON_OPTION, exitStatus, failOn, outcomeOfVerdict } from '../exitStatus';
import { renderHeaderReport } from '../headerReport';
import { UsageError, oneOf, type CliCommand, type CliIO } from '../io';
import { githubAnnotation } from '../render/github';
import { sarifLog } from '../render/sarif';
import { cliVersion } from '../version';

const usage = `Usage: mailsec analyze [options] <file|->

Analyses an email header (pasted from Outlook, Gmail "Show original", Exchange tools)
or an .eml file: was the sender validated, who really sent it, the route with delays
and the trust boundary, Authentication-Results, DKIM, ARC, Microsoft anti-spam fields,
and what the Exchange transport rules for your organisation would do.
Use - to read standard input.

Options:
  --org-domain D        one of your organisation's domains (repeatable)
  --internal-name NAME  a display name to protect, "First Last" (repeatable)
  --authserv-id ID      the authserv-id your servers write in Authentication-Results (repeatable)
  --format text|json|sarif|github  output format (default text; sarif: SARIF 2.1.0;
                        github: workflow annotations)
  --now TIME            judge expiry and future dates as of this ISO 8601 time
  --no-config           ignore .mailsecrc.json

Settings are also read from the nearest .mailsecrc.json above the file:
  {"organization": {"domains": [], "displayNames": [], "authservIds": []}}
Command-line options add to it.
${EXIT_STATUS_USAGE}
Here: 0 pass, 1 warn, 2 fail; 3 also when the input holds no header fields.`;

/** Reads the file as UTF-8, or as Latin-1 when it is not valid UTF-8 (old 8-bit mail). */
function decodeFile(bytes: Uint8Array): { text: string; latin1: boolean } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''), latin1: false };
  } catch {
    return { text: new TextDecoder('latin1').decode(bytes), latin1: true };
  }
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'org-domain': { type: 'string', multiple: true },
      'internal-name': { type: 'string', multiple: true },
      'authserv-id': { type: 'string', multiple: true },
      format: { type: 'string', default: 'text' },
      now: { type: 'string' },
      'no-config': { type: 'boolean', default: false },
      ...FAIL_ON_OPTION,
    },
  });
  const format = oneOf('format', values.format, ['text', 'json', 'sarif', 'github'] as const);
  const mode = failOn(values['fail-on']);
  if (positionals.length !== 1) throw new UsageError(positionals.length ? 'Give one file (or - for standard input).' : 'Give the header file to analyse, or - to read standard input.');
  let now = Date.now();
  if (values.now !== undefined) {
    now = Date.parse(values.now);
    if (Number.isNaN(now)) throw new UsageError(`--now must be an ISO 8601 time such as 2024-03-05T12:00:00Z, not '${values.now}'.`);
  }
  const input = positionals[0]!;
  const file = input === '-' ? null : resolve(io.cwd, input);
  let text: string;
  if (file === null) {
    text = await io.readStdin();
  } else {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      io.stderr(`mailsec analyze: ${visible(input)}: ${err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a folder, not a file' : `cannot read (${err.message})`}\n`);
      return EXIT.couldNotRun;
    }
    const decoded = decodeFile(bytes);
    text = decoded.text;
    if (decoded.latin1) io.stderr(`mailsec analyze: ${visible(input)}: not UTF-8; read as Latin-1.\n`);
  }
  let base = { domains: [] as string[], displayNames: [] as string[], authservIds: [] as string[] };
  let configPath: string | null = null;
  if (!values['no-config']) {
    try {
      const loaded = loadConfig(file ? dirname(file) : io.cwd);
      base = { ...loaded.config.organization, authservIds: loaded.config.organization.authservIds ?? [] };
      configPath = loaded.path;
    } catch (e) {
      if (e instanceof ConfigError) throw new UsageError(e.message);
      throw e;
    }
  }
  const org = normalizeOrg(
    mergeOrganization(base, {
      domains: values['org-domain'] ?? [],
      displayNames: values['internal-name'] ?? [],
      authservIds: values['authserv-id'] ?? [],
    }),
  );
  const analysis = analyzeHeaders(text, { org, now, surface: 'cli' });
  const name = input === '-' ? '(standard input)' : input;
  if (analysis.headers.length === 0) {
    io.stderr(`mailsec analyze: ${visible(name)}: no header fields found ("Name: value" lines). Paste the message header as your mail client shows it.\n`);
    if (format === 'json') io.stdout(jsonVisible(JSON.stringify({ file: name, error: 'no-headers', verdict: analysis.verdict, findings: analysis.findings }, null, 2)) + '\n');
    return EXIT.couldNotRun;
  }
  if (format === 'sarif') {
    const lines = new LineIndex(text);
    const items = analysis.findings.map((finding) => ({ path: file ?? undefined, lines, finding }));
    io.stdout(JSON.stringify(sarifLog(items, { version: cliVersion, cwd: io.cwd, files: [file ?? undefined] }), null, 2) + '\n');
  } else if (format === 'github') {
    const lines = new LineIndex(text);
    for (const f of analysis.findings) io.stdout(githubAnnotation(input, lines, f) + '\n');
  } else if (format === 'json') {
    const index = new LineIndex(text);
    const locate = <T extends { span: { start: number } }>(f: T) => {
      const p = index.positionAt(f.span.start);
      return { ...f, line: p.line + 1, column: p.character + 1 };
    };
    io.stdout(
      jsonVisible(JSON.stringify({ file: name, config: configPath, organization: org, ...analysis, reasons: analysis.reasons.map(locate), findings: analysis.findings.map(locate) }, null, 2)) + '\n',
    );
  } else {
    io.stdout(renderHeaderReport(analysis, text, name));
  }
  return exitStatus(outcomeOfVerdict(analysis.verdict), mode);
}

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  usage,
  run,
};
