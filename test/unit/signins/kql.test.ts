/**
 * The KQL detections (issue 18): each one parses and passes the Kusto language service's
 * semantic check against the documented SigninLogs / AADNonInteractiveUserSignInLogs
 * schemas; a golden file per detection; and the lists in the query are the local engine's
 * own tables (client apps, error-code classes, scripted user agents), so they cannot drift.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { classifyClientApp } from '../../../src/core/signins/clientApps';
import { ERROR_CODES } from '../../../src/core/signins/errorCodes';
import { KQL_TABLES, signinDetectionsKql, signinDetectionsKqlText } from '../../../src/core/signins/kql';
import { scriptedAgentKind } from '../../../src/core/signins/userAgents';
import { checkKql, SCHEMA_TABLES } from './kustoCheck';

const GOLDEN_OPTIONS = { days: 14, thresholds: { sprayMinUsers: 12, bruteForceMinFailures: 25, bruteForceWindowMinutes: 30, bruteForceDailyMinFailures: 8 } };
const IDS = ['legacy-success', 'password-spray', 'brute-force-burst', 'brute-force-daily', 'scripted-user-agents', 'outcomes'];

/** The values of `let name = dynamic([...]);` in a query. */
function letList(query: string, name: string): string[] {
  const m = new RegExp(`^let ${name} = dynamic\\((\\[.*\\])\\);$`, 'm').exec(query);
  assert.ok(m, name);
  return JSON.parse(m[1]!) as string[];
}

describe('KQL detections', () => {
  const detections = signinDetectionsKql();

  it('one per local rule, over both sign-in tables of the documented schema', () => {
    assert.deepEqual(detections.map((d) => d.id), IDS);
    assert.deepEqual([...KQL_TABLES].sort(), [...SCHEMA_TABLES].sort());
    for (const d of detections) for (const t of KQL_TABLES) assert.match(d.query, new RegExp(`\\(${t}\\n`));
  });

  for (const id of IDS) {
    it(`${id}: passes the Kusto language service's semantic check (defaults and golden options)`, () => {
      for (const options of [{}, GOLDEN_OPTIONS]) {
        const d = signinDetectionsKql(options).find((x) => x.id === id)!;
        assert.deepEqual(checkKql(d.query), [], d.query);
      }
    });

    it(`${id}: golden query text`, () => {
      const d = signinDetectionsKql(GOLDEN_OPTIONS).find((x) => x.id === id)!;
      assert.equal(d.query + '\n', readFileSync(join(__dirname, 'fixtures/kql', `${id}.kql`), 'utf8'));
    });
  }

  it('the checker is real: a misspelt column, a wrong type and an unknown table are errors', () => {
    const ok = detections[0]!.query;
    assert.match(checkKql(ok.replace('by User, ClientAppUsed', 'by User, ClientApp'))[0]?.message ?? '', /ClientApp' does not refer to any known column/);
    assert.ok(checkKql(ok.replace('AADNonInteractiveUserSignInLogs', 'AADNonInteractiveSignInLogs')).some((x) => /AADNonInteractiveSignInLogs/.test(x.message)));
    // LocationDetails is a string in the non-interactive table: reading a member off it is a type error
    const wrongType = ok.replace('Country = tostring(parse_json(LocationDetails).countryOrRegion), Interactive = false', 'Country = tostring(LocationDetails.countryOrRegion), Interactive = false');
    assert.notEqual(wrongType, ok);
    assert.ok(checkKql(wrongType).length > 0, 'a member of a string column');
  });

  it('thresholds come from the options, as in the local report', () => {
    const q = (id: string) => signinDetectionsKql(GOLDEN_OPTIONS).find((x) => x.id === id)!.query;
    assert.match(q('password-spray'), /\| where FailedUsers >= 12$/m);
    assert.match(q('brute-force-burst'), /series_fir\(Failures, repeat\(1, 30\), false, false\)/);
    assert.match(q('brute-force-burst'), /\| where Busiest >= 25$/m);
    assert.match(q('brute-force-daily'), /\| where Failures >= 8$/m);
    assert.match(q('legacy-success'), /^let lookback = 14d;$/m);
    assert.throws(() => signinDetectionsKql({ days: 0 }), /days must be a whole number/);
    assert.throws(() => signinDetectionsKql({ thresholds: { sprayMinUsers: 1.5 } }), /sprayMinUsers/);
  });

  it('the lists in the query are the local engine\'s tables: client apps, error-code classes, user agents', () => {
    const query = detections[0]!.query;
    const codes = (test: (i: (typeof ERROR_CODES)[number]) => boolean) => Object.entries(ERROR_CODES).filter(([c, i]) => c !== '0' && test(i)).map(([c]) => c).sort((a, b) => Number(a) - Number(b));
    assert.deepEqual(letList(query, 'credentialFailureCodes'), codes((i) => i.credentialFailure));
    assert.deepEqual(letList(query, 'passwordAcceptedCodes'), ['0', ...codes((i) => i.passwordAccepted)]);
    assert.deepEqual(letList(query, 'interruptCodes'), codes((i) => i.interrupt));
    // every spelling the KQL calls modern is modern locally, and the others are legacy
    const modern = letList(query, 'modernClientApps');
    const samples = ['Browser', ' mobile  apps and desktop clients ', 'Mobile Apps and Desktop client', 'IMAP4', 'Authenticated SMTP', 'Other clients', 'Some New Protocol', 'imap'];
    for (const s of samples) {
      const kqlApp = s.trim().replace(/\s+/g, ' ').toLowerCase();
      assert.equal(modern.includes(kqlApp), classifyClientApp(s).category === 'modern', s);
    }
    // the user-agent patterns, read back from the query, classify as the local engine does
    const agents = signinDetectionsKql().find((d) => d.id === 'scripted-user-agents')!.query;
    const cases = [...agents.matchAll(/Agent matches regex @"\(\?i\)((?:[^"]|"")*)", "([^"]+)"/g)].map((m) => ({ re: new RegExp(m[1]!.replace(/""/g, '"'), 'i'), kind: m[2]! }));
    assert.ok(cases.length > 5);
    const kql = (ua: string) => (ua.trim() === '' ? 'empty' : cases.find((c) => c.re.test(ua.trim()))?.kind);
    for (const ua of ['BAV2ROPC', ' curl/8.1 ', 'python-requests/2.31', 'Mozilla/5.0', 'okhttp/4', 'node', 'nodejs', '', '  ', 'Microsoft Office/16.0', 'Go-http-client/1.1', 'masscan/1.3']) {
      assert.equal(kql(ua), scriptedAgentKind(ua), ua);
    }
  });

  it('the text says how to run the queries in Log Analytics, Sentinel and workbooks, in the portal\'s words', () => {
    const text = signinDetectionsKqlText();
    assert.match(text, /Log Analytics workspaces > your workspace > Logs/);
    assert.match(text, /Analytics > Create > Scheduled query rule/);
    assert.match(text, /Workbooks/);
    for (const d of detections) assert.ok(text.includes(`// ---- ${d.id}: ${d.title}\n// Local rule: ${d.localRule}\n${d.query}`));
  });
});
