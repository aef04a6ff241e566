/**
 * Who the approvers of a change are (ADR 0030): the policy's groups resolved to people, then the
 * plan (approval-policy.ts). Change managers, CAB and emergency CAB come from the approval
 * settings (empty: leads and admins manage changes, they are the CAB, and the CAB is the emergency
 * CAB); the owner teams of the affected CIs and of the business services they impact come from
 * the CMDB, their active members being the approvers. Inactive agents never approve.
 */
import type { CiSnapshot } from '../cmdb/ci.js';
import { analyseImpact, type ImpactGraph } from '../cmdb/impact.js';
import { type AgentSnapshot, isSupervisor } from '../directory/agent.js';
import type { DirectoryRepository } from '../directory/directory-repository.js';
import { type ApproverGroup, type PlanOutcome, planApprovals } from './approval-policy.js';
import type { ApprovalSettingsRepository } from './approval-settings.js';
import type { ChangeSnapshot } from './change-types.js';

/** What the change use cases ask when a change enters authorization. */
export interface ApprovalPlanner {
  plan(change: ChangeSnapshot, now: Date): Promise<PlanOutcome>;
}

export interface CiReader extends ImpactGraph {
  many(ids: readonly string[]): Promise<readonly CiSnapshot[]>;
}

export class ApproverLookup implements ApprovalPlanner {
  constructor(
    private readonly directory: DirectoryRepository,
    private readonly cis: CiReader,
    private readonly settings: ApprovalSettingsRepository,
  ) {}

  async plan(change: ChangeSnapshot, now: Date): Promise<PlanOutcome> {
    const members = await this.groups(change);
    const { settings } = await this.settings.current();
    return planApprovals(
      settings.policy,
      { type: change.type, risk: change.risk?.level ?? 'low', requesterAgentId: change.requester.agentId },
      (g) => members[g],
      now,
    );
  }

  async groups(change: ChangeSnapshot): Promise<Record<ApproverGroup, readonly string[]>> {
    const { settings } = await this.settings.current();
    const agents = (await this.directory.agents()).filter((a) => a.active);
    const active = new Set(agents.map((a) => a.id));
    const named = (ids: readonly string[]) => ids.filter((id) => active.has(id));
    const ofTeams = (teamIds: ReadonlySet<string>) =>
      agents.filter((a: AgentSnapshot) => a.teamIds.some((t) => teamIds.has(t))).map((a) => a.id);
    const changeManagers =
      settings.changeManagerIds.length > 0
        ? named(settings.changeManagerIds)
        : agents.filter((a) => isSupervisor(a.roles)).map((a) => a.id);
    const cab = settings.cabMemberIds.length > 0 ? named(settings.cabMemberIds) : changeManagers;
    const ecab = settings.ecabMemberIds.length > 0 ? named(settings.ecabMemberIds) : cab;
    const cis = change.affectedCiIds.length > 0 ? await this.cis.many(change.affectedCiIds) : [];
    const ciTeams = new Set(cis.flatMap((ci) => (ci.ownerTeamId ? [ci.ownerTeamId] : [])));
    const impact =
      change.affectedCiIds.length > 0
        ? await analyseImpact(this.cis, change.affectedCiIds, { direction: 'downstream' })
        : { businessServices: [] };
    const serviceIds = impact.businessServices.map((s) => s.ci.id);
    const services = serviceIds.length > 0 ? await this.cis.many(serviceIds) : [];
    const serviceTeams = new Set(services.flatMap((s) => (s.ownerTeamId ? [s.ownerTeamId] : [])));
    return {
      change_manager: changeManagers,
      ci_owner_teams: ofTeams(ciTeams),
      service_owners: ofTeams(serviceTeams),
      cab,
      ecab,
    };
  }
}
