/**
 * What "the same analysis" means when the incremental model is compared with a full one (unit
 * tests and the fuzz tier): every record's meaning and spans, entries, directives, and the
 * findings that do not depend on the whole zone.
 */
import { ZONE_WIDE_CODES } from '../../../src/core/zone/incremental';
import type { ZoneAnalysis } from '../../../src/core/zone/lint';
import { recordMeaning } from '../../../src/core/zone/wire';

export function localFindings(findings: readonly { code: string; span: { start: number; end: number }; message: string }[]): [string, number, number, string][] {
  return findings.filter((f) => !ZONE_WIDE_CODES.has(f.code)).map((f) => [f.code, f.span.start, f.span.end, f.message]);
}

export function analysisView(a: ZoneAnalysis) {
  return {
    records: a.records.map((r) => [recordMeaning(r), r.ownerSpan && [r.ownerSpan.start, r.ownerSpan.end], [r.typeSpan.start, r.typeSpan.end], r.rdata.map((t) => [t.start, t.end]), r.generatedBy ? r.generatedBy.entry.start : -1]),
    entries: a.entries.map((e) => [e.start, e.end, e.open, e.close, e.tokens.map((t) => [t.start, t.end]), e.comments.map((c) => [c.start, c.end])]),
    directives: a.directives.map((d) => [d.name, d.nameSpan.start, d.nameSpan.end]),
    local: localFindings(a.findings),
  };
}
