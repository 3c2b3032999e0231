/**
 * Plumbing of the sign-in reader: putting back chunks read ahead, decoding UTF-8 text,
 * and csv-parse's records handed out as they come (with the line each ends on).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { parse } from 'csv-parse';

export async function* prependAll<T>(head: readonly T[], rest: AsyncIterator<T>): AsyncGenerator<T> {
  yield* head;
  for (;;) {
    const r = await rest.next();
    if (r.done) return;
    yield r.value;
  }
}

/** UTF-8 text of the chunks, without a leading byte order mark. */
export async function* decodeText(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let first = true;
  for await (const chunk of chunks) {
    let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (first && text) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (text) yield text;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

interface CsvRow {
  record: string[];
  /** The parser's line count when the record was complete: the line it ends on. */
  line: number;
}

/**
 * The parser's records as they come. Unlike iterating the stream directly, a
 * parse error (a quote left open at the end) is thrown only after every record
 * parsed before it was handed out. The parser is paused while many records wait.
 */
export async function* csvRows(parser: ReturnType<typeof parse>, source: AsyncIterable<Uint8Array | string>): AsyncGenerator<CsvRow> {
  const queue: CsvRow[] = [];
  let head = 0;
  let failure: unknown;
  let finished = false;
  let notify: (() => void) | undefined;
  const wake = () => {
    const n = notify;
    notify = undefined;
    n?.();
  };
  parser.on('data', (record: string[]) => {
    queue.push({ record, line: parser.info.lines });
    if (queue.length - head > 4096) parser.pause();
    wake();
  });
  parser.on('error', (e: unknown) => {
    failure ??= e;
    wake();
  });
  parser.on('end', () => {
    finished = true;
    wake();
  });
  pipeline(Readable.from(source), parser).catch((e: unknown) => {
    failure ??= e;
    wake();
  });
  try {
    for (;;) {
      while (head < queue.length) yield queue[head++]!;
      queue.length = 0;
      head = 0;
      if (failure !== undefined) throw failure;
      if (finished) return;
      if (parser.isPaused()) parser.resume();
      await new Promise<void>((resolve) => (notify = resolve));
    }
  } finally {
    if (!finished) parser.destroy();
  }
}

