import type { Finding } from '../findings';
import { MAX_GENERATE, MAX_GENERATE_PER_ZONE, parseRange, substitute } from './generate';
import { lexEntries } from './lexer';
import { checkName, checkNameText, isAbsolute, resolveName, shownName, wireLength } from './names';
import { clipped } from '../text/visible';
import { hashName, hashNameParts } from './nameTable';
import { lookupType, parseClass, typeNumber } from './rrtypes';
import { rawText } from './tokens';
import { MAX_TTL, looksLikeTtl, parseTtl } from './ttl';
import type { Directive, Entry, ParseOptions, ParseResult, Token, ZoneRecord } from './types';

export interface ZoneVisitor {
  record?(rec: ZoneRecord): void;
  directive?(d: Directive): void;
  /** Every entry of the main file and of included files (`file` set for those). */
  entry?(e: Entry, text: string, file: string | undefined): void;
  finding(f: Finding): void;
}

export interface ScanSummary {
  /** Origin given or inferred at the start. */
  initialOrigin: string;
  /** Zone apex: options.zone, else the first SOA owner, else the initial origin. */
  apex: string;
  /** Number of records seen (including generated and included ones). */
  recordCount: number;
  includes: { path: string; text: string; from: string | undefined }[];
  /** Records expanded from $GENERATE so far (bounded by ParseOptions.maxGeneratedRecords). */
  generated: number;
  /** Characters of included text read so far (bounded by ParseOptions.maxIncludeBytes). */
  includedChars: number;
  /** Files being read, outermost first: the main file (when named), then each $INCLUDE in progress. */
  includeStack: string[];
}

/** Defaults of the per-zone bounds (ParseOptions overrides them). */
export const DEFAULT_MAX_INCLUDE_FILES = 1000;
export const DEFAULT_MAX_INCLUDE_CHARS = 256 * 1024 * 1024;

function newSummary(initialOrigin: string, apex: string, file: string | undefined): ScanSummary {
  return { initialOrigin, apex, recordCount: 0, includes: [], generated: 0, includedChars: 0, includeStack: file === undefined ? [] : [file] };
}

/** What the parser carries from one entry to the next. */
export interface ParserState {
  origin: string;
  defaultTtl: number | undefined;
  lastTtl: number | undefined;
  lastOwner: string | undefined;
  lastOwnerHash?: number | undefined;
  zoneClass: string | undefined;
  depth: number;
}

function absoluteOrigin(origin: string | undefined): string {
  if (!origin || origin === '.') return '.';
  return origin.endsWith('.') ? origin : origin + '.';
}

/**
 * Reads an RFC 1035 master file (with BIND's extensions: $TTL, TTL units, $GENERATE,
 * RFC 3597 generic types) and reports records, directives and syntax findings to a
 * visitor as it goes, so a linter can stream a million records without keeping them.
 */
export function scanZone(text: string, options: ParseOptions, visitor: ZoneVisitor): ScanSummary {
  const initialOrigin = absoluteOrigin(options.origin ?? options.zone);
  const summary = newSummary(initialOrigin, options.zone ? absoluteOrigin(options.zone) : '', options.file);
  const state: ParserState = { origin: initialOrigin, defaultTtl: undefined, lastTtl: undefined, lastOwner: undefined, zoneClass: undefined, depth: 0 };
  readText(text, undefined, options.file, state, options, visitor, summary);
  if (!summary.apex) summary.apex = initialOrigin;
  return summary;
}

/** Collects everything scanZone reports. */
export function parseZone(text: string, options: ParseOptions = {}): ParseResult {
  const records: ZoneRecord[] = [];
  const directives: Directive[] = [];
  const entries: Entry[] = [];
  const findings: Finding[] = [];
  const summary = scanZone(text, options, {
    record: (r) => records.push(r),
    directive: (d) => directives.push(d),
    entry: (e, _t, file) => {
      if (file === undefined) entries.push(e);
    },
    finding: (f) => findings.push(f),
  });
  return { text, records, directives, entries, findings, apex: summary.apex, includes: summary.includes };
}

/**
 * `file` tags records and findings of an included file (undefined for the main file);
 * `path` is where the text came from, for resolving $INCLUDE paths.
 */
function readText(text: string, file: string | undefined, path: string | undefined, state: ParserState, options: ParseOptions, visitor: ZoneVisitor, summary: ScanSummary, from = 0, to = text.length): void {
  const report = file === undefined ? (f: Finding) => visitor.finding(f) : (f: Finding) => visitor.finding({ ...f, file });
  lexEntries(
    text,
    (entry) => {
      visitor.entry?.(entry, text, file);
      const t0 = entry.tokens[0]!;
      if (!entry.blankOwner && !t0.quoted && text.charCodeAt(t0.start) === 36 /* $ */) {
        directive(text, file, path, entry, state, options, visitor, summary, report);
      } else {
        record(text, file, entry, entry.tokens, state, visitor, summary, report, undefined);
      }
    },
    report,
    from,
    to,
  );
}

/**
 * Re-reads text[from, to) of the main file with a given starting state (for incremental
 * re-analysis after an edit). `from` must be the start of a line and `to` the end of one.
 */
export function scanRegion(text: string, from: number, to: number, state: ParserState, options: ParseOptions, visitor: ZoneVisitor): void {
  const summary = newSummary(state.origin, '', options.file);
  readText(text, undefined, options.file, state, options, visitor, summary, from, to);
}

function err(code: string, message: string, start: number, end: number): Finding {
  return { code, severity: 'error', message, span: { start, end } };
}

function warn(code: string, message: string, start: number, end: number): Finding {
  return { code, severity: 'warning', message, span: { start, end } };
}

function record(
  text: string,
  file: string | undefined,
  entry: Entry,
  toks: Token[],
  state: ParserState,
  visitor: ZoneVisitor,
  summary: ScanSummary,
  report: (f: Finding) => void,
  generatedBy: ZoneRecord['generatedBy'],
): void {
  let idx = 0;
  let owner: string;
  let ownerHash: number | undefined;
  let ownerSpan: ZoneRecord['ownerSpan'] = null;
  if (entry.blankOwner) {
    if (state.lastOwner === undefined) {
      report(err('zone-no-owner', 'This line starts with a blank, so it takes the owner name of the record before it, but there is none. Write the owner name at the start of the line.', toks[0]!.start, toks[0]!.end));
      return;
    }
    owner = state.lastOwner;
    ownerHash = state.lastOwnerHash;
  } else {
    const t0 = toks[0]!;
    if (t0.quoted) {
      report(err('zone-bad-name', 'An owner name cannot be a quoted string.', t0.start, t0.end));
      return;
    }
    const raw = text.slice(t0.start, t0.end);
    owner = resolveName(raw, state.origin);
    ownerHash =
      raw === '@' ? hashName(state.origin) : isAbsolute(raw) ? hashNameParts(text, t0.start, t0.end, false, '') : hashNameParts(text, t0.start, t0.end, true, state.origin === '.' ? '' : state.origin);
    // The origin is already valid: check only what was written, in place.
    const p = raw === '@' || raw === '.' ? null : isAbsolute(raw) ? checkNameText(text, t0.start, t0.end, 1) : checkNameText(text, t0.start, t0.end, wireLength(state.origin));
    if (p) {
      const inRaw = p.start < raw.length;
      report(err(p.code, p.message + (inRaw ? '' : ` (after appending the origin ${shownName(state.origin)})`), inRaw ? t0.start + p.start : t0.start, inRaw ? t0.start + Math.min(p.end, raw.length) : t0.end));
    }
    ownerSpan = t0; // the token itself: one object fewer per record
    state.lastOwner = owner;
    state.lastOwnerHash = ownerHash;
    idx = 1;
  }

  let ttl: number | undefined;
  let ttlSpan: ZoneRecord['ttlSpan'] = null;
  let cls: string | undefined;
  let classSpan: ZoneRecord['classSpan'] = null;
  let badTtl: { reason: string; tok: Token } | undefined;
  for (let k = 0; k < 2 && idx < toks.length; k++) {
    const tok = toks[idx]!;
    if (tok.quoted) break;
    // `IN` is on most lines: recognise it without making a string.
    if (classSpan === null && tok.end - tok.start === 2 && (text.charCodeAt(tok.start) | 32) === 105 && (text.charCodeAt(tok.start + 1) | 32) === 110) {
      cls = 'IN';
      classSpan = tok;
      idx++;
      continue;
    }
    const raw = text.slice(tok.start, tok.end);
    if (ttlSpan === null && badTtl === undefined && looksLikeTtl(raw)) {
      const r = parseTtl(raw);
      if (r.ok) {
        ttl = r.seconds;
        ttlSpan = tok;
      } else badTtl = { reason: r.reason, tok };
      idx++;
      continue;
    }
    if (classSpan === null) {
      const c = parseClass(raw);
      if (c !== undefined) {
        cls = c;
        classSpan = tok;
        idx++;
        continue;
      }
    }
    break;
  }
  if (badTtl) {
    report(err('zone-bad-ttl', `Bad TTL: ${badTtl.reason}.`, badTtl.tok.start, badTtl.tok.end));
    return;
  }
  const typeTok = toks[idx];
  if (!typeTok) {
    const last = toks[toks.length - 1]!;
    report(err('zone-missing-type', 'This record has no type (A, MX, TXT…) after the owner, TTL and class.', toks[0]!.start, last.end));
    return;
  }
  const typeRaw = text.slice(typeTok.start, typeTok.end);
  const known = typeTok.quoted ? undefined : lookupType(typeRaw);
  const type = known && known.name === typeRaw ? known.name : typeRaw.toUpperCase();
  const rdata = toks.slice(idx + 1);
  const generic = rdata.length > 0 && !rdata[0]!.quoted && rdata[0]!.end - rdata[0]!.start === 2 && text.startsWith('\\#', rdata[0]!.start);
  if (!known) {
    const code = typeTok.quoted ? undefined : typeNumber(type);
    if (code !== undefined && (code === 0 || (code >= 128 && code <= 255))) {
      // RFC 6895 §3.1: 0 is reserved and 128–255 are query and meta types; BIND refuses them.
      report(err('zone-type-not-allowed', `${type} is ${code === 0 ? 'reserved' : 'in the range of query and meta types (128–255)'}; it cannot be a record in a zone file (RFC 6895 §3.1).`, typeTok.start, typeTok.end));
      return;
    }
    if (code !== undefined) {
      if (!generic) {
        report(err('zone-unknown-type-rdata', `${type} is a type mailsec does not know; its data must be written in the generic form \\# <length> <hex> (RFC 3597).`, typeTok.start, rdata.length ? rdata[rdata.length - 1]!.end : typeTok.end));
      } else {
        report(warn('zone-unknown-type', `${type} is a type mailsec does not know; its data is not checked.`, typeTok.start, typeTok.end));
      }
    } else {
      const asTtl = looksLikeTtl(typeRaw) ? parseTtl(typeRaw) : undefined;
      const hint = asTtl && !asTtl.ok ? ` As a TTL: ${asTtl.reason}.` : ' Check the spelling, or write an unknown type as TYPEnnn with \\# data (RFC 3597).';
      report(err('zone-unknown-type', `'${clipped(typeRaw, 40)}' is not a record type.${hint}`, typeTok.start, typeTok.end));
      return;
    }
  } else if (known.notInZone) {
    report(err('zone-type-not-allowed', `${known.name} does not belong in a zone file: ${known.notInZone}.`, typeTok.start, typeTok.end));
    return;
  }

  if (cls === undefined) cls = state.zoneClass ?? 'IN';
  if (state.zoneClass === undefined) state.zoneClass = cls;
  else if (cls !== state.zoneClass && classSpan) {
    report(err('zone-class-mismatch', `Class ${cls} differs from the zone's class ${state.zoneClass}; all records of a zone have the same class.`, classSpan.start, classSpan.end));
  }

  if (ttl === undefined) {
    if (state.defaultTtl !== undefined) ttl = state.defaultTtl;
    else if (state.lastTtl !== undefined) ttl = state.lastTtl;
    else if (type === 'SOA' && rdata.length >= 7) {
      const min = parseTtl(rawText(text, rdata[6]!));
      ttl = min.ok ? Math.min(min.seconds, MAX_TTL) : 0;
      state.lastTtl = ttl;
      report(warn('zone-no-ttl', 'No TTL is given and there is no $TTL before this record, so the SOA minimum is used. Put "$TTL 3600" (or the TTL you want) at the top of the file.', typeTok.start, typeTok.end));
    } else {
      report(err('zone-no-ttl', 'This record has no TTL and none can be inherited: put "$TTL 3600" (or another value) at the top of the file, or give the record a TTL.', toks[0]!.start, typeTok.end));
      ttl = 0;
    }
  } else {
    if (ttl > MAX_TTL) {
      report(warn('zone-ttl-too-large', `TTL ${ttl} is larger than ${MAX_TTL} (RFC 2181 §8); servers treat it as 0.`, ttlSpan!.start, ttlSpan!.end));
      ttl = 0;
    }
    state.lastTtl = ttl;
  }

  if (type === 'SOA' && !summary.apex) summary.apex = owner;
  summary.recordCount++;
  // Every field present from the start: one object shape for all records.
  const rec: ZoneRecord = {
    text,
    owner,
    ownerSpan,
    ownerHash,
    ttl,
    ttlSpan,
    class: cls,
    classSpan,
    type: known && typeNumber(type) !== undefined ? known.name : type,
    rrtype: known,
    typeSpan: typeTok,
    rdata,
    entry,
    origin: state.origin,
    file,
    generatedBy,
    generic,
  };
  visitor.record?.(rec);
}

function directive(
  text: string,
  file: string | undefined,
  path: string | undefined,
  entry: Entry,
  state: ParserState,
  options: ParseOptions,
  visitor: ZoneVisitor,
  summary: ScanSummary,
  report: (f: Finding) => void,
): void {
  const [nameTok, ...args] = entry.tokens as [Token, ...Token[]];
  const name = text.slice(nameTok.start, nameTok.end).toUpperCase();
  const d: Directive = { text, name, nameSpan: { start: nameTok.start, end: nameTok.end }, args, entry };
  if (file !== undefined) d.file = file;
  visitor.directive?.(d);
  const end = args.length ? args[args.length - 1]!.end : nameTok.end;
  switch (name) {
    case '$ORIGIN': {
      if (args.length !== 1) {
        report(err('zone-bad-directive', `$ORIGIN takes one domain name, e.g. "$ORIGIN example.com."; found ${args.length}.`, nameTok.start, end));
        return;
      }
      const raw = rawText(text, args[0]!);
      const abs = resolveName(raw, state.origin);
      const p = checkName(abs, raw.length);
      if (p) {
        report(err(p.code, p.message, args[0]!.start, args[0]!.end));
        return;
      }
      state.origin = abs;
      return;
    }
    case '$TTL': {
      if (args.length !== 1) {
        report(err('zone-bad-directive', `$TTL takes one value, e.g. "$TTL 3600" or "$TTL 1h"; found ${args.length}.`, nameTok.start, end));
        return;
      }
      const r = parseTtl(rawText(text, args[0]!));
      if (!r.ok) {
        report(err('zone-bad-ttl', `Bad $TTL: ${r.reason}.`, args[0]!.start, args[0]!.end));
        return;
      }
      if (r.seconds > MAX_TTL) {
        report(warn('zone-ttl-too-large', `$TTL ${r.seconds} is larger than ${MAX_TTL} (RFC 2181 §8); it is treated as 0.`, args[0]!.start, args[0]!.end));
        state.defaultTtl = 0;
      } else state.defaultTtl = r.seconds;
      return;
    }
    case '$INCLUDE':
      include(text, path, nameTok, args, state, options, visitor, summary, report);
      return;
    case '$GENERATE':
      generate(text, file, entry, nameTok, args, state, options, visitor, summary, report);
      return;
    default:
      report(err('zone-unknown-directive', `${clipped(text.slice(nameTok.start, nameTok.end), 40)} is not a directive; zone files know $ORIGIN, $TTL, $INCLUDE and $GENERATE.`, nameTok.start, nameTok.end));
  }
}

function include(
  text: string,
  from: string | undefined,
  nameTok: Token,
  args: Token[],
  state: ParserState,
  options: ParseOptions,
  visitor: ZoneVisitor,
  summary: ScanSummary,
  report: (f: Finding) => void,
): void {
  const end = args.length ? args[args.length - 1]!.end : nameTok.end;
  if (args.length < 1 || args.length > 2) {
    report(err('zone-bad-directive', '$INCLUDE takes a file name and, optionally, an origin: "$INCLUDE keys.zone example.com."', nameTok.start, end));
    return;
  }
  const path = rawText(text, args[0]!);
  // The path as messages show it: the zone file wrote it, and it can be any length.
  const shownPath = clipped(path, 80);
  const file = from;
  if (!options.readInclude) {
    report(warn('zone-include-not-followed', `$INCLUDE ${shownPath} is not read here, so its records are not checked.`, args[0]!.start, args[0]!.end));
    return;
  }
  if (state.depth >= (options.maxIncludeDepth ?? 10)) {
    report(err('zone-include-depth', `$INCLUDE nested more than ${options.maxIncludeDepth ?? 10} deep: is a file including itself?`, args[0]!.start, args[0]!.end));
    return;
  }
  const maxFiles = options.maxIncludeFiles ?? DEFAULT_MAX_INCLUDE_FILES;
  if (summary.includes.length >= maxFiles) {
    report(err('zone-include-limit', `$INCLUDE ${shownPath} is not read: this zone already includes ${maxFiles.toLocaleString('en')} files, the most mailsec reads for one zone.`, args[0]!.start, args[0]!.end));
    return;
  }
  let loaded: { path: string; text: string };
  try {
    loaded = options.readInclude(path, file);
  } catch (e) {
    report(err('zone-include-not-found', `Cannot read $INCLUDE file ${shownPath}: ${clipped(e instanceof Error ? e.message : String(e), 200)}`, args[0]!.start, args[0]!.end));
    return;
  }
  const cycle = summary.includeStack.indexOf(loaded.path);
  if (cycle !== -1) {
    const chain = [...summary.includeStack.slice(cycle), loaded.path].map(shortName).join(' → ');
    report(err('zone-include-cycle', `$INCLUDE ${shownPath} includes a file that is already being read (${chain}): the files include each other without end. Remove the $INCLUDE that closes the loop.`, args[0]!.start, args[0]!.end));
    return;
  }
  const maxChars = options.maxIncludeBytes ?? DEFAULT_MAX_INCLUDE_CHARS;
  if (summary.includedChars + loaded.text.length > maxChars) {
    report(err('zone-include-limit', `$INCLUDE ${shownPath} is not read: the files included by this zone would hold more than ${Math.round(maxChars / (1024 * 1024))} MiB of text, the most mailsec reads for one zone.`, args[0]!.start, args[0]!.end));
    return;
  }
  summary.includedChars += loaded.text.length;
  summary.includes.push({ path: loaded.path, text: loaded.text, from: file });
  const saved = { origin: state.origin, lastOwner: state.lastOwner };
  if (args[1]) {
    const raw = rawText(text, args[1]);
    state.origin = resolveName(raw, state.origin);
  }
  state.depth++;
  summary.includeStack.push(loaded.path);
  try {
    readText(loaded.text, loaded.path, loaded.path, state, options, visitor, summary);
  } finally {
    summary.includeStack.pop();
    state.depth--;
    // RFC 1035 §5.1: the origin and the current owner revert after the included file.
    state.origin = saved.origin;
    state.lastOwner = saved.lastOwner;
  }
}

/** The last part of a path (for messages). */
function shortName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i === -1 ? path : path.slice(i + 1);
}

function generate(
  text: string,
  file: string | undefined,
  entry: Entry,
  nameTok: Token,
  args: Token[],
  state: ParserState,
  options: ParseOptions,
  visitor: ZoneVisitor,
  summary: ScanSummary,
  report: (f: Finding) => void,
): void {
  const end = args.length ? args[args.length - 1]!.end : nameTok.end;
  if (args.length < 4 || args.length > 6) {
    report(err('zone-bad-directive', '$GENERATE takes a range, an owner template, optionally a TTL and a class, a type and an rdata template: "$GENERATE 1-10 host$ A 192.0.2.$".', nameTok.start, end));
    return;
  }
  const range = parseRange(rawText(text, args[0]!));
  if (typeof range === 'string') {
    report(err('zone-bad-generate', range, args[0]!.start, args[0]!.end));
    return;
  }
  const lhs = text.slice(args[1]!.start, args[1]!.end);
  const middle = args.slice(2, -1).map((t) => text.slice(t.start, t.end));
  const rhsTok = args[args.length - 1]!;
  const rhs = text.slice(rhsTok.start, rhsTok.end);
  const zoneCap = options.maxGeneratedRecords ?? MAX_GENERATE_PER_ZONE;
  const wanted = Math.floor((range.stop - range.start) / range.step) + 1;
  if (summary.generated + wanted > zoneCap) {
    report(
      err(
        'zone-generate-limit',
        `This $GENERATE would bring the records generated in this zone to ${(summary.generated + wanted).toLocaleString('en')}, more than the ${zoneCap.toLocaleString('en')} mailsec expands per zone; ${summary.generated >= zoneCap ? 'none of its records are' : `only the first ${(zoneCap - summary.generated).toLocaleString('en')} are`} checked.`,
        args[0]!.start,
        args[0]!.end,
      ),
    );
  }
  const savedOwner = state.lastOwner;
  let count = 0;
  for (let v = range.start; v <= range.stop && count < MAX_GENERATE && summary.generated < zoneCap; v += range.step, count++, summary.generated++) {
    const owner = substitute(lhs, v);
    const data = substitute(rhs, v);
    if (typeof owner !== 'string' || typeof data !== 'string') {
      const bad = typeof owner !== 'string' ? owner : (data as { error: string });
      report(err('zone-bad-generate', bad.error, (typeof owner !== 'string' ? args[1]! : rhsTok).start, (typeof owner !== 'string' ? args[1]! : rhsTok).end));
      break;
    }
    const line = [owner, ...middle, data].join(' ');
    let generatedEntry: Entry | undefined;
    lexEntries(line, (e) => (generatedEntry = e), () => undefined);
    if (!generatedEntry) continue;
    const findingsBefore: Finding[] = [];
    record(line, file, generatedEntry, generatedEntry.tokens, state, visitor, summary, (f) => findingsBefore.push(f), { entry, value: v });
    for (const f of findingsBefore) {
      // Findings about the generated text belong to the $GENERATE line.
      report({ ...f, span: { start: entry.start, end: entry.end }, message: `$GENERATE (at ${v}): ${f.message}` });
    }
    if (findingsBefore.some((f) => f.severity === 'error')) break;
  }
  state.lastOwner = savedOwner;
}
