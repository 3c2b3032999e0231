// ESLint flat config: type-aware rules for all TypeScript, plus the architectural
// rule that keeps src/core free of the editor API (and of raw sockets, except the
// DNS transport), so the CLI, the extension and the tests drive the same core.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test/grammar/**', '**/*.vsix', 'bench/data/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': ['error', {
        // node:test's describe/test return promises the runner awaits itself.
        allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'test', 'it', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }],
      }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // Libraries with a start-up cost load on first use, through src/core/lazy.ts.
    files: ['src/**/*.ts'],
    ignores: ['src/core/lazy.ts', 'src/core/dns/transport*.ts', 'src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [
        { name: 'tldts', allowTypeImports: true, message: 'Use tldts() from src/core/lazy.ts: it loads on first use, not at activation.' },
        { name: 'dns-packet', allowTypeImports: true, message: 'Use dnsPacket() from src/core/lazy.ts: it loads on first use, not at activation.' },
      ] }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/dns/transport*.ts', 'src/core/lazy.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'vscode', message: 'src/core must not depend on the VS Code API; put editor code in src/extension.' },
          { name: 'dgram', message: 'Network I/O lives in src/core/dns/transport.ts; take a Resolver instead.' },
          { name: 'node:dgram', message: 'Network I/O lives in src/core/dns/transport.ts; take a Resolver instead.' },
          { name: 'net', message: 'Network I/O lives in src/core/dns/transport.ts; take a Resolver instead.' },
          { name: 'node:net', message: 'Network I/O lives in src/core/dns/transport.ts; take a Resolver instead.' },
          { name: 'tldts', allowTypeImports: true, message: 'Use tldts() from src/core/lazy.ts: it loads on first use, not at activation.' },
          { name: 'dns-packet', allowTypeImports: true, message: 'Use dnsPacket() from src/core/lazy.ts: it loads on first use, not at activation.' },
        ],
      }],
    },
  },
  {
    files: ['src/core/dns/transport*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [
        { name: 'vscode', message: 'src/core must not depend on the VS Code API.' },
        { name: 'tldts', allowTypeImports: true, message: 'Use tldts() from src/core/lazy.ts.' },
        { name: 'dns-packet', allowTypeImports: true, message: 'Use dnsPacket() from src/core/lazy.ts.' },
      ] }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['webview/**/*.ts', 'test/browser/fixtures/**/*.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { projectService: false, project: ['./webview/tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
  },
);
