/**
 * The DNS suites: one named for all of them (starting it, and loading the modules, is
 * most of the run time), then the suites in test/dns/suites/. When named is missing the
 * named-backed suites are skipped with the reason printed; the loopback ones still run.
 */
import { describe } from 'node:test';
import { skipReason, useNamed } from './harness';
import { clientSuite, loopbackSuite } from './suites/client';
import { domainChecksSuite } from './suites/domainChecks';
import { mailChecksSuite } from './suites/mailChecks';
import { verifySuite } from './suites/verify';
import { cliOfflineSuite, cliSuite } from './suites/cli';
import { zoneLiveSuite } from './suites/zoneLive';
import { dmarcWalkSuite } from './suites/dmarcWalk';
import { dkimKeysSuite } from './suites/dkimKeys';
import { agreementSuite } from './suites/agreement';

void describe('against a real named on 127.0.0.1', { skip: skipReason() }, () => {
  const named = useNamed();
  clientSuite(named);
  domainChecksSuite(named);
  mailChecksSuite(named);
  verifySuite(named);
  cliSuite(named);
  zoneLiveSuite(named);
  dmarcWalkSuite(named);
  dkimKeysSuite(named);
  agreementSuite(named);
});

void describe('loopback only (no named)', () => {
  loopbackSuite();
  cliOfflineSuite();
});
