/**
 * The rule editor's form model: a rule as flat, bindable fields (a trigger, one "all"/"any" list
 * of conditions, a list of actions) and back. Conditions the builder cannot show (nesting, `not`,
 * `changed_from_to`, `time_since`) open the JSON view instead, so nothing is ever dropped.
 * There is no owner field anywhere: rules never change the owner (the server refuses it too).
 */
import type { TRule } from '$shared/api/rules.schemas';
import { EVENT_TYPES } from '$shared/events/domain-event';
import type { RuleEventName, TAction, TCondition, TRuleInput } from '$shared/rules/rule-schema';
import { commaList } from '../sla/sla-admin';

export const RULE_EVENTS: readonly string[] = [
  ...EVENT_TYPES.filter((e) => e !== 'ticket.rule_applied'),
  'email.received',
];

/** Fields the picker offers (any dotted path can still be typed). */
export const RULE_FIELDS: readonly [string, string][] = [
  ['ticket.title', 'Title'],
  ['ticket.description', 'Description'],
  ['ticket.type', 'Type'],
  ['ticket.status', 'Status'],
  ['ticket.priority', 'Priority'],
  ['ticket.impact', 'Impact'],
  ['ticket.urgency', 'Urgency'],
  ['ticket.category', 'Category'],
  ['ticket.teamId', 'Team'],
  ['ticket.tags', 'Tags'],
  ['ticket.channel', 'Channel'],
  ['ticket.ownerId', 'Owner (read only)'],
  ['ticket.requester.email', 'Requester email'],
  ['ticket.customerTier', 'Customer tier'],
  ['ticket.customer.companyId', 'Customer company'],
  ['ticket.customer.accountManagerId', 'Account manager'],
  ['cis.classes', 'CI classes'],
  ['cis.criticality', 'CI criticality (1 highest)'],
  ['cis.primary.ciClass', 'Primary CI class'],
  ['cis.services', 'Business services'],
  ['cis.serviceNames', 'Business service names'],
  ['cis.serviceCriticality', 'Service criticality'],
  ['assist.state', 'Assist state'],
  ['event.data.from', 'Event: sender'],
];

export const SIMPLE_OPS = [
  ['equals', 'equals'],
  ['not_equals', 'does not equal'],
  ['in', 'is one of'],
  ['not_in', 'is none of'],
  ['contains', 'contains'],
  ['starts_with', 'starts with'],
  ['matches', 'matches (RE2 pattern)'],
  ['gt', '>'],
  ['gte', '≥'],
  ['lt', '<'],
  ['lte', '≤'],
  ['is_empty', 'is empty'],
  ['is_not_empty', 'is not empty'],
  ['changed', 'changed'],
] as const;
export type SimpleOp = (typeof SIMPLE_OPS)[number][0];
const NO_VALUE: readonly SimpleOp[] = ['is_empty', 'is_not_empty', 'changed'];
export const needsValue = (op: SimpleOp): boolean => !NO_VALUE.includes(op);
export const takesCase = (op: SimpleOp): boolean => op === 'contains' || op === 'starts_with' || op === 'matches';

export interface ConditionRow {
  field: string;
  op: SimpleOp;
  value: string;
  ignoreCase: boolean;
}

export const ACTION_TYPES = [
  ['set_fields', 'Set fields'],
  ['route', 'Route (offer to an agent)'],
  ['add_note', 'Add an internal note'],
  ['request_assist', 'Request an assist'],
  ['notify', 'Notify'],
  ['auto_acknowledge', 'Acknowledge to the requester'],
] as const;
export type ActionType = (typeof ACTION_TYPES)[number][0];
export const RECIPIENTS = ['owner', 'team', 'lead', 'expert', 'requester', 'account_manager'] as const;

export interface ActionRow {
  type: ActionType;
  priority: string;
  impact: string;
  urgency: string;
  category: string;
  teamId: string;
  tags: string;
  addTags: string;
  removeTags: string;
  /** `name>=level` pairs, comma separated. */
  skills: string;
  body: string;
  dueInMinutes: string;
  to: string[];
  agentIds: string;
  subject: string;
}

export interface RuleForm {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  stopProcessing: boolean;
  triggerKind: 'event' | 'schedule';
  events: string[];
  everyMinutes: string;
  statuses: string[];
  match: 'all' | 'any';
  conditions: ConditionRow[];
  /** The conditions as JSON text instead of rows. */
  advanced: boolean;
  conditionsJson: string;
  actions: ActionRow[];
}

export const blankCondition = (): ConditionRow => ({
  field: 'ticket.title',
  op: 'contains',
  value: '',
  ignoreCase: true,
});

export const blankAction = (type: ActionType = 'set_fields'): ActionRow => ({
  type,
  priority: '',
  impact: '',
  urgency: '',
  category: '',
  teamId: '',
  tags: '',
  addTags: '',
  removeTags: '',
  skills: '',
  body: '',
  dueInMinutes: '',
  to: [],
  agentIds: '',
  subject: '',
});

export const blankRule = (): TRuleInput & { id: string } => ({
  id: '',
  name: '',
  enabled: true,
  stopProcessing: false,
  trigger: { kind: 'event', events: ['ticket.created'] },
  actions: [{ type: 'add_note', body: 'Rule {{rule.name}} matched.' }],
});

/** A typed value back to what it was: numbers, booleans and null stay themselves. */
export function parseScalar(text: string): string | number | boolean | null {
  const t = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  if (t === 'true' || t === 'false') return t === 'true';
  if (t === 'null') return null;
  return text;
}

const show = (v: unknown): string => (v === null ? 'null' : String(v));

function rowOf(c: TCondition): ConditionRow | null {
  if (!('field' in c) || !SIMPLE_OPS.some(([op]) => op === c.op)) return null;
  const base = { field: c.field, op: c.op as SimpleOp, value: '', ignoreCase: false };
  if ('values' in c) return { ...base, value: c.values.map(show).join(', ') };
  if ('pattern' in c) return { ...base, value: c.pattern, ignoreCase: c.ignoreCase ?? false };
  if ('value' in c)
    return { ...base, value: show(c.value), ignoreCase: 'ignoreCase' in c ? (c.ignoreCase ?? false) : false };
  return base;
}

/** Rows when the conditions are one flat all/any list of simple conditions, else null. */
function rowsOf(conditions: TCondition | undefined): { match: 'all' | 'any'; rows: ConditionRow[] } | null {
  if (!conditions) return { match: 'all', rows: [] };
  const list = 'all' in conditions ? conditions.all : 'any' in conditions ? conditions.any : [conditions];
  const rows = list.map(rowOf);
  if (rows.some((r) => r === null)) return null;
  return { match: 'any' in conditions ? 'any' : 'all', rows: rows as ConditionRow[] };
}

export function conditionOf(r: ConditionRow): TCondition {
  const field = r.field.trim();
  switch (r.op) {
    case 'in':
    case 'not_in':
      return { field, op: r.op, values: commaList(r.value).map(parseScalar) };
    case 'contains':
    case 'starts_with':
      return { field, op: r.op, value: r.value, ...(r.ignoreCase ? { ignoreCase: true } : {}) };
    case 'matches':
      return { field, op: 'matches', pattern: r.value, ...(r.ignoreCase ? { ignoreCase: true } : {}) };
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const v = parseScalar(r.value);
      return { field, op: r.op, value: typeof v === 'number' ? v : r.value };
    }
    case 'is_empty':
    case 'is_not_empty':
    case 'changed':
      return { field, op: r.op };
    default:
      return { field, op: r.op, value: parseScalar(r.value) };
  }
}

function actionRowOf(a: TAction): ActionRow {
  const row = blankAction(a.type);
  switch (a.type) {
    case 'set_fields':
      return {
        ...row,
        priority: a.priority ?? '',
        impact: a.impact ? String(a.impact) : '',
        urgency: a.urgency ? String(a.urgency) : '',
        category: a.category ?? '',
        teamId: a.teamId ?? '',
        tags: a.tags?.join(', ') ?? '',
        addTags: a.addTags?.join(', ') ?? '',
        removeTags: a.removeTags?.join(', ') ?? '',
      };
    case 'route':
      return {
        ...row,
        teamId: a.teamId ?? '',
        skills: a.skills?.map((s) => `${s.name}>=${s.minLevel}`).join(', ') ?? '',
      };
    case 'add_note':
      return { ...row, body: a.body };
    case 'request_assist':
      return { ...row, teamId: a.teamId, body: a.question, dueInMinutes: a.dueInMinutes ? String(a.dueInMinutes) : '' };
    case 'notify':
      return {
        ...row,
        to: a.to.flatMap((r) => (typeof r === 'string' ? [r as string] : [])),
        agentIds: a.to.flatMap((r) => (typeof r === 'string' ? [] : [r.agentId])).join(', '),
        subject: a.template.subject,
        body: a.template.body,
      };
    case 'auto_acknowledge':
      return { ...row, subject: a.template.subject, body: a.template.body };
  }
}

const level = (t: string) => (t ? (Number(t) as 1 | 2 | 3) : undefined);
const list = (t: string) => (commaList(t).length > 0 ? commaList(t) : undefined);

/** An action row in the API's shape (empty fields left out: they change nothing). */
export function actionOf(r: ActionRow): TAction {
  const template = { subject: r.subject, body: r.body };
  switch (r.type) {
    case 'set_fields': {
      const fields = {
        priority: (r.priority || undefined) as 'P1' | 'P2' | 'P3' | 'P4' | undefined,
        impact: level(r.impact),
        urgency: level(r.urgency),
        category: r.category.trim() || undefined,
        teamId: r.teamId || undefined,
        tags: list(r.tags),
        addTags: list(r.addTags),
        removeTags: list(r.removeTags),
      };
      return {
        type: 'set_fields',
        ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
      } as TAction;
    }
    case 'route': {
      const skills = commaList(r.skills).map((s) => {
        const [name, min] = s.split('>=');
        return { name: (name ?? '').trim(), minLevel: Number(min ?? 1) || 1 };
      });
      return { type: 'route', ...(r.teamId ? { teamId: r.teamId } : {}), ...(skills.length ? { skills } : {}) };
    }
    case 'add_note':
      return { type: 'add_note', body: r.body };
    case 'request_assist':
      return {
        type: 'request_assist',
        teamId: r.teamId,
        question: r.body,
        ...(r.dueInMinutes ? { dueInMinutes: Number(r.dueInMinutes) } : {}),
      };
    case 'notify':
      return {
        type: 'notify',
        to: [...(r.to as (typeof RECIPIENTS)[number][]), ...commaList(r.agentIds).map((agentId) => ({ agentId }))],
        template,
      };
    case 'auto_acknowledge':
      return { type: 'auto_acknowledge', template };
  }
}

/** What the form is made from: a stored rule, a version's definition or a blank one. */
type RuleLike = Pick<TRule, 'id' | 'name' | 'trigger'> & {
  readonly description?: string | undefined;
  readonly enabled?: boolean | undefined;
  readonly stopProcessing?: boolean | undefined;
  readonly conditions?: unknown;
  readonly actions: readonly unknown[];
};

export function toRuleForm(rule: RuleLike): RuleForm {
  const rows = rowsOf(rule.conditions as TCondition | undefined);
  return {
    id: rule.id,
    name: rule.name,
    description: rule.description ?? '',
    enabled: rule.enabled ?? true,
    stopProcessing: rule.stopProcessing ?? false,
    triggerKind: rule.trigger.kind,
    events: rule.trigger.kind === 'event' ? [...rule.trigger.events] : ['ticket.created'],
    everyMinutes: rule.trigger.kind === 'schedule' ? String(rule.trigger.everyMinutes) : '60',
    statuses: rule.trigger.kind === 'schedule' ? [...(rule.trigger.statuses ?? [])] : [],
    match: rows?.match ?? 'all',
    conditions: rows?.rows ?? [],
    advanced: rows === null,
    conditionsJson: rule.conditions ? JSON.stringify(rule.conditions, null, 2) : '',
    actions: (rule.actions as TAction[]).map(actionRowOf),
  };
}

/** The conditions the form holds; JSON that does not parse is sent as text for the server to refuse. */
export function conditionsOf(form: RuleForm): unknown {
  if (form.advanced) {
    if (form.conditionsJson.trim() === '') return undefined;
    try {
      return JSON.parse(form.conditionsJson);
    } catch {
      return form.conditionsJson;
    }
  }
  if (form.conditions.length === 0) return undefined;
  const list = form.conditions.map(conditionOf);
  return form.match === 'any' ? { any: list } : { all: list };
}

export function fromRuleForm(form: RuleForm): TRuleInput & { id: string } {
  const conditions = conditionsOf(form) as TCondition | undefined;
  return {
    id: form.id,
    name: form.name,
    ...(form.description.trim() ? { description: form.description } : {}),
    enabled: form.enabled,
    stopProcessing: form.stopProcessing,
    trigger:
      form.triggerKind === 'event'
        ? { kind: 'event', events: form.events as RuleEventName[] }
        : {
            kind: 'schedule',
            everyMinutes: Number(form.everyMinutes),
            ...(form.statuses.length ? { statuses: form.statuses as ('new' | 'open' | 'pending' | 'resolved')[] } : {}),
          },
    ...(conditions !== undefined ? { conditions } : {}),
    actions: form.actions.map(actionOf),
  };
}

/** Switches the conditions between rows and JSON; JSON the rows cannot show stays JSON. */
export function toggleAdvanced(form: RuleForm): string | null {
  if (!form.advanced) {
    form.conditionsJson = JSON.stringify(conditionsOf(form) ?? { all: [] }, null, 2);
    form.advanced = true;
    return null;
  }
  let parsed: TCondition | undefined;
  try {
    parsed = form.conditionsJson.trim() ? (JSON.parse(form.conditionsJson) as TCondition) : undefined;
  } catch {
    return 'The JSON does not parse; fix it first.';
  }
  const rows = rowsOf(parsed);
  if (!rows) return 'These conditions (nested groups, not, changed from/to, time since) can only be edited as JSON.';
  form.match = rows.match;
  form.conditions = rows.rows;
  form.advanced = false;
  return null;
}
