/**
 * A change's risk (issue 16): a configurable questionnaire plus rules over the CMDB and the change
 * calendar; the higher of the two wins (ServiceNow's rule), and every reason is kept so the change
 * shows why. Pure: the facts (CI criticality, impacted services, recent unsuccessful changes,
 * whether the window is outside maintenance) are gathered by the caller.
 */
import { fail, ok, type Result } from '../kernel/result.js';

export const RISK_LEVELS = ['low', 'moderate', 'high', 'very_high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

const rank = (level: RiskLevel): number => RISK_LEVELS.indexOf(level);
export const higherRisk = (a: RiskLevel, b: RiskLevel): RiskLevel => (rank(a) >= rank(b) ? a : b);

export interface RiskAnswerOption {
  readonly value: string;
  readonly label: string;
  readonly points: number;
}

export interface RiskQuestion {
  readonly id: string;
  readonly text: string;
  readonly options: readonly RiskAnswerOption[];
}

/** Points are summed; the thresholds are the lowest sums that reach each level. */
export interface RiskQuestionnaire {
  readonly questions: readonly RiskQuestion[];
  readonly thresholds: { readonly moderate: number; readonly high: number; readonly very_high: number };
}

export interface RiskRuleSettings {
  /** CI criticality (1 most critical, ADR 0019) at or below which an affected CI makes the change high risk. */
  readonly criticalCiAtMost: number;
  /** From this many impacted business services the change is high risk (one or more: moderate). */
  readonly servicesForHigh: number;
  /** How far back an unsuccessful change on the same CI counts (its days are the caller's query). */
  readonly unsuccessfulLookbackDays: number;
}

export const DEFAULT_RISK_RULES: RiskRuleSettings = {
  criticalCiAtMost: 1,
  servicesForHigh: 3,
  unsuccessfulLookbackDays: 30,
};

export interface RiskFacts {
  readonly cis: readonly { readonly ciId: string; readonly name: string; readonly criticality: number }[];
  readonly impactedServices: readonly { readonly id: string; readonly name: string }[];
  /** Unsuccessful or backed-out changes on the same CIs within the lookback. */
  readonly recentUnsuccessful: readonly { readonly number: string; readonly ciName: string }[];
  /** Null when no maintenance window is known for the affected CIs or the change is not planned yet. */
  readonly outsideMaintenanceWindow: boolean | null;
}

export interface RiskReason {
  readonly source: 'questionnaire' | 'rule';
  readonly level: RiskLevel;
  readonly text: string;
}

export interface ChangeRisk {
  readonly level: RiskLevel;
  readonly questionnaireLevel: RiskLevel;
  readonly ruleLevel: RiskLevel;
  readonly points: number;
  /** The answers as given (question id -> option value). */
  readonly answers: Readonly<Record<string, string>>;
  /** Highest first. */
  readonly reasons: readonly RiskReason[];
}

function questionnaireLevel(q: RiskQuestionnaire, points: number): RiskLevel {
  if (points >= q.thresholds.very_high) return 'very_high';
  if (points >= q.thresholds.high) return 'high';
  if (points >= q.thresholds.moderate) return 'moderate';
  return 'low';
}

function ruleReasons(facts: RiskFacts, rules: RiskRuleSettings): RiskReason[] {
  const reasons: RiskReason[] = [];
  const rule = (level: RiskLevel, text: string) => reasons.push({ source: 'rule', level, text });
  for (const ci of facts.cis)
    if (ci.criticality <= rules.criticalCiAtMost) rule('high', `${ci.name} is a criticality ${ci.criticality} CI`);
    else if (ci.criticality === rules.criticalCiAtMost + 1)
      rule('moderate', `${ci.name} is a criticality ${ci.criticality} CI`);
  const services = facts.impactedServices.length;
  if (services >= rules.servicesForHigh)
    rule(
      'high',
      `${services} business services are impacted (${facts.impactedServices.map((s) => s.name).join(', ')})`,
    );
  else if (services > 0) rule('moderate', `Impacts ${facts.impactedServices.map((s) => s.name).join(', ')}`);
  for (const c of facts.recentUnsuccessful)
    rule('high', `${c.number} on ${c.ciName} was unsuccessful in the last ${rules.unsuccessfulLookbackDays} days`);
  if (facts.outsideMaintenanceWindow === true) rule('high', 'Planned outside the maintenance window');
  return reasons;
}

/**
 * The change's risk from the answers and the facts. Every question must be answered with one of
 * its options; anything else is a validation failure naming the question.
 */
export function assessChangeRisk(
  questionnaire: RiskQuestionnaire,
  answers: Readonly<Record<string, string>>,
  facts: RiskFacts,
  rules: RiskRuleSettings = DEFAULT_RISK_RULES,
): Result<ChangeRisk> {
  const known = new Set(questionnaire.questions.map((q) => q.id));
  const unknown = Object.keys(answers).filter((id) => !known.has(id));
  if (unknown.length > 0)
    return fail('REQUEST.VALIDATION_FAILED', `Unknown risk question ${unknown.join(', ')}`, { unknown });
  let points = 0;
  const reasons: RiskReason[] = [];
  for (const question of questionnaire.questions) {
    const given = answers[question.id];
    const option = question.options.find((o) => o.value === given);
    if (!option)
      return fail('REQUEST.VALIDATION_FAILED', `Answer "${question.text}" with one of its options`, {
        question: question.id,
      });
    points += option.points;
    if (option.points > 0)
      reasons.push({ source: 'questionnaire', level: 'low', text: `${question.text}: ${option.label}` });
  }
  const fromAnswers = questionnaireLevel(questionnaire, points);
  const fromRules = ruleReasons(facts, rules);
  const ruleLevel = fromRules.reduce<RiskLevel>((level, r) => higherRisk(level, r.level), 'low');
  // The questionnaire's reasons carry the questionnaire's level: each answer contributed to it.
  const answered = reasons.map((r) => ({ ...r, level: fromAnswers }));
  const all = [...fromRules, ...answered].sort((a, b) => rank(b.level) - rank(a.level));
  return ok({
    level: higherRisk(fromAnswers, ruleLevel),
    questionnaireLevel: fromAnswers,
    ruleLevel,
    points,
    answers: { ...answers },
    reasons: all,
  });
}
