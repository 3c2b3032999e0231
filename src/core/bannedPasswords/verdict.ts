/**
 * What may be shown about a password evaluation: the score, which banned terms and names
 * were found (as the list or the settings spell them) and why it passes or fails — never
 * the password, nor the parts of it that matched, nor its normalised form. The editor
 * shows this and returns it from its command; nothing of the password itself leaves the
 * evaluation.
 */
import type { PasswordEvaluation, PasswordMatchKind } from './evaluate';
import { pushAll } from '../arrays';

export interface PasswordVerdict {
  accepted: boolean;
  score: number;
  minimumScore: number;
  /** The banned terms and names found, in password order (the term as listed, not the password's text). */
  found: { kind: PasswordMatchKind; term: string; fuzzy: boolean }[];
  /** Characters that scored one point each (how many, not which). */
  otherCharacters: number;
  reasons: string[];
  notes: string[];
}

export function passwordVerdict(e: PasswordEvaluation): PasswordVerdict {
  return {
    accepted: e.accepted,
    score: e.score,
    minimumScore: e.minimumScore,
    found: e.matches.map((m) => ({ kind: m.kind, term: m.term, fuzzy: m.distance === 1 })),
    otherCharacters: e.remaining.length,
    reasons: [...e.reasons],
    notes: [...e.notes],
  };
}

const KIND_LABEL: Record<PasswordMatchKind, string> = {
  'banned-term': 'banned term',
  'first-name': "user's first name",
  'last-name': "user's last name",
  'tenant-name': 'tenant name',
};

/** A one-line title and a few lines of detail, in the user's words. */
export function describeVerdict(v: PasswordVerdict, listSize: number): { title: string; detail: string } {
  const title = v.accepted
    ? `Accepted by your custom list: ${v.score} points (at least ${v.minimumScore} needed).`
    : `Rejected: ${v.reasons[0] ?? `${v.score} points`}`;
  const lines: string[] = [];
  if (v.found.length) {
    lines.push(`Found (1 point each): ${v.found.map((f) => `${KIND_LABEL[f.kind]} "${f.term}"${f.fuzzy ? ' (one edit away)' : ''}`).join(', ')}.`);
  } else {
    lines.push(`No banned term of the ${listSize} in the list was found.`);
  }
  lines.push(`Other characters: ${v.otherCharacters} (1 point each). Score ${v.score} of at least ${v.minimumScore}.`);
  for (const r of v.reasons.slice(v.accepted ? 0 : 1)) lines.push(r);
  pushAll(lines, v.notes);
  return { title, detail: lines.join('\n') };
}

/**
 * The scoring as a Markdown breakdown (a document, not a toast): one row per banned term or
 * name found, the other characters, the total against the five points Entra needs, the
 * reasons and the caveats. Built from the verdict only: no part of the password is in it.
 */
export function verdictMarkdown(v: PasswordVerdict, list: { name: string; size: number }, who: { first: string; last: string; tenant: string }): string {
  const cell = (s: string) => s.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`).replace(/\r?\n|\r/g, ' ');
  const out: string[] = [
    '# Password evaluation',
    '',
    `**${v.accepted ? 'Accepted' : 'Rejected'}** by the custom list ${cell(list.name)} (${list.size} terms): **${v.score} points**, at least ${v.minimumScore} needed.`,
    '',
    '| Part of the password | Points |',
    '| --- | ---: |',
  ];
  for (const f of v.found) out.push(`| ${cell(`${KIND_LABEL[f.kind]} "${f.term}"${f.fuzzy ? ' (one edit away)' : ''}`)} | 1 |`);
  out.push(`| other characters: ${v.otherCharacters} | ${v.otherCharacters} |`, `| **total** | **${v.score}** |`, '');
  if (v.reasons.length) out.push('## Why it is rejected', '', ...v.reasons.map((r) => `- ${cell(r)}`), '');
  const names = [who.first && `first name ${cell(who.first)}`, who.last && `last name ${cell(who.last)}`, who.tenant && `tenant ${cell(who.tenant)}`].filter(Boolean);
  out.push(`Checked against: ${names.length ? names.join(', ') : 'no names'} (names count from four characters).`, '');
  out.push('## How Entra scores', '', '- The password is lower-cased and 0→o, 1→l, $→s, @→a are substituted.', '- Each banned term or name found (exactly or one edit away) is 1 point; every other character is 1 point.', `- A password needs at least ${v.minimumScore} points, and must not contain the user's names or the tenant name.`, '');
  out.push(...v.notes.map((n) => `> ${cell(n)}`), '', 'The password itself is not in this document, not stored and not logged.', '');
  return out.join('\n');
}
