/**
 * What every work item aggregate (Change, Problem) offers from the kernel, written once: its
 * identity, its assists and pending changes, and the kernel's commands — owner (accept,
 * transfer), assists, links — each run on the aggregate's working copy. A practice extends it
 * with its own lifecycle and fields and never re-implements these (ADR 0025). Tickets keep their
 * own facade (shared/tickets/ticket.ts), older than this class, over the same kernel functions.
 */
import type { AssistSnapshot } from '../assists/assist.js';
import type { EventType } from '../events/domain-event.js';
import type { ChangeContext } from '../kernel/change-context.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { WorkItemCore, WorkItemKey } from './work-item.js';
import { actOnAssist, actOnAssistByEmail, requestAssist } from './work-item-assists.js';
import type { PendingChanges, WorkItemDraft } from './work-item-draft.js';
import { addLink, removeLink } from './work-item-links.js';
import { accept, type StandingChoice, type TransferTarget, transfer } from './work-item-ownership.js';

/** A kernel command's parameters after the working copy it acts on. */
type After<F> = F extends (draft: never, ...args: infer A) => unknown ? A : never;

export abstract class WorkItemAggregate<S extends WorkItemCore, K extends WorkItemKey> {
  protected constructor(
    protected readonly draft: WorkItemDraft<S, K>,
    /** The practice's event for an internal work note (`change.note_added`, `problem.note_added`). */
    private readonly noteEvent: EventType,
  ) {}

  get id(): string {
    return this.draft.state.id;
  }
  get number(): string {
    return this.draft.state.number;
  }
  get ownerId(): string | null {
    return this.draft.state.ownerId;
  }
  toSnapshot(): S {
    return this.draft.state;
  }
  assists(): AssistSnapshot<K>[] {
    return this.draft.assists();
  }
  pendingChanges(): PendingChanges<K> {
    return this.draft.pendingChanges();
  }

  accept(ctx: ChangeContext, standing?: StandingChoice): Result<void> {
    return accept(this.draft, ctx, standing);
  }
  transfer(to: TransferTarget, reason: string, ctx: ChangeContext): Result<void> {
    return transfer(this.draft, to, reason, ctx);
  }
  requestAssist(...args: After<typeof requestAssist>): Result<string> {
    return requestAssist(this.draft, ...args);
  }
  actOnAssist(...args: After<typeof actOnAssist>): Result<void> {
    return actOnAssist(this.draft, ...args);
  }
  actOnAssistByEmail(...args: After<typeof actOnAssistByEmail>): Result<void> {
    return actOnAssistByEmail(this.draft, ...args);
  }
  link(...args: After<typeof addLink>): Result<boolean> {
    return addLink(this.draft, ...args);
  }
  unlink(...args: After<typeof removeLink>): Result<boolean> {
    return removeLink(this.draft, ...args);
  }

  /** An internal work note (agents and automations). */
  addNote(body: string, ctx: ChangeContext): Result<string> {
    if (body.trim() === '') return fail('REQUEST.VALIDATION_FAILED', 'A note needs a body');
    if (ctx.actor.kind !== 'agent' && ctx.actor.kind !== 'system')
      return fail('AUTH.FORBIDDEN', 'Only agents and the system write notes');
    return ok(this.draft.record(ctx, this.noteEvent, { kind: 'note', body }, {}).id);
  }
}
