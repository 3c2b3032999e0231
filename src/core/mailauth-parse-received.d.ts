/** mailauth's Received-header parser (lib/parse-received.js, no types shipped): the one its authenticate() uses with trustReceived. */
declare module 'mailauth/lib/parse-received' {
  interface ReceivedPart {
    value: string;
    comment?: string;
  }
  export interface ParsedReceived {
    from?: ReceivedPart;
    by?: ReceivedPart;
    with?: ReceivedPart;
    id?: ReceivedPart;
    for?: ReceivedPart;
    'envelope-from'?: ReceivedPart;
    timestamp?: string;
    full: string;
  }
  export function parseReceived(header: string | Buffer): ParsedReceived | false;
}
