/** Small constructors shared by the DKIM, SPF and DMARC validators. */
import type { Finding, Severity, Span } from '../findings';
import { clipped } from '../text/visible';

export function finding(code: string, severity: Severity, message: string, span: Span, data?: Record<string, unknown>): Finding {
  const f: Finding = { code, severity, message, span: { start: span.start, end: span.end } };
  if (data) f.data = data;
  return f;
}

/** Attacker-written text shown unquoted in a message (a name in "Unknown tag", a value in a suggested fix): shortened. */
export function shown(text: string, max = 60): string {
  return clipped(text, max);
}

export function span(start: number, end: number): Span {
  return { start, end };
}

/** Shows attacker-written text in a message: quoted, shortened, control characters made visible. */
export function quote(text: string, max = 60): string {
  // eslint-disable-next-line no-control-regex
  const visible = text.replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return `"${clipped(visible, max)}"`;
}
