import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fchownSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces a file's content all at once: the text goes to a new file in the same folder,
 * is flushed to the disk (fsync), takes the original's mode (and owner, when running as
 * root), and is renamed over the original. Whatever fails — a full disk, a file-size
 * limit, a crash — the original is either untouched or wholly replaced, never truncated;
 * the temporary file is removed on failure. A symbolic link is followed: the file it
 * points to is replaced, the link stays.
 */
export function writeFileAtomicSync(path: string, text: string): void {
  const target = realpathSync(path);
  const dir = dirname(target);
  const temp = join(dir, `.${basename(target)}.mailsec-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const original = statSync(target, { throwIfNoEntry: false });
  let fd: number | undefined = openSync(temp, 'wx', original ? original.mode & 0o7777 : 0o666);
  try {
    const bytes = Buffer.from(text, 'utf8');
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
    if (original) {
      // The mode the original had, whatever the umask; its owner when we may give files away.
      fchmodSync(fd, original.mode & 0o7777);
      if (process.getuid?.() === 0 && (original.uid !== 0 || original.gid !== 0)) fchownSync(fd, original.uid, original.gid);
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, target);
  } catch (e) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        /* already failing: the first error is the one to report */
      }
    }
    try {
      unlinkSync(temp);
    } catch {
      /* nothing to remove */
    }
    throw e;
  }
  syncFolder(dir);
}

/** Flushes the rename to the disk (best effort: not every platform opens folders). */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    /* Windows, or a file system that does not sync folders */
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
