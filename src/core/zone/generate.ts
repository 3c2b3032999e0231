/**
 * BIND's $GENERATE (ARM "The $GENERATE Directive"):
 *   $GENERATE start-stop[/step] lhs [ttl] [class] type rhs
 * In lhs and rhs, `$` is replaced by the iterator, `${offset[,width[,base]]}` formats it
 * (base d, o, x, X, n or N — n/N are reversed nibbles for ip6.arpa), and `\$` is a literal `$`.
 */
import { clipped } from '../text/visible';

export const MAX_GENERATE = 1_000_000;
/** Largest start, stop or step BIND accepts (INT_MAX). */
export const MAX_GENERATE_NUMBER = 2147483647;
/** Largest field width BIND can format (its buffer holds 128 characters with the terminator). */
export const MAX_GENERATE_WIDTH = 127;
/** Records all $GENERATE directives of one zone expand to, at most (one directive's cap). */
export const MAX_GENERATE_PER_ZONE = 1_000_000;

export interface GenerateRange {
  start: number;
  stop: number;
  step: number;
}

export function parseRange(s: string): GenerateRange | string {
  const m = /^([0-9]+)-([0-9]+)(?:\/([0-9]+))?$/.exec(s);
  if (!m) return `'${clipped(s, 40)}' is not a range; write start-stop or start-stop/step, e.g. 1-100.`;
  const start = Number(m[1]);
  const stop = Number(m[2]);
  const step = m[3] === undefined ? 1 : Number(m[3]);
  // BIND reads each number as a C int: above 2147483647 the range is invalid.
  for (const [what, v] of [['start', start], ['stop', stop], ['step', step]] as const) {
    if (v > MAX_GENERATE_NUMBER) return `The ${what} of the $GENERATE range ${clipped(s, 40)} is out of range: at most ${MAX_GENERATE_NUMBER}, the largest value BIND accepts in a $GENERATE range.`;
  }
  if (step === 0) return 'The step of a $GENERATE range must be at least 1.';
  if (stop < start) return `The range ${clipped(s, 40)} runs backwards: the stop (${stop}) must not be less than the start (${start}).`;
  if (Math.floor((stop - start) / step) + 1 > MAX_GENERATE) return `The range ${clipped(s, 40)} would generate more than ${MAX_GENERATE.toLocaleString('en')} records.`;
  return { start, stop, step };
}

function formatValue(value: number, width: number, base: string): string {
  let s: string;
  // Non-decimal bases print the value as an unsigned 32-bit number, as BIND's C code does.
  if (base !== 'd' && value < 0) value = value >>> 0;
  switch (base) {
    case 'o':
      s = value.toString(8);
      break;
    case 'x':
      s = value.toString(16);
      break;
    case 'X':
      s = value.toString(16).toUpperCase();
      break;
    case 'n':
    case 'N': {
      // Nibble format: hex digits least significant first, separated by dots; width counts
      // output characters, so pad the digit count to cover it.
      let hex = value.toString(16);
      const digits = Math.max(hex.length, Math.ceil((width + 1) / 2));
      hex = hex.padStart(digits, '0');
      const out = hex.split('').reverse().join('.');
      return base === 'N' ? out.toUpperCase() : out;
    }
    default:
      s = String(value);
  }
  return s.length >= width ? s : (value < 0 ? '-' + s.slice(1).padStart(width - 1, '0') : s.padStart(width, '0'));
}

/** Substitutes the iterator into a template; returns an error string for a bad modifier. */
export function substitute(template: string, value: number): string | { error: string } {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (c === '\\' && template[i + 1] === '$') {
      out += '\\$';
      i++;
      continue;
    }
    if (c !== '$') {
      out += c;
      continue;
    }
    if (template[i + 1] === '{') {
      const close = template.indexOf('}', i + 2);
      if (close === -1) return { error: 'A ${…} modifier in $GENERATE is not closed with }.' };
      const parts = template.slice(i + 2, close).split(',');
      const offset = Number(parts[0] ?? '0');
      const width = parts[1] === undefined ? 0 : Number(parts[1]);
      const base = parts[2] ?? 'd';
      if (!/^[-+]?[0-9]+$/.test(parts[0]!) || (parts[1] !== undefined && !/^[-+]?[0-9]+$/.test(parts[1])) || !/^[doxXnN]$/.test(base) || parts.length > 3) {
        return { error: `'\${${clipped(parts.join(','), 40)}}' is not a $GENERATE modifier; use \${offset,width,base} with base d, o, x, X, n or N.` };
      }
      if (width < 0 || width > MAX_GENERATE_WIDTH) {
        return { error: `The width ${clipped(parts[1]!, 20)} in '\${${clipped(parts.join(','), 40)}}' is out of range: BIND formats widths from 0 to ${MAX_GENERATE_WIDTH}.` };
      }
      // BIND computes in a C int: an offset that takes the value past 2147483647 is out of range.
      if (Math.abs(offset) <= MAX_GENERATE_NUMBER && value + offset > MAX_GENERATE_NUMBER) {
        return { error: `'\${${clipped(parts.join(','), 40)}}' takes the value past ${MAX_GENERATE_NUMBER} (out of range).` };
      }
      out += formatValue(value + offset, width, base);
      i = close;
      continue;
    }
    out += String(value);
  }
  return out.replace(/\\\$/g, '$');
}
