/**
 * The Authentication section's content — "sender validated" or not, one row per method with
 * its result and alignment, the Authentication-Results fields, the DKIM signatures — shared
 * by the header panel and the live panel's Verify Message Authentication result, so both
 * describe a message in the same words (src/core/checks/verifyView.ts maps verify's result
 * onto the same AuthView). Without `reveal`, rows are not clickable (nothing to show).
 */
import type { AuthView } from '../../src/core/headers/viewTypes';
import type { Span } from '../../src/core/findings';
import { h, type Child } from '../shared/dom';
import { mono, pill, revealing, row, table, type Reveal } from './ui';

export function authContent(au: AuthView, reveal?: Reveal): Child[] {
  const at = (span: Span | null) => (reveal ? revealing(span, reveal) : revealing(null, () => undefined));
  return [
    h('p', null, pill(au.validated ? 'sender validated' : 'sender not validated', au.validated ? 'pass' : 'fail'), ' ', h('span', { class: 'wrap' }, au.trustedReason)),
    table(
      'auth-table',
      [{ title: 'Method', width: '90px' }, { title: 'Result', width: '110px' }, { title: 'Alignment', width: '30%' }, { title: 'Details', width: 'auto' }],
      au.rows.map((r) => row(at(r.span), [h('strong', null, r.method), pill(r.result, r.tone), h('span', { class: 'wrap' }, r.alignment), mono(r.details)])),
    ),
    au.headers.length
      ? [
          h('h3', null, 'Authentication-Results fields'),
          table(
            'auth-headers-table',
            [{ title: 'Field', width: '25%' }, { title: 'authserv-id', width: '25%' }, { title: 'Trusted', width: '80px' }, { title: 'Results', width: 'auto' }],
            au.headers.map((x) => row(at(x.span), [x.kind + (x.instance !== null ? ` i=${x.instance}` : ''), mono(x.authservId), x.trusted ? pill('trusted', 'pass') : h('span', { class: 'muted' }, 'ignored'), mono(x.results)])),
          ),
        ]
      : reveal
        ? h('p', { class: 'muted' }, 'No Authentication-Results field: no receiving server recorded SPF, DKIM or DMARC results.')
        : null,
    au.signatures.length
      ? [
          h('h3', null, 'DKIM signatures'),
          table(
            'dkim-table',
            [{ title: 'd=', width: '25%' }, { title: 's=', width: '15%' }, { title: 'a=', width: '110px' }, { title: 'Aligned', width: '80px' }, { title: 'Notes', width: 'auto' }],
            au.signatures.map((s) => row(at(s.span), [mono(s.domain), mono(s.selector), mono(s.algorithm), s.aligned, h('span', { class: 'muted wrap' }, s.notes)])),
          ),
        ]
      : null,
  ];
}
