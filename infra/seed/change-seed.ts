/**
 * The change management demo (issue 16, ADR 0030), seeded on first start after the organisation:
 * Fiona Finance, a change manager reached by email only; approval settings where a low-risk normal
 * change needs both change managers (Lee in the app, Fiona by reply); a normal change waiting for
 * the two of them; a high-risk change that Lee passed on to the CAB, on the weekly CAB's agenda;
 * and a standard change made from the "restart an app pool" template, scheduled at once.
 */
import type { Services } from '../../functions/services.js';
import type { ApprovalPolicy } from '../../shared/changes/approval-policy.js';
import { DEFAULT_APPROVAL_POLICY } from '../../shared/changes/approval-settings.js';
import type { ChangeRisk } from '../../shared/changes/change-risk.js';
import type { AgentSnapshot } from '../../shared/directory/agent.js';
import type { Actor } from '../../shared/kernel/actor.js';
import type { Result } from '../../shared/kernel/result.js';
import { DEMO_AGENTS } from './demo-organisation.js';

const must = <T>(result: Result<T>, what: string): T => {
  if (!result.ok) throw new Error(`seed: ${what}: ${result.error.code} ${result.error.message}`);
  return result.value;
};

const actorOf = (agent: AgentSnapshot): Actor => ({
  kind: 'agent',
  agentId: agent.id,
  roles: agent.roles,
  teamIds: agent.teamIds,
});
const demo = (id: string): Actor => actorOf(DEMO_AGENTS.find((a) => a.id === id) as AgentSnapshot);

/** Reached by email only: she approves by replying to the approval mail (README: approval reply words). */
export const FIONA: AgentSnapshot = {
  id: 'ag_fiona',
  name: 'Fiona Finance',
  email: 'fiona@demo.local',
  roles: ['expert'],
  teamIds: [],
  skills: [],
  capacity: 0,
  availability: 'offline',
  active: true,
  reachByEmail: { address: 'fiona@demo.local', allowExternal: false, timeZone: 'Europe/Berlin' },
};

const risk = (level: ChangeRisk['level'], reasons: string[]): ChangeRisk => ({
  level,
  questionnaireLevel: 'low',
  ruleLevel: level,
  points: 0,
  answers: {},
  reasons: reasons.map((text) => ({ source: 'rule', level, text })),
});

/** The default table, except that a low-risk normal change needs every change manager. */
const SEED_POLICY: ApprovalPolicy = {
  rules: DEFAULT_APPROVAL_POLICY.rules.map((r) =>
    r.types?.includes('normal') && r.risks?.includes('low')
      ? {
          ...r,
          name: 'Normal, low risk: both change managers',
          steps: r.steps.map((s) => ({ ...s, quorum: { kind: 'all' as const } })),
        }
      : r,
  ),
};

const nextThursday = (now: Date): Date => {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 14, 0));
  d.setUTCDate(d.getUTCDate() + ((4 - d.getUTCDay() + 7) % 7 || 7));
  return d;
};

export async function seedChanges(
  s: Pick<Services, 'directory' | 'changes' | 'changeApprovals' | 'changeTemplates' | 'cab'>,
  now: Date,
): Promise<void> {
  const alice = demo('ag_alice');
  const lee = demo('ag_lee');
  await s.directory.saveAgent(FIONA);
  must(
    await s.changeApprovals.saveSettings(
      {
        policy: SEED_POLICY as Parameters<typeof s.changeApprovals.saveSettings>[0]['policy'],
        changeManagerIds: ['ag_lee', 'ag_fiona'],
        cabMemberIds: ['ag_lee', 'ag_oscar', 'ag_mia'],
        ecabMemberIds: ['ag_lee', 'ag_mia'],
      },
      demo('ag_admin'),
      null,
    ),
    'approval settings',
  );
  const day = (n: number, hour: number) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + n, hour)).toISOString();

  /** Alice's normal change, assessed and sent for authorization. */
  const authorizing = async (title: string, level: ChangeRisk['level'], reasons: string[], n: number) => {
    const made = must(
      await s.changes.create(
        {
          type: 'normal',
          title,
          description: `${title} (demo).`,
          justification: 'Vendor support ends this quarter',
          implementationPlan: 'Fail over to the passive node, patch, fail back, patch the second node',
          backoutPlan: 'Uninstall the update and fail back',
          testPlan: 'Smoke tests of the orders app; replication healthy',
          plannedStart: day(n, 20),
          plannedEnd: day(n, 23),
        },
        alice,
      ),
      `create ${title}`,
    );
    const id = made.change.id;
    must(await s.changes.accept(id, alice), 'accept');
    must(await s.changes.move(id, { state: 'assess' }, alice), 'assess');
    must(await s.changes.assessRisk(id, risk(level, reasons), alice), 'risk');
    must(await s.changes.move(id, { state: 'authorize' }, alice), 'authorize');
    return id;
  };

  await authorizing('Patch the SQL cluster (CU 14)', 'low', ['Inside the maintenance window'], 6);
  const migration = await authorizing(
    'Move the mail cluster to the new datacenter',
    'high',
    ['Impacts Mail', 'Scheduled outside the maintenance window'],
    9,
  );
  // Lee approves as change manager: the change goes on to the CAB.
  const approvals = must(await s.changeApprovals.ofChange(migration), 'approvals').approvals;
  const lees = approvals.records.find((r) => r.approverId === 'ag_lee' && r.state === 'requested');
  if (lees)
    must(
      await s.changeApprovals.decide(migration, lees.id, { decision: 'approve', reason: 'Plan reviewed' }, lee),
      'lee approves',
    );
  must(
    await s.cab.create(
      {
        title: 'Weekly CAB',
        kind: 'cab',
        startsAt: nextThursday(now).toISOString(),
        durationMinutes: 60,
        cadence: 'weekly',
        memberIds: ['ag_lee', 'ag_oscar', 'ag_mia'],
      },
      lee,
    ),
    'weekly CAB',
  );
  const standard = must(
    await s.changeTemplates.createChange('tpl_restart_app_pool', { plannedStart: day(1, 6) }, alice),
    'standard change',
  );
  must(await s.changes.accept(standard.change.id, alice), 'accept standard');
  must(await s.changes.move(standard.change.id, { state: 'scheduled' }, alice), 'schedule standard');
}
