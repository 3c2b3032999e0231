/**
 * Reads one DMARC aggregate report (RFC 7489 appendix C, or RFC 9990 with its namespace and new
 * fields) from XML text chunks. Records are handed to a callback as they end, so a report of a
 * million rows never sits in memory; the head (metadata and published policy) comes first.
 */
import { clipped } from '../text/visible';
import { SafeXmlReader } from './safeXml';
import { ReportInputError, defaultReportLimits, type AggregateRecord, type AggregateReportHead, type DmarcSchema, type ReportLimits } from './types';

export const DMARC2_NAMESPACE = 'urn:ietf:params:xml:ns:dmarc-2.0';

export interface AggregateSink {
  /** Called once, before the first record, with the report's head. */
  head(head: AggregateReportHead): void;
  record(record: AggregateRecord): void;
}

function emptyRecord(): AggregateRecord {
  return { sourceIp: '', count: 0, disposition: '', dkim: '', spf: '', overrides: [], headerFrom: '', dkimResults: [], spfResults: [] };
}

const lower = (s: string) => s.trim().toLowerCase();

/**
 * A copy of a short value that holds no reference to the chunk of XML it was cut from (V8 keeps
 * sliced strings pointing at their parent): values outlive their report as map keys (source
 * addresses, domains, report ids), and without this each would keep its report's text alive.
 */
const own = (s: string) => (s.length === 0 ? '' : (' ' + s).slice(1));

export class AggregateXmlReader {
  private readonly xml: SafeXmlReader;
  private readonly path: string[] = [];
  private text = '';
  private head: AggregateReportHead = { schema: 'draft', metadata: { orgName: '', email: '', reportId: '', begin: 0, end: 0, errors: [] }, policy: { domain: '' } };
  private headSent = false;
  private sawRoot = false;
  private record: AggregateRecord | undefined;
  /** Records seen before the head was complete (out of order but valid), sent once it is. */
  private early: AggregateRecord[] = [];
  private records = 0;

  constructor(
    private readonly sink: AggregateSink,
    private readonly limits: ReportLimits = defaultReportLimits,
  ) {
    this.xml = new SafeXmlReader({
      open: (name, depth, ns) => this.open(name, depth, ns),
      text: (t) => {
        this.text += t;
      },
      close: (name) => this.close(name),
    });
  }

  private open(name: string, depth: number, ns: string | undefined): void {
    if (depth === 1) {
      if (name !== 'feedback') throw new ReportInputError(`the root element is <${clipped(name, 60)}>, not <feedback>: not a DMARC aggregate report`);
      this.sawRoot = true;
      this.head.namespace = ns;
      this.head.schema = ns === DMARC2_NAMESPACE ? 'rfc9990' : 'draft';
    }
    this.path.push(name);
    this.text = '';
    const parent = this.path[this.path.length - 2];
    if (name === 'record' && parent === 'feedback') {
      this.record = emptyRecord();
      if (++this.records > this.limits.maxRecords) throw new ReportInputError(`more than ${this.limits.maxRecords} records in one report`);
    } else if (this.record && parent === 'auth_results') {
      if (name === 'dkim') this.record.dkimResults.push({ domain: '', result: '' });
      else if (name === 'spf') this.record.spfResults.push({ domain: '', result: '' });
    } else if (this.record && name === 'reason' && parent === 'policy_evaluated') {
      this.record.overrides.push({ type: '' });
    }
  }

  private close(name: string): void {
    const value = own(this.text.trim());
    this.text = '';
    const parent = this.path[this.path.length - 2] ?? '';
    const r = this.record;
    if (r) this.recordField(r, name, parent, value);
    else this.headField(name, parent, value);
    this.path.pop();
    if (name === 'record' && parent === 'feedback' && r) {
      this.record = undefined;
      if (this.headSent) this.sink.record(r);
      else this.early.push(r);
    } else if (name === 'policy_published' && parent === 'feedback') {
      this.sendHead();
    }
  }

  private headField(name: string, parent: string, v: string): void {
    const h = this.head;
    const m = h.metadata;
    const p = h.policy;
    if (parent === 'feedback' && name === 'version') {
      h.version = v;
      if (h.schema !== 'rfc9990' && v === '1.0') h.schema = 'rfc7489';
    } else if (parent === 'report_metadata') {
      if (name === 'org_name') m.orgName = v;
      else if (name === 'email') m.email = v;
      else if (name === 'extra_contact_info') m.extraContactInfo = v;
      else if (name === 'report_id') m.reportId = v;
      else if (name === 'error') m.errors.push(v);
      else if (name === 'generator') m.generator = v;
    } else if (parent === 'date_range') {
      const n = Number(v);
      if (!Number.isFinite(n)) throw new ReportInputError(`date_range ${name} is not a number: '${clipped(v, 40)}'`);
      if (name === 'begin') m.begin = n;
      else if (name === 'end') m.end = n;
    } else if (parent === 'policy_published') {
      if (name === 'domain') p.domain = lower(v);
      else if (name === 'adkim') p.adkim = lower(v);
      else if (name === 'aspf') p.aspf = lower(v);
      else if (name === 'p') p.p = lower(v);
      else if (name === 'sp') p.sp = lower(v);
      else if (name === 'np') p.np = lower(v);
      else if (name === 'pct') p.pct = v === '' ? undefined : Number(v);
      else if (name === 'fo') p.fo = v;
      else if (name === 'testing') p.testing = lower(v);
      else if (name === 'discovery_method') p.discoveryMethod = lower(v);
    }
  }

  private recordField(r: AggregateRecord, name: string, parent: string, v: string): void {
    if (parent === 'row') {
      if (name === 'source_ip') r.sourceIp = v;
      else if (name === 'count') {
        const n = Number(v);
        if (!Number.isSafeInteger(n) || n < 0) throw new ReportInputError(`a record's count is not a whole number: '${clipped(v, 40)}'`);
        r.count = n;
      }
    } else if (parent === 'policy_evaluated') {
      if (name === 'disposition') r.disposition = lower(v);
      else if (name === 'dkim') r.dkim = lower(v);
      else if (name === 'spf') r.spf = lower(v);
    } else if (parent === 'reason' && this.path[this.path.length - 3] === 'policy_evaluated') {
      const o = r.overrides[r.overrides.length - 1]!;
      if (name === 'type') o.type = lower(v);
      else if (name === 'comment') o.comment = v;
    } else if (parent === 'identifiers') {
      if (name === 'header_from') r.headerFrom = lower(v);
      else if (name === 'envelope_from') r.envelopeFrom = lower(v);
      else if (name === 'envelope_to') r.envelopeTo = lower(v);
    } else if ((parent === 'dkim' || parent === 'spf') && this.path[this.path.length - 3] === 'auth_results') {
      const list = parent === 'dkim' ? r.dkimResults : r.spfResults;
      const a = list[list.length - 1] as { domain: string; result: string; selector?: string; scope?: string; humanResult?: string };
      if (name === 'domain') a.domain = lower(v);
      else if (name === 'result') a.result = lower(v);
      else if (name === 'selector') a.selector = v;
      else if (name === 'scope') a.scope = lower(v);
      else if (name === 'human_result') a.humanResult = v;
    }
  }

  private sendHead(): void {
    if (this.headSent) return;
    this.headSent = true;
    this.sink.head(this.head);
    for (const r of this.early) this.sink.record(r);
    this.early = [];
  }

  write(chunk: string): void {
    this.xml.write(chunk);
  }

  end(): AggregateReportHead {
    this.xml.close();
    if (!this.sawRoot) throw new ReportInputError('no <feedback> element: not a DMARC aggregate report');
    const m = this.head.metadata;
    if (!this.head.policy.domain) throw new ReportInputError('the report names no policy_published domain');
    if (!m.reportId) throw new ReportInputError('the report has no report_id');
    this.sendHead();
    return this.head;
  }
}

/** Reads a whole report held as text (tests, small inputs). */
export function readAggregateXml(xml: string): { head: AggregateReportHead; records: AggregateRecord[] } {
  const records: AggregateRecord[] = [];
  const reader = new AggregateXmlReader({ head: () => undefined, record: (r) => records.push(r) });
  reader.write(xml);
  return { head: reader.end(), records };
}

export type { DmarcSchema };
