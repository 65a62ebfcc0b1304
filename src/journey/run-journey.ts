import type { Page } from 'playwright-core';
import type { PageSession } from '../collect/browser.js';
import type { CaptureHooks, CaptureTiming } from '../collect/capture-page.js';
import { settle } from '../collect/settle.js';
import type { FormSubmission, JourneyRecord, JourneyStepRecord, PageCapture, RequestRecord, WaitSettings } from '../types.js';
import type { Journey, NormalisedStep } from './journey-file.js';
import { redactTypedValues, typedFieldKinds, typedValues } from './typed-fields.js';

/** A form as the journey saw it when it submitted it (field names only, never values). */
interface SubmittedForm {
  step: number;
  action: string;
  method: string;
  fields: string[];
}

/** A journey prepared for one capture: the first URL to load, the hooks, and the record once done. */
export interface JourneyRun {
  firstUrl: string;
  hooks: CaptureHooks;
  /** Completes the capture with the journey's record and the form submissions it caused. */
  finish(capture: PageCapture): void;
}

/**
 * Plays a journey inside one capture: step 1 (goto) is the capture's own navigation, the other steps
 * run after the load event, each followed by a wait for the page to go quiet. Every request keeps its
 * start time, so what a step loaded is the requests started between its start and the next step's.
 * A step whose element never appears stops the journey with an error naming the step.
 *
 * @example
 * const run = journeyRun(journey, 'https://www.site.fr/', wait);
 * const capture = await capturePage(browser, run.firstUrl, { wait, hooks: run.hooks });
 * run.finish(capture); capture.journey?.error // { step: 3, message: 'click "#send": …' }
 */
export function journeyRun(journey: Journey, base: string, wait: WaitSettings): JourneyRun {
  const firstUrl = new URL(journey.steps[0]!.target, base).href;
  const records: JourneyStepRecord[] = journey.steps.map((step, i) => ({ index: i + 1, action: step.action, target: step.action === 'goto' ? new URL(step.target, base).href : step.target, startMs: 0, endMs: 0, url: '', status: 'not-run' }));
  const forms: SubmittedForm[] = [];
  let error: JourneyRecord['error'];
  let loaded = false;
  const typed = typedValues(journey);
  const hooks: CaptureHooks = {
    typedValues: () => typed,
    afterLoad: async (session, timing) => {
      loaded = true;
      const first = records[0]!;
      Object.assign(first, { status: 'ok', startMs: 0, endMs: Date.now() - timing.startedAtMs, url: session.page.url() });
      for (let i = 1; i < journey.steps.length && !error; i++) {
        error = await playStep(session, journey, i, base, records[i]!, forms, timing, wait);
      }
    },
  };
  return {
    firstUrl,
    hooks,
    finish(capture) {
      if (!loaded) {
        records[0]!.status = 'failed';
        records[0]!.error = capture.navigationError?.message ?? 'the page did not load';
        error = { step: 1, message: `goto ${firstUrl}: ${records[0]!.error}` };
      }
      const kinds = typedFieldKinds(journey);
      capture.journey = { name: journey.name, steps: records, ...(kinds.length > 0 ? { typedFields: kinds } : {}), ...(error ? { error } : {}) };
      // The page a journey is about is where its first step landed; where later steps went (often another
      // organisation's "thank you" page) is in each step's url. Attribution treats a page's finalUrl as
      // first party, so the submission target must not become one.
      if (records[0]!.url) capture.finalUrl = records[0]!.url;
      capture.formSubmissions = submissions(capture.requests, records, forms);
      // The values typed never reach the report, wherever the page put them (a GET form's URL…).
      Object.assign(capture, redactTypedValues({ ...capture }, typed));
    },
  };
}

async function playStep(session: PageSession, journey: Journey, i: number, base: string, record: JourneyStepRecord, forms: SubmittedForm[], timing: CaptureTiming, wait: WaitSettings): Promise<JourneyRecord['error']> {
  const step = journey.steps[i]!;
  const timeout = Math.max(1, Math.min(journey.stepTimeoutMs, timing.deadline - Date.now()));
  record.startMs = Date.now() - timing.startedAtMs;
  try {
    await act(session.page, step, base, timeout, (form) => forms.push({ step: i + 1, ...form }));
    await quiet(session.page, timing, wait, timeout);
    record.status = 'ok';
  } catch (failure) {
    record.status = 'failed';
    record.error = explain(step, failure, timeout);
  }
  record.endMs = Date.now() - timing.startedAtMs;
  record.url = session.page.url();
  return record.status === 'failed' ? { step: i + 1, message: `journey "${journey.name}", step ${i + 1} (${step.action} "${step.target}"): ${record.error}` } : undefined;
}

async function act(page: Page, step: NormalisedStep, base: string, timeout: number, onForm: (form: Omit<SubmittedForm, 'step'>) => void): Promise<void> {
  switch (step.action) {
    case 'goto': {
      // Checked at load time too; a relative URL resolved against a non-web base must not slip through.
      const url = new URL(step.target, base);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`goto ${url.protocol} refused: journeys go to http(s) pages only`);
      await page.goto(url.href, { waitUntil: 'load', timeout });
      return;
    }
    case 'click':
      await page.locator(step.target).first().click({ timeout });
      return;
    case 'fill':
      await page.locator(step.target).first().fill(step.value ?? '', { timeout });
      return;
    case 'select':
      await page.locator(step.target).first().selectOption(step.value ?? '', { timeout });
      return;
    case 'wait-for':
      await page.locator(step.target).first().waitFor({ state: 'visible', timeout });
      return;
    case 'submit':
      await submitForm(page, step.target, timeout, onForm);
  }
}

/**
 * Submits the form that the selector names (the form, one of its fields or its button) the way a
 * visitor does: requestSubmit() runs validation and the page's submit handlers (which may send the
 * data by XHR instead). Records where the form says it goes and which fields it carries.
 */
async function submitForm(page: Page, selector: string, timeout: number, onForm: (form: Omit<SubmittedForm, 'step'>) => void): Promise<void> {
  const element = page.locator(selector).first();
  await element.waitFor({ state: 'attached', timeout });
  const form = await element.evaluate((node) => {
    const target = node instanceof HTMLFormElement ? node : node.closest('form') ?? (node as HTMLButtonElement).form ?? null;
    if (!target) return undefined;
    const fields = Array.from(target.elements)
      .map((field) => (field as HTMLInputElement).name)
      .filter((name, index, all) => name && all.indexOf(name) === index);
    const submitter = node instanceof HTMLButtonElement || (node instanceof HTMLInputElement && node.type === 'submit') ? node : null;
    // button.formAction reflects the document URL when the attribute is absent: only an explicit one overrides the form's.
    const action = (submitter?.hasAttribute('formaction') ? (submitter as HTMLButtonElement).formAction : target.action) || location.href;
    const method = (submitter?.getAttribute('formmethod') || target.method || 'get').toUpperCase();
    return { action, method, fields };
  });
  if (!form) throw new Error(`"${selector}" is neither a form nor inside one`);
  onForm(form);
  await element.evaluate((node) => {
    const target = node instanceof HTMLFormElement ? node : node.closest('form') ?? (node as HTMLButtonElement).form;
    const submitter = node instanceof HTMLButtonElement || (node instanceof HTMLInputElement && node.type === 'submit') ? node : undefined;
    if (!target) return;
    if (typeof target.requestSubmit === 'function') target.requestSubmit(submitter as HTMLElement | undefined);
    else target.submit();
  });
}

/** After an action: the navigation it started (if any) loads, then the network goes quiet. */
async function quiet(page: Page, timing: CaptureTiming, wait: WaitSettings, timeout: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 50));
  await page.waitForLoadState('load', { timeout }).catch(() => undefined);
  const deadline = Math.min(timing.deadline, Date.now() + timeout);
  await settle({ loadedAt: Date.now(), deadline, wait: { ...wait, minDwellMs: Math.min(wait.minDwellMs, 300) }, lastActivityAt: timing.lastActivityAt });
}

function explain(step: NormalisedStep, failure: unknown, timeout: number): string {
  const message = failure instanceof Error ? failure.message.split('\n')[0]! : String(failure);
  if (/Timeout .*exceeded/i.test(message) && step.action !== 'goto') return `the element "${step.target}" never appeared within ${Math.round(timeout / 100) / 10} s`;
  if (/Timeout .*exceeded/i.test(message)) return `the page did not load within ${Math.round(timeout / 100) / 10} s`;
  return message;
}

const DATA_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const VIA: Record<string, FormSubmission['via']> = { document: 'document', xhr: 'xhr', fetch: 'fetch' };

/**
 * Where the journey sent data: the forms it submitted (action, method, field names) and every
 * POST/PUT/PATCH made by a document, XHR or fetch during a step after the first. Beacons and pings
 * are left to the third-party rules (they are tracking, not a form).
 */
function submissions(requests: RequestRecord[], steps: JourneyStepRecord[], forms: SubmittedForm[]): FormSubmission[] {
  const fromForms: FormSubmission[] = forms.map((form) => ({ step: form.step, via: 'form', method: form.method, url: form.action, host: hostOf(form.action), fields: form.fields }));
  const seen = new Set(fromForms.map((f) => `${f.method} ${f.url}`));
  const fromNetwork: FormSubmission[] = [];
  for (const request of requests) {
    const via = VIA[request.resourceType];
    if (!via || !DATA_METHODS.has(request.method)) continue;
    const step = stepAt(steps, request.startMs ?? 0);
    if (step === undefined || step < 2) continue;
    if (via === 'document' && seen.has(`${request.method} ${request.url}`)) continue;
    fromNetwork.push({ step, via, method: request.method, url: request.url, host: request.host });
  }
  return [...fromForms, ...fromNetwork];
}

/** The step during which a request started (the last step started at or before it). */
function stepAt(steps: JourneyStepRecord[], startMs: number): number | undefined {
  let found: number | undefined;
  for (const step of steps) if (step.status !== 'not-run' && step.startMs <= startMs) found = step.index;
  return found;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}
