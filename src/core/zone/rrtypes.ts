/**
 * Resource-record types (IANA "Resource Record (RR) TYPEs") with the rdata layout we
 * check. Field kinds: name, u8, u16, u32, ttl (u32 or TTL units, SOA timers), ipv4, ipv6,
 * str (one character-string), strs (one or more), hex (rest, hex digits, may be split),
 * b64 (rest, base64, may be split), alg (DNSSEC algorithm number or mnemonic),
 * caatag, rest (one or more tokens, not checked further),
 * any (zero or more tokens, not checked further).
 */
export type FieldKind = 'name' | 'u8' | 'u16' | 'u32' | 'ttl' | 'ipv4' | 'ipv6' | 'str' | 'strs' | 'hex' | 'hex?' | 'b64' | 'alg' | 'caatag' | 'rest' | 'any' | 'eui48' | 'eui64' | 'salt';

export interface RRType {
  name: string;
  code: number;
  /** Field kinds and their names as shown in messages. */
  fields: [FieldKind, string][];
  /** Meta or obsolete types that do not belong in a zone file. */
  notInZone?: string;
  summary: string;
}

function t(name: string, code: number, layout: string, summary: string, notInZone?: string): RRType {
  const fields = layout
    ? layout.split(' ').map((f) => {
        const [kind, label] = f.split(':') as [FieldKind, string | undefined];
        return [kind, (label ?? kind).replace(/_/g, ' ')] as [FieldKind, string];
      })
    : [];
  return notInZone ? { name, code, fields, summary, notInZone } : { name, code, fields, summary };
}

const TYPES: RRType[] = [
  t('A', 1, 'ipv4:address', 'IPv4 address of the name.'),
  t('NS', 2, 'name:name_server', 'Authoritative name server for the zone or a delegated child.'),
  t('MD', 3, 'name', 'Obsolete mail destination (use MX).', 'obsolete since RFC 973; use MX'),
  t('MF', 4, 'name', 'Obsolete mail forwarder (use MX).', 'obsolete since RFC 973; use MX'),
  t('CNAME', 5, 'name:target', 'Alias: the name is another name for the target; it can hold no other data.'),
  t('SOA', 6, 'name:primary_server name:responsible_mailbox u32:serial ttl:refresh ttl:retry ttl:expire ttl:minimum', 'Start of authority: the zone apex, its serial and timers.'),
  t('MB', 7, 'name', 'Experimental mailbox domain name (RFC 1035).'),
  t('MG', 8, 'name', 'Experimental mail group member (RFC 1035).'),
  t('MR', 9, 'name', 'Experimental mail rename (RFC 1035).'),
  t('NULL', 10, 'any', 'Experimental null record.'),
  t('WKS', 11, 'rest', 'Obsolete well-known services (RFC 1035).'),
  t('PTR', 12, 'name:target', 'Pointer, mostly used for reverse DNS (address to name).'),
  t('HINFO', 13, 'str:cpu str:os', 'Host information: CPU and operating system (RFC 8482 uses it for ANY answers).'),
  t('MINFO', 14, 'name name', 'Experimental mailbox information (RFC 1035).'),
  t('MX', 15, 'u16:preference name:mail_exchange', 'Mail exchanger: where mail for the name is delivered; lower preference is tried first.'),
  t('TXT', 16, 'strs:text', 'Text strings; carries SPF, DKIM keys, DMARC policies and verification tokens.'),
  t('RP', 17, 'name:mailbox name:txt_name', 'Responsible person (RFC 1183).'),
  t('AFSDB', 18, 'u16:subtype name:hostname', 'AFS database location (RFC 1183).'),
  t('X25', 19, 'str', 'X.25 address (RFC 1183).'),
  t('ISDN', 20, 'str any', 'ISDN address (RFC 1183).'),
  t('RT', 21, 'u16:preference name:host', 'Route through (RFC 1183).'),
  t('NSAP', 22, 'rest', 'NSAP address (RFC 1706).'),
  t('NSAP-PTR', 23, 'name', 'NSAP pointer (RFC 1706).'),
  t('SIG', 24, 'rest', 'Obsolete DNSSEC signature (use RRSIG).'),
  t('KEY', 25, 'u16:flags u8:protocol alg:algorithm any:public_key', 'Obsolete DNSSEC key (SIG(0) and TKEY still use it).'),
  t('PX', 26, 'u16 name name', 'X.400 mapping (RFC 2163).'),
  t('GPOS', 27, 'str str str', 'Geographical position (RFC 1712).'),
  t('AAAA', 28, 'ipv6:address', 'IPv6 address of the name.'),
  t('EID', 31, 'any', 'Nimrod endpoint identifier (hex).'),
  t('NIMLOC', 32, 'any', 'Nimrod locator (hex).'),
  t('LOC', 29, 'rest', 'Geographical location (RFC 1876).'),
  t('NXT', 30, 'rest', 'Obsolete DNSSEC next record (use NSEC).'),
  t('SRV', 33, 'u16:priority u16:weight u16:port name:target', 'Service location: host and port of a service such as _sip._tcp.'),
  t('NAPTR', 35, 'u16:order u16:preference str:flags str:services str:regexp name:replacement', 'Naming authority pointer (RFC 3403), used by ENUM and SIP.'),
  t('ATMA', 34, 'rest', 'ATM address (E.164 as +digits, or NSAP as hex).'),
  t('KX', 36, 'u16:preference name:exchanger', 'Key exchanger (RFC 2230).'),
  t('CERT', 37, 'rest', 'Certificate or CRL (RFC 4398).'),
  t('A6', 38, 'rest', 'Historic IPv6 address record (use AAAA).', 'historic since RFC 6563; use AAAA'),
  t('DNAME', 39, 'name:target', 'Redirects the whole subtree below the name to the target (RFC 6672).'),
  t('SINK', 40, 'u8:meaning u8:coding u8:subcoding any:data', 'Kitchen sink (draft-eastlake-kitchen-sink).'),
  t('OPT', 41, 'any', 'EDNS pseudo-record.', 'a pseudo-record that exists only in DNS messages'),
  t('APL', 42, 'any', 'Address prefix list (RFC 3123).'),
  t('DS', 43, 'u16:key_tag alg:algorithm u8:digest_type hex:digest', 'Delegation signer: the hash of a child zone\'s DNSSEC key, published in the parent.'),
  t('SSHFP', 44, 'u8:algorithm u8:fingerprint_type hex?:fingerprint', 'SSH host key fingerprint (RFC 4255).'),
  t('IPSECKEY', 45, 'rest', 'IPsec key (RFC 4025).'),
  t('RRSIG', 46, 'rest', 'DNSSEC signature over an RRset.'),
  t('NSEC', 47, 'rest', 'DNSSEC authenticated denial: the next name and the types present.'),
  t('DNSKEY', 48, 'u16:flags u8:protocol alg:algorithm b64:public_key', 'DNSSEC public key of the zone.'),
  t('DHCID', 49, 'b64:digest', 'DHCP identifier (RFC 4701).'),
  t('NSEC3', 50, 'rest', 'DNSSEC hashed authenticated denial (RFC 5155).'),
  t('NSEC3PARAM', 51, 'u8:hash_algorithm u8:flags u16:iterations salt:salt', 'NSEC3 parameters of the zone (RFC 5155).'),
  t('TLSA', 52, 'u8:usage u8:selector u8:matching_type hex:certificate_data', 'DANE certificate association for a TLS service (RFC 6698), e.g. _25._tcp.mx for SMTP.'),
  t('SMIMEA', 53, 'u8:usage u8:selector u8:matching_type hex:certificate_data', 'S/MIME certificate association (RFC 8162).'),
  t('HIP', 55, 'rest', 'Host identity protocol (RFC 8005).'),
  t('NINFO', 56, 'strs', 'Zone status information.'),
  t('RKEY', 57, 'u16:flags u8:protocol alg:algorithm b64:public_key', 'Resource key.'),
  t('TALINK', 58, 'name:previous name:next', 'Trust anchor link.'),
  t('CDS', 59, 'u16:key_tag alg:algorithm u8:digest_type hex:digest', 'Child copy of DS for automated DNSSEC delegation updates (RFC 7344).'),
  t('CDNSKEY', 60, 'u16:flags u8:protocol alg:algorithm b64:public_key', 'Child copy of DNSKEY for automated delegation updates (RFC 7344).'),
  t('OPENPGPKEY', 61, 'b64:public_key', 'OpenPGP public key (RFC 7929).'),
  t('CSYNC', 62, 'u32:serial u16:flags any:types', 'Child-to-parent synchronisation (RFC 7477).'),
  t('ZONEMD', 63, 'u32:serial u8:scheme u8:hash_algorithm hex:digest', 'Message digest over the zone (RFC 8976).'),
  t('SVCB', 64, 'u16:priority name:target any:parameters', 'Service binding (RFC 9460).'),
  t('HTTPS', 65, 'u16:priority name:target any:parameters', 'HTTPS service binding (RFC 9460): ALPN, ports and address hints for a web origin.'),
  t('DSYNC', 66, 'rest', 'Endpoint for DS/CDS update notifications (RFC 9859).'),
  t('SPF', 99, 'strs:text', 'Obsolete SPF record type; RFC 7208 §3.1 says publish SPF as TXT only.'),
  t('UNSPEC', 103, 'any', 'Reserved (unspecified).'),
  t('NID', 104, 'u16:preference rest:node_id', 'ILNP node identifier (RFC 6742).'),
  t('L32', 105, 'u16:preference rest:locator', 'ILNP 32-bit locator (RFC 6742).'),
  t('L64', 106, 'u16:preference rest:locator', 'ILNP 64-bit locator (RFC 6742).'),
  t('LP', 107, 'u16:preference name:fqdn', 'ILNP locator pointer (RFC 6742).'),
  t('EUI48', 108, 'eui48:address', 'EUI-48 address (RFC 7043).'),
  t('EUI64', 109, 'eui64:address', 'EUI-64 address (RFC 7043).'),
  t('TKEY', 249, 'any', 'Transaction key.', 'a meta-type that exists only in DNS messages'),
  t('TSIG', 250, 'any', 'Transaction signature.', 'a meta-type that exists only in DNS messages'),
  t('IXFR', 251, 'any', 'Incremental zone transfer.', 'a query type, not a record type'),
  t('AXFR', 252, 'any', 'Zone transfer.', 'a query type, not a record type'),
  t('MAILB', 253, 'any', 'Mailbox query.', 'a query type, not a record type'),
  t('MAILA', 254, 'any', 'Mail agent query.', 'a query type, not a record type'),
  t('ANY', 255, 'any', 'Any type.', 'a query type, not a record type'),
  t('URI', 256, 'u16:priority u16:weight str:target', 'URI for a service (RFC 7553).'),
  t('CAA', 257, 'u8:flags caatag:tag str:value', 'Certification authority authorization: which CAs may issue certificates for the name (RFC 8659).'),
  t('AVC', 258, 'strs', 'Application visibility and control.'),
  t('DOA', 259, 'rest', 'Digital object architecture.'),
  t('AMTRELAY', 260, 'rest', 'Automatic multicast tunneling relay (RFC 8777).'),
  t('RESINFO', 261, 'strs', 'Resolver information (RFC 9606).'),
  t('WALLET', 262, 'strs', 'Public wallet address.'),
  t('TA', 32768, 'u16:key_tag alg:algorithm u8:digest_type hex:digest', 'DNSSEC trust authority.'),
  t('DLV', 32769, 'u16:key_tag alg:algorithm u8:digest_type hex:digest', 'Obsolete DNSSEC lookaside validation.'),
];

const BY_NAME = new Map<string, RRType>(TYPES.map((x) => [x.name, x]));
const BY_CODE = new Map<number, RRType>(TYPES.map((x) => [x.code, x]));

/** Looks a type up by mnemonic (any case) or by `TYPEnnn`. */
export function lookupType(token: string): RRType | undefined {
  const exact = BY_NAME.get(token); // mnemonics are usually written in upper case already
  if (exact) return exact;
  const up = token.toUpperCase();
  const known = BY_NAME.get(up);
  if (known) return known;
  const code = typeNumber(up);
  return code === undefined ? undefined : BY_CODE.get(code);
}

/** The number in `TYPEnnn`, or undefined. */
export function typeNumber(token: string): number | undefined {
  if (token.length < 5 || token.slice(0, 4).toUpperCase() !== 'TYPE') return undefined;
  const digits = token.slice(4);
  if (!/^[0-9]{1,5}$/.test(digits)) return undefined;
  const v = Number(digits);
  return v <= 65535 ? v : undefined;
}

export function typeByCode(code: number): RRType | undefined {
  return BY_CODE.get(code);
}

export const CLASSES = new Set(['IN', 'CH', 'HS', 'CS']);

/** `IN`, `CH`, `HS`, `CS` or `CLASSnnn` (any case) → upper-case class, else undefined. */
export function parseClass(token: string): string | undefined {
  if (token.length < 2 || token.length > 10) return undefined;
  const up = token.toUpperCase();
  if (CLASSES.has(up)) return up;
  if (up.startsWith('CLASS') && /^CLASS[0-9]{1,5}$/.test(up) && Number(up.slice(5)) <= 65535) return up;
  return undefined;
}

/** DNSSEC algorithm mnemonics (IANA "DNS Security Algorithm Numbers"). */
export const DNSSEC_ALGORITHMS: Record<string, number> = {
  RSAMD5: 1, DH: 2, DSA: 3, RSASHA1: 5, 'DSA-NSEC3-SHA1': 6, 'RSASHA1-NSEC3-SHA1': 7, RSASHA256: 8, RSASHA512: 10,
  'ECC-GOST': 12, ECDSAP256SHA256: 13, ECDSAP384SHA384: 14, ED25519: 15, ED448: 16, INDIRECT: 252, PRIVATEDNS: 253, PRIVATEOID: 254,
};

export const ALL_TYPES: readonly RRType[] = TYPES;
