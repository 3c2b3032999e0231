/**
 * A streaming XML reader for documents written by strangers. saxes is a non-validating parser
 * that never fetches anything and expands only the five predefined entities and character
 * references; on top of it this refuses any DOCTYPE (a DMARC report never needs one, and an
 * internal subset is how entity-expansion bombs and XXE start), and caps nesting depth and the
 * length of one text value, so the work and memory of one document stay proportional to its size.
 */
import { SaxesParser } from 'saxes';
import { clipped } from '../text/visible';
import { ReportInputError } from './types';

export interface XmlHandler {
  /** `namespace`: the default namespace (xmlns=) the element declares, if any. */
  open(name: string, depth: number, namespace: string | undefined): void;
  text(text: string): void;
  close(name: string, depth: number): void;
}

const MAX_DEPTH = 64;

const localName = (qname: string) => {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
};
const MAX_TEXT = 1024 * 1024;

export class SafeXmlReader {
  // Without namespace processing (it costs a third of the parse): reports use one default
  // namespace at most, read from the root's xmlns attribute; prefixes are dropped from names.
  private readonly parser = new SaxesParser({ xmlns: false, position: false });
  private depth = 0;
  private textBytes = 0;
  private failure: Error | undefined;

  constructor(handler: XmlHandler) {
    const p = this.parser;
    p.on('doctype', () => this.fail('the document declares a DOCTYPE; aggregate reports have none (refused: DTDs and entities are how XML bombs and external-entity attacks work)'));
    p.on('opentag', (tag) => {
      if (++this.depth > MAX_DEPTH) this.fail(`elements nested deeper than ${MAX_DEPTH} levels`);
      this.textBytes = 0;
      const xmlns = tag.attributes.xmlns;
      handler.open(localName(tag.name), this.depth, typeof xmlns === 'string' && xmlns ? xmlns : undefined);
    });
    p.on('text', (t) => this.onText(handler, t));
    p.on('cdata', (t) => this.onText(handler, t));
    p.on('closetag', (tag) => {
      handler.close(localName(tag.name), this.depth);
      this.depth--;
      this.textBytes = 0;
    });
    p.on('error', (e) => this.fail(`not well-formed XML: ${clipped(e.message.replace(/^undefined:/, '').trim(), 200)}`));
  }

  private onText(handler: XmlHandler, t: string): void {
    this.textBytes += t.length;
    if (this.textBytes > MAX_TEXT) this.fail(`a text value longer than ${MAX_TEXT} characters`);
    handler.text(t);
  }

  private fail(message: string): never {
    this.failure ??= new ReportInputError(message);
    throw this.failure;
  }

  write(chunk: string): void {
    if (this.failure) throw this.failure;
    try {
      this.parser.write(chunk);
    } catch (e) {
      throw this.failure ?? new ReportInputError(`not well-formed XML: ${clipped((e as Error).message, 200)}`);
    }
  }

  close(): void {
    if (this.failure) throw this.failure;
    try {
      this.parser.close();
    } catch (e) {
      throw this.failure ?? new ReportInputError(`not well-formed XML: ${clipped((e as Error).message, 200)}`);
    }
  }
}
