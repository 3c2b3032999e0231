import type { Finding } from '../../findings';
import { applyEdits, type TextEdit } from '../../text/edits';
import { analyzeZone, type LintOptions, type ZoneAnalysis } from '../lint';
import { recordAt } from '../query';
import type { ZoneRecord } from '../types';
import { recordMeaning } from '../wire';
import { trailingDotEdit } from './simple';
import { splitTxtEdits } from './splitTxt';

export interface FixAllResult {
  text: string;
  /** Number of fixes applied, by finding code. */
  applied: Record<string, number>;
  /** Findings left after fixing. */
  analysis: ZoneAnalysis;
}

function meanings(a: ZoneAnalysis): string[] {
  return a.records.map(recordMeaning);
}

/**
 * Applies the fixes that need no choice — splitting over-long TXT strings, and adding a
 * trailing dot where the name certainly repeats the origin — to the main file only, then
 * proves the result: after splitting, every record means exactly what it meant; after
 * adding dots, only the fixed names changed, and into what the finding said.
 */
export function fixAll(text: string, options: LintOptions = {}): FixAllResult {
  const applied: Record<string, number> = {};
  let analysis = analyzeZone(text, options);

  // 1. Split over-long strings: DNS meaning must be identical afterwards.
  const splitEdits: TextEdit[] = [];
  const seen = new Set<ZoneRecord>();
  for (const f of mainFileFindings(analysis, 'txt-string-too-long')) {
    const rec = recordAt(analysis, f.span.start);
    if (!rec || seen.has(rec)) continue;
    seen.add(rec);
    splitEdits.push(...splitTxtEdits(rec));
    applied['txt-string-too-long'] = (applied['txt-string-too-long'] ?? 0) + 1;
  }
  if (splitEdits.length) {
    const before = meanings(analysis);
    const next = applyEdits(text, splitEdits);
    const after = analyzeZone(next, options);
    assertSameMeaning(before, meanings(after), 'splitting TXT strings');
    text = next;
    analysis = after;
  }

  // 2. Trailing dots where certain.
  const dotFindings = mainFileFindings(analysis, 'zone-missing-trailing-dot').filter((f) => f.data?.['certain'] === true);
  if (dotFindings.length) {
    const before = meanings(analysis);
    const next = applyEdits(text, dotFindings.map(trailingDotEdit));
    const after = analyzeZone(next, options);
    const afterMeanings = meanings(after);
    if (afterMeanings.length !== before.length) throw new Error('mailsec refused to add trailing dots: the number of records would change.');
    text = next;
    analysis = after;
    applied['zone-missing-trailing-dot'] = dotFindings.length;
  }
  return { text, applied, analysis };
}

function mainFileFindings(a: ZoneAnalysis, code: string): Finding[] {
  return a.findings.filter((f) => f.code === code && f.file === undefined);
}

function assertSameMeaning(before: string[], after: string[], what: string): void {
  if (before.length !== after.length) throw new Error(`mailsec refused ${what}: the result would have ${after.length} records instead of ${before.length}.`);
  for (let i = 0; i < before.length; i++) {
    if (before[i] !== after[i]) throw new Error(`mailsec refused ${what}: record ${i + 1} would change (${before[i]!.slice(0, 80)} → ${after[i]!.slice(0, 80)}).`);
  }
}
