import { describe, expect, it } from 'vitest';
import { assessChangeRisk, type RiskFacts, type RiskQuestionnaire } from './change-risk.js';

const QUESTIONNAIRE: RiskQuestionnaire = {
  questions: [
    {
      id: 'tested',
      text: 'Was the change tested in a lower environment?',
      options: [
        { value: 'yes', label: 'Yes', points: 0 },
        { value: 'no', label: 'No', points: 4 },
      ],
    },
    {
      id: 'outage',
      text: 'Does the change need an outage?',
      options: [
        { value: 'none', label: 'No', points: 0 },
        { value: 'partial', label: 'Partial', points: 2 },
        { value: 'full', label: 'Full outage', points: 5 },
      ],
    },
  ],
  thresholds: { moderate: 2, high: 5, very_high: 9 },
};

const NO_FACTS: RiskFacts = { cis: [], impactedServices: [], recentUnsuccessful: [], outsideMaintenanceWindow: null };

const assess = (answers: Record<string, string>, facts: Partial<RiskFacts> = {}) =>
  assessChangeRisk(QUESTIONNAIRE, answers, { ...NO_FACTS, ...facts });

describe('Change risk', () => {
  it.each([
    [{ tested: 'yes', outage: 'none' }, 'low', 0],
    [{ tested: 'yes', outage: 'partial' }, 'moderate', 2],
    [{ tested: 'no', outage: 'none' }, 'moderate', 4],
    [{ tested: 'yes', outage: 'full' }, 'high', 5],
    [{ tested: 'no', outage: 'full' }, 'very_high', 9],
  ] as const)('the questionnaire %o gives %s (%i points)', (answers, level, points) => {
    const risk = assess(answers);
    expect(risk).toMatchObject({ ok: true, value: { level, questionnaireLevel: level, ruleLevel: 'low', points } });
  });

  it.each([
    [
      'a criticality 1 CI',
      { cis: [{ ciId: 'c1', name: 'SQL01', criticality: 1 }] },
      'high',
      'SQL01 is a criticality 1 CI',
    ],
    [
      'a criticality 2 CI',
      { cis: [{ ciId: 'c1', name: 'APP01', criticality: 2 }] },
      'moderate',
      'APP01 is a criticality 2 CI',
    ],
    ['a criticality 3 CI', { cis: [{ ciId: 'c1', name: 'PRN01', criticality: 3 }] }, 'low', null],
    ['one impacted service', { impactedServices: [{ id: 's1', name: 'Payroll' }] }, 'moderate', 'Impacts Payroll'],
    [
      'three impacted services',
      { impactedServices: ['Payroll', 'Mail', 'CRM'].map((name) => ({ id: name, name })) },
      'high',
      '3 business services are impacted (Payroll, Mail, CRM)',
    ],
    [
      'a recent unsuccessful change on the same CI',
      { recentUnsuccessful: [{ number: 'CHG-1009', ciName: 'SQL01' }] },
      'high',
      'CHG-1009 on SQL01 was unsuccessful in the last 30 days',
    ],
    [
      'a window outside maintenance',
      { outsideMaintenanceWindow: true },
      'high',
      'Planned outside the maintenance window',
    ],
    ['a window inside maintenance', { outsideMaintenanceWindow: false }, 'low', null],
  ] as const)('the rules rate %s as %s', (_case, facts, level, reason) => {
    const risk = assess({ tested: 'yes', outage: 'none' }, facts);
    if (!risk.ok) throw new Error(risk.error.message);
    expect(risk.value.ruleLevel).toBe(level);
    expect(risk.value.level).toBe(level);
    expect(risk.value.reasons.map((r) => r.text)).toEqual(reason ? [reason] : []);
  });

  it('takes the higher of questionnaire and rules, and lists every reason highest first', () => {
    const risk = assess(
      { tested: 'no', outage: 'none' },
      { cis: [{ ciId: 'c1', name: 'SQL01', criticality: 1 }], outsideMaintenanceWindow: true },
    );
    if (!risk.ok) throw new Error(risk.error.message);
    expect(risk.value).toMatchObject({ level: 'high', questionnaireLevel: 'moderate', ruleLevel: 'high' });
    expect(risk.value.reasons).toEqual([
      { source: 'rule', level: 'high', text: 'SQL01 is a criticality 1 CI' },
      { source: 'rule', level: 'high', text: 'Planned outside the maintenance window' },
      { source: 'questionnaire', level: 'moderate', text: 'Was the change tested in a lower environment?: No' },
    ]);
    // A very high questionnaire beats high rules.
    const worse = assess({ tested: 'no', outage: 'full' }, { outsideMaintenanceWindow: true });
    expect(worse).toMatchObject({ ok: true, value: { level: 'very_high' } });
  });

  it('refuses an unanswered question, an unknown option and an unknown question', () => {
    expect(assess({ tested: 'yes' })).toMatchObject({ ok: false, error: { details: { question: 'outage' } } });
    expect(assess({ tested: 'maybe', outage: 'none' })).toMatchObject({
      ok: false,
      error: { details: { question: 'tested' } },
    });
    expect(assess({ tested: 'yes', outage: 'none', mood: 'good' })).toMatchObject({
      ok: false,
      error: { code: 'REQUEST.VALIDATION_FAILED', details: { unknown: ['mood'] } },
    });
  });
});
