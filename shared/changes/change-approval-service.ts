/**
 * Change approvals as the API and the mail see them (ADR 0030): "Approvals for me", a change's
 * approvals with the tally per step, an approver's decision in the app, the approval settings
 * (versioned, ETag), the timer sweep over due reminders and expiries, and the email action
 * handler (`change.approval`) through which a trusted reply decides, exactly once.
 */
import type {
  TApprovalDecisionInput,
  TApprovalSettings,
  TApprovalSettingsInput,
  TChangeApprovals,
  TMyApproval,
} from '../api/change-approvals.schemas.js';
import type { DirectoryRepository } from '../directory/directory-repository.js';
import type { Actor } from '../kernel/actor.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { EmailActionHandler, EmailActionResult } from '../mail/expert/email-actions.js';
import type { Clock } from '../ports/clock.js';
import { ConcurrencyConflictError, type DocumentStore } from '../ports/document-store.js';
import type { RunOptions } from '../work-items/work-item-commands.js';
import type { ApprovalSettingsRepository } from './approval-settings.js';
import { tally } from './approval-tally.js';
import { approvalsWaitingFor, changesWithApprovalTimersDue } from './change-approval-index.js';
import { decisionsOf } from './change-approvals.js';
import type { ChangeOutcome, ChangeUseCases } from './change-use-cases.js';

export const CHANGE_APPROVAL_ACTION = 'change.approval';

/** The email action's record id: the change and the approval, so the handler needs no lookup. */
export const approvalRecordId = (changeId: string, approvalId: string): string => `${changeId}/${approvalId}`;

export interface ChangeApprovalDeps {
  readonly store: DocumentStore;
  readonly clock: Clock;
  readonly directory: DirectoryRepository;
  readonly changes: ChangeUseCases;
  readonly settings: ApprovalSettingsRepository;
}

export class ChangeApprovalService {
  constructor(private readonly d: ChangeApprovalDeps) {}

  async mine(actor: Actor, limit: number): Promise<TMyApproval[]> {
    if (actor.kind !== 'agent') return [];
    const docs = await approvalsWaitingFor(this.d.store, actor.agentId, limit);
    return docs.map((doc) => ({
      approvalId: doc.id.slice(doc.changeId.length + 1),
      changeId: doc.changeId,
      changeNumber: doc.changeNumber,
      changeTitle: doc.changeTitle,
      changeType: doc.changeType,
      risk: doc.risk,
      plannedStart: doc.plannedStart,
      plannedEnd: doc.plannedEnd,
      step: doc.step,
      group: doc.group,
      requestedAt: doc.requestedAt,
      dueAt: doc.dueAt,
    }));
  }

  async ofChange(changeId: string): Promise<Result<{ approvals: TChangeApprovals; etag: string }>> {
    const found = await this.d.changes.get(changeId);
    if (!found.ok) return found;
    const { change, etag } = found.value;
    const process = change.approvals ?? null;
    const names = new Map((await this.d.directory.agents()).map((a) => [a.id, a.name]));
    const counted = process ? tally(process.plan, decisionsOf(process)) : null;
    return ok({
      etag,
      approvals: {
        changeId: change.id,
        approval: change.approval,
        round: process?.round ?? 0,
        rule: process?.plan.rule ?? null,
        mode: process?.plan.mode ?? null,
        onReject: process?.plan.onReject ?? null,
        steps: (process?.plan.steps ?? []).map((s, i) => ({
          group: s.group,
          approverIds: [...s.approverIds],
          needed: s.needed,
          state: counted?.steps[i] ?? 'waiting',
        })),
        records: (process?.records ?? []).map((r) => ({ ...r, approverName: names.get(r.approverId) ?? null })),
      },
    });
  }

  decide(
    changeId: string,
    approvalId: string,
    input: TApprovalDecisionInput,
    actor: Actor,
    options: RunOptions = {},
  ): Promise<Result<ChangeOutcome>> {
    return this.d.changes.decideApproval(
      changeId,
      approvalId,
      { decision: input.decision, reason: input.reason ?? null, channel: 'app' },
      actor,
      options,
    );
  }

  async settings(): Promise<{ settings: TApprovalSettings; etag: string | null }> {
    return this.d.settings.current();
  }

  /** Admins only; `ifMatch` must be the ETag read (or absent while the defaults apply). */
  async saveSettings(
    input: TApprovalSettingsInput,
    actor: Actor,
    ifMatch: string | null,
  ): Promise<Result<{ settings: TApprovalSettings; etag: string }>> {
    if (actor.kind !== 'agent' || !actor.roles.includes('admin'))
      return fail('AUTH.FORBIDDEN', 'Only admins change the approval policy');
    const known = new Set((await this.d.directory.agents()).map((a) => a.id));
    const unknown = [...input.changeManagerIds, ...input.cabMemberIds, ...input.ecabMemberIds].filter(
      (id) => !known.has(id),
    );
    if (unknown.length > 0) return fail('AGENT.NOT_FOUND', `No agent ${unknown.join(', ')}`);
    try {
      return ok(await this.d.settings.save(input, actor.agentId, this.d.clock.now().toISOString(), ifMatch));
    } catch (error) {
      if (error instanceof ConcurrencyConflictError)
        return fail('CONCURRENCY.CONFLICT', 'The approval settings changed meanwhile: reload them');
      throw error;
    }
  }

  /** The approval timer: reminders and expiries that are due, change by change. */
  async sweep(): Promise<{ changes: number }> {
    const ids = await changesWithApprovalTimersDue(this.d.store, this.d.clock.now());
    for (const id of ids) await this.d.changes.runApprovalTimers(id);
    return { changes: ids.length };
  }

  /** `approve` / `reject <reason>` by reply: the token is bound to the approver, who decides for themselves. */
  readonly emailHandler: EmailActionHandler = {
    kind: CHANGE_APPROVAL_ACTION,
    perform: async (input): Promise<EmailActionResult> => {
      const [changeId, approvalId] = input.recordId.split('/');
      const decision = input.action === 'approve' ? 'approve' : input.action === 'reject' ? 'reject' : null;
      if (!changeId || !approvalId || !decision || !input.by.agentId) return 'not-allowed';
      const agent = await this.d.directory.agent(input.by.agentId);
      if (!agent?.active) return 'not-allowed';
      const actor: Actor = { kind: 'agent', agentId: agent.id, roles: agent.roles, teamIds: agent.teamIds };
      const result = await this.d.changes.decideApproval(
        changeId,
        approvalId,
        { decision, reason: input.reason || null, channel: 'email' },
        actor,
        // Replayed on a concurrent write: the reload sees a decision made meanwhile and refuses.
        { retryOnConflict: true },
      );
      if (result.ok) return 'done';
      const { code } = result.error;
      return code === 'APPROVAL.ALREADY_DECIDED' || code === 'CHANGE.ILLEGAL_TRANSITION' || code === 'CHANGE.NOT_READY'
        ? 'already-decided'
        : 'not-allowed';
    },
  };
}
