/**
 * The client a message says delivered it, for `verify`: the topmost Received field whose
 * `from` clause names an address — in its TCP-info (`(rdns [192.0.2.1])`,
 * `(host (203.0.113.45))`, `[IPv6:…]`) or as an address literal — read with the same
 * Received parser as the header panel (src/core/headers/received.ts), so both name the
 * same client. The HELO name is the `from` value as written there, the sender the
 * `envelope-from` of that field, else the Return-Path.
 *
 * Bounded: only the first MAX_RECEIVED Received fields are read, each cut at
 * MAX_RECEIVED_BYTES (a real trace field is a few hundred bytes; RFC 5321 §6.3 lets a
 * receiver reject a message with more than 100 of them).
 */
import { parseHeaderBlock } from '../headers/parse';
import { parseReceived } from '../headers/received';
import { isIPv4, isIPv6 } from '../net/ip';

export const MAX_RECEIVED = 100;
export const MAX_RECEIVED_BYTES = 8192;

export interface ReceivedClient {
  /** Client IP address (IPv6 without the "IPv6:" prefix). */
  ip?: string;
  /** The HELO/EHLO name as the Received field wrote it. */
  helo?: string;
  /** MAIL FROM: envelope-from of that field, else the Return-Path address ("" for `<>`). */
  sender?: string;
  /** The Received field the values come from, unfolded. */
  header?: string;
}

function address(text: string): string | undefined {
  const t = text.trim();
  const m = /^<([^<>]*)>/.exec(t);
  if (m) return m[1]!.trim();
  return /^[^\s<>]+$/.test(t) ? t : undefined;
}

export function receivedClient(message: string): ReceivedClient {
  const { fields } = parseHeaderBlock(message);
  const out: ReceivedClient = {};
  const returnPath = fields.find((f) => f.lname === 'return-path');
  if (returnPath) out.sender = address(returnPath.unfolded);
  let seen = 0;
  for (const field of fields) {
    if (field.lname !== 'received') continue;
    if (++seen > MAX_RECEIVED) break;
    const value = field.unfolded.length > MAX_RECEIVED_BYTES ? field.unfolded.slice(0, MAX_RECEIVED_BYTES) : field.unfolded;
    const parsed = parseReceived(value);
    const ip = parsed.fromIp?.replace(/^IPv6:/i, '');
    if (!parsed.from || !ip || !(isIPv4(ip) || isIPv6(ip))) continue;
    out.ip = ip;
    out.helo = parsed.from;
    out.header = value;
    const envelopeFrom = /\benvelope-from\s*[=:]?\s*(<[^<>]*>|[^\s;()]+)/i.exec(value)?.[1];
    if (envelopeFrom) out.sender = address(envelopeFrom);
    break;
  }
  return out;
}
