/**
 * Managing agents and teams (admins, ADR 0028): create and replace with If-Match, so two admins
 * cannot overwrite each other. A team's members are the agents whose `teamIds` name it, so a
 * team save writes the team (etag-guarded) and then the agents whose membership changed, in one
 * batch of the agents partition (each etag-guarded; re-read and re-applied when an agent changed
 * meanwhile, since adding or removing a team is safe to apply again). Guards: an address belongs
 * to one agent, leads and members exist, and the last active admin cannot lose the role.
 */
import type { TAgentInput, TTeamInput } from '../api/directory.schemas.js';
import { ZAgentInput, ZTeamInput } from '../api/directory.schemas.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { ConcurrencyConflictError } from '../ports/document-store.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { AgentSnapshot, TeamSnapshot } from './agent.js';
import type { DirectoryRepository, WithEtag } from './directory-repository.js';

const MEMBERSHIP_ATTEMPTS = 5;
const stale = (what: string) =>
  fail('REQUEST.PRECONDITION_FAILED', `The ${what} changed since you loaded it (If-Match)`);

export interface TeamWithMembers {
  readonly team: TeamSnapshot & { readonly memberIds: readonly string[] };
  readonly etag: string;
}

const isActiveAdmin = (a: AgentSnapshot) => a.active && a.roles.includes('admin');

export class DirectoryAdmin {
  constructor(
    private readonly directory: DirectoryRepository,
    private readonly ids: IdGenerator,
    /** Whether an SLA calendar exists (an agent's working hours name one). */
    private readonly calendarExists: (id: string) => Promise<boolean> = async () => false,
  ) {}

  async agent(id: string): Promise<Result<WithEtag<AgentSnapshot>>> {
    const found = await this.directory.agentVersioned(id);
    return found ? ok(found) : fail('AGENT.NOT_FOUND', `No agent ${id}`);
  }

  async createAgent(raw: TAgentInput): Promise<Result<WithEtag<AgentSnapshot>>> {
    const parsed = ZAgentInput.parse(raw);
    const input = { ...parsed, email: parsed.email.toLowerCase() };
    const checked = await this.checkAgent(input, null);
    if (!checked.ok) return checked;
    const agent: AgentSnapshot = { id: this.ids.next('ag_'), ...input, availability: 'offline', reachByEmail: null };
    const [etag] = await this.directory.writeAgents([{ agent, ifMatch: null }]);
    return ok({ doc: agent, etag: etag as string });
  }

  async updateAgent(id: string, raw: TAgentInput, ifMatch?: string): Promise<Result<WithEtag<AgentSnapshot>>> {
    const parsed = ZAgentInput.parse(raw);
    const input = { ...parsed, email: parsed.email.toLowerCase() };
    const found = await this.directory.agentVersioned(id);
    if (!found) return fail('AGENT.NOT_FOUND', `No agent ${id}`);
    if (ifMatch !== undefined && ifMatch !== found.etag) return stale('agent');
    const checked = await this.checkAgent(input, found.doc);
    if (!checked.ok) return checked;
    const agent: AgentSnapshot = { ...found.doc, ...input };
    const [etag] = await this.directory.writeAgents([{ agent, ifMatch: found.etag }]);
    return ok({ doc: agent, etag: etag as string });
  }

  async team(id: string): Promise<Result<TeamWithMembers>> {
    const found = await this.directory.teamVersioned(id);
    if (!found) return fail('TEAM.NOT_FOUND', `No team ${id}`);
    const members = (await this.directory.agents()).filter((a) => a.teamIds.includes(id)).map((a) => a.id);
    return ok({ team: { ...found.doc, memberIds: members }, etag: found.etag });
  }

  async createTeam(raw: TTeamInput): Promise<Result<TeamWithMembers>> {
    const input = ZTeamInput.parse(raw);
    if (!input.id)
      return fail('REQUEST.VALIDATION_FAILED', 'A new team needs an id', {
        errors: [{ path: 'id', message: 'required' }],
      });
    if (await this.directory.team(input.id)) return fail('TEAM.ID_TAKEN', `A team ${input.id} exists already`);
    return this.saveTeam(null, input, input.id);
  }

  async updateTeam(id: string, raw: TTeamInput, ifMatch?: string): Promise<Result<TeamWithMembers>> {
    const input = ZTeamInput.parse(raw);
    const found = await this.directory.teamVersioned(id);
    if (!found) return fail('TEAM.NOT_FOUND', `No team ${id}`);
    if (ifMatch !== undefined && ifMatch !== found.etag) return stale('team');
    return this.saveTeam(found, input, id);
  }

  private async saveTeam(
    found: WithEtag<TeamSnapshot> | null,
    input: ReturnType<typeof ZTeamInput.parse>,
    id: string,
  ): Promise<Result<TeamWithMembers>> {
    const agents = new Map((await this.directory.agents()).map((a) => [a.id, a]));
    const unknown = [...input.leadIds, ...input.memberIds].filter((a) => !agents.has(a));
    if (unknown.length > 0) return fail('AGENT.NOT_FOUND', `No agent ${[...new Set(unknown)].join(', ')}`);
    const team: TeamSnapshot = {
      ...(found?.doc ?? { reachByEmail: null }),
      id,
      slug: found?.doc.slug ?? id,
      name: input.name,
      leadIds: input.leadIds,
      offerMinutes: input.offerMinutes,
    };
    const etag = await this.directory.writeTeam(team, found?.etag ?? null);
    await this.applyMembership(id, new Set(input.memberIds));
    return ok({ team: { ...team, memberIds: [...input.memberIds].sort() }, etag });
  }

  /** Adds the team to its members and removes it from everyone else, etag-guarded, retried on a race. */
  private async applyMembership(teamId: string, members: ReadonlySet<string>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const changes = (await this.directory.agentsVersioned()).flatMap(({ doc, etag }) => {
        const has = doc.teamIds.includes(teamId);
        if (has === members.has(doc.id)) return [];
        const teamIds = has ? doc.teamIds.filter((t) => t !== teamId) : [...doc.teamIds, teamId];
        return [{ agent: { ...doc, teamIds }, ifMatch: etag }];
      });
      try {
        await this.directory.writeAgents(changes);
        return;
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError) || attempt >= MEMBERSHIP_ATTEMPTS) throw error;
      }
    }
  }

  private async checkAgent(
    input: ReturnType<typeof ZAgentInput.parse>,
    before: AgentSnapshot | null,
  ): Promise<Result<void>> {
    const sameEmail = await this.directory.agentByEmail(input.email);
    if (sameEmail && sameEmail.id !== before?.id)
      return fail('AGENT.EMAIL_TAKEN', `${input.email} is already ${sameEmail.name}'s address`);
    for (const teamId of input.teamIds)
      if (!(await this.directory.team(teamId))) return fail('TEAM.NOT_FOUND', `No team ${teamId}`);
    if (input.workingCalendarId && !(await this.calendarExists(input.workingCalendarId)))
      return fail('REQUEST.VALIDATION_FAILED', `No SLA calendar ${input.workingCalendarId} for the working hours`, {
        errors: [{ path: 'workingCalendarId', message: `no calendar ${input.workingCalendarId}` }],
      });
    const losesAdmin = before !== null && isActiveAdmin(before) && !isActiveAdmin({ ...before, ...input });
    if (losesAdmin && (await this.directory.agents()).filter(isActiveAdmin).length <= 1)
      return fail('DIRECTORY.LAST_ADMIN', `${before.name} is the last active admin: make someone else admin first`);
    return ok(undefined);
  }
}
