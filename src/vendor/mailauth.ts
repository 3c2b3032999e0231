/**
 * Entry of dist/vendor/mailauth.js: scripts/build.mjs bundles mailauth on its own from
 * this file and rewrites every bare `mailauth` import elsewhere to load that bundle
 * lazily. Only what the core uses is re-exported.
 * mailauth stays on 4.13: 5.x needs Node >= 22.19, and the CLI must run on Node 20.
 */
export { authenticate, dkimSign, dkimVerify, spf, dmarc, arc } from 'mailauth';
