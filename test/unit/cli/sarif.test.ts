// --format sarif and --format github of lint, analyze and banned-passwords lint. Every SARIF log
// is validated against the official SARIF 2.1.0 JSON schema (fixtures/sarif, OASIS) with ajv.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv4 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { runCli } from '../../../src/cli/run';
import { escapeData, escapeProperty, githubAnnotation } from '../../../src/cli/render/github';
import { LineIndex } from '../../../src/core/text/lineIndex';
import { fakeIo } from './fakeIo';

const root = join(__dirname, '..', '..', '..');
const schema = JSON.parse(readFileSync(join(__dirname, 'fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')) as object;
const ajv = new Ajv4({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);
const docs = readFileSync(join(root, 'docs/diagnostics.md'), 'utf8');

interface SarifRegion { startLine: number; startColumn: number; endLine: number; endColumn: number; charOffset: number; charLength: number }
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: SarifRegion } }[];
}
interface SarifLog {
  version: string;
  runs: { tool: { driver: { name: string; version: string; rules: { id: string; helpUri: string }[] } }; results: SarifResult[]; artifacts: { location: { uri: string } }[] }[];
}

/** Parses and validates a SARIF log; checks that every rule's help URI is an anchor of docs/diagnostics.md. */
function checkedSarif(out: string): SarifLog {
  const log = JSON.parse(out) as SarifLog;
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  assert.equal(log.version, '2.1.0');
  const run = log.runs[0]!;
  for (const r of run.tool.driver.rules) {
    assert.equal(r.helpUri, `https://github.com/mailsec/mailsec/blob/main/docs/diagnostics.md#${r.id}`);
    assert.match(docs, new RegExp(`^#{2,4} ${r.id}\\s*$`, 'm'), `${r.id} has a heading in docs/diagnostics.md`);
  }
  for (const res of run.results) assert.equal(run.tool.driver.rules[res.ruleIndex]!.id, res.ruleId);
  return log;
}

function workspace(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mailsec-sarif-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const HEAD = '$TTL 3600\n@ IN SOA ns1 hostmaster 1 3600 600 86400 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n';

describe('SARIF output', () => {
  test('the schema validator rejects what is not SARIF 2.1.0 (it is live)', () => {
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false);
    assert.equal(validate({ version: '2.0.0', runs: [] }), false);
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] }), false);
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'error' }] }] }), true);
  });

  test('lint: a valid SARIF 2.1.0 log whose regions are exactly the JSON positions and the offending text', async () => {
    const zone = '$ORIGIN example.com.\n' + HEAD + 'x IN A 1.2.3\nwww 300 IN A 192.0.2.2\nwww 600 IN A 192.0.2.3\n';
    const dir = workspace({ 'zones/a b.zone': zone });
    const io = fakeIo(dir);
    assert.equal(await runCli(['lint', '--format', 'sarif', 'zones'], io), 2);
    const log = checkedSarif(io.out);
    const json = fakeIo(dir);
    await runCli(['lint', '--format', 'json', 'zones'], json);
    const expected = (JSON.parse(json.out) as { files: { findings: { code: string; line: number; column: number; endLine: number; endColumn: number }[] }[] }).files[0]!.findings;
    const results = log.runs[0]!.results;
    assert.equal(results.length, expected.length);
    for (const [i, r] of results.entries()) {
      const e = expected[i]!;
      const reg = r.locations[0]!.physicalLocation.region;
      assert.deepEqual([r.ruleId, reg.startLine, reg.startColumn, reg.endLine, reg.endColumn], [e.code, e.line, e.column, e.endLine, e.endColumn]);
      assert.equal(r.locations[0]!.physicalLocation.artifactLocation.uri, 'zones/a%20b.zone');
      assert.equal(r.locations[0]!.physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
    }
    const bad = results.find((r) => r.ruleId === 'zone-bad-ipv4')!;
    const reg = bad.locations[0]!.physicalLocation.region;
    assert.equal(zone.slice(reg.charOffset, reg.charOffset + reg.charLength), '1.2.3');
    assert.equal(bad.level, 'error');
    assert.equal(results.find((r) => r.ruleId === 'zone-ttl-mismatch')!.level, 'warning');
  });

  test('lint: a clean zone is a valid log with no results, its file listed', async () => {
    const dir = workspace({ 'example.org.zone': HEAD + 'mail IN A 192.0.2.9\n@ IN MX 10 mail\n' });
    const io = fakeIo(dir);
    assert.equal(await runCli(['lint', '--format', 'sarif', 'example.org.zone'], io), 0);
    const log = checkedSarif(io.out);
    assert.deepEqual(log.runs[0]!.results, []);
    assert.deepEqual(log.runs[0]!.artifacts.map((a) => a.location.uri), ['example.org.zone']);
  });

  test('lint: a finding inside an $INCLUDEd file is located in that file', async () => {
    const dir = workspace({ 'z/db.example.com': HEAD + '$INCLUDE keys/k.inc\n', 'z/keys/k.inc': 'bad IN A 300.1.1.1\n' });
    const io = fakeIo(dir);
    assert.equal(await runCli(['lint', '--format', 'sarif', 'z/db.example.com'], io), 2);
    const log = checkedSarif(io.out);
    const r = log.runs[0]!.results.find((x) => x.ruleId === 'zone-bad-ipv4')!;
    assert.equal(r.locations[0]!.physicalLocation.artifactLocation.uri, 'z/keys/k.inc');
    const reg = r.locations[0]!.physicalLocation.region;
    assert.deepEqual([reg.startLine, reg.startColumn, 'bad IN A 300.1.1.1\n'.slice(reg.charOffset, reg.charOffset + reg.charLength)], [1, 10, '300.1.1.1']);
    assert.deepEqual(log.runs[0]!.artifacts.map((a) => a.location.uri), ['z/db.example.com', 'z/keys/k.inc']);
  });

  test('analyze: a header analysis as a valid SARIF log', async () => {
    const dir = workspace({ 'm.eml': readFileSync(join(root, 'test/unit/headers/fixtures/phishing-lookalike.txt')) });
    const io = fakeIo(dir);
    const code = await runCli(['analyze', '--no-config', '--now', '2024-06-01T00:00:00Z', '--format', 'sarif', 'm.eml'], io);
    assert.ok(code === 1 || code === 2, `exit ${code}: ${io.err}`);
    const log = checkedSarif(io.out);
    assert.ok(log.runs[0]!.results.length > 0);
    assert.ok(log.runs[0]!.results.every((r) => r.locations[0]!.physicalLocation.artifactLocation.uri === 'm.eml'));
  });

  test('banned-passwords lint: valid SARIF, standard input named stdin', async () => {
    const dir = workspace({});
    const io = fakeIo(dir, 'abcd\nabcd\nab\n');
    assert.equal(await runCli(['banned-passwords', 'lint', '-', '--format', 'sarif'], io), 2);
    const log = checkedSarif(io.out);
    const ids = log.runs[0]!.results.map((r) => r.ruleId);
    assert.ok(ids.includes('banned-duplicate-term'), ids.join());
    assert.ok(log.runs[0]!.results.every((r) => r.locations[0]!.physicalLocation.artifactLocation.uri === 'stdin'));
  });
});

describe('GitHub workflow annotations', () => {
  test('escaping follows the runner: % CR LF in messages; also : and , in properties', () => {
    assert.equal(escapeData('50% a\r\nb: c, d'), '50%25 a%0D%0Ab: c, d');
    assert.equal(escapeProperty('dir,x/a:b%.zone\n'), 'dir%2Cx/a%3Ab%25.zone%0A');
    const f = { code: 'zone-x', severity: 'info' as const, message: 'one\ntwo, 100%', span: { start: 4, end: 6 } };
    assert.equal(githubAnnotation('a,b:c.zone', new LineIndex('abc\ndefg\n'), f), '::notice file=a%2Cb%3Ac.zone,line=2,col=1,endLine=2,endColumn=3,title=zone-x::one%0Atwo, 100%25');
  });

  test('lint --format github: one ::error / ::warning line per finding', async () => {
    const dir = workspace({ 'db.example.com': HEAD + 'x IN A 1.2.3\nwww 300 IN A 192.0.2.2\nwww 600 IN A 192.0.2.3\n' });
    const io = fakeIo(dir);
    assert.equal(await runCli(['lint', '--format', 'github', 'db.example.com'], io), 2);
    const lines = io.out.trim().split('\n');
    assert.match(lines[0]!, /^::error file=db\.example\.com,line=5,col=8,endLine=5,endColumn=13,title=zone-bad-ipv4::\S/);
    assert.ok(lines.some((l) => l.startsWith('::warning file=db.example.com,line=7,col=5,')), io.out);
    assert.ok(lines.every((l) => /^::(error|warning|notice) file=[^:]+::/.test(l)));
  });
});
