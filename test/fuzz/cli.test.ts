// Fuzz: the CLI's argument handling and its SARIF/GitHub renderers on arbitrary input.
//   - any argv of the commands that touch neither the network nor files outside an empty temp
//     folder ends in an exit status of the table (0, 1, 2, 3, 64), never a throw; 64 always
//     comes with the command's usage;
//   - any findings over any text render as a SARIF log the official 2.1.0 schema accepts, and
//     as GitHub annotations that stay one line each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import Ajv4 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { runCli } from '../../src/cli/run';
import { githubAnnotation } from '../../src/cli/render/github';
import { sarifLog } from '../../src/cli/render/sarif';
import type { Finding } from '../../src/core/findings';
import { LineIndex } from '../../src/core/text/lineIndex';
import { fakeIo } from '../unit/cli/fakeIo';
import { fuzzRuns } from './runs';

const empty = mkdtempSync(join(tmpdir(), 'mailsec-fuzz-cli-'));

const COMMANDS = ['lint', 'analyze', 'banned-passwords', 'signins', 'transport-rules', 'help', '--version', 'bogus'];
const WORDS = [
  '-', '--', '--help', '-h', '--format', 'text', 'json', 'sarif', 'github', 'csv', 'markdown', 'xml', '--fail-on', 'error', 'warning', 'never',
  '--fix', '--origin', 'example.com.', '--no-web-form-warning', '--org-domain', '--internal-name', '--authserv-id', '--now', '2024-01-01T00:00:00Z',
  '--no-config', 'lint', '--spray-threshold', '--bruteforce-threshold', '--bruteforce-window', '0', '1', '-1', '--mode', 'Audit', 'Enforce',
  '--script', 'create', 'rollback', '--priority', '--sender-rule-name', '--name-rule-text', 'nothere.zone', '.', '--format=sarif', '--fail-on=never',
];
const arg = fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 12 }));
const STDIN = fc.oneof(fc.constant(''), fc.string({ maxLength: 200 }), fc.constant('From: a@example.com\nTo: b@example.org\n\n'), fc.constant('$TTL 60\n@ IN SOA a b 1 2 3 4 5\nx IN A 1.2.3\n'));

test('any argv ends in an exit status of the table, never a throw; 64 comes with the usage', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...COMMANDS), fc.array(arg, { maxLength: 8 }), STDIN, async (command, args, stdin) => {
      // lint --fix on '.' would rewrite files: the folder is empty, and stays so.
      const io = fakeIo(empty, stdin);
      const code = await runCli([command, ...args], io);
      assert.ok([0, 1, 2, 3, 64].includes(code), `exit ${code}`);
      if (code === 64) assert.match(io.err, /Usage: mailsec/);
    }),
    fuzzRuns(1500),
  );
});

const schema = JSON.parse(readFileSync(join(__dirname, '../unit/cli/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')) as object;
const ajv = new Ajv4({ strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

// Built once: fast-check compiles a stringMatching pattern on construction.
const code = fc.stringMatching(/^[a-z]{1,6}(-[a-z0-9]{1,6}){0,3}$/);
const findingOn = (length: number): fc.Arbitrary<Finding> =>
  fc.record({
    code,
    severity: fc.constantFrom('error' as const, 'warning' as const, 'info' as const),
    message: fc.string({ minLength: 1, maxLength: 80 }),
    span: fc.tuple(fc.nat({ max: length }), fc.nat({ max: length })).map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) })),
  });

test('any findings over any text: a SARIF log the schema accepts, and one-line GitHub annotations', () => {
  fc.assert(
    fc.property(
      fc.string({ maxLength: 300 }).chain((text) => fc.tuple(fc.constant(text), fc.array(findingOn(text.length), { maxLength: 6 }), fc.constantFrom('a.zone', 'dir/x y.zone', 'c,d:e%.zone', undefined))),
      ([text, findings, name]) => {
        const lines = new LineIndex(text);
        const path = name === undefined ? undefined : join(empty, name);
        const log = sarifLog(findings.map((finding) => ({ path, lines, finding })), { version: '0.0.0', cwd: empty, files: [path] });
        assert.ok(validate(log), JSON.stringify(validate.errors));
        for (const f of findings) {
          const line = githubAnnotation(name ?? '-', lines, f);
          assert.doesNotMatch(line, /[\r\n]/);
          assert.match(line, /^::(error|warning|notice) file=[^:,]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^:,]+::/);
        }
      },
    ),
    fuzzRuns(2000),
  );
});
