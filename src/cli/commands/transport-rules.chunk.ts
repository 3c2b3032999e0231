import { parseArgs } from 'node:util';
import { normalizeOrg } from '../../core/headers/analyze';
import { transportRuleScripts, TransportRuleScriptError, type TransportRuleScriptKind } from '../../core/powershell/transportRules';
import { DISCLAIMER_FALLBACKS, planTransportRules, RULE_MODES } from '../../core/rules/transportRules';
import { ConfigError, loadConfig, mergeOrganization } from '../config';
import { EXIT, EXIT_STATUS_USAGE, FAIL_ON_OPTION, exitStatus, failOn } from '../exitStatus';
import { UsageError, oneOf, type CliCommand, type CliIO } from '../io';

const usage = `Usage: mailsec transport-rules [options]

Writes Exchange Online PowerShell for the two mail flow rules against spoofing and
CEO fraud: "sender could not be validated" (external sender whose
Authentication-Results shows dkim=fail or spf=TempError/PermError/SoftFail/Fail/None)
and "external sender with an internal display name" (the From matches a protected
name). Each prepends an HTML disclaimer. The script goes to standard output; notes
(names left out, rules split to stay under 8 KB, the 20 KB pattern budget) to
standard error. The header analysis (mailsec analyze) evaluates the same rules.

Options:
  --script create|update|rollback   create/update: one script that can be run again (creates what
                                    is missing, updates what exists, removes split parts no longer
                                    needed); rollback: removes every mailsec rule and restores what
                                    the first run replaced (default create)
  --fallback Reject|Ignore          when the warning cannot be inserted (default Reject, as
                                    Microsoft advises for incoming mail; never Wrap)
  --mode Audit|AuditAndNotify|Enforce  rule mode (default Audit)
  --priority N                      -Priority of the first rule (default: none, the rules go last)
  --internal-name NAME              a display name to protect (repeatable; adds to the config)
  --sender-rule-name TEXT, --sender-rule-text TEXT  name and disclaimer of rule 1
  --name-rule-name TEXT, --name-rule-text TEXT      name and disclaimer of rule 2
  --format ps|json                  the script, or the rule definitions and all scripts as JSON
  --no-config                       ignore .mailsecrc.json

Protected names come from the nearest .mailsecrc.json:
  {"organization": {"domains": [], "displayNames": ["Jean Dupont"]}}

${EXIT_STATUS_USAGE}
Here: 0 written, 1 written but a name was left out or the patterns exceed Exchange
Online's 20 KB, 3 a rule name over 64 characters (nothing written).`;

const SCRIPTS: readonly TransportRuleScriptKind[] = ['create', 'update', 'rollback'];

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    allowPositionals: false,
    options: {
      script: { type: 'string', default: 'create' },
      mode: { type: 'string', default: 'Audit' },
      priority: { type: 'string' },
      'internal-name': { type: 'string', multiple: true },
      'sender-rule-name': { type: 'string' },
      'sender-rule-text': { type: 'string' },
      'name-rule-name': { type: 'string' },
      'name-rule-text': { type: 'string' },
      format: { type: 'string', default: 'ps' },
      'no-config': { type: 'boolean', default: false },
      fallback: { type: 'string', default: 'Reject' },
      ...FAIL_ON_OPTION,
    },
  });
  const script = oneOf('script', values.script, SCRIPTS);
  const mode = oneOf('mode', values.mode, RULE_MODES);
  const format = oneOf('format', values.format, ['ps', 'json'] as const);
  const fallback = oneOf('fallback', values.fallback, DISCLAIMER_FALLBACKS);
  const failMode = failOn(values['fail-on']);
  let priority: number | undefined;
  if (values.priority !== undefined) {
    if (!/^\d+$/.test(values.priority)) throw new UsageError(`--priority must be a whole number of at least 0, not '${values.priority}'.`);
    priority = Number(values.priority);
  }
  let base = { domains: [] as string[], displayNames: [] as string[], authservIds: [] as string[] };
  if (!values['no-config']) {
    try {
      const loaded = loadConfig(io.cwd);
      base = { ...loaded.config.organization, authservIds: loaded.config.organization.authservIds ?? [] };
    } catch (e) {
      if (e instanceof ConfigError) throw new UsageError(e.message);
      throw e;
    }
  }
  const org = normalizeOrg(mergeOrganization(base, { displayNames: values['internal-name'] ?? [] }));
  const plan = planTransportRules(org, {
    mode,
    fallback,
    senderNotValidated: { name: values['sender-rule-name'], text: values['sender-rule-text'] },
    internalDisplayName: { name: values['name-rule-name'], text: values['name-rule-text'] },
  });
  for (const n of plan.notes) io.stderr(`mailsec transport-rules: ${n.severity} ${n.code} ${n.message}\n`);
  if (plan.notes.some((n) => n.code === 'rule-name-too-long' || n.code === 'rule-disclaimer-too-long')) return EXIT.couldNotRun;
  let scripts;
  try {
    scripts = transportRuleScripts(plan.rules, { priority });
  } catch (e) {
    if (e instanceof TransportRuleScriptError) throw new UsageError(e.message);
    throw e;
  }
  if (format === 'json') {
    io.stdout(JSON.stringify({ rules: plan.rules, notes: plan.notes, patternCharacters: plan.patternCharacters, scripts }, null, 2) + '\n');
  } else {
    io.stdout(scripts[script]);
  }
  return exitStatus(plan.notes.some((n) => n.severity === 'error') ? 'warnings' : 'clean', failMode);
}

export const transportRulesCommand: CliCommand = {
  name: 'transport-rules',
  usage,
  run,
};
