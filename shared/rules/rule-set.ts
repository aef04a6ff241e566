/**
 * A rule set compiled for evaluation: enabled rules only, each condition compiled once, already
 * in evaluation order and bucketed by the event type that triggers it, so an event visits only
 * the rules of its type. Built when the rules are loaded (per rules version), never per event.
 */

import { compileCondition, type Predicate } from './condition-compiler.js';
import type { RuleEventFacts } from './conditions.js';
import { readsCis } from './field-access.js';
import type { Rule, TCondition } from './rule-schema.js';

/** The event type a scheduled rule's timer evaluates with (`event.data.ruleId` names the rule). */
export const SCHEDULE_EVENT = 'rule.schedule';
/** Inbound customer mail arrives as `ticket.email_received`; rules may name it `email.received`. */
const ALIASES: Readonly<Record<string, string>> = { 'email.received': 'ticket.email_received' };

export interface CompiledRule {
  readonly rule: Rule;
  /** Null when the rule has no conditions (always true). */
  readonly when: Predicate | null;
  /** A scheduled rule runs only for the timer event naming it. */
  readonly scheduleId: string | null;
}

export interface CompiledRuleSet {
  readonly kind: 'compiled-rules';
  /** Rules per triggering event type, in evaluation order (order, then id). */
  readonly byEvent: ReadonlyMap<string, readonly CompiledRule[]>;
  readonly size: number;
  /** Some enabled rule reads the affected CIs (`cis.*`): the runner loads them for tickets that have any. */
  readonly needsCis: boolean;
}

const conditionReadsCis = (c: TCondition): boolean =>
  'all' in c
    ? c.all.some(conditionReadsCis)
    : 'any' in c
      ? c.any.some(conditionReadsCis)
      : 'not' in c
        ? conditionReadsCis(c.not)
        : readsCis(c.field);

const CIS_PLACEHOLDER = /\{\{\s*cis\./;

/** Whether a rule's conditions or message templates read `cis.*`. */
export const ruleReadsCis = (rule: Rule): boolean =>
  (rule.conditions !== undefined && conditionReadsCis(rule.conditions)) ||
  rule.actions.some((a) => CIS_PLACEHOLDER.test(JSON.stringify(a)));

// Rules are immutable values; a rule object compiles once even across rebuilt sets.
const perRule = new WeakMap<Rule, CompiledRule>();

function compileRule(rule: Rule): CompiledRule {
  let compiled = perRule.get(rule);
  if (!compiled) {
    compiled = {
      rule,
      when: rule.conditions ? compileCondition(rule.conditions) : null,
      scheduleId: rule.trigger.kind === 'schedule' ? rule.id : null,
    };
    perRule.set(rule, compiled);
  }
  return compiled;
}

const byOrder = (a: Rule, b: Rule): number => a.order - b.order || a.id.localeCompare(b.id);

export function compileRuleSet(rules: readonly Rule[]): CompiledRuleSet {
  const byEvent = new Map<string, CompiledRule[]>();
  const enabled = rules.filter((r) => r.enabled).sort(byOrder);
  for (const rule of enabled) {
    const types = new Set<string>();
    if (rule.trigger.kind === 'schedule') types.add(SCHEDULE_EVENT);
    else
      for (const name of rule.trigger.events) {
        types.add(name);
        const alias = ALIASES[name];
        if (alias) types.add(alias);
      }
    const compiled = compileRule(rule);
    for (const type of types) {
      const bucket = byEvent.get(type);
      if (bucket) bucket.push(compiled);
      else byEvent.set(type, [compiled]);
    }
  }
  return { kind: 'compiled-rules', byEvent, size: enabled.length, needsCis: enabled.some(ruleReadsCis) };
}

const NONE: readonly CompiledRule[] = [];

/** The enabled rules this event triggers, in evaluation order (conditions not yet checked). */
export function triggeredRules(set: CompiledRuleSet, event: RuleEventFacts): readonly CompiledRule[] {
  return set.byEvent.get(event.type) ?? NONE;
}
