/**
 * Policy files in plain words: a commented starter file (`souverain policy init`) and an
 * explanation of what a policy accepts and blocks (`souverain policy explain`). Pure functions.
 */
import { CATEGORIES, type Policy, type RuleLevel } from '../assess/policy-file.js';
import type { Rule } from '../assess/rule.js';
import type { Lang } from '../shared/errors.js';
import { wrap } from '../report/text.js';

const WIDTH = 100;

/** A YAML scalar that reads the same in any context: a JSON string is valid YAML. */
function yamlString(text: string): string {
  return JSON.stringify(text);
}

/** The level a policy gives each rule: its own setting, else the rule's default. */
export function ruleLevels(policy: Policy, rules: readonly Rule[]): { rule: Rule; level: RuleLevel }[] {
  return rules.map((rule) => ({ rule, level: policy.rules[rule.meta.id] ?? rule.meta.defaultLevel }));
}

/**
 * A commented policy file that starts from a built-in policy: every field with what it means, every
 * rule at its level, and the exceptions empty.
 *
 * @example starterPolicy(await loadPolicy('fr').then((p) => p.policy), 'fr', rules, 'en')
 */
export function starterPolicy(base: Policy, from: string, rules: readonly Rule[], lang: Lang): string {
  const fr = lang === 'fr';
  const wording = policyWording(base, lang);
  const comment = (text: string): string[] => wrap(text, WIDTH, '# ', '# ');
  const levelWidth = Math.max(...rules.map((rule) => rule.meta.id.length)) + 8;
  const lines = [
    '# yaml-language-server: $schema=./node_modules/souverain/schemas/policy.schema.json',
    ...comment(fr
      ? `Politique souverain, établie à partir de la politique intégrée « ${from} » (${wording.name}).`
      : `souverain policy, started from the built-in policy "${from}" (${wording.name}).`),
    ...comment(fr ? 'Vérifiez-la : souverain policy explain FICHIER — utilisez-la : souverain audit URL --policy FICHIER' : 'Check it: souverain policy explain FILE — use it: souverain audit URL --policy FILE'),
    ...comment(fr ? 'Référence : docs/policies.md ; tous les champs : schemas/policy.schema.json.' : 'Reference: docs/policies.md; every field: schemas/policy.schema.json.'),
    '',
    ...comment(fr ? 'Identifiant court et nom, affichés dans chaque rapport.' : 'Short identifier and name, shown in every report.'),
    'id: my-policy',
    `name: ${yamlString(fr ? `${wording.name} (adaptée)` : `${wording.name} (adapted)`)}`,
    `description: ${yamlString(wording.description)}`,
    '',
    ...comment(fr
      ? 'Pays dont le droit peut atteindre les sociétés dont dépend un service (ISO 3166-1 alpha-2). Une société est acceptée quand sa maison mère ultime relève de l’un d’eux et qu’aucune loi d’un autre pays (US CLOUD Act, FISA 702…) ne l’atteint. L’inconnu n’est jamais accepté.'
      : 'Countries whose law may reach the companies a service relies on (ISO 3166-1 alpha-2). A company is accepted when its ultimate parent is in one of them and no law of another country (US CLOUD Act, FISA 702…) reaches it. Unknown is never accepted.'),
    `allowedJurisdictions: [${base.allowedJurisdictions.map((code) => (code === 'NO' ? "'NO'" : code)).join(', ')}]`,
    '',
    ...comment(fr
      ? 'Niveau de chaque règle : block (décide du verdict), warn (signalée seulement), off (non exécutée). Valeurs par défaut indiquées.'
      : 'Level of each rule: block (decides the verdict), warn (reported only), off (not run). Defaults shown.'),
    'rules:',
    ...ruleLevels(base, rules).map(({ rule, level }) => `  ${`${rule.meta.id}: ${level}`.padEnd(levelWidth)}# ${rule.meta.title[lang]}`),
    '',
    ...comment(fr
      ? `Par catégorie de service : allow = une société étrangère est acceptée ; deny = une société étrangère est refusée même si allow.organisations la cite. Catégories : ${CATEGORIES.join(', ')}.`
      : `Per category of service: allow = a foreign company is accepted; deny = a foreign company is refused even if allow.organisations lists it. Categories: ${CATEGORIES.join(', ')}.`),
    `# ${fr ? 'Exemple :' : 'Example:'}`,
    '#   categories:',
    `#     certificate-authority: allow   # ${fr ? 'accepter une autorité de certification étrangère' : 'accept a foreign certificate authority'}`,
    `#     analytics: deny                # ${fr ? 'refuser toute mesure d’audience étrangère' : 'refuse any foreign analytics'}`,
    // An empty mapping must be written {}: a key followed by nothing would read as null.
    Object.keys(base.categories).length === 0 ? 'categories: {}' : 'categories:',
    ...Object.entries(base.categories).map(([category, rule]) => `  ${category}: ${rule}`),
    '',
    ...comment(fr ? 'Exceptions acceptées quelle que soit leur juridiction.' : 'Exceptions accepted whatever their jurisdiction.'),
    'allow:',
    `  organisations: ${JSON.stringify(base.allow.organisations)}${fr ? '   # identifiants d’entités (data/entities/*.yaml), ex. [bunny]' : '   # entity ids (data/entities/*.yaml), e.g. [bunny]'}`,
    `  hosts: ${JSON.stringify(base.allow.hosts)}${fr ? '           # hôte exact ou "*.suffixe", ex. ["*.static.example.fr"]' : '           # exact host or "*.suffix", e.g. ["*.static.example.fr"]'}`,
    '',
    ...comment(fr
      ? 'Refusés dans tous les cas : un refus l’emporte sur une acceptation, sauf un hôte accepté, que seul un hôte refusé écarte.'
      : 'Refused in every case: a deny wins over an allow, except an allowed host, which only a denied host overrides.'),
    'deny:',
    `  organisations: ${JSON.stringify(base.deny.organisations)}`,
    `  hosts: ${JSON.stringify(base.deny.hosts)}`,
    '',
  ];
  return lines.join('\n');
}

/** What `policy explain` knows of an organisation id, from souverain's data. */
export interface OrganisationInfo {
  name: string;
  ultimateParentName?: string;
  jurisdiction?: string;
}

function countryName(code: string, lang: Lang): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

const LEVEL_TITLES: Record<RuleLevel, { en: string; fr: string }> = {
  block: { en: 'Decide the verdict (level block)', fr: 'Décident du verdict (niveau block)' },
  warn: { en: 'Reported, never blocking (level warn)', fr: 'Signalées, jamais bloquantes (niveau warn)' },
  off: { en: 'Not run (level off)', fr: 'Non exécutées (niveau off)' },
};

/** A policy's name and description in the reader's language: nameFr/descriptionFr for French when the file has them. */
export function policyWording(policy: Pick<Policy, 'name' | 'description' | 'nameFr' | 'descriptionFr'>, lang: Lang): { name: string; description: string } {
  if (lang !== 'fr') return { name: policy.name, description: policy.description };
  return { name: policy.nameFr ?? policy.name, description: policy.descriptionFr ?? policy.description };
}

/**
 * What a policy accepts and blocks, in plain words, with warnings for organisation ids that
 * souverain's data does not know (they would never match).
 *
 * @example explainPolicy(policy, 'built-in:fr', rules, 'fr', (id) => ({ name: id }))
 */
export function explainPolicy(
  policy: Policy, source: string, rules: readonly Rule[], lang: Lang,
  lookup?: (id: string) => OrganisationInfo | undefined,
): string {
  const fr = lang === 'fr';
  const lines: string[] = [];
  const para = (text: string, indent = '', next = indent): void => { lines.push(...wrap(text, WIDTH, indent, next)); };
  const none = fr ? 'aucune' : 'none';
  const colon = fr ? ' :' : ':';

  const { name, description } = policyWording(policy, lang);
  para(fr ? `Politique « ${policy.id} » — ${name} (${source})` : `Policy "${policy.id}" — ${name} (${source})`);
  if (description) para(description, '  ');
  lines.push('');

  const countries = policy.allowedJurisdictions.map((code) => `${code} (${countryName(code, lang)})`).join(', ');
  para(fr
    ? `Acceptée : une société dont la maison mère ultime relève du droit de ${countries}, et qu’aucune loi à portée extraterritoriale d’un autre pays n’atteint. Une société dont le contrôle est inconnu n’est jamais acceptée : le verdict est alors « non concluant ».`
    : `Accepted: a company whose ultimate parent is under the law of ${countries}, and that no law with extraterritorial reach from another country reaches. A company whose control is unknown is never accepted: the verdict is then "inconclusive".`);
  lines.push('');

  const levels = ruleLevels(policy, rules);
  for (const level of ['block', 'warn', 'off'] as const) {
    const inLevel = levels.filter((entry) => entry.level === level);
    lines.push(`${LEVEL_TITLES[level][lang]}${colon}${inLevel.length === 0 ? ` ${none}` : ''}`);
    for (const { rule } of inLevel) para(`${rule.meta.id} — ${rule.meta.title[lang]}`, '  - ', '    ');
  }
  lines.push('');

  const categories = Object.entries(policy.categories);
  lines.push(`${fr ? 'Catégories' : 'Categories'}${colon}${categories.length === 0 ? ` ${fr ? 'aucune règle : chaque catégorie suit les juridictions' : 'no rule: every category follows the jurisdictions'}` : ''}`);
  for (const [category, rule] of categories) {
    para(rule === 'allow'
      ? (fr ? `${category} : une société étrangère est acceptée` : `${category}: a foreign company is accepted`)
      : (fr ? `${category} : une société étrangère est refusée, même acceptée par organisation` : `${category}: a foreign company is refused, even when its organisation is allowed`), '  - ', '    ');
  }
  lines.push('');

  const warnings: string[] = [];
  const organisations = (ids: string[]): string => {
    if (ids.length === 0) return none;
    return ids.map((id) => {
      const info = lookup?.(id);
      if (lookup && !info) {
        warnings.push(fr
          ? `l’organisation « ${id} » n’est pas dans les données de souverain (data/entities) : elle ne correspondra jamais`
          : `organisation "${id}" is not in souverain's data (data/entities): it will never match`);
        return id;
      }
      if (!info) return id;
      const parent = info.ultimateParentName && info.ultimateParentName !== info.name ? ` → ${info.ultimateParentName}` : '';
      return `${id} (${info.name}${parent}${info.jurisdiction ? `, ${info.jurisdiction}` : ''})`;
    }).join(', ');
  };
  const hosts = (patterns: string[]): string => (patterns.length === 0 ? none : patterns.join(', '));
  lines.push(fr ? 'Toujours acceptés (exceptions) :' : 'Always accepted (exceptions):');
  para(`${fr ? 'organisations' : 'organisations'}${colon} ${organisations(policy.allow.organisations)}`, '  ', '    ');
  para(`${fr ? 'hôtes' : 'hosts'}${colon} ${hosts(policy.allow.hosts)}`, '  ', '    ');
  lines.push(fr ? 'Toujours refusés :' : 'Always refused:');
  para(`${fr ? 'organisations' : 'organisations'}${colon} ${organisations(policy.deny.organisations)}`, '  ', '    ');
  para(`${fr ? 'hôtes' : 'hosts'}${colon} ${hosts(policy.deny.hosts)}`, '  ', '    ');
  lines.push('');

  para(fr
    ? 'Ordre de décision : un hôte refusé est refusé ; un hôte accepté est accepté ; une organisation refusée est refusée ; une société étrangère d’une catégorie refusée est refusée ; une organisation acceptée est acceptée ; une société étrangère d’une catégorie acceptée est acceptée ; sinon les juridictions décident.'
    : 'Order of decision: a denied host is refused; an allowed host is accepted; a denied organisation is refused; a foreign company in a denied category is refused; an allowed organisation is accepted; a foreign company in an allowed category is accepted; otherwise the jurisdictions decide.');
  para(fr
    ? 'Verdict : une violation bloquante → NON SOUVERAIN ; sinon une inconnue bloquante → NON CONCLUANT ; sinon SOUVERAIN.'
    : 'Verdict: any blocking violation → NOT SOVEREIGN; otherwise any blocking unknown → INCONCLUSIVE; otherwise SOVEREIGN.');
  if (warnings.length > 0) {
    lines.push('');
    for (const warning of warnings) para(`${fr ? 'Attention' : 'Warning'}${colon} ${warning}`);
  }
  return `${lines.join('\n')}\n`;
}
