/**
 * The facts rule conditions are evaluated against: the ticket as it is now (with its recorded
 * customer facts: `ticket.customerTier`, `ticket.customer.companyId`, `.accountManagerId`), the
 * event (its type, data and changes), for assist events the assist, and the affected CIs (`cis.*`). Pure and synchronous; elapsed business
 * time comes in as a function (calendar or wall time). Conditions are compiled once
 * (condition-compiler.ts) so 200 rules cost microseconds.
 */
import type { AssistSnapshot } from '../assists/assist.js';
import type { ActorRef } from '../kernel/actor.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';
import { compileCondition, type Predicate } from './condition-compiler.js';
import { compileAccessor, compileChange } from './field-access.js';
import type { RuleCiFacts } from './rule-ci-facts.js';
import type { TCondition } from './rule-schema.js';

export interface RuleEventFacts {
  readonly id: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly actor: ActorRef | null;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface RuleFacts {
  readonly ticket: TicketSnapshot;
  readonly event: RuleEventFacts;
  readonly assist: AssistSnapshot | null;
  readonly now: Date;
  /** The affected CIs' facts (`cis.*`), loaded only when an enabled rule names them (rule-ci-facts.ts). */
  readonly cis?: RuleCiFacts | null;
}

/** Milliseconds between two instants, in business time when asked and a calendar exists. */
export type ElapsedFn = (from: Date, to: Date, businessTime: boolean) => number;

export const wallElapsed: ElapsedFn = (from, to) => to.getTime() - from.getTime();

export function fieldValue(facts: RuleFacts, field: string): unknown {
  return compileAccessor(field)(facts);
}

/** What an update event says about a field: {from, to} when it changed, else null. */
export function changeOf(facts: RuleFacts, field: string): { from: unknown; to: unknown } | null {
  return compileChange(field)(facts);
}

// Conditions are immutable once validated, so each compiles once however often it is asked.
const compiled = new WeakMap<TCondition, Predicate>();

export function evaluateCondition(condition: TCondition, facts: RuleFacts, elapsed: ElapsedFn = wallElapsed): boolean {
  let predicate = compiled.get(condition);
  if (!predicate) {
    predicate = compileCondition(condition);
    compiled.set(condition, predicate);
  }
  return predicate(facts, elapsed);
}
