/**
 * A change's risk with the CMDB's facts, and the incident's view of changes (issue 16, ADR 0031).
 *
 * - Risk: the facts the rules of change-risk.ts need, gathered here: the affected CIs' criticality,
 *   the business services they impact (the impact analysis), unsuccessful or backed-out changes on
 *   the same CIs in the lookback (the slots), and whether the planned window is outside the CIs'
 *   maintenance windows. The questionnaire's answers and the rules then give the risk; the
 *   higher wins and every reason is kept. Recorded through the aggregate (planning states only).
 * - A ticket's changes: those planned or started on its CIs in the last 72 hours (iTop's view),
 *   and the changes linked to it with their current state (made from it, or that caused it).
 * - An incident caused by a change is linked both ways: `caused` on the change, `caused_by` on
 *   the ticket (each through its own aggregate's kernel link; nothing of the ticket's owner moves).
 */
import type { ImpactGraph } from '../cmdb/impact.js';
import type { Actor } from '../kernel/actor.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { Clock } from '../ports/clock.js';
import { detectConflicts } from './change-conflicts.js';
import type { ChangeRepository } from './change-repository.js';
import {
  assessChangeRisk,
  DEFAULT_RISK_RULES,
  type RiskFacts,
  type RiskQuestionnaire,
  type RiskRuleSettings,
} from './change-risk.js';
import { cmdbFactsOf } from './change-schedule-facts.js';
import type { ChangeScheduleRepository } from './change-schedule-repository.js';
import type { ChangeState } from './change-state.js';
import type { TicketSide } from './change-ticket-side.js';
import type { ChangeSnapshot } from './change-types.js';
import type { ChangeOutcome, ChangeUseCases } from './change-use-cases.js';
import { GLOBAL_SCOPE } from './change-windows.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The questionnaire until an admin screen keeps one: four questions ServiceNow's default asks. */
export const DEFAULT_RISK_QUESTIONNAIRE: RiskQuestionnaire = {
  questions: [
    {
      id: 'outage',
      text: 'Does the change need an outage of the service?',
      options: [
        { value: 'none', label: 'No outage', points: 0 },
        { value: 'partial', label: 'A partial outage', points: 2 },
        { value: 'full', label: 'A full outage', points: 4 },
      ],
    },
    {
      id: 'tested',
      text: 'Was the change tested in a non-production environment?',
      options: [
        { value: 'yes', label: 'Yes', points: 0 },
        { value: 'no', label: 'No', points: 3 },
      ],
    },
    {
      id: 'backout',
      text: 'Can the change be backed out?',
      options: [
        { value: 'easy', label: 'Easily, in minutes', points: 0 },
        { value: 'hard', label: 'With effort', points: 2 },
        { value: 'no', label: 'No', points: 4 },
      ],
    },
    {
      id: 'experience',
      text: 'Has the team made this change before?',
      options: [
        { value: 'often', label: 'Often', points: 0 },
        { value: 'once', label: 'Once or twice', points: 1 },
        { value: 'never', label: 'Never', points: 2 },
      ],
    },
  ],
  thresholds: { moderate: 3, high: 6, very_high: 9 },
};

const UNSUCCESSFUL = new Set(['unsuccessful', 'backed_out']);

export interface TicketChanges {
  readonly hours: number;
  readonly recent: readonly {
    changeId: string;
    number: string;
    title: string;
    state: ChangeState;
    closeCode: ChangeSnapshot['closeCode'];
    ciId: string;
    plannedStart: string | null;
    plannedEnd: string | null;
    actualStart: string | null;
    actualEnd: string | null;
  }[];
  readonly linked: readonly { changeId: string; number: string; title: string; state: ChangeState; kind: string }[];
}

export class ChangeInsights {
  constructor(
    private readonly changes: ChangeRepository,
    private readonly useCases: ChangeUseCases,
    private readonly schedule: ChangeScheduleRepository,
    private readonly graph: ImpactGraph,
    private readonly tickets: TicketSide,
    private readonly clock: Clock,
    private readonly questionnaire: RiskQuestionnaire = DEFAULT_RISK_QUESTIONNAIRE,
    private readonly rules: RiskRuleSettings = DEFAULT_RISK_RULES,
  ) {}

  /** What the risk screen shows: the questionnaire, the rules' settings, the facts and the risk so far. */
  async risk(changeId: string) {
    const found = await this.changes.readSnapshot(changeId);
    if (!found) return fail('CHANGE.NOT_FOUND', `No change ${changeId}`);
    const facts = await this.riskFacts(found.doc);
    return ok({ questionnaire: this.questionnaire, rules: this.rules, facts, risk: found.doc.risk });
  }

  /** Assesses the risk from the answers and the facts, and records it on the change. */
  async assessRisk(
    changeId: string,
    answers: Readonly<Record<string, string>>,
    actor: Actor,
    ifMatch?: string,
  ): Promise<Result<ChangeOutcome>> {
    const found = await this.changes.readSnapshot(changeId);
    if (!found) return fail('CHANGE.NOT_FOUND', `No change ${changeId}`);
    const assessed = assessChangeRisk(this.questionnaire, answers, await this.riskFacts(found.doc), this.rules);
    if (!assessed.ok) return assessed;
    return this.useCases.assessRisk(changeId, assessed.value, actor, ifMatch ? { ifMatch } : {});
  }

  async riskFacts(change: ChangeSnapshot): Promise<RiskFacts> {
    const ciIds = change.affectedCiIds;
    const cmdb = await cmdbFactsOf(this.graph, ciIds);
    const now = this.clock.now().getTime();
    const lookback = this.rules.unsuccessfulLookbackDays * DAY_MS;
    const history = await this.schedule.ciHistory(ciIds, now - lookback - 31 * DAY_MS, now);
    const name = (id: string) => cmdb.nodes.get(id)?.name ?? id;
    const recentUnsuccessful = [
      ...new Map(
        history
          .filter((s) => s.changeId !== change.id && s.closeCode !== null && UNSUCCESSFUL.has(s.closeCode))
          .filter((s) => Date.parse(s.actualEnd ?? s.end ?? s.start ?? '') >= now - lookback)
          .map((s) => [`${s.changeId}:${s.resourceId}`, { number: s.number, ciName: name(s.resourceId) }]),
      ).values(),
    ];
    const services = [
      ...new Map(cmdb.services.map((s) => [s.serviceId, { id: s.serviceId, name: name(s.serviceId) }])).values(),
    ];
    return {
      cis: ciIds.flatMap((id) => {
        const n = cmdb.nodes.get(id);
        return n ? [{ ciId: id, name: n.name, criticality: n.criticality }] : [];
      }),
      impactedServices: services,
      recentUnsuccessful,
      outsideMaintenanceWindow: await this.outsideMaintenance(change, cmdb.services),
    };
  }

  /** Null when unplanned or no maintenance window governs the CIs; else whether the window leaves them. */
  private async outsideMaintenance(
    change: ChangeSnapshot,
    services: readonly { serviceId: string; viaCiId: string }[],
  ) {
    if (change.plannedStart === null || change.plannedEnd === null) return null;
    const scopes = [GLOBAL_SCOPE, ...change.affectedCiIds, ...services.map((s) => s.serviceId)];
    const windows = (await this.schedule.windowsIn(scopes)).filter((w) => w.kind === 'maintenance');
    if (windows.length === 0) return null;
    const proposal = {
      changeId: change.id,
      start: Date.parse(change.plannedStart),
      end: Date.parse(change.plannedEnd),
      ciIds: change.affectedCiIds,
      agentIds: [],
    };
    const facts = {
      names: new Map(),
      neighbours: [],
      services,
      ciBookings: [],
      agentBookings: [],
      windows,
      incidents: [],
    };
    return detectConflicts(proposal, facts).some((c) => c.kind === 'outside_maintenance');
  }

  /** The changes on the ticket's CIs in the last `hours`, and the changes linked to it. */
  async ticketChanges(ticketRef: string, hours: number): Promise<Result<TicketChanges>> {
    const ticket = await this.tickets.find(ticketRef);
    if (!ticket) return fail('TICKET.NOT_FOUND', `No ticket ${ticketRef}`);
    const now = this.clock.now().getTime();
    const slots =
      ticket.ciIds.length > 0 ? await this.schedule.ciHistory(ticket.ciIds, now - hours * HOUR_MS, now) : [];
    const recent = slots
      .filter((s) => s.changeState !== 'cancelled' && s.changeState !== 'rejected')
      .sort((a, b) => (b.start ?? '').localeCompare(a.start ?? ''))
      .map((s) => ({
        changeId: s.changeId,
        number: s.number,
        title: s.title,
        state: s.changeState,
        closeCode: s.closeCode,
        ciId: s.resourceId,
        plannedStart: s.start,
        plannedEnd: s.end,
        actualStart: s.actualStart,
        actualEnd: s.actualEnd,
      }));
    const links = ticket.links.filter((l) => l.practice === 'change');
    const linked = [];
    for (const l of links) {
      const found = await this.changes.readSnapshot(l.id);
      if (found)
        linked.push({ changeId: l.id, number: l.number, title: found.doc.title, state: found.doc.state, kind: l.kind });
    }
    return ok({ hours, recent, linked });
  }

  /** Links an incident caused by the change, both ways. */
  async linkCausedIncident(changeId: string, ticketRef: string, actor: Actor): Promise<Result<ChangeOutcome>> {
    if (actor.kind !== 'agent') return fail('AUTH.FORBIDDEN', 'Agents link incidents');
    const ticket = await this.tickets.find(ticketRef);
    if (!ticket) return fail('TICKET.NOT_FOUND', `No ticket ${ticketRef}`);
    const found = await this.changes.readSnapshot(changeId);
    if (!found) return fail('CHANGE.NOT_FOUND', `No change ${changeId}`);
    const linked = await this.useCases.link(
      changeId,
      'caused',
      { practice: 'ticket', id: ticket.id, number: ticket.number },
      actor,
    );
    if (!linked.ok) return linked;
    const back = await this.tickets.link(
      ticket.id,
      'caused_by',
      { practice: 'change', id: changeId, number: found.doc.number },
      actor,
    );
    if (!back.ok) return back as Result<never>;
    return linked;
  }
}
