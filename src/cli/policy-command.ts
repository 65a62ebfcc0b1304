import { access } from 'node:fs/promises';
import { loadPolicy } from '../assess/policy-file.js';
import { rules } from '../assess/rules/index.js';
import { LocalisedUsageError, type Lang } from '../shared/errors.js';
import type { CliIo } from './command.js';
import { EXIT_SOVEREIGN } from './exit-codes.js';

/** Where a command prints its result. */
type Output = CliIo['stdout'];
import { both, msg } from './messages.js';
import { forTerminal } from '../shared/sanitize.js';
import { explainPolicy, starterPolicy, type OrganisationInfo } from './policy-text.js';

/** `souverain policy init [--from fr|eu] [--output FILE] [--force]`: a commented starter policy file. */
export async function runPolicyInit(options: { from: string; output: string; force: boolean; lang: Lang }, out: Output = process.stdout): Promise<number> {
  const { policy } = await loadPolicy(options.from);
  const text = starterPolicy(policy, options.from, rules, options.lang);
  if (options.output === '-') {
    out.write(text);
    return EXIT_SOVEREIGN;
  }
  if (!options.force && (await exists(options.output))) {
    throw new LocalisedUsageError(both('policy.init.exists', { file: options.output }), both('policy.init.existsFix'));
  }
  // Loaded here: output.js brings every report format, which `policy explain` does not need.
  const { writeOutput } = await import('./output.js');
  await writeOutput(options.output, text);
  out.write(`${msg(options.lang, 'policy.init.written', { file: options.output, from: options.from })}\n`);
  return EXIT_SOVEREIGN;
}

/** `souverain policy explain [POLICY]`: validates the policy and says what it accepts and blocks. */
export async function runPolicyExplain(idOrPath: string, options: { lang: Lang }, out: Output = process.stdout): Promise<number> {
  const { policy, source } = await loadPolicy(idOrPath);
  // The curated data is only needed to name the organisations the policy lists: most policies list none.
  const named = policy.allow.organisations.length + policy.deny.organisations.length > 0;
  // A user's policy file names and describes itself: its text must not steer the terminal.
  out.write(forTerminal(explainPolicy(policy, source, rules, options.lang, named ? await organisationLookup() : undefined), { keepNewlines: true }));
  return EXIT_SOVEREIGN;
}

/** Names and jurisdictions of organisation ids from souverain's curated data (none if it cannot load). */
async function organisationLookup(): Promise<((id: string) => OrganisationInfo | undefined) | undefined> {
  try {
    const { loadKnowledge } = await import('../enrich/knowledge.js');
    const knowledge = await loadKnowledge();
    return (id) => {
      const entity = knowledge.entity(id);
      if (!entity) return undefined;
      const control = knowledge.controlOf(id);
      return {
        name: entity.name,
        ...(control.status === 'known' ? { ultimateParentName: control.value.ultimateParentName, jurisdiction: control.value.jurisdiction } : {}),
      };
    };
  } catch {
    return undefined;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
