/**
 * The client a message says delivered it, read the way `verifyMessage` (mailauth's
 * authenticate() with trustReceived) reads it: the first Received header with a
 * `from` clause, its IP from the `[…]` in the from comment, its HELO from the from
 * value. Lets the editor ask for the client IP only when the message does not give one.
 */
import { parseReceived } from 'mailauth/lib/parse-received';
import { fieldsNamed, parseHeaderBlock } from '../headers/parse';

export interface ReceivedClient {
  /** Client IP address (IPv6 without the "IPv6:" prefix). */
  ip?: string;
  helo?: string;
  /** The header the values come from, unfolded. */
  header?: string;
}

export function receivedClient(message: string): ReceivedClient {
  const { fields } = parseHeaderBlock(message);
  for (const field of fieldsNamed(fields, 'received')) {
    const parsed = parseReceived(`Received: ${field.unfolded}`);
    if (!parsed || !parsed.from?.value) continue;
    const ip = /\[([^\]]+)\]/.exec(parsed.from.comment ?? '')?.[1]?.replace(/^IPv6:/i, '');
    return { ip, helo: parsed.from.value, header: field.unfolded };
  }
  return {};
}
