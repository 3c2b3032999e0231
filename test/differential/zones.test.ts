/**
 * Differential tier: BIND 9's named-checkzone and mailsec read the same zone files — test
 * data of other DNS projects (corpus/, see corpus.ts) — and must agree:
 *  - whether the zone loads: BIND rejects it ⇔ mailsec reports a DNS error (zone-*, txt-*);
 *  - for a zone both load, what it holds: every RRset (owner, type, TTL) of BIND's dump
 *    (named-checkzone -D) and of mailsec's parse, and for types mailsec encodes, the wire rdata.
 * BIND's verdict comes from the installed tool in this run, never from a stored label.
 * A disagreement fails the test unless known-disagreements.json lists it with its reason.
 */
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lintZone } from '../../src/core/zone/lint';
import { parseZone } from '../../src/core/zone/parser';
import { isAtOrBelow } from '../../src/core/zone/nameTable';
import { typeNumber } from '../../src/core/zone/rrtypes';
import { rdataWire } from '../../src/core/zone/wire';
import { Bytes, nameWire } from '../../src/core/zone/rdataEncode';
import type { ParseOptions, ZoneRecord } from '../../src/core/zone/types';
import { CHECKZONE, CHECKZONE_VERSION, checkzone, pool, type BindVerdict } from './bind';
import { loadCorpus, type Case } from './corpus';

type Kind = 'bind-rejects' | 'bind-accepts' | 'data';
interface Known {
  id: string;
  kind: Kind;
  reason: string;
}
interface Disagreement {
  id: string;
  kind: Kind;
  detail: string;
}

const skip = CHECKZONE ? false : 'named-checkzone not installed (apt-get install bind9-utils)';
if (skip) console.log(`# SKIPPED differential tier: ${skip}`);

const KNOWN: Known[] = JSON.parse(readFileSync(join(__dirname, 'known-disagreements.json'), 'utf8')).disagreements;
const knownKey = (d: { id: string; kind: Kind }): string => `${d.kind} ${d.id}`;
const knownSet = new Map(KNOWN.map((k) => [knownKey(k), k]));

/** The zone name: the SOA owner when the file writes it absolute, else the name the project's own test uses. */
function zoneOf(c: Case): string {
  if (c.zone) return c.zone;
  const apex = parseZone(c.text, { origin: '.' }).apex;
  if (apex !== '.') return apex;
  return c.id.startsWith('bind9/') ? 'example.' : 'example.com.';
}

const isDnsError = (code: string): boolean => code.startsWith('zone-') || code.startsWith('txt-');

function includeReader(dir: string): ParseOptions['readInclude'] {
  // BIND resolves $INCLUDE from its working directory (the run's temporary folder).
  return (path) => {
    const abs = resolve(dir, path);
    return { path: abs, text: readFileSync(abs, 'utf8') };
  };
}

function mailsecErrors(c: Case, zone: string, dir: string): string[] {
  return lintZone(c.text, { origin: zone, zone, file: join(dir, 'zone.db'), readInclude: includeReader(dir) })
    .findings.filter((f) => f.severity === 'error' && isDnsError(f.code))
    .map((f) => `${f.code}: ${f.message}`);
}

/** RRsets keyed by "owner TYPEnnn": TTL and the wire rdata (ASCII case folded), or null where mailsec has no encoder. */
function rrsets(records: ZoneRecord[], zone: string): Map<string, { name: string; ttl: number; data: Set<string> | null }> {
  const out = new Map<string, { name: string; ttl: number; data: Set<string> | null }>();
  for (const r of records) {
    if (!isAtOrBelow(r.owner, zone)) continue; // BIND ignores out-of-zone data
    const code = r.rrtype?.code ?? typeNumber(r.type);
    // BIND keeps NSEC3 records in a tree of their own and dumps them only under hashed names.
    if (code === 50) continue;
    // Owners compare in wire form (escapes written differently are the same name); an RRSIG
    // set is one per covered type, as BIND keeps it.
    const ow = new Bytes();
    nameWire(r.owner.toLowerCase(), '.', ow);
    let wire: string | null;
    let bytes: Uint8Array | undefined;
    try {
      bytes = rdataWire(r);
      wire = Buffer.from(bytes.map((b) => (b >= 65 && b <= 90 ? b + 32 : b))).toString('hex');
    } catch {
      wire = null;
    }
    const covered = code === 46 && bytes && bytes.length >= 2 ? ` covering TYPE${(bytes[0]! << 8) | bytes[1]!}` : '';
    const key = `${Buffer.from(ow.done()).toString('hex')} TYPE${code}${covered}`;
    const set = out.get(key);
    if (!set) out.set(key, { name: `${r.owner} TYPE${code}${covered}`, ttl: r.ttl, data: wire === null ? null : new Set([wire]) });
    else if (wire === null) set.data = null;
    else set.data?.add(wire);
  }
  return out;
}

function compareData(c: Case, zone: string, dir: string, bind: BindVerdict): string[] {
  const ours = parseZone(c.text, { origin: zone, zone, file: join(dir, 'zone.db'), readInclude: includeReader(dir) });
  const theirs = parseZone(bind.dump, { origin: zone, zone });
  if (theirs.findings.some((f) => f.severity === 'error')) return [`mailsec cannot read BIND's dump: ${theirs.findings[0]!.message}`];
  const a = rrsets(ours.records, zone);
  const b = rrsets(theirs.records, zone);
  const problems: string[] = [];
  for (const [k, v] of b) {
    const o = a.get(k);
    if (!o) problems.push(`BIND loads ${v.name}, mailsec does not read it`);
    else {
      if (o.ttl !== v.ttl) problems.push(`${v.name}: TTL ${o.ttl} in mailsec, ${v.ttl} in BIND`);
      if (o.data && v.data && [...v.data].sort().join() !== [...o.data].sort().join()) problems.push(`${v.name}: rdata differs (mailsec ${[...o.data].join(',')}; BIND ${[...v.data].join(',')})`);
    }
  }
  for (const [k, v] of a) if (!b.has(k)) problems.push(`mailsec reads ${v.name}, BIND does not load it`);
  return problems;
}

const cases = loadCorpus();
// One test per corpus file (Knot's split files hold many cases).
const files = new Map<string, number[]>();
cases.forEach((c, i) => {
  const f = c.id.replace(/:\d+$/, '');
  files.set(f, [...(files.get(f) ?? []), i]);
});

describe(`differential: ${CHECKZONE_VERSION || 'named-checkzone'} and mailsec on ${cases.length} zone cases`, { skip }, () => {
  const verdicts: BindVerdict[] = [];
  const found: Disagreement[] = [];
  const zones: string[] = cases.map(zoneOf);
  const mailsec: string[][] = [];
  const data: string[][] = [];
  before(async () => {
    verdicts.push(
      ...(await pool(
        cases.map((c, i) => async (dir) => {
          const v = await checkzone(zones[i]!.replace(/\.$/, '') || '.', c.text, dir);
          mailsec[i] = mailsecErrors(c, zones[i]!, dir);
          data[i] = v.ok && mailsec[i]!.length === 0 ? compareData(c, zones[i]!, dir, v) : [];
          return v;
        }),
        4,
      )),
    );
  });

  for (const [file, idx] of files) {
    test(file, () => {
      const unexpected: string[] = [];
      for (const i of idx) {
        const c = cases[i]!;
        const bind = verdicts[i]!;
        const errors = mailsec[i]!;
        let d: Disagreement | undefined;
        if (!bind.ok && errors.length === 0) d = { id: c.id, kind: 'bind-rejects', detail: `BIND rejects: ${bind.messages.split('\n').filter((l) => !/not loaded due to errors/.test(l)).slice(0, 3).join(' | ')}; mailsec reports no error` };
        else if (bind.ok && errors.length > 0) d = { id: c.id, kind: 'bind-accepts', detail: `BIND loads it; mailsec reports ${errors.slice(0, 3).join(' | ')}` };
        else if (data[i]!.length) d = { id: c.id, kind: 'data', detail: data[i]!.slice(0, 3).join(' | ') };
        if (!d) continue;
        found.push(d);
        if (!knownSet.has(knownKey(d))) unexpected.push(`${d.kind} ${d.id}: ${d.detail}\n--- case ---\n${c.text.slice(-600)}`);
      }
      assert.equal(unexpected.length, 0, `disagreements with BIND not listed in test/differential/known-disagreements.json:\n\n${unexpected.join('\n\n')}`);
    });
  }

  test('known-disagreements.json lists only disagreements that still happen, each with a reason', () => {
    // MAILSEC_DIFF_REPORT=file writes every disagreement found (to review, and to update the list).
    if (process.env.MAILSEC_DIFF_REPORT) writeFileSync(process.env.MAILSEC_DIFF_REPORT, JSON.stringify(found.map((d) => ({ ...d, text: cases.find((c) => c.id === d.id)!.text.slice(-400), reason: knownSet.get(knownKey(d))?.reason })), null, 1));
    const seen = new Set(found.map(knownKey));
    const agree = cases.length - found.filter((d) => d.kind !== 'data').length;
    const rejects = verdicts.filter((v) => !v.ok).length;
    console.log(`# differential: mailsec agrees with ${CHECKZONE_VERSION} on ${agree} of ${cases.length} cases (${((100 * agree) / cases.length).toFixed(1)}%); ` +
      `BIND rejects ${rejects}, of which mailsec is silent on ${found.filter((d) => d.kind === 'bind-rejects').length}; ` +
      `BIND accepts ${cases.length - rejects}, of which mailsec calls ${found.filter((d) => d.kind === 'bind-accepts').length} an error; ` +
      `${found.filter((d) => d.kind === 'data').length} loaded zones differ in data; ${KNOWN.length} listed`);
    const stale = KNOWN.filter((k) => !seen.has(knownKey(k))).map((k) => `${k.kind} ${k.id}`);
    assert.deepEqual(stale, [], 'these listed disagreements no longer happen: remove them from the list');
    for (const k of KNOWN) assert.ok(k.reason && k.reason.length > 10, `${k.id}: give the reason`);
  });
});

