/**
 * Diagnostics on header text for the editor: everything that is wrong with the text
 * itself, found without knowing the organisation — lines that are not fields, broken
 * encoded words and encoding tricks, malformed addresses and a From with several
 * addresses, a Date in the future or unreadable, malformed Authentication-Results,
 * DKIM-Signature and Received fields. Spans point into the text given.
 */
import { pushAll } from '../arrays';
import { byPosition, type Finding } from '../findings';
import { parseAllAuthResults } from './authentication';
import { parseMailDate } from './dates';
import { analyzeDkimSignature } from './dkim';
import { encodingFindings } from './encoding';
import { buildHops } from './hops';
import { parseHeaderBlock } from './parse';
import { parseAddresses } from './senders';
import type { HeaderField, ParsedDate, ParsedHeaders } from './types';
import { clipped } from '../text/visible';

/** Clock difference tolerated before a Date counts as "in the future". */
export const FUTURE_TOLERANCE_MS = 15 * 60 * 1000;

export function dateFindings(fields: HeaderField[], now: number): { date: ParsedDate | null; dateField: HeaderField | null; findings: Finding[] } {
  const dateField = fields.find((f) => f.lname === 'date') ?? null;
  const findings: Finding[] = [];
  if (!dateField) return { date: null, dateField, findings };
  const date = parseMailDate(dateField.unfolded);
  if (!date) {
    findings.push({
      code: 'hdr-date-invalid',
      severity: 'warning',
      message: `The Date "${clipped(dateField.unfolded, 80)}" is not an RFC 5322 date (e.g. "Tue, 5 Mar 2024 09:15:02 +0100"); the writing software is broken or the header was forged by hand.`,
      span: dateField.valueSpan,
    });
  } else if (date.epochMs > now + FUTURE_TOLERANCE_MS) {
    findings.push({
      code: 'hdr-date-future',
      severity: 'warning',
      message: `The Date ${date.iso} is in the future: the sender's clock is wrong, or the date was set to keep the message at the top of the inbox.`,
      span: dateField.valueSpan,
      data: { epochMs: date.epochMs, now },
    });
  }
  return { date, dateField, findings };
}

/** Syntax findings shared by lintHeaders and analyzeHeaders. */
export function syntaxFindings(parsed: ParsedHeaders, now: number): Finding[] {
  const { fields } = parsed;
  const out: Finding[] = parsed.findings.slice();
  if (fields.length === 0) return out;
  pushAll(out, encodingFindings(fields));
  pushAll(out, parseAddresses(fields).findings.filter((f) => f.code !== 'hdr-from-missing'));
  const d = dateFindings(fields, now);
  pushAll(out, d.findings);
  pushAll(out, parseAllAuthResults(fields).findings.filter((f) => f.code === 'hdr-auth-results-malformed'));
  for (const f of fields) {
    if (f.lname === 'dkim-signature') pushAll(out, analyzeDkimSignature(f, null, now).findings);
  }
  pushAll(out, buildHops(fields, d.date, d.dateField).findings.filter((f) => f.code === 'hdr-received-no-date' || f.code === 'hdr-received-malformed'));
  return out;
}

export interface LintOptions {
  /** Epoch ms used for "in the future" and DKIM expiry (default: now). */
  now?: number;
}

export function lintHeaders(text: string, options: LintOptions = {}): Finding[] {
  const parsed = parseHeaderBlock(text);
  return syntaxFindings(parsed, options.now ?? Date.now()).sort(byPosition);
}
