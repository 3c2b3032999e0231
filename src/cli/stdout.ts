import { writeFailureReason } from './writeErrors';

/**
 * Standard output that fails cleanly. A reader that goes away (`mailsec lint . | head`,
 * EPIPE) ends the output quietly: nothing more is written, the run finishes and exits with
 * its own status. Any other write error (a full disk, `>/dev/full`: ENOSPC) loses the
 * output, so it is said in plain words on standard error and the run stops with status 3 —
 * never a stack trace.
 */
export function guardedStdout(stream: NodeJS.WriteStream = process.stdout, stderr: NodeJS.WriteStream = process.stderr, exit: (code: number) => never = process.exit): (text: string) => void {
  let closed = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (closed) return;
    closed = true;
    if (e.code === 'EPIPE') return;
    stderr.write(`mailsec: cannot write the output: ${writeFailureReason(e)}\n`);
    exit(3);
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}
