import * as vscode from 'vscode';
import { checkDkim, discoverDkim } from '../../core/checks/dkim';
import { checkDmarc } from '../../core/checks/dmarc';
import { checkDomain } from '../../core/checks/domain';
import { normalizeDomain } from '../../core/checks/domainName';
import { domainProblem, ipProblem, normalizeIp, parseSelectorInput, selectorProblem, senderProblem } from '../../core/checks/inputs';
import { checkMx } from '../../core/checks/mx';
import { checkSpf } from '../../core/checks/spf';
import type { Resolver } from '../../core/dns/resolver';
import type { CheckOptions, CheckResult } from '../../core/checks/types';
import { askDomain, askIp, askSelector, askSender } from './prompts';
import type { LiveChecks, LiveOutcome } from './service';
import { registerCommand } from '../registry';

/** Optional arguments of the check commands (tests and other extensions skip the input boxes with them). */
export interface CheckArgs {
  domain?: string;
  /** DKIM: a selector, several separated by commas, or "discover". */
  selector?: string;
  /** SPF: client IP to evaluate, and its MAIL FROM. */
  ip?: string;
  sender?: string;
  /** Keep the panel of the previous result and open this one beside it. */
  newPanel?: boolean;
}

type Failed = { status: 'failed'; message: string };

/** A value given as an argument is validated like a typed one; a bad one fails without querying. */
function given(value: string | undefined, problem: (v: string) => string | undefined): string | Failed | undefined {
  if (value === undefined) return undefined;
  const p = problem(value);
  if (p) {
    void vscode.window.showErrorMessage(p);
    return { status: 'failed', message: p };
  }
  return value.trim();
}

/** The tab title of a result panel: the check and the domain ("DKIM · contoso.com"). */
export const tabTitle = (check: string, domain: string): string => `${check} · ${domain}`;

const isFailed = (v: unknown): v is Failed => typeof v === 'object' && v !== null;

async function domainFrom(args: CheckArgs | undefined, title: string): Promise<string | Failed | undefined> {
  const g = given(args?.domain, domainProblem);
  const raw = g ?? (await askDomain(title));
  return raw === undefined || isFailed(raw) ? raw : normalizeDomain(raw);
}

/** Registers Check DKIM / SPF / DMARC / MX / Mail Domain. */
export function registerCheckCommands(context: vscode.ExtensionContext, live: LiveChecks): void {
  const simple = (command: string, label: string, run: (resolver: Resolver, domain: string, o: CheckOptions) => Promise<CheckResult>) =>
    registerCommand(command, async (args?: CheckArgs): Promise<LiveOutcome> => {
      if (!live.trusted()) return { status: 'untrusted' };
      const domain = await domainFrom(args, `Check ${label}`);
      if (domain === undefined) return { status: 'dismissed' };
      if (isFailed(domain)) return domain;
      return live.run({ title: `${label} ${domain}`, tab: tabTitle(label, domain), newPanel: args?.newPanel, progress: `checking ${label} of ${domain}…`, work: async (s, signal) => ({ kind: 'check', result: await run(s.resolver, domain, { signal }) }) });
    });

  context.subscriptions.push(
    simple('mailsec.checkDmarc', 'DMARC', checkDmarc),
    simple('mailsec.checkMx', 'MX', checkMx),

    registerCommand('mailsec.checkDkim', async (args?: CheckArgs): Promise<LiveOutcome> => {
      if (!live.trusted()) return { status: 'untrusted' };
      const domain = await domainFrom(args, 'Check DKIM');
      if (domain === undefined) return { status: 'dismissed' };
      if (isFailed(domain)) return domain;
      const sel = given(args?.selector, selectorProblem) ?? (await askSelector(domain));
      if (sel === undefined) return { status: 'dismissed' };
      if (isFailed(sel)) return sel;
      const choice = parseSelectorInput(sel);
      if (!choice.discover && choice.selectors.length === 1) {
        const name = `${choice.selectors[0]}._domainkey.${domain}`;
        return live.run({ title: `DKIM ${name}`, tab: tabTitle('DKIM', domain), newPanel: args?.newPanel, progress: `looking up the DKIM key ${name}…`, work: async (s, signal) => ({ kind: 'check', result: await checkDkim(s.resolver, domain, choice.selectors[0]!, { signal }) }) });
      }
      return live.run({
        title: `DKIM selectors of ${domain}`,
        tab: tabTitle('DKIM', domain),
        newPanel: args?.newPanel,
        progress: `trying DKIM selectors of ${domain}…`,
        work: async (s, signal) => ({ kind: 'check', result: await discoverDkim(s.resolver, domain, choice.discover ? s.selectors : choice.selectors, { signal }) }),
      });
    }),

    registerCommand('mailsec.checkSpf', async (args?: CheckArgs): Promise<LiveOutcome> => {
      if (!live.trusted()) return { status: 'untrusted' };
      const domain = await domainFrom(args, 'Check SPF');
      if (domain === undefined) return { status: 'dismissed' };
      if (isFailed(domain)) return domain;
      // From the palette the IP (then the sender) are asked, both optional; with arguments, only what is given.
      const interactive = args === undefined;
      const ip = interactive ? await askIp(`Check SPF for ${domain}`, `Evaluate the policy for a client IP? (would this address pass for mail from ${domain}?)`) : given(args.ip, (v) => ipProblem(v, true));
      if (isFailed(ip)) return ip;
      if (ip === undefined && interactive) return { status: 'dismissed' };
      let sender: string | Failed | undefined;
      if (ip) {
        sender = interactive ? await askSender(`Check SPF for ${domain}: ${ip}`, domain) : given(args.sender, (v) => senderProblem(v, true));
        if (isFailed(sender)) return sender;
        if (sender === undefined && interactive) return { status: 'dismissed' };
      }
      const options = ip ? { ip: normalizeIp(ip), sender: typeof sender === 'string' && sender ? sender.replace(/^<(.*)>$/, '$1') : undefined } : {};
      return live.run({ title: `SPF ${domain}${options.ip ? ` for ${options.ip}` : ''}`, tab: tabTitle('SPF', domain), newPanel: args?.newPanel, progress: `expanding the SPF policy of ${domain}…`, work: async (s, signal) => ({ kind: 'check', result: await checkSpf(s.resolver, domain, { ...options, signal }) }) });
    }),

    registerCommand('mailsec.checkDomain', async (args?: CheckArgs): Promise<LiveOutcome> => {
      if (!live.trusted()) return { status: 'untrusted' };
      const domain = await domainFrom(args, 'Check the Mail Domain');
      if (domain === undefined) return { status: 'dismissed' };
      if (isFailed(domain)) return domain;
      return live.run({
        title: `Mail domain ${domain}`,
        tab: tabTitle('Mail domain', domain),
        newPanel: args?.newPanel,
        progress: `checking SPF, DKIM, DMARC, MX, MTA-STS and TLS-RPT of ${domain}…`,
        work: async (s, signal) => ({ kind: 'domain', result: await checkDomain(s.resolver, domain, { signal, discoverSelectors: s.selectors }) }),
      });
    }),

    registerCommand('mailsec.cancelLiveCheck', () => live.cancel()),
    registerCommand('mailsec.copyLiveResultAsMarkdown', () => live.panel.copyMarkdown()),
    registerCommand('mailsec.keepLiveResult', () => live.keep()),
    registerCommand('mailsec.liveResultTabs', () => live.openTabs),
  );
}
