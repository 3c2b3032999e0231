/**
 * Advice that names a knob (a DNS server, the timeout, a command to run next) is written
 * once, in the core, and rendered per surface: the editor names settings and commands
 * (`mailsec.dns.servers`, "Check DKIM"), the CLI its flags (`--server`, `--timeout`).
 * A finding's `fix` says what to do in words valid everywhere; its `change` lists how to
 * change it, which each surface renders in its own terms (`fixText`).
 */

/** Where advice is shown. */
export type Surface = 'cli' | 'editor';

/** One way to act on a finding, named without naming a surface's knob. */
export type Change =
  /** Ask another DNS server (`why`: the purpose, e.g. "to ask another server"). */
  | { knob: 'resolver-servers'; why?: string }
  /** Wait longer for answers. */
  | { knob: 'resolver-timeout'; why?: string }
  /** Give a whole check more time. */
  | { knob: 'check-deadline'; why?: string }
  /** Give the client address of a message (verify, when its Received fields name none). */
  | { knob: 'message-client-ip'; why?: string }
  /** Check one DKIM selector of a domain (`selector` may be a placeholder such as "<s>"). */
  | { knob: 'check-dkim'; domain: string; selector: string; why?: string }
  /** Check a domain's SPF policy. */
  | { knob: 'check-spf'; domain: string; why?: string }
  /** Check a domain's DMARC policy. */
  | { knob: 'check-dmarc'; domain: string; why?: string }
  /** Evaluate the SPF policy for one client address and sender. */
  | { knob: 'check-spf-client'; domain: string; why?: string };

/** The knob as the surface names it. */
export function changeText(c: Change, surface: Surface): string {
  const cli = surface === 'cli';
  switch (c.knob) {
    case 'resolver-servers':
      return cli ? 'pass --server IP[:port]' : 'set mailsec.dns.servers';
    case 'resolver-timeout':
      return cli ? 'raise --timeout (milliseconds)' : 'raise mailsec.dns.timeout (milliseconds)';
    case 'check-deadline':
      return cli ? 'raise --deadline (seconds)' : 'raise mailsec.dns.checkDeadline (seconds)';
    case 'message-client-ip':
      return cli ? 'pass --ip ADDRESS' : 'give the client IP when Verify Message Authentication asks for it';
    case 'check-dkim':
      return cli ? `run mailsec check dkim ${c.domain} --selector ${c.selector}` : `run "mailsec: Check DKIM" for ${c.domain} with selector ${c.selector}`;
    case 'check-spf':
      return cli ? `run mailsec check spf ${c.domain}` : `run "mailsec: Check SPF" for ${c.domain}`;
    case 'check-dmarc':
      return cli ? `run mailsec check dmarc ${c.domain}` : `run "mailsec: Check DMARC" for ${c.domain}`;
    case 'check-spf-client':
      return cli ? `run mailsec check spf ${c.domain} --ip <address> --sender <address>` : `run "mailsec: Check SPF" for ${c.domain} and give a client IP and sender`;
  }
}

/** The finding's fix with its "how to change it" part in the surface's words. */
export function fixText(f: { fix: string; change?: readonly Change[] }, surface: Surface): string {
  if (!f.change?.length) return f.fix;
  const parts = f.change.map((c) => (c.why ? `${c.why}, ${changeText(c, surface)}` : changeText(c, surface)));
  const how = parts.join('; ');
  return `${f.fix.replace(/\s+$/, '')} ${how.charAt(0).toUpperCase()}${how.slice(1)}.`;
}
