import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeMicrosoftHeaders } from '../../../src/core/headers/microsoft';
import { bclMeaning, compauthReason, sclMeaning } from '../../../src/core/headers/msTables';
import { parseHeaderBlock } from '../../../src/core/headers/parse';
import { at, fixture } from './helpers';

const decode = (text: string) => decodeMicrosoftHeaders(parseHeaderBlock(text).fields);

describe('Microsoft anti-spam headers', () => {
  const text = fixture('o365-inbound.txt');
  const { antispam, findings } = decode(text);
  const ff = antispam.microsoft.find((h) => h.name === 'X-Forefront-Antispam-Report')!;
  const item = (k: string) => ff.items.find((i) => i.key === k)!;

  it('decodes X-Forefront-Antispam-Report field by field with meanings and spans', () => {
    assert.deepEqual(
      ff.items.map((i) => i.key),
      ['CIP', 'CTRY', 'LANG', 'SCL', 'SRV', 'IPV', 'SFV', 'H', 'PTR', 'CAT', 'SFS', 'DIR'],
    );
    assert.equal(item('CIP').value, '198.51.100.41');
    assert.match(item('IPV').meaning, /wasn't found on any IP reputation list/);
    assert.match(item('SFV').meaning, /not spam/);
    assert.match(item('DIR').meaning, /Inbound/);
    assert.equal(at(text, item('SFV')), 'SFV:NSPM');
  });

  it('shows SFS rule codes raw and says Microsoft does not document them', () => {
    assert.equal(item('SFS').documented, false);
    assert.match(item('SFS').meaning, /13230031, 4022899009, 61400799018.*undocumented/);
  });

  it('lifts SCL, BCL, SFV, CAT and the mailbox destination', () => {
    assert.equal(antispam.scl, 1);
    assert.equal(antispam.bcl, 0);
    assert.equal(antispam.sfv, 'NSPM');
    assert.equal(antispam.cat, 'NONE');
    assert.equal(antispam.dest, 'I');
    assert.deepEqual(findings, []);
  });

  it('decodes AuthAs, AuthSource, MessageDirectionality and the organisation SCL', () => {
    const names = antispam.microsoft.map((h) => h.name);
    for (const n of ['X-MS-Exchange-Organization-AuthAs', 'X-MS-Exchange-Organization-AuthSource', 'X-MS-Exchange-Organization-MessageDirectionality', 'X-MS-Exchange-Organization-SCL']) {
      assert.ok(names.includes(n), n);
    }
    const authAs = antispam.microsoft.find((h) => h.name === 'X-MS-Exchange-Organization-AuthAs')!.items[0]!;
    assert.match(authAs.meaning, /not authenticated/);
  });

  it('decodes X-Microsoft-Antispam-Mailbox-Delivery and explains a junk delivery', () => {
    const r = decode('X-Microsoft-Antispam-Mailbox-Delivery: ucf:1; jmr:0; auth:0; dest:J; OFR:CustomRules;\n ENG:(20160514016)(750129);\n');
    const items = r.antispam.microsoft[0]!.items;
    assert.deepEqual(
      items.map((i) => `${i.key}=${i.value}`),
      ['ucf=1', 'jmr=0', 'auth=0', 'dest=J', 'OFR=CustomRules', 'ENG=(20160514016)(750129)'],
    );
    assert.ok(items.every((i) => !i.documented), 'Microsoft documents none of it');
    assert.match(items[3]!.meaning, /Junk Email folder/);
    const junk = r.findings.find((f) => f.code === 'hdr-ms-delivered-to-junk')!;
    assert.match(junk.message, /OFR:CustomRules, a user inbox rule/);
  });

  it('reports spam, threats, allow-list bypasses and bulk', () => {
    const spam = decode('X-Forefront-Antispam-Report: SCL:5;SFV:SPM;CAT:SPM;\n').findings.map((f) => f.code);
    assert.deepEqual(spam, ['hdr-ms-spam']);
    const phish = decode('X-Forefront-Antispam-Report: SCL:9;SFV:SPM;CAT:HPHSH;\n').findings;
    assert.equal(phish[0]!.code, 'hdr-ms-threat');
    assert.equal(phish[0]!.severity, 'error');
    const bypass = decode('X-Forefront-Antispam-Report: SCL:-1;SFV:SKA;IPV:NLI;CAT:NONE;\n').findings;
    assert.deepEqual(
      bypass.map((f) => f.code),
      ['hdr-ms-filter-bypassed'],
    );
    assert.match(bypass[0]!.message, /allowed senders or allowed domains/);
    assert.equal(decode('X-Forefront-Antispam-Report: IPV:CAL;SFV:NSPM;\n').findings[0]!.code, 'hdr-ms-filter-bypassed');
    const bulk = decode('X-Microsoft-Antispam: BCL:8;\n').findings;
    assert.equal(bulk[0]!.code, 'hdr-ms-bulk');
  });

  it('marks unknown Forefront keys as undocumented instead of guessing', () => {
    const r = decode('X-Forefront-Antispam-Report: EFV:NLI;SFP:;SRVR:CY1NAM02HT069;\n');
    assert.ok(r.antispam.microsoft[0]!.items.every((i) => !i.documented && /Not documented/.test(i.meaning)));
  });

  it('meaning bands for SCL, BCL and compauth reasons', () => {
    assert.match(sclMeaning(-1), /skipped/);
    assert.match(sclMeaning(6), /^Spam/);
    assert.match(sclMeaning(9), /High confidence spam/);
    assert.match(sclMeaning(3), /never stamps 2–4/);
    assert.match(sclMeaning(-2), /Outside/);
    assert.match(bclMeaning(0), /isn't from a bulk sender/);
    assert.match(bclMeaning(5), /mixed/);
    assert.match(bclMeaning(9), /high number/);
    assert.match(compauthReason('001').meaning, /implicit/);
    assert.match(compauthReason('601').meaning, /accepted domains/);
    assert.match(compauthReason('130').meaning, /ARC/);
    assert.equal(compauthReason('555').documented, false);
  });
});

describe('Exchange Server (on-premises) stamps', () => {
  it('decodes X-MS-Exchange-Organization-Antispam-Report and PCL', () => {
    const text = fixture('exchange-onprem.txt');
    const { antispam } = decode(text);
    const report = antispam.microsoft.find((h) => h.name === 'X-MS-Exchange-Organization-Antispam-Report')!;
    assert.deepEqual(
      report.items.map((i) => [i.key, i.value, i.documented]),
      [
        ['DV', '3.3.16603.1409', true],
        ['SID', 'SenderIDStatus SoftFail', true],
        ['OrigIP', '192.0.2.77', false],
      ],
    );
    const pcl = antispam.microsoft.find((h) => h.name === 'X-MS-Exchange-Organization-PCL')!.items[0]!;
    assert.match(pcl.meaning, /^Neutral/);
    const scl = antispam.microsoft.find((h) => h.name === 'X-MS-Exchange-Organization-SCL')!.items[0]!;
    assert.match(scl.meaning, /on-premises Exchange content filtering uses the whole 0–9 scale/);
  });
});
