/**
 * Carries out one planned rule action on a ticket and names the rule on the timeline (a
 * `rule_action` entry with the plan's summary and the outcome, refusals included). Field
 * changes go through `updateFields` as the system actor `rule:<id>`; nothing here can change
 * the owner (there is no such action, and the aggregate would refuse it anyway).
 */
import type { DirectoryRepository } from '../directory/directory-repository.js';
import { type Actor, systemActor } from '../kernel/actor.js';
import type { AlertMailer } from '../notifications/email-digest.js';
import type { Notifier } from '../notifications/notification.js';
import type { RoutingService } from '../routing/routing-service.js';
import { agentActor } from '../routing/routing-service.js';
import { LEVELS, type Level, type Priority, priorityOf } from '../tickets/priority.js';
import type { TicketRepository } from '../tickets/ticket-repository.js';
import type { TicketFieldsPatch, TicketSnapshot } from '../tickets/ticket-types.js';
import type { TicketCommands } from '../use-cases/ticket-commands.js';
import type { AckLimiter } from './ack-limiter.js';
import { robotAddress } from './ack-limiter.js';
import type { RuleFacts } from './conditions.js';
import { type PlannedAction, type RuleMatch, ruleActorName } from './rule-engine.js';
import type { TAction, TRecipient } from './rule-schema.js';
import { renderTemplate } from './template.js';

export interface RuleActionDeps {
  readonly commands: TicketCommands;
  readonly tickets: TicketRepository;
  readonly directory: DirectoryRepository;
  readonly routing: RoutingService;
  readonly notifier: Notifier;
  readonly mailer: AlertMailer;
  readonly ackLimiter: AckLimiter;
  /** Our own support addresses: never acknowledged to. */
  readonly ownAddresses: readonly string[];
}

/** The impact/urgency pair giving `target`, changing the current pair as little as possible. */
export function levelsFor(target: Priority, impact: Level, urgency: Level): { impact: Level; urgency: Level } {
  let best = { impact, urgency };
  let cost = Number.POSITIVE_INFINITY;
  for (const i of LEVELS)
    for (const u of LEVELS) {
      if (priorityOf(i, u) !== target) continue;
      const c = Math.abs(i - impact) * 2 + Math.abs(u - urgency) * 2 + (i === impact ? 0 : 1);
      if (c < cost) [best, cost] = [{ impact: i, urgency: u }, c];
    }
  return best;
}

export function patchFor(action: Extract<TAction, { type: 'set_fields' }>, s: TicketSnapshot): TicketFieldsPatch {
  const levels = action.priority
    ? levelsFor(action.priority, action.impact ?? s.impact, action.urgency ?? s.urgency)
    : null;
  const impact = levels?.impact ?? action.impact;
  const urgency = levels?.urgency ?? action.urgency;
  let tags = action.tags ? [...action.tags] : [...s.tags];
  if (action.addTags) tags = [...tags, ...action.addTags];
  if (action.removeTags) tags = tags.filter((t) => !action.removeTags?.includes(t));
  const tagsChange = action.tags || action.addTags || action.removeTags;
  return {
    ...(impact !== undefined ? { impact } : {}),
    ...(urgency !== undefined ? { urgency } : {}),
    ...(action.category !== undefined ? { category: action.category } : {}),
    ...(action.teamId !== undefined ? { teamId: action.teamId } : {}),
    ...(tagsChange ? { tags } : {}),
  };
}

export class RuleActions {
  constructor(private readonly d: RuleActionDeps) {}

  async apply(match: RuleMatch, planned: PlannedAction, facts: RuleFacts): Promise<string> {
    const actor = systemActor(ruleActorName(match.ruleId));
    const ticketId = facts.ticket.id;
    const _rule = { name: match.ruleName };
    const record = (outcome: string, body = planned.summary) =>
      this.d.commands.run(
        ticketId,
        actor,
        (t, ctx) =>
          t.recordAutomation(
            { body, ruleId: match.ruleId, ruleName: match.ruleName, action: planned.action.type, outcome },
            ctx,
          ),
        { retryOnConflict: true },
      );
    const action = planned.action;
    let outcome: string;
    switch (action.type) {
      case 'set_fields': {
        if (action.teamId && !(await this.d.directory.team(action.teamId))) {
          outcome = `refused: no team ${action.teamId}`;
          break;
        }
        // The change and its timeline entry are one write: both or neither.
        let result = 'no change';
        const done = await this.d.commands.run(
          ticketId,
          actor,
          (t, ctx) => {
            const before = t.toSnapshot().lastSeq;
            const r = t.updateFields(patchFor(action, t.toSnapshot()), ctx);
            result = !r.ok ? `refused: ${r.error.message}` : t.toSnapshot().lastSeq > before ? 'applied' : 'no change';
            const entry = { ruleId: match.ruleId, ruleName: match.ruleName, action: 'set_fields', outcome: result };
            return t.recordAutomation({ ...entry, body: `${planned.summary} -> ${result}` }, ctx);
          },
          { retryOnConflict: true },
        );
        if (!done.ok) throw new Error(`rule ${match.ruleName}: could not record on ${ticketId}: ${done.error.message}`);
        return result;
      }
      case 'route': {
        const routed = await this.d.routing.route({
          ticketId,
          ...(action.teamId ? { teamId: action.teamId } : {}),
          ...(action.skills ? { skills: action.skills } : {}),
          by: `rule ${match.ruleName}`,
        });
        outcome = `${routed.outcome}: ${routed.detail}`;
        break;
      }
      case 'add_note':
        await record('added');
        return 'added';
      case 'request_assist':
        outcome = await this.requestAssist(action, match, planned, facts, actor);
        if (!outcome.startsWith('refused')) return outcome;
        break;
      case 'notify':
        outcome = await this.notify(action, match, planned, facts);
        break;
      case 'auto_acknowledge':
        outcome = await this.acknowledge(action, match, facts);
        break;
    }
    await record(outcome, `${planned.summary} -> ${outcome}`);
    return outcome;
  }

  private async requestAssist(
    action: Extract<TAction, { type: 'request_assist' }>,
    match: RuleMatch,
    planned: PlannedAction,
    facts: RuleFacts,
    ruleActor: Actor,
  ): Promise<string> {
    const current = (await this.d.tickets.readSnapshot(facts.ticket.id))?.doc;
    if (!current?.ownerId)
      return 'refused: the ticket has no owner, and an assist needs its owner as the requester of record';
    const owner = await this.d.directory.agent(current.ownerId);
    if (!owner) return `refused: the owner ${current.ownerId} is not in the directory`;
    if (!(await this.d.directory.team(action.teamId))) return `refused: no team ${action.teamId}`;
    const requested = await this.d.commands.run(current.id, agentActor(owner), (t, ctx) => {
      const dueAt = action.dueInMinutes ? new Date(ctx.now.getTime() + action.dueInMinutes * 60_000) : null;
      const r = t.requestAssist(
        {
          target: { kind: 'team', teamId: action.teamId },
          question: renderTemplate(action.question, facts, { name: match.ruleName }),
          dueAt,
        },
        ctx,
      );
      if (!r.ok) return r;
      return t.recordAutomation(
        {
          body: `${planned.summary} -> requested`,
          ruleId: match.ruleId,
          ruleName: match.ruleName,
          action: 'request_assist',
          outcome: 'requested',
          assistId: r.value,
        },
        { ...ctx, actor: ruleActor },
      );
    });
    return requested.ok ? 'requested' : `refused: ${requested.error.message}`;
  }

  private async recipients(to: readonly TRecipient[], facts: RuleFacts): Promise<string[]> {
    const ticket = (await this.d.tickets.readSnapshot(facts.ticket.id))?.doc ?? facts.ticket;
    const ids = new Set<string>();
    const team = ticket.teamId ? await this.d.directory.team(ticket.teamId) : undefined;
    const members = async () =>
      (await this.d.directory.agents()).filter(
        (a) => a.active && ticket.teamId !== null && a.teamIds.includes(ticket.teamId),
      );
    for (const r of to) {
      if (typeof r === 'object') ids.add(r.agentId);
      else if (r === 'owner' && ticket.ownerId) ids.add(ticket.ownerId);
      else if (r === 'lead') for (const id of team?.leadIds ?? []) ids.add(id);
      else if (r === 'account_manager' && ticket.customer?.accountManagerId) ids.add(ticket.customer.accountManagerId);
      else if (r === 'team') for (const a of await members()) ids.add(a.id);
      else if (r === 'expert' && facts.assist) {
        const a = facts.assist;
        if (a.expertAgentId) ids.add(a.expertAgentId);
        else if (a.target.kind === 'agent') ids.add(a.target.agentId);
        else
          for (const m of (await this.d.directory.agents()).filter(
            (x) => a.target.kind === 'team' && x.teamIds.includes(a.target.teamId),
          ))
            ids.add(m.id);
      }
    }
    return [...ids];
  }

  private async notify(
    action: Extract<TAction, { type: 'notify' }>,
    match: RuleMatch,
    planned: PlannedAction,
    facts: RuleFacts,
  ): Promise<string> {
    const rule = { name: match.ruleName };
    const subject = renderTemplate(action.template.subject, facts, rule);
    const body = renderTemplate(action.template.body, facts, rule);
    const agents = await this.recipients(action.to, facts);
    // An overdue assist is ONE notification per person, whether the rule or the default subscriber gets there first.
    const overdue = facts.event.type === 'assist.timed_out';
    const created = await this.d.notifier.notify({
      sourceId: overdue ? facts.event.id : `${facts.event.id}:${match.ruleId}:${planned.index}`,
      kind: overdue ? 'assist.overdue' : 'rule.notify',
      recipients: agents,
      ticket: { id: facts.ticket.id, number: facts.ticket.number, title: facts.ticket.title },
      title: subject,
      body,
      author: facts.event.actor,
    });
    let mailed = '';
    if (action.to.includes('requester')) {
      const robot = robotAddress(facts.ticket.requester.email, this.d.ownAddresses);
      if (robot) mailed = `; requester not mailed (${robot})`;
      else {
        const sent = await this.d.mailer.send({
          to: { address: facts.ticket.requester.email, name: facts.ticket.requester.name },
          subject,
          text: body,
          ticketId: facts.ticket.id,
          key: `${facts.event.id}:${match.ruleId}:${planned.index}`,
          toCustomer: true,
        });
        mailed = typeof sent === 'object' ? `; requester ${sent.held}` : '; requester mailed';
      }
    }
    return `notified ${agents.length} agent(s) (${created} new)${mailed}`;
  }

  private async acknowledge(
    action: Extract<TAction, { type: 'auto_acknowledge' }>,
    match: RuleMatch,
    facts: RuleFacts,
  ): Promise<string> {
    const automatic = facts.event.data.automatic;
    if (automatic) return `suppressed: the mail was automatic (${String(automatic)})`;
    const robot = robotAddress(facts.ticket.requester.email, this.d.ownAddresses);
    if (robot) return `suppressed: ${robot}`;
    const limited = await this.d.ackLimiter.take(facts.ticket.id, facts.now);
    if (limited) return `suppressed: ${limited}`;
    const rule = { name: match.ruleName };
    const sent = await this.d.mailer.send({
      to: { address: facts.ticket.requester.email, name: facts.ticket.requester.name },
      subject: renderTemplate(action.template.subject, facts, rule),
      text: renderTemplate(action.template.body, facts, rule),
      ticketId: facts.ticket.id,
      key: `ack:${facts.event.id}:${match.ruleId}`,
      toCustomer: true,
    });
    return typeof sent === 'object' ? sent.held : 'sent';
  }
}
