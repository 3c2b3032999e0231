/**
 * SVCB and HTTPS service parameters (RFC 9460 §2.1, Appendix A; ohttp RFC 9540): reads
 * `key=value` pairs as BIND 9 does — keys in lower case, values quoted or not, value lists
 * split on commas with `\,` for a literal comma — checks each key's value and the rules
 * across keys (no key twice; `mandatory` lists only keys that are present, never itself;
 * `no-default-alpn` needs `alpn`), and writes the wire form (keys in ascending order).
 */
import { isIPv4, isIPv6 } from '../net/ip';
import type { Bytes, Reader } from './rdataEncode';
import { base64Bytes, ipv4Bytes, ipv6Bytes } from './rdataEncode';
import { clipped } from '../text/visible';

/** Registered SvcParamKeys (IANA "Service Parameter Keys (SvcParamKeys)"). */
export const SVC_PARAM_KEYS: readonly string[] = ['mandatory', 'alpn', 'no-default-alpn', 'port', 'ipv4hint', 'ech', 'ipv6hint', 'dohpath', 'ohttp'];

export const SVC_KEY_HELP = 'mandatory, alpn, no-default-alpn, port, ipv4hint, ech, ipv6hint, dohpath, ohttp or keyNNNNN';

function keyNumber(key: string): number | undefined {
  const k = SVC_PARAM_KEYS.indexOf(key);
  if (k !== -1) return k;
  const m = /^key([0-9]{1,5})$/.exec(key);
  if (m && Number(m[1]) <= 65535) return Number(m[1]);
  return undefined;
}

export function svcKeyName(n: number): string {
  return SVC_PARAM_KEYS[n] ?? `key${n}`;
}

/** Splits an unescaped value on commas; `\,` and `\\` are a literal comma and backslash (RFC 9460 A.1). */
function valueList(r: Reader, value: Uint8Array, key: string): Uint8Array[] {
  const items: Uint8Array[] = [];
  let cur: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const b = value[i]!;
    if (b === 92) {
      // `\,` is a comma inside an item, `\\` a backslash; BIND takes any other escaped byte as itself.
      const n = value[i + 1];
      if (n === undefined) r.fail(`${clipped(key, 30)} ends with a backslash that escapes nothing`);
      cur.push(n);
      i++;
    } else if (b === 44) {
      items.push(Uint8Array.from(cur));
      cur = [];
    } else cur.push(b);
  }
  items.push(Uint8Array.from(cur));
  if (items.some((x) => x.length === 0)) r.fail(`${clipped(key, 30)} has an empty item: no leading, trailing or double commas`);
  return items;
}

const latin = (b: Uint8Array): string => Buffer.from(b).toString('latin1');

export function encodeSvcParams(r: Reader, o: Bytes, aliasMode: boolean): void {
  const params = new Map<number, Uint8Array>();
  let mandatory: number[] | undefined;
  const mandatoryAt = { tok: 0 };
  void aliasMode;
  while (r.more) {
    const at = r.i;
    const tok = r.token('parameter');
    if (tok.quoted) r.fail('a service parameter key must not be quoted');
    let raw = r.text.slice(tok.start, tok.end);
    const eq = raw.indexOf('=');
    const key = eq === -1 ? raw : raw.slice(0, eq);
    const n = keyNumber(key);
    if (n === undefined) r.fail(`'${clipped(key, 30)}' is not a service parameter key (${SVC_KEY_HELP}; keys are lower case)`);
    let value: Uint8Array | undefined;
    if (eq !== -1) {
      const next = r.toks[r.i];
      if (eq === raw.length - 1 && next && next.quoted && next.start === tok.end) {
        value = r.bytesOf(next); // key="value": the quoted string is a token of its own
        r.i++;
      } else {
        value = r.bytesOf({ start: tok.start + eq + 1, end: tok.end, quoted: false });
      }
    }
    raw = key;
    if (params.has(n)) r.fail(`${svcKeyName(n)} appears twice; each key may appear once`, at);
    const wire = paramWire(r, n, key, value, at);
    if (n === 0) {
      mandatory = [];
      for (let k = 0; k < wire.length; k += 2) mandatory.push((wire[k]! << 8) | wire[k + 1]!);
      mandatoryAt.tok = at;
    }
    params.set(n, wire);
  }
  if (mandatory) {
    const seen = new Set<number>();
    for (const k of mandatory) {
      if (k === 0) r.fail('mandatory must not list itself', mandatoryAt.tok);
      if (seen.has(k)) r.fail(`mandatory lists ${svcKeyName(k)} twice`, mandatoryAt.tok);
      seen.add(k);
      if (!params.has(k)) r.fail(`mandatory lists ${svcKeyName(k)}, but the record has no ${svcKeyName(k)} parameter`, mandatoryAt.tok);
    }
    // Wire form: the listed keys in ascending order.
    const sorted = [...mandatory].sort((a, b) => a - b);
    params.set(0, Uint8Array.from(sorted.flatMap((k) => [k >>> 8, k & 0xff])));
  }
  if (params.has(2) && !params.has(1)) r.fail('no-default-alpn needs an alpn parameter in the same record (RFC 9460 §7.1.1)', r.toks.length - 1);
  for (const k of [...params.keys()].sort((a, b) => a - b)) {
    const v = params.get(k)!;
    o.u16(k);
    o.u16(v.length);
    o.bytes(v);
  }
}

function paramWire(r: Reader, n: number, key: string, value: Uint8Array | undefined, at: number): Uint8Array {
  const fail = (m: string): never => r.fail(m, at);
  const need = (): Uint8Array => (value === undefined || value.length === 0 ? fail(`${clipped(key, 30)} needs a value: ${clipped(key, 30)}=…`) : value);
  if (key.startsWith('key')) {
    // keyNNNNN: the value is the parameter's wire bytes; for a registered key they must be valid.
    const v = value ?? new Uint8Array(0);
    const ok = [
      (b: Uint8Array) => b.length >= 2 && b.length % 2 === 0,
      (b: Uint8Array) => b.length > 0,
      (b: Uint8Array) => b.length === 0,
      (b: Uint8Array) => b.length === 2,
      (b: Uint8Array) => b.length >= 4 && b.length % 4 === 0,
      () => true,
      (b: Uint8Array) => b.length >= 16 && b.length % 16 === 0,
      (b: Uint8Array) => b.length > 0,
      (b: Uint8Array) => b.length === 0,
    ][n];
    if (ok && !ok(v)) fail(`${clipped(key, 30)} is ${svcKeyName(n)} written by number, and its value is not valid ${svcKeyName(n)} data; write ${svcKeyName(n)}=… instead`);
    return v;
  }
  switch (n) {
    case 0: {
      const keys = valueList(r, need(), key).map((b) => {
        const k = keyNumber(latin(b));
        return k === undefined ? fail(`mandatory lists '${clipped(latin(b), 30)}', which is not a service parameter key`) : k;
      });
      return Uint8Array.from(keys.flatMap((k) => [k >>> 8, k & 0xff]));
    }
    case 1: {
      const out: number[] = [];
      for (const id of valueList(r, need(), key)) {
        if (id.length > 255) fail('an alpn protocol id is at most 255 bytes');
        out.push(id.length, ...id);
      }
      return Uint8Array.from(out);
    }
    case 2:
    case 8:
      if (value !== undefined) fail(`${clipped(key, 30)} takes no value: write just ${clipped(key, 30)}`);
      return new Uint8Array(0);
    case 3: {
      const s = latin(need());
      if (!/^[0-9]+$/.test(s) || Number(s) > 65535) fail(`port must be a number from 0 to 65535, not '${clipped(s, 30)}'`);
      return Uint8Array.from([Number(s) >>> 8, Number(s) & 0xff]);
    }
    case 4:
      return Uint8Array.from(
        valueList(r, need(), key).flatMap((b) => {
          const s = latin(b);
          return isIPv4(s) ? ipv4Bytes(s) : fail(`ipv4hint: '${clipped(s, 40)}' is not an IPv4 address`);
        }),
      );
    case 5:
      return value === undefined || value.length === 0 ? new Uint8Array(0) : base64Bytes(r, latin(value), 'ech value');
    case 6:
      return Uint8Array.from(
        valueList(r, need(), key).flatMap((b) => {
          const s = latin(b);
          return isIPv6(s) ? ipv6Bytes(s) : fail(`ipv6hint: '${clipped(s, 40)}' is not an IPv6 address`);
        }),
      );
    case 7: {
      const v = need();
      const s = Buffer.from(v).toString('utf8');
      // RFC 9461 §5: a relative URI template starting with '/' that uses the "dns" variable.
      if (!s.startsWith('/') || !/\{[?&]dns\}/.test(s)) fail(`dohpath must be a path starting with '/' that holds the {?dns} variable, e.g. dohpath=/dns-query{?dns}`);
      return v;
    }
    default:
      return value ?? new Uint8Array(0);
  }
}
