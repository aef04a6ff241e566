/**
 * What a draft rule would do to real tickets (the rule editor's dry run, ADR 0028): the rule is
 * planned on each of the most recently updated tickets by the same planner the runner executes,
 * and each match is turned into the field changes it would make (set fields and routing, applied
 * in order on a copy) and the effects it would have (notes, notifications, assists,
 * acknowledgements). The owner is never among the changes: no rule action can name it.
 */
import { type Level, priorityOf } from '../tickets/priority.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';
import type { RuleEventFacts } from './conditions.js';
import { patchFor } from './rule-actions.js';
import type { RuleMatch } from './rule-engine.js';
import type { Rule, TRuleDefinition } from './rule-schema.js';
import { SCHEDULE_EVENT } from './rule-set.js';

export interface PreviewChange {
  readonly field: 'priority' | 'impact' | 'urgency' | 'category' | 'team' | 'tags';
  readonly from: unknown;
  readonly to: unknown;
}

export interface TicketPreview {
  readonly ticketId: string;
  readonly number: string;
  readonly title: string;
  readonly status: string;
  readonly updatedAt: string;
  readonly matched: boolean;
  readonly actions: readonly { readonly index: number; readonly type: string; readonly summary: string }[];
  readonly changes: readonly PreviewChange[];
}

export interface RulePreviewResult {
  readonly eventType: string;
  readonly examined: number;
  readonly matched: number;
  readonly tickets: readonly TicketPreview[];
}

/** The event a dry run feeds: the one asked for, else the rule's first trigger (or its schedule). */
export function previewEventType(rule: TRuleDefinition, asked?: string): string {
  if (asked) return asked;
  return rule.trigger.kind === 'schedule' ? SCHEDULE_EVENT : (rule.trigger.events[0] as string);
}

export function previewEvent(
  rule: Rule,
  type: string,
  data: Readonly<Record<string, unknown>>,
  at: string,
): (ticket: TicketSnapshot) => RuleEventFacts {
  return (ticket) => ({
    id: `dry-run:${ticket.id}`,
    type: type === 'email.received' ? 'ticket.email_received' : type,
    occurredAt: at,
    actor: null,
    data: type === SCHEDULE_EVENT ? { ...data, ruleId: rule.id } : data,
  });
}

/** The field changes of the planned actions, applied in order to a copy of the ticket. */
export function changesOf(ticket: TicketSnapshot, matches: readonly RuleMatch[]): PreviewChange[] {
  let t = ticket;
  for (const match of matches)
    for (const { action } of match.actions) {
      if (action.type === 'set_fields') {
        const patch = patchFor(action, t);
        const impact = (patch.impact ?? t.impact) as Level;
        const urgency = (patch.urgency ?? t.urgency) as Level;
        t = { ...t, ...patch, impact, urgency, priority: priorityOf(impact, urgency) } as TicketSnapshot;
      } else if (action.type === 'route' && action.teamId) t = { ...t, teamId: action.teamId };
    }
  const changes: PreviewChange[] = [];
  const add = (field: PreviewChange['field'], from: unknown, to: unknown) => {
    if (JSON.stringify(from) !== JSON.stringify(to)) changes.push({ field, from, to });
  };
  add('priority', ticket.priority, t.priority);
  add('impact', ticket.impact, t.impact);
  add('urgency', ticket.urgency, t.urgency);
  add('category', ticket.category, t.category);
  add('team', ticket.teamId, t.teamId);
  add('tags', ticket.tags, t.tags);
  return changes;
}

export function ticketPreview(ticket: TicketSnapshot, matches: readonly RuleMatch[]): TicketPreview {
  return {
    ticketId: ticket.id,
    number: ticket.number,
    title: ticket.title,
    status: ticket.status,
    updatedAt: ticket.updatedAt,
    matched: matches.length > 0,
    actions: matches.flatMap((m) =>
      m.actions.map((a) => ({ index: a.index, type: a.action.type, summary: a.summary })),
    ),
    changes: changesOf(ticket, matches),
  };
}
