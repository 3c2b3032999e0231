import { parseZone } from '../../../src/core/zone/parser';
import type { ParseOptions, ZoneRecord } from '../../../src/core/zone/types';
import { rawText } from '../../../src/core/zone/tokens';

export const SOA = '@ IN SOA ns1 hostmaster 2024010101 3600 600 86400 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n';

/** A zone with $ORIGIN/$TTL/SOA/NS around the given body. */
export function zone(body: string, origin = 'example.com.'): string {
  return `$ORIGIN ${origin}\n$TTL 3600\n${SOA}${body}`;
}

export function rdataOf(rec: ZoneRecord): string[] {
  return rec.rdata.map((t) => rawText(rec.text, t));
}

export function parse(text: string, options: ParseOptions = {}) {
  return parseZone(text, options);
}

/** The source text a finding/record span covers. */
export function slice(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}

export function codes(findings: { code: string }[]): string[] {
  return findings.map((f) => f.code);
}
