/**
 * The CAB (issue 16, ADR 0030): recurring meetings (members, cadence; an emergency CAB for
 * emergency changes), the agenda built from the changes whose open approval step is the CAB's (or
 * the emergency CAB's), and the minutes: one decision per change with the attendees recorded. The
 * CAB is an approver step of the policy, so a member's vote at the meeting is that member's own
 * approval (nobody votes for the absent; they decide in the app or by mail); `defer` only minutes.
 * Meetings live in the `config` container (partition `cab-meetings`), each written with its ETag.
 */
import type {
  TCabAgendaItem,
  TCabDecision,
  TCabDecisionInput,
  TCabMeeting,
  TCreateCabMeeting,
} from '../api/cab.schemas.js';
import { isSupervisor } from '../directory/agent.js';
import type { Actor } from '../kernel/actor.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore, StoredDocument } from '../ports/document-store.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { ApprovalSettingsRepository } from './approval-settings.js';
import { currentRecords } from './change-approvals.js';
import type { ChangeSnapshot } from './change-types.js';
import type { ChangeUseCases } from './change-use-cases.js';

const PK = 'cab-meetings';
const DAY = 86_400_000;

type StoredMeeting = Omit<TCabMeeting, 'nextOccurrences'> & StoredDocument & { pk: string; docType: 'cab-meeting' };

/** The next `count` starts of a meeting from `now` on (a one-off meeting: its start, if still ahead). */
export function occurrences(m: Pick<TCabMeeting, 'startsAt' | 'cadence'>, now: Date, count = 4): string[] {
  const first = new Date(m.startsAt);
  if (m.cadence === 'none') return first.getTime() >= now.getTime() ? [first.toISOString()] : [];
  const out: string[] = [];
  for (let i = 0; out.length < count && i < 1000; i++) {
    const at =
      m.cadence === 'monthly'
        ? new Date(
            Date.UTC(
              first.getUTCFullYear(),
              first.getUTCMonth() + i,
              first.getUTCDate(),
              first.getUTCHours(),
              first.getUTCMinutes(),
            ),
          )
        : new Date(first.getTime() + i * (m.cadence === 'weekly' ? 7 : 14) * DAY);
    if (at.getTime() >= now.getTime()) out.push(at.toISOString());
  }
  return out;
}

/** The change's open CAB (or ECAB) step in its current round, if any. */
function openCabStep(c: ChangeSnapshot, kind: 'cab' | 'ecab') {
  const p = c.approvals;
  if (!p || c.state !== 'authorize') return undefined;
  const records = currentRecords(p).filter((r) => r.group === kind);
  const open = records.filter((r) => r.state === 'requested');
  if (open.length === 0) return undefined;
  const step = p.plan.steps[open[0]?.step ?? 0];
  return { step, records, open };
}

export class CabMeetings {
  constructor(
    private readonly d: {
      readonly store: DocumentStore;
      readonly clock: Clock;
      readonly ids: IdGenerator;
      readonly changes: ChangeUseCases;
      readonly settings: ApprovalSettingsRepository;
    },
  ) {}

  async list(): Promise<TCabMeeting[]> {
    const page = await this.d.store.query<StoredMeeting>('config', {
      partitionKey: PK,
      where: [{ field: 'pk', op: 'eq', value: PK }],
      limit: 100,
    });
    return page.items.map((i) => this.view(i.doc)).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  }

  async get(id: string): Promise<Result<{ meeting: TCabMeeting; etag: string }>> {
    const found = await this.d.store.read<StoredMeeting>('config', PK, id);
    return found
      ? ok({ meeting: this.view(found.doc), etag: found.etag })
      : fail('CAB.MEETING_NOT_FOUND', `No CAB meeting ${id}`);
  }

  /** Leads and admins schedule CAB meetings. */
  async create(input: TCreateCabMeeting, actor: Actor): Promise<Result<{ meeting: TCabMeeting; etag: string }>> {
    if (actor.kind !== 'agent' || !isSupervisor(actor.roles))
      return fail('AUTH.FORBIDDEN', 'Leads and admins schedule CAB meetings');
    const id = this.d.ids.next('cab_');
    const doc: StoredMeeting = {
      ...input,
      id,
      pk: PK,
      docType: 'cab-meeting',
      createdBy: actor.agentId,
      createdAt: this.d.clock.now().toISOString(),
      decisions: [],
    };
    const [etag] = await this.d.store.batch('config', PK, [{ op: 'create', doc }]);
    return ok({ meeting: this.view(doc), etag: etag as string });
  }

  /** The changes waiting for this CAB: their open approval step is the CAB's (or the emergency CAB's). */
  async agenda(id: string): Promise<Result<TCabAgendaItem[]>> {
    const found = await this.get(id);
    if (!found.ok) return found;
    const { kind } = found.value.meeting;
    const waiting = await this.d.changes.list({ state: ['authorize'], limit: 100 }, { kind: 'system', name: 'cab' });
    const items: TCabAgendaItem[] = [];
    for (const c of waiting.items) {
      const open = openCabStep(c, kind);
      if (!open) continue;
      items.push({
        changeId: c.id,
        changeNumber: c.number,
        title: c.title,
        type: c.type,
        risk: c.risk?.level ?? null,
        plannedStart: c.plannedStart,
        plannedEnd: c.plannedEnd,
        ownerId: c.ownerId,
        needed: open.step?.needed ?? 0,
        approved: open.records.filter((r) => r.state === 'approved').length,
        waitingFor: open.open.map((r) => r.approverId),
        dueAt: open.open[0]?.dueAt ?? null,
      });
    }
    return ok(items.sort((a, b) => (a.dueAt ?? '').localeCompare(b.dueAt ?? '')));
  }

  /**
   * The minutes of one change: recorded by an attending member; approve/reject is that member's
   * own approval on the CAB step (they must be one of its approvers), the others' stay theirs.
   */
  async decide(
    id: string,
    input: TCabDecisionInput,
    actor: Actor,
  ): Promise<Result<{ meeting: TCabMeeting; etag: string }>> {
    const found = await this.d.store.read<StoredMeeting>('config', PK, id);
    if (!found) return fail('CAB.MEETING_NOT_FOUND', `No CAB meeting ${id}`);
    const meeting = found.doc;
    const changeId = await this.d.changes.resolveId(input.changeId);
    const loaded = changeId ? await this.d.changes.get(changeId) : undefined;
    if (!loaded?.ok) return fail('CHANGE.NOT_FOUND', `No change ${input.changeId}`);
    let change = loaded.value.change;
    const open = openCabStep(change, meeting.kind);
    if (!open) return fail('CAB.NOT_ON_AGENDA', `${change.number} is not waiting for this CAB`);
    const members = await this.membersOf(meeting, open.step?.approverIds ?? []);
    if (actor.kind !== 'agent' || !members.includes(actor.agentId) || !input.attendeeIds.includes(actor.agentId))
      return fail('AUTH.FORBIDDEN', 'Only an attending member of this CAB records its decisions');
    const strangers = input.attendeeIds.filter((a) => !members.includes(a));
    if (strangers.length > 0)
      return fail('REQUEST.VALIDATION_FAILED', `Not members of this CAB: ${strangers.join(', ')}`);
    if (input.decision !== 'defer') {
      const mine = open.open.find((r) => r.approverId === actor.agentId);
      if (!mine) return fail('APPROVAL.NOT_APPROVER', `You are not asked to approve ${change.number}`);
      const decided = await this.d.changes.decideApproval(
        change.id,
        mine.id,
        { decision: input.decision, reason: input.reason ?? null, channel: 'app' },
        actor,
        { retryOnConflict: true },
      );
      if (!decided.ok) return decided;
      change = decided.value.change;
    }
    const decision: TCabDecision = {
      changeId: change.id,
      changeNumber: change.number,
      decision: input.decision,
      reason: input.reason ?? null,
      attendeeIds: [...new Set(input.attendeeIds)],
      decidedBy: actor.agentId,
      at: this.d.clock.now().toISOString(),
      approval: change.approval,
    };
    const doc: StoredMeeting = { ...meeting, decisions: [...meeting.decisions, decision] };
    const [etag] = await this.d.store.batch('config', PK, [{ op: 'replace', doc, ifMatch: found.etag }]);
    return ok({ meeting: this.view(doc), etag: etag as string });
  }

  /** The meeting's members, else the settings' CAB (or ECAB), else the approvers the policy named. */
  private async membersOf(m: StoredMeeting, approvers: readonly string[]): Promise<readonly string[]> {
    if (m.memberIds.length > 0) return m.memberIds;
    const { settings } = await this.d.settings.current();
    const fromSettings =
      m.kind === 'ecab' && settings.ecabMemberIds.length > 0 ? settings.ecabMemberIds : settings.cabMemberIds;
    return fromSettings.length > 0 ? fromSettings : approvers;
  }

  private view(doc: StoredMeeting): TCabMeeting {
    const { pk: _p, docType: _d, _etag, _ts, ...m } = doc as StoredMeeting & { _etag?: unknown; _ts?: unknown };
    return { ...m, nextOccurrences: occurrences(m, this.d.clock.now()) };
  }
}
