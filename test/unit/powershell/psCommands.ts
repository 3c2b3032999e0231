/**
 * Reads the commands of a generated script back with the tokenizer (not with string
 * comparison): each command is its first word and its parameters, with the values of
 * single-quoted literals decoded and `@('a', 'b')` arrays as lists.
 */
import { tokenizePowerShell, type PsToken } from '../../../src/core/powershell/tokenizer';

export interface PsCommand {
  name: string;
  /** Parameter name (without '-', as written) → value: a decoded literal, a list of them, a bare word, or true for a switch. */
  params: Map<string, string | string[] | true>;
}

/**
 * `only`: read just the lines whose first word matches (e.g. /-TransportRule$/); the other
 * lines (control flow: if, foreach, function) are left out. Without it, every line must be a
 * command or an assignment.
 */
export function parseCommands(script: string, only?: RegExp): PsCommand[] {
  const commands: PsCommand[] = [];
  let line: PsToken[] = [];
  const flush = () => {
    if (line.length && (!only || (line[0]!.kind === 'word' && only.test(line[0]!.text)))) commands.push(toCommand(line));
    line = [];
  };
  for (const t of tokenizePowerShell(script).tokens) {
    if (t.kind === 'newline') flush();
    else if (t.kind !== 'line-comment' && t.kind !== 'block-comment' && t.kind !== 'continuation') line.push(t);
  }
  flush();
  return commands;
}

function toCommand(tokens: PsToken[]): PsCommand {
  const [head, ...rest] = tokens;
  if (head?.kind === 'variable' && rest[0]?.text === '=') {
    // an assignment: $name = 'value'
    return { name: head.text, params: new Map([['=', rest[1]?.value ?? rest[1]?.text ?? '']]) };
  }
  if (!head || head.kind !== 'word') throw new Error(`a command starts with ${head?.kind}: ${head?.text}`);
  const params = new Map<string, string | string[] | true>();
  let i = 0;
  while (i < rest.length) {
    const t = rest[i]!;
    if (t.kind !== 'word' || !t.text.startsWith('-')) throw new Error(`unexpected ${t.kind} ${JSON.stringify(t.text)} in ${head.text}`);
    const colon = t.text.indexOf(':');
    if (colon > 0) {
      params.set(t.text.slice(1, colon), t.text.slice(colon + 1) || (rest[i + 1]?.text ?? ''));
      i += colon === t.text.length - 1 ? 2 : 1;
      continue;
    }
    const name = t.text.slice(1);
    const v = rest[i + 1];
    if (!v || (v.kind === 'word' && v.text.startsWith('-'))) {
      params.set(name, true);
      i += 1;
    } else if (v.kind === 'single-quoted') {
      params.set(name, v.value!);
      i += 2;
    } else if (v.kind === 'operator' && v.text === '@(') {
      const values: string[] = [];
      let j = i + 2;
      for (; j < rest.length && !(rest[j]!.kind === 'operator' && rest[j]!.text === ')'); j++) {
        const x = rest[j]!;
        if (x.kind === 'single-quoted') values.push(x.value!);
        else if (!(x.kind === 'operator' && x.text === ',')) throw new Error(`unexpected ${x.kind} ${x.text} in an array`);
      }
      params.set(name, values);
      i = j + 1;
    } else if (v.kind === 'variable') {
      // $Rule.Guid.ToString(): the variable and its member access, as written
      let text = v.text;
      let j = i + 2;
      while (j < rest.length && ((rest[j]!.kind === 'word' && rest[j]!.text.startsWith('.')) || (rest[j]!.kind === 'operator' && /^[()]$/.test(rest[j]!.text)))) text += rest[j++]!.text;
      params.set(name, text);
      i = j;
    } else if (v.kind === 'word') {
      params.set(name, v.text);
      i += 2;
    } else if (v.kind === 'operator' && v.text === '(') {
      // a parenthesised expression such as ([System.DateTime]::UtcNow)
      let j = i + 2;
      let text = '(';
      for (let depth = 1; j < rest.length && depth > 0; j++) {
        const x = rest[j]!;
        if (x.text === '(') depth++;
        if (x.text === ')') depth--;
        text += x.text;
      }
      params.set(name, text);
      i = j;
    } else {
      throw new Error(`unexpected value ${v.kind} ${v.text} for -${name}`);
    }
  }
  return { name: head.text, params };
}
