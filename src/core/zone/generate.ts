/**
 * BIND's $GENERATE (ARM "The $GENERATE Directive"):
 *   $GENERATE start-stop[/step] lhs [ttl] [class] type rhs
 * In lhs and rhs, `$` is replaced by the iterator, `${offset[,width[,base]]}` formats it
 * (base d, o, x, X, n or N — n/N are reversed nibbles for ip6.arpa), and `\$` is a literal `$`.
 */

export const MAX_GENERATE = 1_000_000;
/** Records all $GENERATE directives of one zone expand to, at most (one directive's cap). */
export const MAX_GENERATE_PER_ZONE = 1_000_000;
/** BIND refuses a range whose start or stop is above 2^31 - 1 ("invalid range"). */
export const MAX_GENERATE_VALUE = 0x7fffffff;

export interface GenerateRange {
  start: number;
  stop: number;
  step: number;
}

export function parseRange(s: string): GenerateRange | string {
  const m = /^([0-9]+)-([0-9]+)(?:\/([0-9]+))?$/.exec(s);
  if (!m) return `'${s}' is not a range; write start-stop or start-stop/step, e.g. 1-100.`;
  const start = Number(m[1]);
  const stop = Number(m[2]);
  const step = m[3] === undefined ? 1 : Number(m[3]);
  if (start > MAX_GENERATE_VALUE || stop > MAX_GENERATE_VALUE) return `The range ${s} goes past ${MAX_GENERATE_VALUE}, the largest value BIND accepts in a $GENERATE range.`;
  if (step === 0) return 'The step of a $GENERATE range must be at least 1.';
  if (stop < start) return `The range ${s} runs backwards: the stop (${stop}) must not be less than the start (${start}).`;
  if (Math.floor((stop - start) / step) + 1 > MAX_GENERATE) return `The range ${s} would generate more than ${MAX_GENERATE.toLocaleString('en')} records.`;
  return { start, stop, step };
}

function formatValue(value: number, width: number, base: string): string {
  let s: string;
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
      if (!Number.isInteger(offset) || !Number.isInteger(width) || width < 0 || !/^[doxXnN]$/.test(base) || parts.length > 3) {
        return { error: `'\${${parts.join(',')}}' is not a $GENERATE modifier; use \${offset,width,base} with base d, o, x, X, n or N.` };
      }
      out += formatValue(value + offset, width, base);
      i = close;
      continue;
    }
    out += String(value);
  }
  return out.replace(/\\\$/g, '$');
}
