/**
 * Approvals by email, outbound (ADR 0030): when a step's approvers are asked, each approver who is
 * reached by email (their `reachByEmail` address) gets the approval mail through the generic email
 * action (ADR 0015): subject `[CHG-1001] Approval: <title>`, the plan in short, the risk and its
 * reasons, the schedule and the reply words; its Message-ID is a token bound to (change, approval,
 * addressee, that approver) expiring at the approval's due time. A reply `approve` or
 * `reject <reason>` decides through `ChangeApprovalService.emailHandler`, exactly once. At the
 * approval's reminder time a reminder follows in the same thread (answerable as well).
 */
import type { DirectoryRepository } from '../directory/directory-repository.js';
import type { DomainEvent } from '../events/domain-event.js';
import type { EventSubscriber } from '../events/event-dispatcher.js';
import type { EmailActions } from '../mail/expert/email-actions.js';
import { approvalRecordId, CHANGE_APPROVAL_ACTION } from './change-approval-service.js';
import type { ChangeSnapshot } from './change-types.js';

const SUMMARY_CHARS = 600;

const short = (text: string, max = SUMMARY_CHARS): string =>
  text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;

export const approvalSubject = (c: Pick<ChangeSnapshot, 'number' | 'title'>): string =>
  `[${c.number}] Approval: ${short(c.title, 120)}`;

/** The body of the approval mail (the command words are appended by EmailActions). */
export function approvalMailText(c: ChangeSnapshot, approverName: string, dueAt: string): string {
  const risk = c.risk
    ? [`Risk: ${c.risk.level}`, ...c.risk.reasons.map((r) => `  - ${r.text}`)].join('\n')
    : 'Risk: not assessed';
  const schedule =
    c.plannedStart && c.plannedEnd ? `Planned: ${c.plannedStart} to ${c.plannedEnd}` : 'Planned: not scheduled yet';
  const section = (title: string, text: string) => (text.trim() ? [`${title}:`, short(text.trim()), ''] : []);
  return [
    `Hello ${approverName},`,
    '',
    `Your approval is asked for ${c.number} (${c.type} change): ${c.title}`,
    `Requested by ${c.requester.name}. Your decision is due ${dueAt}.`,
    '',
    ...section('Description', c.description),
    ...section('Justification', c.justification),
    ...section('Implementation plan', c.implementationPlan),
    ...section('Backout plan', c.backoutPlan),
    ...section('Test plan', c.testPlan),
    risk,
    schedule,
    c.affectedCiIds.length > 0 ? `Affected CIs: ${c.affectedCiIds.join(', ')}` : 'Affected CIs: none named',
    '',
    'Reply "approve" to approve, or "reject" followed by your reason to reject.',
  ].join('\n');
}

export class ChangeApprovalMailer {
  constructor(
    private readonly d: {
      readonly changes: { readSnapshot(id: string): Promise<{ doc: ChangeSnapshot } | undefined> };
      readonly directory: DirectoryRepository;
      readonly actions: EmailActions;
    },
  ) {}

  readonly subscriber: EventSubscriber = {
    name: 'change-approval-mail',
    practice: 'change',
    handles: ['change.approval_requested', 'change.approval_reminder'],
    handle: (event) => this.handle(event),
  };

  async handle(event: DomainEvent): Promise<void> {
    const changeId = (event as unknown as { changeId?: string }).changeId;
    const asked = event.data.approvals;
    if (typeof changeId !== 'string' || !Array.isArray(asked)) return;
    const change = (await this.d.changes.readSnapshot(changeId))?.doc;
    if (!change || change.state !== 'authorize') return;
    // One reminder per record: its own token and mail, in the thread of the first.
    const reminder = event.type === 'change.approval_reminder';
    for (const { approvalId, approverId } of asked as { approvalId: string; approverId: string }[]) {
      const record = change.approvals?.records.find((r) => r.id === approvalId);
      if (record?.state !== 'requested') continue;
      const agent = await this.d.directory.agent(approverId);
      if (!agent?.active || !agent.reachByEmail) continue;
      // The token's key is fixed per (action, record, address): a redelivered event sends nothing new.
      await this.d.actions.request({
        kind: CHANGE_APPROVAL_ACTION,
        recordId: approvalRecordId(change.id, approvalId),
        ticketId: null,
        actions: ['approve', 'reject'],
        to: { address: agent.reachByEmail.address, name: agent.name },
        agentId: agent.id,
        allowExternal: agent.reachByEmail.allowExternal,
        expiresAt: record.dueAt,
        subject: reminder ? `Reminder: ${approvalSubject(change)}` : approvalSubject(change),
        text: approvalMailText(change, agent.name, record.dueAt),
        ...(reminder ? { variant: 'reminder' } : {}),
      });
    }
  }
}
