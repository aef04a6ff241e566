/**
 * A work item's working copy while one command runs (ADR 0025): the current snapshot, its assists,
 * and what the command has added so far (timeline entries, domain events, changed assists). The
 * kernel's operations (ownership, assists, links) and each practice's own operations change an
 * item only through it; `record` is the one place an entry and its event are written together.
 * A practice subclasses it when something must move in step with every entry (a ticket's SLA history).
 */
import type { Assist, AssistSnapshot } from '../assists/assist.js';
import type { EventType, WorkItemEvent } from '../events/domain-event.js';
import { type ActorRef, actorRef } from '../kernel/actor.js';
import type { ChangeContext } from '../kernel/change-context.js';
import { type EntryKind, entryId, type Visibility, type WorkItemEntry } from '../timeline/timeline-entry.js';
import type { Home, WorkItemCore, WorkItemKey, WorkItemPractice } from './work-item.js';

export interface EntryDraft {
  kind: EntryKind;
  visibility?: Visibility;
  body?: string | null;
  assistId?: string | null;
  data?: Record<string, unknown>;
}

/** What `record` just wrote, for a practice's `afterRecord`. */
export interface RecordedChange {
  readonly type: EventType;
  readonly kind: EntryKind;
  readonly author: ActorRef;
  readonly at: string;
  readonly data: Record<string, unknown>;
}

export interface PendingChanges<K extends WorkItemKey> {
  readonly entries: WorkItemEntry<K>[];
  readonly events: WorkItemEvent<K>[];
  readonly assists: AssistSnapshot<K>[];
}

export class WorkItemDraft<S extends WorkItemCore, K extends WorkItemKey> {
  readonly newEntries: WorkItemEntry<K>[] = [];
  readonly newEvents: WorkItemEvent<K>[] = [];
  readonly changedAssistIds = new Set<string>();

  constructor(
    readonly practice: WorkItemPractice<S, K>,
    public state: S,
    readonly assistsById: Map<string, Assist<K>>,
  ) {}

  /** The partition field every document of this item carries. */
  home(): Home<K> {
    return { [this.practice.key]: this.state.id } as Home<K>;
  }

  /** The acting agent owns this item. */
  isOwner(ctx: ChangeContext): boolean {
    return ctx.actor.kind === 'agent' && ctx.actor.agentId === this.state.ownerId;
  }

  /** An assist was added or moved: the repository writes it with the item. */
  touchAssist(assist: Assist<K>): void {
    this.assistsById.set(assist.id, assist);
    this.changedAssistIds.add(assist.id);
  }

  assists(): AssistSnapshot<K>[] {
    return [...this.assistsById.values()].map((a) => a.toSnapshot());
  }

  pendingChanges(): PendingChanges<K> {
    return {
      entries: [...this.newEntries],
      events: [...this.newEvents],
      assists: [...this.changedAssistIds].map((id) => (this.assistsById.get(id) as Assist<K>).toSnapshot()),
    };
  }

  /** Appends a timeline entry and its domain event. */
  record(ctx: ChangeContext, type: EventType, draft: EntryDraft, data: Record<string, unknown>): WorkItemEntry<K> {
    const seq = this.state.lastSeq + 1;
    const at = ctx.now.toISOString();
    const author = actorRef(ctx.actor);
    const home = this.home();
    const entry: WorkItemEntry<K> = {
      id: entryId(this.state.id, seq),
      ...home,
      docType: 'entry',
      seq,
      kind: draft.kind,
      at,
      author,
      visibility: draft.visibility ?? 'internal',
      body: draft.body ?? null,
      assistId: draft.assistId ?? null,
      data: { ...data, ...draft.data },
    };
    this.state = { ...this.state, lastSeq: seq, updatedAt: at };
    this.afterRecord({ type, kind: draft.kind, author, at, data });
    this.newEntries.push(entry);
    this.newEvents.push({
      id: ctx.ids.next('ev_'),
      type,
      ...home,
      occurredAt: at,
      actor: author,
      // Subscribers of assist events (rules, notifications) need to know which assist it was.
      data: draft.assistId ? { assistId: draft.assistId, ...data } : data,
    });
    return entry;
  }

  /** Runs after each entry, before the next one: a practice keeps derived state in step here. */
  protected afterRecord(_change: RecordedChange): void {}
}
