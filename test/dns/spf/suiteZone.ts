/**
 * The SPF test suites' zonedata (rfc7208-tests.yml, rfc4408-tests.yml) as a BIND zone:
 * every scenario becomes one root zone ("."), so its names are served as written. As
 * the suites ask of their drivers, SPF (type 99) records are also published as TXT at a
 * name that lists no TXT of its own ("TXT: NONE" publishes neither). A TIMEOUT entry
 * names a name whose queries the loopback proxy (faultyProxy.ts) drops.
 */
export type ZoneEntry = string | Record<string, unknown>;
export type ZoneData = Record<string, ZoneEntry[]>;

/** A name in master-file syntax: letters, digits, "-" and "_" as they are, any other octet as \DDD. */
export function zoneName(name: string): string {
  const n = name.replace(/\.$/, '');
  if (n === '') return '.';
  return n.split('.').map((label) => escapeOctets(label, /[A-Za-z0-9_*-]/)).join('.') + '.';
}

function escapeOctets(text: string, keep: RegExp): string {
  let out = '';
  for (const b of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(b);
    out += keep.test(c) ? c : `\\${String(b).padStart(3, '0')}`;
  }
  return out;
}

/** TXT/SPF rdata: each string quoted, split at 255 octets, every octet outside printable ASCII (and " \) as \DDD. */
function characterStrings(v: unknown): string {
  const list = Array.isArray(v) ? v.map(String) : [String(v)];
  if (list.length === 0) return '""';
  const out: string[] = [];
  for (const s of list) {
    const bytes = Buffer.from(s, 'utf8');
    for (let i = 0; i === 0 || i < bytes.length; i += 255) {
      out.push(`"${escapeBytes(bytes.subarray(i, i + 255))}"`);
    }
  }
  return out.join(' ');
}

/** Printable ASCII but " and \ as they are, every other octet as \DDD. */
function escapeBytes(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b >= 0x20 && b <= 0x7e && b !== 0x22 && b !== 0x5c ? String.fromCharCode(b) : `\\${String(b).padStart(3, '0')}`;
  return out;
}

export interface SuiteZone {
  text: string;
  /** Whether the proxy must leave a query unanswered. */
  drops(name: string, type: string): boolean;
}

export function suiteZone(zonedata: ZoneData): SuiteZone {
  const lines = ['$TTL 60', '. IN SOA ns.mailsec-test. hostmaster.mailsec-test. 1 3600 600 86400 60', '. IN NS ns.mailsec-test.', 'ns.mailsec-test. IN A 127.0.0.1'];
  const timeouts = new Map<string, Set<string>>();
  for (const [name, entries] of Object.entries(zonedata)) {
    const owner = zoneName(name);
    const hasTxt = entries.some((e) => typeof e === 'object' && 'TXT' in e);
    const before = new Set<string>();
    for (const e of entries) {
      if (e === 'TIMEOUT') {
        timeouts.set(name.toLowerCase().replace(/\.$/, ''), new Set(before));
        continue;
      }
      if (typeof e === 'object') for (const [t, v] of Object.entries(e)) if (v !== 'NONE') before.add(t);
      if (typeof e !== 'object') throw new Error(`${name}: unknown zonedata entry ${JSON.stringify(e)}`);
      for (const [type, value] of Object.entries(e)) {
        switch (type) {
          case 'SPF':
            lines.push(`${owner} IN SPF ${characterStrings(value)}`);
            if (!hasTxt) lines.push(`${owner} IN TXT ${characterStrings(value)}`);
            break;
          case 'TXT':
            if (value !== 'NONE') lines.push(`${owner} IN TXT ${characterStrings(value)}`);
            break;
          case 'A':
          case 'AAAA':
            lines.push(`${owner} IN ${type} ${String(value)}`);
            break;
          case 'MX': {
            const [pref, host] = value as [number, string];
            lines.push(`${owner} IN MX ${pref} ${zoneName(host)}`);
            break;
          }
          case 'PTR':
          case 'CNAME':
            lines.push(`${owner} IN ${type} ${zoneName(String(value))}`);
            break;
          default:
            throw new Error(`${name}: zonedata type ${type} is not supported`);
        }
      }
    }
  }
  return {
    text: lines.join('\n') + '\n',
    drops: (name, type) => {
      const answered = timeouts.get(name.toLowerCase().replace(/\.$/, ''));
      return answered !== undefined && !answered.has(type);
    },
  };
}
