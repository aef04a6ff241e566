/**
 * Field access for rule conditions, compiled once per field: `ticket.x`, `event.x`, `assist.x`
 * or a bare ticket field, split up front into a root and a path, and what an update event says
 * about a field (its change). Templates read fields through the same accessors.
 */
import type { RuleFacts } from './conditions.js';

export type Accessor = (facts: RuleFacts) => unknown;

/** `ticket.x`, `event.x`, `assist.x`, `cis.x`, or a bare ticket field; `path` is what follows the root. */
export function splitField(field: string): { root: 'ticket' | 'event' | 'assist' | 'cis'; path: string[] } {
  const [head, ...rest] = field.split('.');
  if (head === 'event' || head === 'assist' || head === 'ticket' || head === 'cis') return { root: head, path: rest };
  return { root: 'ticket', path: field.split('.') };
}

const walk = (root: unknown, path: readonly string[]): unknown => {
  let value = root;
  for (let i = 0; i < path.length; i++) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[path[i] as string];
  }
  return value;
};

type Getter = (o: Record<string, unknown>) => unknown;
/**
 * Dedicated getters for the fields rules name most: one property load site per field stays
 * monomorphic, where one shared `o[key]` site over many keys goes megamorphic (about 3x slower).
 */
const NAMED: Readonly<Record<string, Getter>> = {
  title: (o) => o.title,
  description: (o) => o.description,
  priority: (o) => o.priority,
  impact: (o) => o.impact,
  urgency: (o) => o.urgency,
  status: (o) => o.status,
  type: (o) => o.type,
  category: (o) => o.category,
  teamId: (o) => o.teamId,
  tags: (o) => o.tags,
  ownerId: (o) => o.ownerId,
  channel: (o) => o.channel,
  number: (o) => o.number,
  requester: (o) => o.requester,
  createdAt: (o) => o.createdAt,
  updatedAt: (o) => o.updatedAt,
  resolvedAt: (o) => o.resolvedAt,
  customerTier: (o) => o.customerTier,
  customer: (o) => o.customer,
  openAssistCount: (o) => o.openAssistCount,
  state: (o) => o.state,
  dueAt: (o) => o.dueAt,
  data: (o) => o.data,
  actor: (o) => o.actor,
};
const ROOTS = {
  ticket: (f: RuleFacts): unknown => f.ticket,
  event: (f: RuleFacts): unknown => f.event,
  assist: (f: RuleFacts): unknown => f.assist,
  cis: (f: RuleFacts): unknown => f.cis,
} as const;

/** Whether a field (or a template placeholder) reads the affected CIs' facts. */
export const readsCis = (field: string): boolean => splitField(field).root === 'cis';

export function compileAccessor(field: string): Accessor {
  const { root, path } = splitField(field);
  const base = ROOTS[root];
  if (path.length === 0) return base;
  const key = path[0] as string;
  const first: Getter = Object.hasOwn(NAMED, key) ? (NAMED[key] as Getter) : (o) => o[key];
  const rest = path.slice(1);
  return (facts) => {
    const b = base(facts);
    if (b === null || typeof b !== 'object') return undefined;
    const v = first(b as Record<string, unknown>);
    return rest.length === 0 ? v : walk(v, rest);
  };
}

/** What an update event says about a field: {from, to} when it changed, else null. */
export function compileChange(field: string): (facts: RuleFacts) => { from: unknown; to: unknown } | null {
  const { root, path } = splitField(field);
  const name = path.join('.');
  if (root === 'ticket')
    return ({ event: { type, data } }) => {
      if (type === 'ticket.updated')
        return (data.changes as Record<string, { from: unknown; to: unknown }> | undefined)?.[name] ?? null;
      if (type === 'ticket.status_changed' && name === 'status') return { from: data.from, to: data.to };
      if (type === 'ticket.owner_changed' && name === 'ownerId') return { from: data.from, to: data.to };
      return null;
    };
  if (root === 'assist' && name === 'state')
    return ({ event: { type, data } }) =>
      type.startsWith('assist.') && 'to' in data ? { from: data.from, to: data.to } : null;
  return () => null;
}
