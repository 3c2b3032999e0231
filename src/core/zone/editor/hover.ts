import type { Span } from '../../findings';
import { describeDkimTag, describeDmarcTag, describeSpfTerm } from '../../mailrecords/docs';
import { isSpfRecord } from '../../mailrecords/spf';
import { includePathNote } from '../includePath';
import { isAbsolute, resolveName } from '../names';
import { recordAt, tokenAt } from '../query';
import { lookupType } from '../rrtypes';
import { rawText } from '../tokens';
import { describeTtl, parseTtl } from '../ttl';
import { joinTxt, type TxtValue } from '../txtValue';
import type { ParseResult, ZoneRecord } from '../types';

export interface ZoneHover {
  /** Markdown. */
  markdown: string;
  span: Span;
}

const DIRECTIVES: Record<string, string> = {
  $ORIGIN: 'Sets the origin: the domain appended to every name that does not end with a dot, and what `@` stands for (RFC 1035 §5.1).',
  $TTL: 'Sets the default TTL for the records that follow and give none (RFC 2308 §4).',
  $INCLUDE:
    "Reads another file here, optionally with its own origin; afterwards the origin and owner revert (RFC 1035 §5.1). mailsec finds a relative path beside the including file; BIND resolves it from its working directory (named.conf's `directory`) — `mailsec lint --include-base DIR` checks it BIND's way.",
  $GENERATE: 'BIND extension: creates a series of records from a range, replacing `$` with each number, e.g. `$GENERATE 1-10 host$ A 192.0.2.$`.',
};

const CLASSES: Record<string, string> = {
  IN: 'The Internet class — what every zone on the public DNS uses.',
  CH: 'Chaosnet class; today used only for server queries like `version.bind`.',
  HS: 'Hesiod class (MIT Athena); rarely seen.',
  CS: 'CSNET class; obsolete.',
};

function mail(rec: ZoneRecord, offset: number): ZoneHover | undefined {
  if (rec.type !== 'TXT' || rec.generic) return undefined;
  const v = joinTxt(rec);
  const idx = indexAt(v, offset);
  if (idx === -1) return undefined;
  const owner = rec.owner.toLowerCase();
  if (isSpfRecord(v.value)) return term(v, idx, /\s+/, (name) => describeSpfTerm(name), 'SPF');
  if (owner.includes('._domainkey.')) return term(v, idx, /;/, (name) => describeDkimTag(name), 'DKIM');
  if (owner.startsWith('_dmarc.')) return term(v, idx, /;/, (name) => describeDmarcTag(name), 'DMARC');
  return undefined;
}

function indexAt(v: TxtValue, offset: number): number {
  let best = -1;
  for (let i = 0; i < v.sources.length; i++) {
    if (v.sources[i]! <= offset) best = i;
    else break;
  }
  return best;
}

/** The tag/term of a mail record under the cursor, explained. */
function term(v: TxtValue, idx: number, sep: RegExp, describe: (name: string) => string | undefined, kind: string): ZoneHover | undefined {
  const value = v.value;
  const re = new RegExp(sep.source, 'g');
  let start = 0;
  let m: RegExpExecArray | null;
  let end = value.length;
  while ((m = re.exec(value))) {
    if (m.index >= idx) {
      end = m.index;
      break;
    }
    start = m.index + m[0].length;
  }
  const piece = value.slice(start, end).trim();
  if (!piece) return undefined;
  const name = kind === 'SPF' ? spfName(piece) : piece.split('=')[0]!.trim().toLowerCase();
  const doc = describe(name);
  if (!doc) return undefined;
  const lead = value.slice(start, end).length - value.slice(start, end).trimStart().length;
  const s = start + lead;
  const span = { start: v.sources[s] ?? 0, end: (v.sources[s + piece.length - 1] ?? 0) + 1 };
  return { markdown: `**${kind}** \`${piece.length > 60 ? piece.slice(0, 57) + '…' : piece}\`\n\n${doc}`, span };
}

function spfName(term: string): string {
  const t = term.replace(/^[+\-~?]/, '');
  const m = /^([a-z0-9_.-]+)[=:/]?/i.exec(t);
  return (m?.[1] ?? t).toLowerCase();
}

/** Hover for the record token, directive or mail-record tag at `offset` of the main file. */
export function zoneHover(parse: ParseResult, offset: number): ZoneHover | undefined {
  for (const d of parse.directives) {
    if (d.file === undefined && d.nameSpan.start <= offset && offset <= d.nameSpan.end) {
      const doc = DIRECTIVES[d.name];
      return doc ? { markdown: `**${d.name}** — ${doc}`, span: d.nameSpan } : undefined;
    }
    const arg = d.args[0];
    if (d.file === undefined && d.name === '$INCLUDE' && arg && arg.start <= offset && offset <= arg.end) {
      return { markdown: `**$INCLUDE path** — ${includePathNote(rawText(d.text, arg))}`, span: { start: arg.start, end: arg.end } };
    }
  }
  const rec = recordAt(parse, offset);
  if (!rec) return undefined;
  const hit = tokenAt(rec, offset);
  if (!hit) return undefined;
  const span = { start: hit.token.start, end: hit.token.end };
  const raw = rec.text.slice(span.start, span.end);
  switch (hit.role) {
    case 'owner':
      return { markdown: `**${rec.owner}**${isAbsolute(raw) || raw === rec.owner ? '' : ` — \`${raw}\` relative to ${rec.origin}`}`, span };
    case 'ttl': {
      const t = parseTtl(raw);
      return t.ok ? { markdown: `**TTL** ${t.seconds} seconds = ${describeTtl(t.seconds)}. Resolvers cache the record this long.`, span } : undefined;
    }
    case 'class':
      return { markdown: `**${raw.toUpperCase()}** — ${CLASSES[raw.toUpperCase()] ?? 'a DNS class.'}`, span };
    case 'type': {
      const t = lookupType(rec.type);
      if (!t) return { markdown: `**${rec.type}** — a type mailsec does not know.`, span };
      const layout = t.fields.filter(([k]) => k !== 'any').map(([, l]) => `<${l}>`).join(' ');
      return { markdown: `**${t.name}** (type ${t.code}) — ${t.summary}${layout ? `\n\n\`${t.name} ${layout}\`` : ''}`, span };
    }
    case 'rdata': {
      const fromMail = mail(rec, offset);
      if (fromMail) return fromMail;
      const t = lookupType(rec.type);
      const field = t?.fields[Math.min(hit.index, t.fields.length - 1)];
      if (field?.[0] === 'name' && !hit.token.quoted) {
        const abs = resolveName(rawText(rec.text, hit.token), rec.origin);
        return { markdown: `**${field[1]}**: ${abs}`, span };
      }
      if (field) return { markdown: `**${field[1]}** of the ${rec.type} record`, span };
      return undefined;
    }
  }
}
