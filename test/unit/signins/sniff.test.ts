// Issue 15: "Analyze Sign-in Log" is offered on files that look like sign-in exports, decided
// from their first bytes — not on every .json (settings.json) or .csv.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { looksLikeSigninExport } from '../../../src/core/signins/sniff';

const CSV = readFileSync(join(__dirname, '../../integration/fixtures/workspace/m365/signins.csv'), 'utf8');

test('sign-in exports: Entra CSV (with a BOM, or semicolons), Graph JSON, NDJSON, Log Analytics query answers', () => {
  for (const [what, text] of [
    ['the Entra portal CSV', CSV],
    ['the CSV with a BOM', `\uFEFF${CSV}`],
    ['a semicolon CSV', 'Date (UTC);User;Username;Status;Client app\n2025-01-01;a;a@contoso.com;Success;IMAP4\n'],
    ['Graph JSON', '{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns","value":[{"id":"1","createdDateTime":"2025-01-01T00:00:00Z","userPrincipalName":"a@contoso.com","clientAppUsed":"IMAP4","status":{"errorCode":0}}]}'],
    ['NDJSON (Log Analytics export)', '{"TimeGenerated":"2025-01-01T00:00:00Z","UserPrincipalName":"a@contoso.com","ResultType":"50126","ClientAppUsed":"SMTP"}\n'],
    ['a Log Analytics query answer', '{"tables":[{"name":"PrimaryResult","columns":[{"name":"TimeGenerated","type":"datetime"},{"name":"UserPrincipalName","type":"string"},{"name":"ResultType","type":"string"}],"rows":[]}]}'],
  ] as const) assert.equal(looksLikeSigninExport(text), true, what);
});

test('not sign-in exports: settings.json, package.json, an inventory CSV, empty files', () => {
  for (const [what, text] of [
    ['settings.json', '{\n  "mailsec.dns.servers": ["127.0.0.1"],\n  "editor.tabSize": 2\n}\n'],
    ['package.json', '{"name":"x","version":"1.0.0","scripts":{"test":"node --test"},"dependencies":{"status":"1"}}'],
    ['an inventory CSV', 'Hostname,IP address,Owner,Status\nsrv1,10.0.0.1,alice,up\n'],
    ['a users CSV without times', 'User,Username,Department\nAlice,alice@contoso.com,IT\n'],
    ['empty', ''],
    ['garbage', '\u0000\u0001binary'],
  ] as const) assert.equal(looksLikeSigninExport(text), false, what);
});
