/**
 * JSON written piece by piece, exactly as `JSON.stringify(value, null, 2)` would write it,
 * for outputs too large to hold as one string (a 215 MB zone's findings made V8 run out of
 * memory): arrays marked with `streamedArray` are expanded element by element, and the
 * pieces are handed out in batches of about `batch` characters.
 */

const STREAMED = Symbol('streamedArray');

interface Streamed<T> {
  [STREAMED]: true;
  length: number;
  items: Iterable<T>;
}

/** An array whose elements are made (and can be dropped) one at a time as they are written. */
export function streamedArray<T>(items: Iterable<T>, length: number): Streamed<T> {
  return { [STREAMED]: true, length, items };
}

function isStreamed(v: unknown): v is Streamed<unknown> {
  return typeof v === 'object' && v !== null && (v as { [STREAMED]?: true })[STREAMED] === true;
}

function* pieces(value: unknown, indent: string): Generator<string> {
  if (isStreamed(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    const inner = indent + '  ';
    let first = true;
    for (const item of value.items) {
      yield first ? `[\n${inner}` : `,\n${inner}`;
      first = false;
      yield* pieces(item, inner);
    }
    yield `\n${indent}]`;
    return;
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).some(isStreamed)) {
    const inner = indent + '  ';
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
    if (!entries.length) {
      yield '{}';
      return;
    }
    let first = true;
    for (const [k, v] of entries) {
      yield `${first ? '{' : ','}\n${inner}${JSON.stringify(k)}: `;
      first = false;
      yield* pieces(v, inner);
    }
    yield `\n${indent}}`;
    return;
  }
  const text = JSON.stringify(value, null, 2);
  yield indent ? text.replace(/\n/g, '\n' + indent) : text;
}

/** Writes `value` as indented JSON plus a newline through `write`, in batches. */
export function writeJson(value: unknown, write: (text: string) => void, batch = 1 << 16): void {
  let buf = '';
  for (const p of pieces(value, '')) {
    buf += p;
    if (buf.length >= batch) {
      write(buf);
      buf = '';
    }
  }
  write(buf + '\n');
}
