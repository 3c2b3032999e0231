/**
 * Entry of dist/vendor/mailauth.js: scripts/build.mjs bundles mailauth on its own from
 * this file and rewrites every bare `mailauth` import elsewhere to load that bundle
 * lazily. Only what the core uses is re-exported.
 *
 * mailauth 7 (strict mode: RFC 6376/8301/8463 DKIM, RFC 9989 DMARC) declares Node >= 22.19
 * only because of its dependency undici 8, which it uses for nothing but BIMI logo and
 * MTA-STS policy downloads (mailsec asks for neither). package.json `overrides` gives
 * mailauth undici 7 (same fetch/Agent API, Node >= 20.18.1), so the bundle — and the tests,
 * which load mailauth from node_modules — run on Node 20, the extension host of VS Code
 * 1.96. See README, "The verifier library".
 */
export { authenticate, dkimSign, dkimVerify, spf, dmarc, arc } from 'mailauth';
