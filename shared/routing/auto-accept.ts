/**
 * Personal auto-accept: an agent's own standing choice to "accept tickets routed to me", off until
 * they turn it on, optionally limited to some of their teams and some priorities, and switched off
 * at any time. It is the only way routing can make anyone owner, and then only as that agent's own
 * accept, recorded with the time they set the choice (a team setting cannot do it). Routing honours
 * it only while the agent is online and has room for the ticket.
 *
 * Stored per agent in `config` (partition `auto-accept`), with the latest changes kept beside the
 * current setting, so the "set at" an accept names can still be read after later changes.
 */
import type { DirectoryRepository } from '../directory/directory-repository.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore, StoredDocument } from '../ports/document-store.js';
import type { Priority } from '../tickets/priority.js';
import type { StandingChoice } from '../tickets/ticket-types.js';

export const AUTO_ACCEPT_PK = 'auto-accept';
const HISTORY_KEPT = 20;

export interface AutoAcceptInput {
  readonly enabled: boolean;
  /** Only tickets routed within these of my teams; null: any of my teams. */
  readonly teamIds: readonly string[] | null;
  /** Only these priorities; null: any priority. */
  readonly priorities: readonly Priority[] | null;
}

export interface AutoAcceptSetting extends AutoAcceptInput {
  /** When the agent made this setting (null: never set, the default "off"). */
  readonly setAt: string | null;
}

export interface AutoAcceptPreference extends AutoAcceptSetting {
  readonly agentId: string;
  /** Earlier settings, newest first (the current one excluded), at most 20. */
  readonly history: readonly AutoAcceptSetting[];
}

type PreferenceDoc = AutoAcceptPreference & StoredDocument & { readonly pk: typeof AUTO_ACCEPT_PK };

export const autoAcceptOff = (agentId: string): AutoAcceptPreference => ({
  agentId,
  enabled: false,
  teamIds: null,
  priorities: null,
  setAt: null,
  history: [],
});

/** The standing choice that covers a ticket routed in `teamId` at `priority`, or null. */
export function standingChoiceFor(
  pref: AutoAcceptPreference,
  ticket: { readonly teamId: string; readonly priority: Priority },
): StandingChoice | null {
  if (!pref.enabled || pref.setAt === null) return null;
  if (pref.teamIds !== null && !pref.teamIds.includes(ticket.teamId)) return null;
  if (pref.priorities !== null && !pref.priorities.includes(ticket.priority)) return null;
  return { agentId: pref.agentId, setAt: pref.setAt };
}

export class AutoAcceptPreferences {
  constructor(
    private readonly store: DocumentStore,
    private readonly directory: DirectoryRepository,
    private readonly clock: Clock,
  ) {}

  async get(agentId: string): Promise<AutoAcceptPreference> {
    const found = await this.store.read<PreferenceDoc>('config', AUTO_ACCEPT_PK, agentId);
    if (!found) return autoAcceptOff(agentId);
    const { id: _id, pk: _pk, docType: _docType, ...pref } = found.doc;
    return pref;
  }

  /** The agent sets their own choice; teams must be their own. The time of the change is kept. */
  async set(agentId: string, input: AutoAcceptInput): Promise<Result<AutoAcceptPreference>> {
    const agent = await this.directory.agent(agentId);
    if (!agent) return fail('AGENT.NOT_FOUND', `No agent ${agentId}`);
    const foreign = (input.teamIds ?? []).filter((id) => !agent.teamIds.includes(id));
    if (foreign.length > 0)
      return fail('REQUEST.VALIDATION_FAILED', `You are not in team(s) ${foreign.join(', ')}`, { teamIds: foreign });
    const current = await this.get(agentId);
    const earlier: AutoAcceptSetting[] =
      current.setAt === null
        ? [...current.history]
        : [
            {
              enabled: current.enabled,
              teamIds: current.teamIds,
              priorities: current.priorities,
              setAt: current.setAt,
            },
            ...current.history,
          ];
    const next: AutoAcceptPreference = {
      agentId,
      enabled: input.enabled,
      teamIds: input.teamIds ? [...new Set(input.teamIds)] : null,
      priorities: input.priorities ? [...new Set(input.priorities)] : null,
      setAt: this.clock.now().toISOString(),
      history: earlier.slice(0, HISTORY_KEPT),
    };
    const doc: PreferenceDoc = { ...next, id: agentId, pk: AUTO_ACCEPT_PK, docType: 'auto-accept' };
    await this.store.batch('config', AUTO_ACCEPT_PK, [{ op: 'upsert', doc }]);
    return ok(next);
  }
}
