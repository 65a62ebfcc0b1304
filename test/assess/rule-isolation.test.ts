import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assess } from '../../src/assess/assess.js';
import { loadPolicy } from '../../src/assess/policy-file.js';
import type { Rule } from '../../src/assess/rule.js';
import { rules } from '../../src/assess/rules/index.js';
import { render, renderers } from '../../src/report/index.js';
import type { AuditReport } from '../../src/types.js';
import { sampleReports } from '../fixtures/reports/index.js';
import { collection, enrichment, host, known, ovh } from './builders.js';

const fr = (await loadPolicy('fr')).policy;

/** A rule whose evaluation throws, as a bug or unexpected evidence would make it. */
const throwing: Rule = {
  meta: {
    id: 'always-throws',
    title: { en: 'Always throws', fr: 'Lève toujours' },
    description: { en: 'A rule with a bug.', fr: 'Une règle boguée.' },
    help: { en: 'Report the bug.', fr: 'Signalez le bogue.' },
    defaultLevel: 'warn',
  },
  evaluate() {
    throw new TypeError("Cannot read properties of undefined (reading 'entity')");
  },
};

// Evidence every built-in rule passes: one first-party host run by a French company.
const own = host('www.site.test', { firstParty: true, vendor: known({ entity: 'ovhcloud', name: 'OVHcloud', categories: ['hosting'] }), vendorControl: known(ovh), operator: known({ entity: 'ovhcloud' }), operatorControl: known(ovh) });

describe('rules run isolated and fail closed', () => {
  it('without the throwing rule the evidence is sovereign (the control case)', () => {
    assert.equal(assess(collection(), enrichment([own]), fr, 'built-in:fr').verdict, 'sovereign');
  });

  it('turns a throwing rule into one blocking unknown finding naming it; the other rules still run', () => {
    const assessment = assess(collection(), enrichment([own]), fr, 'built-in:fr', [...rules, throwing]);
    const failed = assessment.rules.find((rule) => rule.id === 'always-throws')!;
    assert.equal(failed.status, 'unknown');
    assert.equal(failed.blocking, true, 'blocking although the rule is only "warn" by default');
    assert.equal(failed.findings.length, 1);
    const [finding] = failed.findings;
    assert.equal(finding!.kind, 'unknown');
    assert.equal(finding!.blocking, true);
    assert.match(finding!.message.en, /always-throws.*Cannot read properties/);
    assert.match(finding!.message.fr, /La règle always-throws/);
    assert.equal(assessment.verdict, 'inconclusive');
    assert.equal(assessment.rules.length, rules.length + 1);
  });

  it('keeps a violation found by another rule: not-sovereign wins over the failed rule', () => {
    const foreign = host('tracker.example', { vendorControl: known({ entity: 'g', ultimateParent: 'g', jurisdiction: 'US', laws: ['us-cloud-act'], chain: ['g'] } as never) });
    const assessment = assess(collection(), enrichment([own, foreign]), fr, 'built-in:fr', [throwing, ...rules]);
    assert.notEqual(assessment.verdict, 'sovereign');
  });

  it('still renders the report in every format', () => {
    const sample = sampleReports.sovereign!;
    const assessment = assess(sample.collection, sample.enrichment, fr, 'built-in:fr', [...rules, throwing]);
    assert.equal(assessment.verdict, 'inconclusive');
    const report: AuditReport = { ...sample, assessment };
    for (const format of Object.keys(renderers)) {
      const output = render(format, report, { lang: 'en', color: false });
      assert.ok(output.includes('always-throws'), `${format} names the rule`);
    }
  });

  it('gives every built-in rule its own help text (SARIF reads it from the rule)', () => {
    for (const rule of rules) {
      assert.ok(rule.meta.help.en.trim() && rule.meta.help.fr.trim(), rule.meta.id);
    }
  });
});
