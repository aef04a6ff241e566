/**
 * The pure heart of the rules engine: given the rules and the facts of one event, which rules
 * match (in order, honouring "stop processing") and what each would do. The dry run returns
 * this plan as is and the runner executes exactly this plan, so the two cannot drift apart.
 */
import type { ActorRef } from '../kernel/actor.js';
import { type ElapsedFn, type RuleFacts, wallElapsed } from './conditions.js';
import type { Rule, TAction } from './rule-schema.js';
import { type CompiledRule, type CompiledRuleSet, compileRuleSet, SCHEDULE_EVENT, triggeredRules } from './rule-set.js';
import { renderTemplate } from './template.js';

export { SCHEDULE_EVENT };

/** The system actor a rule acts as: its changes are recognisable, so they never re-trigger it. */
export const ruleActorName = (ruleId: string): string => `rule:${ruleId}`;
export const ruleIdOfActor = (actor: ActorRef | null): string | null =>
  actor?.kind === 'system' && actor.name.startsWith('rule:') ? actor.name.slice(5) : null;

export interface PlannedAction {
  readonly index: number;
  readonly action: TAction;
  /** One human line, the same in the dry run and on the timeline entry. */
  readonly summary: string;
}

export interface RuleMatch {
  readonly ruleId: string;
  readonly ruleName: string;
  readonly stopProcessing: boolean;
  readonly actions: readonly PlannedAction[];
}

export function isTriggeredBy(rule: Rule, event: RuleFacts['event']): boolean {
  if (rule.trigger.kind === 'schedule') return event.type === SCHEDULE_EVENT && event.data.ruleId === rule.id;
  const type = event.type === 'ticket.email_received' ? 'email.received' : event.type;
  return rule.trigger.events.some((e) => e === event.type || e === type);
}

export function describeAction(action: TAction, facts: RuleFacts, rule: { name: string }): string {
  switch (action.type) {
    case 'set_fields': {
      const parts: string[] = [];
      if (action.priority) parts.push(`priority ${action.priority}`);
      if (action.impact) parts.push(`impact ${action.impact}`);
      if (action.urgency) parts.push(`urgency ${action.urgency}`);
      if (action.category !== undefined) parts.push(`category ${action.category ?? '(none)'}`);
      if (action.teamId !== undefined) parts.push(`team ${action.teamId ?? '(none)'}`);
      if (action.tags) parts.push(`tags [${action.tags.join(', ')}]`);
      if (action.addTags?.length) parts.push(`add tags [${action.addTags.join(', ')}]`);
      if (action.removeTags?.length) parts.push(`remove tags [${action.removeTags.join(', ')}]`);
      return `Set ${parts.join(', ') || 'nothing'}`;
    }
    case 'route': {
      const skills = action.skills?.length
        ? ` needing ${action.skills.map((s) => `${s.name}>=${s.minLevel}`).join(', ')}`
        : '';
      return `Route to team ${action.teamId ?? facts.ticket.teamId ?? '(ticket team)'}${skills}`;
    }
    case 'add_note':
      return `Internal note: ${renderTemplate(action.body, facts, rule)}`;
    case 'request_assist':
      return `Request an assist from team ${action.teamId} on behalf of the owner${action.dueInMinutes ? ` (due in ${action.dueInMinutes} min)` : ''}`;
    case 'notify':
      return `Notify ${action.to.map((r) => (typeof r === 'string' ? r : r.agentId)).join(', ')}: ${renderTemplate(action.template.subject, facts, rule)}`;
    case 'auto_acknowledge':
      return `Auto-acknowledge to the requester: ${renderTemplate(action.template.subject, facts, rule)}`;
  }
}

/**
 * Rules in order; a rule never reacts to its own changes; "stop processing" ends the list. Give
 * it the compiled set (compileRuleSet, cached per rules version by the repository); a plain list
 * is compiled on the spot, which costs a sort but no condition is compiled twice.
 */
export function planRules(
  rules: readonly Rule[] | CompiledRuleSet,
  facts: RuleFacts,
  elapsed: ElapsedFn = wallElapsed,
): RuleMatch[] {
  const set = isCompiled(rules) ? rules : compileRuleSet(rules);
  const { event } = facts;
  const author = ruleIdOfActor(event.actor);
  const candidates = triggeredRules(set, event);
  const matches: RuleMatch[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const { rule, when, scheduleId } = candidates[i] as CompiledRule;
    if (rule.id === author || (scheduleId !== null && event.data.ruleId !== scheduleId)) continue;
    if (when !== null && !when(facts, elapsed)) continue;
    matches.push({
      ruleId: rule.id,
      ruleName: rule.name,
      stopProcessing: rule.stopProcessing,
      actions: rule.actions.map((action, index) => ({ index, action, summary: describeAction(action, facts, rule) })),
    });
    if (rule.stopProcessing) break;
  }
  return matches;
}

const isCompiled = (rules: readonly Rule[] | CompiledRuleSet): rules is CompiledRuleSet =>
  !Array.isArray(rules) && (rules as CompiledRuleSet).kind === 'compiled-rules';
