import { basename, extname } from 'node:path';
import { parse as parseYaml, parseDocument, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { readDataText, type FileKind } from '../shared/data-file.js';
import { LocalisedUsageError } from '../shared/errors.js';
import type { JourneyAction, LocalisedText } from '../types.js';

/**
 * A journey: the steps a visitor takes to reach a page a crawler cannot (signup, login, contact,
 * checkout). One action per step; the first step is a goto. YAML or JSON; the JSON Schema is
 * schemas/journey.schema.json (generated from this file: node --import tsx scripts/write-schemas.ts).
 */

const selector = z.string().min(1).describe('A CSS selector (Playwright syntax: "text=…" and ">>" chains work too)');
const fieldValue = z.object({ selector, value: z.string().describe('The text typed, or the option value chosen') }).strict();

const steps = {
  goto: z.object({ goto: z.string().min(1).describe('URL to open, absolute or relative to the audited site') }).strict(),
  click: z.object({ click: selector }).strict(),
  fill: z.object({ fill: fieldValue }).strict(),
  select: z.object({ select: fieldValue }).strict(),
  submit: z.object({ submit: selector.describe('The form, a field of it or its submit button') }).strict(),
  'wait-for': z.object({ 'wait-for': selector.describe('Waits until an element matching it is visible') }).strict(),
};

export const JourneyStepSchema = z.union([steps.goto, steps.click, steps.fill, steps.select, steps.submit, steps['wait-for']]);

export const JourneySchema = z
  .object({
    name: z.string().min(1).max(80).optional().describe('Name shown in the report (default: the file name)'),
    description: z.string().optional(),
    stepTimeoutSeconds: z.number().positive().max(300).optional().describe('How long each step may wait for its element or page (default 10)'),
    steps: z.array(JourneyStepSchema).min(1).max(50).describe('The actions, in order; the first one is a goto'),
  })
  .strict()
  .describe('A souverain journey: the steps to reach a page a crawler cannot (signup, login, contact, checkout)');

export type JourneyStep = z.infer<typeof JourneyStepSchema>;

/** A validated journey, with its steps in a uniform shape. */
export interface Journey {
  name: string;
  stepTimeoutMs: number;
  steps: NormalisedStep[];
}

export interface NormalisedStep {
  action: JourneyAction;
  /** URL (goto) or selector. */
  target: string;
  value?: string;
}

const DEFAULT_STEP_TIMEOUT_MS = 10_000;

/**
 * Reads and validates a journey file; every problem is a (localised) UsageError naming the file, and the step.
 *
 * @example const journey = await loadJourney('journeys/signup.yaml'); journey.steps[0] // { action: 'goto', target: '/inscription' }
 */
export async function loadJourney(path: string): Promise<Journey> {
  return parseJourney(await readDataText(path, JOURNEY_FILE), path);
}

const JOURNEY_FILE: FileKind = {
  name: { en: 'journey file', fr: 'fichier de parcours' },
  reference: { en: 'see docs/site-audits.md', fr: 'voir docs/site-audits.md' },
};

/** Parses journey text (YAML or JSON); `origin` names it in errors. */
export function parseJourney(text: string, origin: string): Journey {
  let data: unknown;
  try {
    data = parseYaml(text, { prettyErrors: true });
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? `:${error.linePos[0].line}` : '';
    const detail = (error as Error).message.split('\n')[0];
    throw new LocalisedUsageError(
      { en: `journey file ${origin}${where} does not parse (${detail})`, fr: `le fichier de parcours ${origin}${where} est illisible (${detail})` },
      { en: 'fix the YAML/JSON syntax (see docs/site-audits.md)', fr: 'corrigez la syntaxe YAML/JSON (voir docs/site-audits.md)' },
    );
  }
  const result = JourneySchema.safeParse(data);
  if (!result.success) {
    const issue = describeIssue(result.error.issues, data);
    throw new LocalisedUsageError(
      { en: `journey file ${origin}: ${issue.en}`, fr: `fichier de parcours ${origin} : ${issue.fr}` },
      { en: 'see schemas/journey.schema.json for the steps: goto, click, fill, select, submit, wait-for', fr: 'voir schemas/journey.schema.json pour les étapes : goto, click, fill, select, submit, wait-for' },
    );
  }
  const parsed = result.data;
  const normalised = parsed.steps.map(normaliseStep);
  checkGotoSchemes(normalised, text, origin);
  if (normalised[0]?.action !== 'goto') {
    const first = normalised[0]?.action;
    throw new LocalisedUsageError(
      { en: `journey file ${origin}: step 1 is "${first}", the first step must be a goto`, fr: `fichier de parcours ${origin} : l’étape 1 est « ${first} », la première étape doit être un goto` },
      { en: 'start the journey with - goto: URL', fr: 'commencez le parcours par - goto: URL' },
    );
  }
  return {
    name: parsed.name ?? basename(origin, extname(origin)),
    stepTimeoutMs: Math.round((parsed.stepTimeoutSeconds ?? DEFAULT_STEP_TIMEOUT_MS / 1000) * 1000),
    steps: normalised,
  };
}

/**
 * A journey goes to web pages only: a goto to file:, chrome:, data:, javascript:, view-source:… would
 * let a journey file read local files or browser internals into the report and the evidence.
 * Relative URLs (resolved against the audited http(s) site) are fine.
 */
function checkGotoSchemes(normalised: NormalisedStep[], text: string, origin: string): void {
  normalised.forEach((step, index) => {
    if (step.action !== 'goto' || isWebUrl(step.target)) return;
    const line = lineOf(text, ['steps', index, 'goto']);
    const where = `${origin}${line ? `:${line}` : ''}: steps.${index}.goto`;
    throw new LocalisedUsageError(
      { en: `journey file ${where}: "${step.target}" is not an http(s) address`, fr: `fichier de parcours ${where} : « ${step.target} » n’est pas une adresse http(s)` },
      { en: 'a journey may only go to web pages: give an http:// or https:// URL, or a path of the audited site', fr: 'un parcours ne peut aller que sur des pages web : donnez une URL http:// ou https://, ou un chemin du site audité' },
    );
  });
}

/** True for an http(s) URL, or a relative one (no scheme of its own). */
export function isWebUrl(target: string): boolean {
  const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(target)?.[1];
  // WHATWG URL parsing strips leading control characters and spaces, and tabs/newlines anywhere.
  const cleaned = target.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, '');
  const cleanScheme = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)?.[1];
  return [scheme, cleanScheme].every((s) => s === undefined || /^https?$/i.test(s));
}

/** 1-based line of the node at `path` in YAML/JSON text, when it can be found. */
function lineOf(text: string, path: (string | number)[]): number | undefined {
  try {
    const node = parseDocument(text).getIn(path, true) as { range?: [number, number, number] } | undefined;
    const offset = node?.range?.[0];
    return offset === undefined ? undefined : text.slice(0, offset).split('\n').length;
  } catch {
    return undefined;
  }
}

/** The first schema problem in words, in both languages (zod's own message stays as zod wrote it). */
function describeIssue(issues: z.core.$ZodIssue[], data: unknown): LocalisedText {
  const issue = issues[0]!;
  const [first, index] = issue.path;
  if (first === 'steps' && typeof index === 'number') {
    const step = (data as { steps: unknown[] }).steps[index];
    const keys = step && typeof step === 'object' ? Object.keys(step) : [];
    const known = keys.filter((key) => key in steps);
    const what = known.length === 1
      ? { en: `"${known[0]}"`, fr: `« ${known[0]} »` }
      : keys.length > 0
        ? { en: `with ${keys.map((k) => `"${k}"`).join(', ')}`, fr: `avec ${keys.map((k) => `« ${k} »`).join(', ')}` }
        : { en: 'empty', fr: 'vide' };
    const problem = known.length === 1
      ? { en: 'is incomplete or has an unknown field', fr: 'est incomplète ou a un champ inconnu' }
      : { en: 'is not one of goto, click, fill, select, submit, wait-for (exactly one per step)', fr: 'n’est ni goto, ni click, fill, select, submit, wait-for (exactement un par étape)' };
    return { en: `step ${index + 1} (${what.en}) ${problem.en}`, fr: `l’étape ${index + 1} (${what.fr}) ${problem.fr}` };
  }
  const where = issue.path.join('.');
  return { en: `${where || '(top level)'}: ${issue.message}`, fr: `${where || '(premier niveau)'} : ${issue.message}` };
}

function normaliseStep(step: JourneyStep): NormalisedStep {
  if ('goto' in step) return { action: 'goto', target: step.goto };
  if ('click' in step) return { action: 'click', target: step.click };
  if ('fill' in step) return { action: 'fill', target: step.fill.selector, value: step.fill.value };
  if ('select' in step) return { action: 'select', target: step.select.selector, value: step.select.value };
  if ('submit' in step) return { action: 'submit', target: step.submit };
  return { action: 'wait-for', target: step['wait-for'] };
}
