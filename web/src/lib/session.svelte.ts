/**
 * Who is signed in and the directory names the screens show (agents, teams), loaded once.
 * Roles shape the UI: helpers here say what the caller may see, the API still decides.
 */
import type { TAgent, TTeam } from '$shared/api/directory.schemas';
import type { TTicket } from '$shared/api/tickets.schemas';
import type { AuthMode } from './auth';

export const session = $state({
  mode: 'dev' as AuthMode,
  me: null as TAgent | null,
  agents: [] as TAgent[],
  teams: [] as TTeam[],
});

export const agentName = (id: string | null | undefined): string =>
  id ? (session.agents.find((a) => a.id === id)?.name ?? id) : 'Unassigned';

export const teamName = (id: string | null | undefined): string =>
  id ? (session.teams.find((t) => t.id === id)?.name ?? id) : 'No team';

const OWNING = ['agent', 'lead', 'admin'] as const;

export const canOwn = (me: TAgent | null): boolean =>
  !!me && me.roles.some((r) => (OWNING as readonly string[]).includes(r));
export const isLeadOrAdmin = (me: TAgent | null): boolean =>
  !!me && me.roles.some((r) => r === 'lead' || r === 'admin');
export const isAdmin = (me: TAgent | null): boolean => !!me && me.roles.includes('admin');

/** Accept is offered to agents who can own tickets, for unowned tickets still being worked. */
export const mayAccept = (me: TAgent | null, t: TTicket): boolean =>
  canOwn(me) && t.ownerId === null && t.status !== 'resolved' && t.status !== 'closed';

export const isOwner = (me: TAgent | null, t: TTicket): boolean => !!me && t.ownerId === me.id;

/** The owner works the ticket; leads and admins may step in (transfer, status). */
export const mayManage = (me: TAgent | null, t: TTicket): boolean => isOwner(me, t) || isLeadOrAdmin(me);

/** Who may edit (and so merge) a ticket, as the API decides (shared/tickets/ticket-permissions.ts). */
export const mayEdit = (me: TAgent | null, t: TTicket): boolean =>
  mayManage(me, t) || (t.ownerId === null && canOwn(me));
