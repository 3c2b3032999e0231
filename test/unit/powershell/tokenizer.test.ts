import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkGeneratedScript, literalValues, scriptSkeleton, tokenizePowerShell } from '../../../src/core/powershell/tokenizer';

const kinds = (src: string) => tokenizePowerShell(src).tokens.map((t) => `${t.kind}:${t.text}`);

void test('single-quoted strings: doubled quotes of any kind are one literal quote', () => {
  const { tokens } = tokenizePowerShell("'it''s' '\u2019\u2018' 'a\u2019'b'");
  assert.deepEqual(tokens.map((t) => t.value), ["it's", '\u2018', "a'b"]);
});

void test('a typographic quote closes a string opened with an ASCII apostrophe', () => {
  const { tokens } = tokenizePowerShell("'abc\u2019 Remove-Item x");
  assert.equal(tokens[0]!.kind, 'single-quoted');
  assert.equal(tokens[0]!.value, 'abc');
  assert.deepEqual(tokens.slice(1).map((t) => t.text), ['Remove-Item', 'x']);
});

void test('double-quoted strings report $ expansions, $( subexpressions and respect backtick escapes', () => {
  const src = '"Hi $name, ${braced var} `$notvar $(Get-Date "x$y") $ end `" still"';
  const { tokens, expansions, errors } = tokenizePowerShell(src);
  assert.deepEqual(errors, []);
  assert.equal(tokens.length, 1);
  assert.equal(tokens[0]!.kind, 'double-quoted');
  assert.deepEqual(
    tokens[0]!.expansions!.map((e) => e.text),
    ['$name', '${braced var}', '$(Get-Date "x$y")'],
  );
  // the nested "x$y" inside the subexpression is an expansion too
  assert.deepEqual(expansions.map((e) => e.text), ['$name', '${braced var}', '$(Get-Date "x$y")', '$y']);
});

void test('$ followed by a non-Latin letter expands inside double quotes', () => {
  const { tokens } = tokenizePowerShell('"Жанна $Жанна"');
  assert.deepEqual(tokens[0]!.expansions!.map((e) => e.text), ['$Жанна']);
});

void test('curly double quotes open and close expandable strings; doubled quotes escape', () => {
  const { tokens } = tokenizePowerShell('\u201Ca ""b"" $(c)\u201D');
  assert.equal(tokens.length, 1);
  assert.equal(tokens[0]!.kind, 'double-quoted');
  assert.deepEqual(tokens[0]!.expansions!.map((e) => e.text), ['$(c)']);
});

void test('here-strings: single-quoted keeps text verbatim, double-quoted expands, both end at a line starting with quote-@', () => {
  const src = "@'\nline $(x) 'q'\n '@ not yet\n'@\n@\"\nv=$v\n\"@\nafter";
  const { tokens, expansions, errors } = tokenizePowerShell(src);
  assert.deepEqual(errors, []);
  assert.equal(tokens[0]!.kind, 'here-single');
  assert.equal(tokens[0]!.value, "line $(x) 'q'\n '@ not yet");
  const hd = tokens.find((t) => t.kind === 'here-double')!;
  assert.deepEqual(hd.expansions!.map((e) => e.text), ['$v']);
  assert.deepEqual(expansions.map((e) => e.text), ['$v']);
  assert.equal(tokens.at(-1)!.text, 'after');
});

void test('comments: # only where a token starts, <# #> blocks', () => {
  assert.deepEqual(kinds('echo a#b # c $(x)\n<# $(y)\n #> z'), [
    'word:echo',
    'word:a#b',
    'line-comment:# c $(x)',
    'newline:\n',
    'block-comment:<# $(y)\n #>',
    'word:z',
  ]);
  assert.deepEqual(tokenizePowerShell('# $(x)').expansions, []);
});

void test('variables and subexpressions outside strings are reported', () => {
  const { expansions } = tokenizePowerShell('Set-User -AuthenticationPolicy $null; $(Remove-Item x) @splat $env:PATH');
  assert.deepEqual(expansions.map((e) => `${e.kind}:${e.text}`), ['variable:$null', 'subexpression:$(', 'variable:@splat', 'variable:$env:PATH']);
});

void test('a lone $ is a literal, not an expansion', () => {
  assert.deepEqual(tokenizePowerShell('"cost: $ 5" 5$').expansions, []);
});

void test('backtick at end of line is a continuation; elsewhere it escapes within a word', () => {
  assert.deepEqual(kinds('a `\n-b `$x'), ['word:a', 'continuation:`\n', 'word:-b', 'word:`$x']);
});

void test('unterminated constructs are errors, not silent', () => {
  for (const src of ["'open", '"open', "@'\nno end", '<# open', '"$(open"', '${open']) {
    assert.ok(tokenizePowerShell(src).errors.length > 0, src);
  }
});

void test('RTL override and zero-width characters stay inside the literal they are in', () => {
  const src = "'a\u202Eb' \u202E";
  const { tokens } = tokenizePowerShell(src);
  assert.equal(tokens[0]!.value, 'a\u202Eb');
  assert.equal(tokens[1]!.kind, 'word');
});

void test('scriptSkeleton blanks literal contents; literalValues lists them', () => {
  const src = "Set-User -Identity 'a''b' -X $null";
  assert.deepEqual(scriptSkeleton(src), ['word:Set-User', 'word:-Identity', 'single-quoted:<literal>', 'word:-X', 'variable:$null']);
  assert.deepEqual(literalValues(src), ["a'b"]);
});

void test('checkGeneratedScript flags expandable strings, subexpressions and unexpected variables', () => {
  assert.deepEqual(checkGeneratedScript("Set-User -Identity 'x' -AuthenticationPolicy $null"), []);
  const problems = checkGeneratedScript('Set-User -Identity "x" $(y) $evil');
  assert.equal(problems.length, 3);
  assert.match(problems[0]!.message, /Expandable string/);
  assert.match(problems[1]!.message, /Subexpression/);
  assert.match(problems[2]!.message, /\$evil/);
});
