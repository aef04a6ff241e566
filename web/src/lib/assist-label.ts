/** The short label that links a timeline entry to its assist thread ("Assist: Dave DBA"). */
import type { TAssist } from '$shared/api/assists.schemas';
import { agentName, teamName } from './session.svelte';

export default function assistThreadLabel(a: TAssist): string {
  return `Assist: ${a.target.kind === 'agent' ? agentName(a.target.agentId) : teamName(a.target.teamId)}`;
}
