/**
 * Loop protection beyond "a rule ignores its own changes": per ticket, a minute-long log of
 * which rule ran because of which other rule's change. A rule about to run on a change that
 * (through the chain) it caused itself is a cycle; more than `cap` runs a minute is a runaway.
 * Both are refused and reported once per window with a timeline note, never looped.
 */
import { ConcurrencyConflictError, type DocumentStore, type StoredDocument } from '../ports/document-store.js';

export const WINDOW_MS = 60_000;
export const DEFAULT_CAP_PER_MINUTE = 20;

export interface GuardRun {
  readonly ruleId: string;
  readonly causeRuleId: string | null;
  readonly at: number;
}

export interface GuardState {
  readonly runs: readonly GuardRun[];
  readonly reportedAt: number | null;
}

export type GuardDecision =
  | { readonly allow: true; readonly next: GuardState }
  | {
      readonly allow: false;
      readonly why: 'cycle' | 'rate';
      readonly rules: readonly string[];
      readonly report: boolean;
      readonly next: GuardState;
    };

/** Pure decision: may `ruleId` run now on a change made by `causeRuleId` (null: not a rule)? */
export function decide(
  state: GuardState,
  ruleId: string,
  causeRuleId: string | null,
  now: number,
  cap = DEFAULT_CAP_PER_MINUTE,
): GuardDecision {
  const runs = state.runs.filter((r) => now - r.at < WINDOW_MS);
  const reportedAt = state.reportedAt !== null && now - state.reportedAt < WINDOW_MS ? state.reportedAt : null;
  const deny = (why: 'cycle' | 'rate', rules: string[]): GuardDecision => ({
    allow: false,
    why,
    rules,
    report: reportedAt === null,
    next: { runs, reportedAt: reportedAt ?? now },
  });
  // Walk back the chain of causes from the rule whose change we are looking at.
  const chain: string[] = [];
  let cause = causeRuleId;
  while (cause !== null && !chain.includes(cause)) {
    chain.push(cause);
    if (cause === ruleId) return deny('cycle', [ruleId, ...chain.slice(0, -1)]);
    const link = [...runs].reverse().find((r) => r.ruleId === cause);
    cause = link?.causeRuleId ?? null;
  }
  if (runs.length >= cap) return deny('rate', [...new Set(runs.map((r) => r.ruleId))]);
  return { allow: true, next: { runs: [...runs, { ruleId, causeRuleId, at: now }], reportedAt } };
}

const PK = 'rule-guard';
interface GuardDoc extends StoredDocument, GuardState {
  readonly pk: typeof PK;
}

/** The per-ticket guard state in `config` (etag-guarded read-modify-write). */
export class LoopGuard {
  constructor(
    private readonly store: DocumentStore,
    private readonly cap = DEFAULT_CAP_PER_MINUTE,
  ) {}

  async check(ticketId: string, ruleId: string, causeRuleId: string | null, now: Date): Promise<GuardDecision> {
    const id = `rg:${ticketId}`;
    for (let attempt = 0; attempt < 20; attempt++) {
      const found = await this.store.read<GuardDoc>('config', PK, id);
      const state: GuardState = found?.doc ?? { runs: [], reportedAt: null };
      const decision = decide(state, ruleId, causeRuleId, now.getTime(), this.cap);
      const doc: GuardDoc = { id, pk: PK, docType: 'rule-guard', ...decision.next };
      try {
        await this.store.batch('config', PK, [
          found ? { op: 'replace', doc, ifMatch: found.etag } : { op: 'create', doc },
        ]);
        return decision;
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError)) throw error;
      }
    }
    throw new Error(`rule guard for ${ticketId} kept conflicting`);
  }
}
