import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFindingLine, summarizeFindings } from '../../../src/cli/format';
import { LineIndex } from '../../../src/core/text/lineIndex';
import type { Finding } from '../../../src/core/findings';

void test('formatFindingLine: 1-based line and UTF-16 column, message on one line', () => {
  const text = 'first\r\nsé😀cond here\n';
  const at = text.indexOf('cond');
  const f: Finding = { code: 'x-code', severity: 'warning', message: 'Two\n  lines.', span: { start: at, end: at + 4 } };
  assert.equal(formatFindingLine('a/b.txt', new LineIndex(text), f), 'a/b.txt:2:5 warning x-code Two lines.');
});

void test('summarizeFindings counts by severity', () => {
  const mk = (severity: Finding['severity']): Finding => ({ code: 'c', severity, message: 'm', span: { start: 0, end: 0 } });
  assert.equal(summarizeFindings([]), 'no problems');
  assert.equal(summarizeFindings([mk('error'), mk('info'), mk('info'), mk('warning')]), '1 error, 1 warning, 2 infos');
});
