/**
 * Small formatters shared by every view of a header analysis (terminal report, panel,
 * Markdown): an address as a reader writes it, a delay with its sign, a UTC time. They
 * return plain text; escaping for the output format is the renderer's job.
 */
import { formatDuration } from './hops';
import type { MailAddress } from './types';

/** `Name <local@domain>`, the name quoted when it holds specials; just the address when unnamed. */
export function formatAddress(a: MailAddress): string {
  if (!a.name) return a.address;
  const name = /[",:;<>@()[\]\\]/.test(a.name) ? `"${a.name.replace(/(["\\])/g, '\\$1')}"` : a.name;
  return `${name} <${a.address}>`;
}

/** `+1min5s`, `-3s` (clock skew), `—` when unknown. */
export function formatDelay(seconds: number | null): string {
  if (seconds === null) return '—';
  return (seconds < 0 ? '-' : '+') + formatDuration(seconds).replace(/ /g, '');
}

/** `2024-03-05 09:15:02 UTC`. */
export function formatUtc(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC');
}
