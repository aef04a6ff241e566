/** The team editor's form: leads and members as ticked lists of agents, the offer time as text. */
import type { TeamInput, TTeamDetail } from '$lib/api/admin-endpoints';

export interface TeamForm {
  id: string;
  name: string;
  leadIds: string[];
  memberIds: string[];
  offerMinutes: string;
}

export const blankTeam = (): TeamInput => ({ id: '', name: '', leadIds: [], memberIds: [], offerMinutes: 10 });

export const toTeamForm = (t: TTeamDetail | TeamInput): TeamForm => ({
  id: t.id,
  name: t.name,
  leadIds: [...(t.leadIds ?? [])],
  memberIds: [...(t.memberIds ?? [])],
  offerMinutes: String(t.offerMinutes ?? 10),
});

export const fromTeamForm = (f: TeamForm): TeamInput => ({
  id: f.id.trim(),
  name: f.name,
  leadIds: f.leadIds,
  memberIds: f.memberIds,
  offerMinutes: Number(f.offerMinutes),
});
