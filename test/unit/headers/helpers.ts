import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../../src/core/findings';

export const FIXTURES = join(__dirname, 'fixtures');

export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

export const CONTOSO = { domains: ['contoso.com'], displayNames: ['Jean Dupont', 'Nadia Okafor', 'Élodie Marchand'] };

export function codes(findings: Finding[]): string[] {
  return findings.map((f) => f.code);
}

export function byCode(findings: Finding[], code: string): Finding[] {
  return findings.filter((f) => f.code === code);
}

/** The source text a finding points at. */
export function at(text: string, f: { span: { start: number; end: number } }): string {
  return text.slice(f.span.start, f.span.end);
}
