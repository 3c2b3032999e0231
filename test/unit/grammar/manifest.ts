// Reads the language and grammar contributions from package.json for the grammar tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(__dirname, '..', '..', '..');

export interface LanguageContribution {
  id: string;
  extensions?: string[];
  filenames?: string[];
  filenamePatterns?: string[];
  firstLine?: string;
  configuration?: string;
}
export interface GrammarContribution {
  language: string;
  scopeName: string;
  path: string;
}

interface Manifest {
  contributes: { languages: LanguageContribution[]; grammars: GrammarContribution[] };
}

export function readJson(relativePath: string): unknown {
  return JSON.parse(readFileSync(join(root, relativePath), 'utf8'));
}

export const manifest = readJson('package.json') as Manifest;

export function language(id: string): LanguageContribution {
  const found = manifest.contributes.languages.find((l) => l.id === id);
  if (!found) throw new Error(`package.json contributes no language '${id}'`);
  return found;
}
