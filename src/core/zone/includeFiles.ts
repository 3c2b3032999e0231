import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { sep } from 'node:path';
import { resolveIncludePath } from './includePath';
import type { LintOptions } from './lint';

/** Where included files may come from and how large they may be. */
export interface IncludePolicy {
  /**
   * Folders an included file must lie in, after symbolic links are resolved (an untrusted
   * workspace's folders); undefined: anywhere (a trusted workspace).
   */
  roots?: readonly string[];
  /** Largest file read, in bytes. */
  maxBytes: number;
}

export type IncludeLoad = { ok: true; text: string } | { ok: false; reason: string };

function inside(path: string, root: string): boolean {
  const r = root.endsWith(sep) ? root : root + sep;
  return path === root || path.startsWith(r);
}

/**
 * Reads an $INCLUDE'd file without blocking and without trusting it: its real path (links
 * resolved) must lie inside one of `policy.roots` when given, so a symbolic link inside an
 * untrusted workspace cannot reach out of it; only a regular file is read (opened without
 * blocking, so a FIFO cannot hang the reader; /dev/zero and other devices are refused), and
 * at most `policy.maxBytes`.
 */
export async function loadIncludeFile(path: string, policy: IncludePolicy): Promise<IncludeLoad> {
  let real: string;
  try {
    real = await realpath(path);
  } catch (e) {
    return { ok: false, reason: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (e as Error).message };
  }
  if (policy.roots) {
    const roots = await Promise.all(policy.roots.map((r) => realpath(r).catch(() => r)));
    if (!roots.some((r) => inside(real, r))) {
      return { ok: false, reason: real === path ? 'files outside the workspace are read only in a trusted workspace' : `it leads (through a symbolic link) to ${real}, outside the workspace; such files are read only in a trusted workspace` };
    }
  }
  let handle;
  try {
    handle = await open(real, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) return { ok: false, reason: `it is ${st.isDirectory() ? 'a folder' : st.isFIFO() ? 'a named pipe (FIFO)' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : 'not a regular file'}; only regular files are read` };
    if (st.size > policy.maxBytes) return { ok: false, reason: `it is ${(st.size / 1048576).toFixed(1)} MiB, more than the ${(policy.maxBytes / 1048576).toFixed(0)} MiB read for an $INCLUDE` };
    const buf = Buffer.allocUnsafe(Math.min(st.size, policy.maxBytes) + 1);
    let n = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buf, n, buf.length - n, null);
      if (bytesRead === 0) break;
      n += bytesRead;
      if (n === buf.length) return { ok: false, reason: `it grew past the ${(policy.maxBytes / 1048576).toFixed(0)} MiB read for an $INCLUDE` };
    }
    return { ok: true, text: buf.toString('utf8', 0, n) };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  } finally {
    await handle.close();
  }
}

interface Slot {
  load: IncludeLoad;
  at: number;
  reading: boolean;
}

/**
 * The included files of the zones open in an editor, read in the background: the parser
 * asks synchronously (`read`), and gets what was read before — or, the first time, an error
 * saying the file is being read, while it is read off the calling thread; `onLoaded` then
 * says which file arrived (or changed), so the zones that include it are checked again.
 * An entry older than `maxAgeMs` is served as it is and read again in the background.
 */
export class IncludeFileCache {
  private readonly slots = new Map<string, Slot>();

  constructor(
    private readonly policy: () => IncludePolicy,
    private readonly onLoaded: (path: string) => void,
    private readonly maxAgeMs = 2000,
    private readonly load: (path: string, policy: IncludePolicy) => Promise<IncludeLoad> = loadIncludeFile,
  ) {}

  /** The text of `path`, or throws an Error whose message says why not (yet). */
  read(path: string): string {
    const slot = this.slots.get(path);
    if (!slot) {
      this.fetch(path, undefined);
      throw new Error('it is being read; the zone is checked again when it arrives');
    }
    if (!slot.reading && Date.now() - slot.at > this.maxAgeMs) this.fetch(path, slot);
    if (!slot.load.ok) throw new Error(slot.load.reason);
    return slot.load.text;
  }

  clear(): void {
    this.slots.clear();
  }

  private fetch(path: string, slot: Slot | undefined): void {
    const s: Slot = slot ?? { load: { ok: false, reason: 'it is being read' }, at: 0, reading: true };
    s.reading = true;
    if (!slot) this.slots.set(path, s);
    const before = slot?.load;
    this.load(path, this.policy()).then(
      (load) => this.settle(path, s, load, before),
      (e: unknown) => this.settle(path, s, { ok: false, reason: e instanceof Error ? e.message : String(e) }, before),
    );
  }

  private settle(path: string, s: Slot, load: IncludeLoad, before: IncludeLoad | undefined): void {
    s.load = load;
    s.at = Date.now();
    s.reading = false;
    if (this.slots.get(path) !== s) return; // cleared meanwhile
    const same = before !== undefined && before.ok === load.ok && (load.ok ? (before as { text: string }).text === load.text : (before as { reason: string }).reason === load.reason);
    if (!same) this.onLoaded(path);
  }
}

/**
 * How the editor's analyses read a zone's `$INCLUDE`s: beside the including file (`file` for the
 * zone itself), through the background cache (`files.read`: checked and read off the editor's
 * thread), noting each path asked for; `openText` gives an open editor's unsaved text instead.
 */
export function cachedIncludeReader(file: string, files: IncludeFileCache, asked: Set<string>, openText?: (path: string) => string | undefined): NonNullable<LintOptions['readInclude']> {
  return (path, from) => {
    const abs = resolveIncludePath(path, from ?? file);
    asked.add(abs);
    const text = files.read(abs);
    return { path: abs, text: openText?.(abs) ?? text };
  };
}
