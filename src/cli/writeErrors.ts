/** Why a write failed (a file, standard output), in plain words. */
export function writeFailureReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOSPC':
      return 'the disk is full';
    case 'EDQUOT':
      return 'the disk quota is exhausted';
    case 'EFBIG':
      return 'the file would exceed the file-size limit (ulimit -f)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied (mailsec writes a temporary file in the same folder, then renames it)';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EIO':
      return 'an input/output error';
    default:
      return e instanceof Error ? e.message : String(e);
  }
}
