/**
 * Runs the rules: an `events` subscriber (through the EventDispatcher, idempotent per event) that
 * plans with the pure engine and executes exactly that plan, the dry run (the same plan, not
 * executed), and the scheduled rules a timer calls. Loop protection: a rule ignores its own
 * changes (engine), the LoopGuard stops cycles and runaway tickets with one timeline note, and
 * per-action markers keep a redelivered event from repeating actions that already ran.
 */
import type { AssistSnapshot } from '../assists/assist.js';
import type { DomainEvent } from '../events/domain-event.js';
import { EVENT_TYPES, type EventType } from '../events/domain-event.js';
import type { EventSubscriber } from '../events/event-dispatcher.js';
import { systemActor } from '../kernel/actor.js';
import type { Clock } from '../ports/clock.js';
import { ConcurrencyConflictError, type DocumentStore, type StoredDocument } from '../ports/document-store.js';
import { businessTimeBetween } from '../sla/business-time.js';
import type { TCalendar } from '../sla/calendar.js';
import type { TicketRepository } from '../tickets/ticket-repository.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';
import type { TicketCommands } from '../use-cases/ticket-commands.js';
import type { ElapsedFn, RuleEventFacts, RuleFacts } from './conditions.js';
import type { LoopGuard } from './loop-guard.js';
import type { RuleActions } from './rule-actions.js';
import { type CiFactsSource, NO_CIS } from './rule-ci-facts.js';
import { planRules, type RuleMatch, ruleIdOfActor, SCHEDULE_EVENT } from './rule-engine.js';
import type { RuleRepository } from './rule-repository.js';
import type { Rule } from './rule-schema.js';
import { compileRuleSet } from './rule-set.js';

const EXEC_PK = 'rule-exec';

export interface RuleRunnerDeps {
  readonly rules: RuleRepository;
  readonly tickets: TicketRepository;
  readonly commands: TicketCommands;
  readonly actions: RuleActions;
  readonly guard: LoopGuard;
  readonly store: DocumentStore;
  readonly clock: Clock;
  /** The business calendar for "time since" in business time; null means wall time. */
  readonly calendar?: () => Promise<TCalendar | null>;
  /** The affected CIs' facts for `cis.*` conditions (the CMDB); without it they read as no CIs. */
  readonly ciFacts?: CiFactsSource;
}

export interface ExecutedRule {
  readonly ruleId: string;
  readonly ruleName: string;
  readonly outcome: 'ran' | 'stopped';
  readonly actions: readonly { readonly index: number; readonly summary: string; readonly outcome: string }[];
}

export class RuleRunner implements EventSubscriber {
  readonly name = 'rules';
  // Automation entries are the rules' own bookkeeping, never a trigger.
  readonly handles: readonly EventType[] = EVENT_TYPES.filter((t) => t !== 'ticket.rule_applied');

  constructor(private readonly d: RuleRunnerDeps) {}

  async handle(event: DomainEvent): Promise<void> {
    const ticket = (await this.d.tickets.readSnapshot(event.ticketId))?.doc;
    if (!ticket) return;
    await this.execute(await this.factsFor(ticket, event));
  }

  async ticket(ticketId: string): Promise<TicketSnapshot | undefined> {
    return (await this.d.tickets.readSnapshot(ticketId))?.doc;
  }

  /** Which rules match and what they would do; nothing is changed. */
  async dryRun(ticket: TicketSnapshot, event: RuleEventFacts): Promise<RuleMatch[]> {
    const facts = await this.factsFor(ticket, event);
    return planRules(await this.d.rules.compiled(), facts, await this.elapsed());
  }

  /**
   * The same plan for rules that are not saved (the editor's draft, taken as enabled) on each
   * of the most recently updated tickets; nothing is changed.
   */
  async dryRunDraft(
    draft: readonly Rule[],
    limit: number,
    eventFor: (ticket: TicketSnapshot) => RuleEventFacts,
  ): Promise<{ ticket: TicketSnapshot; matches: RuleMatch[] }[]> {
    const set = compileRuleSet(draft.map((r) => ({ ...r, enabled: true })));
    const elapsed = await this.elapsed();
    const tickets = await this.d.tickets.recent(limit);
    return Promise.all(
      tickets.map(async (ticket) => {
        const facts = await this.factsFor(ticket, eventFor(ticket), set.needsCis);
        return { ticket, matches: planRules(set, facts, elapsed) };
      }),
    );
  }

  async execute(facts: RuleFacts): Promise<ExecutedRule[]> {
    const plan = planRules(await this.d.rules.compiled(), facts, await this.elapsed());
    const cause = ruleIdOfActor(facts.event.actor);
    const executed: ExecutedRule[] = [];
    for (const match of plan) {
      const decision = await this.d.guard.check(facts.ticket.id, match.ruleId, cause, facts.now);
      if (!decision.allow) {
        if (decision.report) await this.reportLoop(facts.ticket.id, decision.why, decision.rules);
        executed.push({ ruleId: match.ruleId, ruleName: match.ruleName, outcome: 'stopped', actions: [] });
        continue;
      }
      const actions: { index: number; summary: string; outcome: string }[] = [];
      for (const planned of match.actions) {
        const marker = `${facts.event.id}:${match.ruleId}:${planned.index}`;
        if (await this.d.store.read('config', EXEC_PK, marker)) continue;
        const outcome = await this.d.actions.apply(match, planned, facts);
        actions.push({ index: planned.index, summary: planned.summary, outcome });
        await this.mark(marker, facts.now);
      }
      executed.push({ ruleId: match.ruleId, ruleName: match.ruleName, outcome: 'ran', actions });
    }
    return executed;
  }

  /** Timer: runs each scheduled rule whose period has passed over the tickets it looks at. */
  async runSchedules(listTickets: (statuses: readonly string[]) => Promise<TicketSnapshot[]>): Promise<number> {
    const now = this.d.clock.now();
    let ran = 0;
    for (const { doc: rule } of await this.d.rules.list()) {
      if (!rule.enabled || rule.trigger.kind !== 'schedule') continue;
      const slot = Math.floor(now.getTime() / (rule.trigger.everyMinutes * 60_000));
      // One run per rule and period, even with several timer instances.
      if (!(await this.mark(`schedule:${rule.id}:${slot}`, now))) continue;
      for (const ticket of await listTickets(rule.trigger.statuses ?? ['new', 'open', 'pending'])) {
        const event: RuleEventFacts = {
          id: `sched_${rule.id}_${slot}_${ticket.id}`,
          type: SCHEDULE_EVENT,
          occurredAt: now.toISOString(),
          actor: { kind: 'system', name: 'rules-schedule' },
          data: { ruleId: rule.id },
        };
        const done = await this.execute(await this.factsFor(ticket, event));
        ran += done.filter((d) => d.outcome === 'ran').length;
      }
    }
    return ran;
  }

  private async factsFor(ticket: TicketSnapshot, event: RuleEventFacts, needsCis?: boolean): Promise<RuleFacts> {
    const assistId = event.data.assistId;
    let assist: AssistSnapshot | null = null;
    if (typeof assistId === 'string')
      assist = (await this.d.tickets.assistsOf(ticket.id)).find((a) => a.id === assistId) ?? null;
    return { ticket, event, assist, now: this.d.clock.now(), cis: await this.cisOf(ticket, needsCis) };
  }

  /** CI facts only when some rule reads them and the ticket has CIs: most events skip the CMDB. */
  private async cisOf(ticket: TicketSnapshot, needsCis?: boolean): Promise<RuleFacts['cis']> {
    if (!ticket.affectedCis?.length) return NO_CIS;
    if (!this.d.ciFacts || !(needsCis ?? (await this.d.rules.compiled()).needsCis)) return null;
    return this.d.ciFacts(ticket);
  }

  private async elapsed(): Promise<ElapsedFn> {
    const calendar = (await this.d.calendar?.()) ?? null;
    return (from, to, business) =>
      business && calendar ? businessTimeBetween(calendar, from, to) : to.getTime() - from.getTime();
  }

  private async reportLoop(ticketId: string, why: 'cycle' | 'rate', rules: readonly string[]): Promise<void> {
    const names = new Map((await this.d.rules.list()).map((r) => [r.doc.id, r.doc.name]));
    const list = rules.map((id) => names.get(id) ?? id).join(' -> ');
    const body =
      why === 'cycle'
        ? `Rules stopped: a cycle between ${list}; each would undo the other. Fix the rules; nothing more runs for this change.`
        : `Rules paused on this ticket: too many rule runs in a minute (${list}).`;
    await this.d.commands.run(
      ticketId,
      systemActor('rules'),
      (t, ctx) => t.recordAutomation({ body, ruleId: null, ruleName: null, action: 'loop_guard', outcome: why }, ctx),
      { retryOnConflict: true },
    );
  }

  private async mark(id: string, now: Date): Promise<boolean> {
    const doc: StoredDocument & { pk: string } = { id, pk: EXEC_PK, docType: 'rule-exec', at: now.toISOString() };
    try {
      await this.d.store.batch('config', EXEC_PK, [{ op: 'create', doc }]);
      return true;
    } catch (error) {
      if (error instanceof ConcurrencyConflictError) return false;
      throw error;
    }
  }
}
