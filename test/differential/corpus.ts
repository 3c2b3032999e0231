/**
 * The differential corpus: zone-file test data from other DNS projects (corpus/<project>/,
 * with each project's licence), read as cases. A whole file is one case; Knot's zscanner
 * files (one record per entry, valid ones then invalid ones) are split so each entry is a
 * case of its own, after a fixed SOA/NS head and the file's leading $ORIGIN/$TTL lines.
 * The verdict of each case is not stored: named-checkzone gives it in the run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Case {
  /** project/folder/file[:line] */
  id: string;
  text: string;
  /** Zone name given to named-checkzone and mailsec ('' = from the SOA). */
  zone: string;
}

const ROOT = join(__dirname, 'corpus');

/** Head for a split entry: the zone is the root, so every name is in it. */
const SPLIT_HEAD = '. 1 IN SOA a.root. b.root. 1 1 1 1 1\n. 1 IN NS a.root.\na.root. 1 IN A 192.0.2.1\n';

/**
 * Splits text into entries by physical lines: an entry runs until its parentheses close
 * (outside quotes and comments). Returns [first line number (1-based), entry text].
 */
export function splitEntries(text: string): [number, string][] {
  const lines = text.split('\n');
  const out: [number, string][] = [];
  let cur: string[] = [];
  let startLine = 0;
  let depth = 0;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    let inQuote = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (c === '\\') i++;
      else if (c === '"') inQuote = !inQuote;
      else if (!inQuote && c === ';') break;
      else if (!inQuote && c === '(') depth++;
      else if (!inQuote && c === ')') depth = Math.max(0, depth - 1);
    }
    if (cur.length === 0) {
      if (/^\s*(;.*)?$/.test(line)) continue; // blank or comment only
      startLine = n + 1;
    }
    cur.push(line);
    if (depth === 0) {
      out.push([startLine, cur.join('\n') + '\n']);
      cur = [];
    }
  }
  if (cur.length) out.push([startLine, cur.join('\n') + '\n']);
  return out;
}

function splitCases(project: string, folder: string, file: string, text: string): Case[] {
  const entries = splitEntries(text);
  // The file's leading directives ($ORIGIN, $TTL) are the context of every later entry.
  let k = 0;
  const context: string[] = [];
  while (k < entries.length && /^\$(ORIGIN|TTL)\b/i.test(entries[k]![1])) context.push(entries[k++]![1]);
  return entries.slice(k).map(([line, entry]) => ({ id: `${project}/${folder}/${file}:${line}`, text: SPLIT_HEAD + context.join('') + entry, zone: '.' }));
}

export function loadCorpus(): Case[] {
  const cases: Case[] = [];
  for (const project of readdirSync(ROOT).sort()) {
    const pdir = join(ROOT, project);
    if (project.includes('.')) continue; // SOURCES.json
    for (const folder of readdirSync(pdir).sort()) {
      if (folder.startsWith('LICENSE')) continue;
      for (const file of readdirSync(join(pdir, folder)).sort()) {
        const text = readFileSync(join(pdir, folder, file), 'utf8');
        if (file.endsWith('.in')) cases.push(...splitCases(project, folder, file, text));
        else cases.push({ id: `${project}/${folder}/${file}`, text, zone: '' });
      }
    }
  }
  return cases;
}
