import { test } from 'node:test';
import assert from 'node:assert/strict';
import { psSingleQuoted, psStringArray } from '../../../src/core/powershell/quote';
import { tokenizePowerShell } from '../../../src/core/powershell/tokenizer';
import { HOSTILE_STRINGS } from './hostile';

void test('psSingleQuoted doubles the ASCII apostrophe', () => {
  assert.equal(psSingleQuoted("O'Brien"), "'O''Brien'");
  assert.equal(psSingleQuoted(''), "''");
  assert.equal(psSingleQuoted("''"), "''''''");
});

void test('psSingleQuoted doubles the typographic single quotes PowerShell also treats as quotes', () => {
  assert.equal(psSingleQuoted('\u2018x\u2019'), "'\u2018\u2018x\u2019\u2019'");
  assert.equal(psSingleQuoted('\u201A\u201B'), "'\u201A\u201A\u201B\u201B'");
});

void test('psSingleQuoted leaves $, backtick and double quotes alone (nothing expands in single quotes)', () => {
  assert.equal(psSingleQuoted('$(x) `n "y"'), '\'$(x) `n "y"\'');
});

void test('every hostile string round-trips as exactly one single-quoted literal with no expansion', () => {
  for (const s of HOSTILE_STRINGS) {
    const src = psSingleQuoted(s);
    const { tokens, errors, expansions } = tokenizePowerShell(src);
    assert.deepEqual(errors, [], JSON.stringify(s));
    assert.equal(tokens.length, 1, JSON.stringify(s));
    assert.equal(tokens[0]!.kind, 'single-quoted');
    assert.equal(tokens[0]!.value, s);
    assert.equal(tokens[0]!.end, src.length);
    assert.deepEqual(expansions, []);
  }
});

void test('psStringArray lists verbatim literals inside @()', () => {
  assert.equal(psStringArray([]), '@()');
  const src = psStringArray(["a'b", '$(x)', 'c']);
  assert.equal(src, "@('a''b', '$(x)', 'c')");
  const { tokens, expansions } = tokenizePowerShell(src);
  assert.deepEqual(
    tokens.filter((t) => t.kind === 'single-quoted').map((t) => t.value),
    ["a'b", '$(x)', 'c'],
  );
  assert.deepEqual(expansions, []);
});
