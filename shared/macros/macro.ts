/**
 * A macro as stored, who may see and manage it, and what its actions would change on a ticket.
 * Personal macros belong to one agent; team macros to a team (managed by its leads and admins);
 * shared macros to everyone (managed by leads and admins).
 */
import type { MacroScope, TMacro, TMacroActions } from '../api/macros.schemas.js';
import type { TeamSnapshot } from '../directory/agent.js';
import type { Actor, ActorRef } from '../kernel/actor.js';
import type { StoredDocument } from '../ports/document-store.js';
import type { TicketStatus } from '../tickets/ticket-status.js';
import type { TicketFieldsPatch, TicketSnapshot } from '../tickets/ticket-types.js';

export interface MacroDoc extends StoredDocument {
  readonly id: string;
  readonly pk: 'macros';
  readonly docType: 'macro';
  readonly name: string;
  readonly description: string;
  readonly scope: MacroScope;
  readonly ownerAgentId: string | null;
  readonly teamId: string | null;
  readonly mode: 'reply' | 'note';
  readonly body: string;
  readonly actions: TMacroActions;
  readonly usageCount: number;
  readonly lastUsedAt: string | null;
  readonly createdBy: ActorRef;
  readonly createdAt: string;
  readonly updatedAt: string;
}

const isAdmin = (actor: Actor): boolean => actor.kind === 'agent' && actor.roles.includes('admin');

export function canSeeMacro(actor: Actor, macro: Pick<MacroDoc, 'scope' | 'ownerAgentId' | 'teamId'>): boolean {
  if (actor.kind !== 'agent') return false;
  switch (macro.scope) {
    case 'shared':
      return true;
    case 'personal':
      return macro.ownerAgentId === actor.agentId;
    case 'team':
      return isAdmin(actor) || (macro.teamId !== null && actor.teamIds.includes(macro.teamId));
  }
}

/** `team` is the macro's team (team macros only): its leads manage its macros. */
export function canManageMacro(
  actor: Actor,
  macro: Pick<MacroDoc, 'scope' | 'ownerAgentId' | 'teamId'>,
  team: Pick<TeamSnapshot, 'leadIds'> | undefined,
): boolean {
  if (actor.kind !== 'agent') return false;
  if (isAdmin(actor)) return macro.scope !== 'personal' || macro.ownerAgentId === actor.agentId;
  switch (macro.scope) {
    case 'personal':
      return macro.ownerAgentId === actor.agentId;
    case 'team':
      return team?.leadIds.includes(actor.agentId) ?? false;
    case 'shared':
      return actor.roles.includes('lead');
  }
}

export const toMacroDto = ({ pk: _pk, docType: _docType, ...macro }: MacroDoc, canManage: boolean): TMacro => ({
  ...macro,
  canManage,
});

export interface ActionPlan {
  /** Only the fields that differ from the ticket's (empty: nothing to edit). */
  readonly patch: TicketFieldsPatch;
  readonly status: TicketStatus | null;
  readonly changes: readonly { field: string; from: unknown; to: unknown }[];
}

/** What the actions change on this ticket as it is now; an action already true of it changes nothing. */
export function planActions(ticket: TicketSnapshot, actions: TMacroActions): ActionPlan {
  const patch: { -readonly [K in keyof TicketFieldsPatch]: TicketFieldsPatch[K] } = {};
  const changes: { field: string; from: unknown; to: unknown }[] = [];
  const set = <K extends 'type' | 'impact' | 'urgency' | 'category' | 'teamId'>(
    field: K,
    to: TicketFieldsPatch[K] | undefined,
  ) => {
    if (to === undefined || ticket[field] === to) return;
    patch[field] = to;
    changes.push({ field, from: ticket[field], to });
  };
  set('type', actions.type);
  set('impact', actions.impact);
  set('urgency', actions.urgency);
  set('category', actions.category);
  set('teamId', actions.teamId);
  if (actions.addTags?.length || actions.removeTags?.length) {
    const remove = new Set(actions.removeTags ?? []);
    const tags = [...new Set([...ticket.tags, ...(actions.addTags ?? [])])].filter((tag) => !remove.has(tag));
    if (JSON.stringify(tags) !== JSON.stringify(ticket.tags)) {
      patch.tags = tags;
      changes.push({ field: 'tags', from: ticket.tags, to: tags });
    }
  }
  const status = actions.status !== undefined && actions.status !== ticket.status ? actions.status : null;
  if (status) changes.push({ field: 'status', from: ticket.status, to: status });
  return { patch, status, changes };
}
