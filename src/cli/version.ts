/**
 * The version `mailsec --version` prints and SARIF logs name: package.json's, injected by
 * scripts/build.mjs (esbuild `define`) into every bundle. Run from the TypeScript sources
 * (tests under tsx) it is "dev".
 */
declare const MAILSEC_VERSION: string | undefined;

export const cliVersion: string = typeof MAILSEC_VERSION === 'string' ? MAILSEC_VERSION : 'dev';
