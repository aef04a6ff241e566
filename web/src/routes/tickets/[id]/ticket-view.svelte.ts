/**
 * The state of one open ticket: the ticket with its ETag, its timeline and its assists, and the
 * user's actions on it. Actions are optimistic: the screen changes at once and rolls back when
 * the API refuses; a 409/412 also raises `conflict` so the screen offers "reload".
 */

import { ApiError, type ApiResult } from '$lib/api/client';
import { api } from '$lib/api/endpoints';
import { toast, toastError } from '$lib/toasts.svelte';
import type { AssistApiAction, TAssist, TAssistActionBody, TRequestAssist } from '$shared/api/assists.schemas';
import type { TAgent } from '$shared/api/directory.schemas';
import type { TChangeStatus, TTicket, TTimelineEntry } from '$shared/api/tickets.schemas';

type Rollback = () => void;

export class TicketView {
  ticket = $state<TTicket | null>(null);
  timeline = $state<TTimelineEntry[]>([]);
  assists = $state<TAssist[]>([]);
  loading = $state(true);
  missing = $state<string | null>(null);
  conflict = $state(false);
  busy = $state(false);
  etag: string | null = null;

  constructor(
    readonly key: string,
    private readonly me: () => TAgent | null,
  ) {}

  async load(): Promise<void> {
    this.loading = true;
    try {
      // The API takes the number as well as the id: all three reads go out at once.
      const [{ data, etag }, timeline, assists] = await Promise.all([
        api.ticket(this.key),
        api.timeline(this.key),
        api.ticketAssists(this.key),
      ]);
      this.ticket = data;
      this.etag = etag;
      this.timeline = timeline;
      this.assists = assists;
      this.conflict = false;
      this.missing = null;
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 403))
        this.missing = error.problem.detail;
      else toastError(error, 'Could not load the ticket');
    } finally {
      this.loading = false;
    }
  }

  /** Whether anyone changed the ticket since this page last read it (its ETag moved). */
  async changedSinceLoaded(): Promise<boolean> {
    if (!this.ticket || !this.etag) return false;
    try {
      return (await api.ticket(this.ticket.id)).etag !== this.etag;
    } catch {
      return false; // the send itself will report what is wrong
    }
  }

  /** Re-reads everything after a change so ids, sequence numbers and the ETag are the server's. */
  private async refresh(ticket?: ApiResult<TTicket>): Promise<void> {
    const id = this.ticket?.id;
    if (!id) return;
    const [fresh, timeline, assists] = await Promise.all([
      ticket?.etag ? Promise.resolve(ticket) : api.ticket(id),
      api.timeline(id),
      api.ticketAssists(id),
    ]);
    this.ticket = fresh.data;
    this.etag = fresh.etag;
    this.timeline = timeline;
    this.assists = assists;
  }

  private async mutate(what: string, optimistic: () => Rollback, call: () => Promise<unknown>): Promise<boolean> {
    if (!this.ticket) return false;
    this.busy = true;
    const rollback = optimistic();
    try {
      const result = await call();
      const asTicket = result as Partial<ApiResult<TTicket>>;
      await this.refresh(
        asTicket && 'etag' in asTicket && asTicket.data ? (asTicket as ApiResult<TTicket>) : undefined,
      );
      return true;
    } catch (error) {
      rollback();
      if (error instanceof ApiError && error.isConflict) this.conflict = true;
      toastError(error, what);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Changes ticket fields on screen now; returns how to undo it. */
  private patch(fields: Partial<TTicket>): Rollback {
    const before = this.ticket;
    if (before) this.ticket = { ...before, ...fields };
    return () => {
      this.ticket = before;
    };
  }

  /** Shows an entry at once, marked pending, until the server's version replaces it. */
  private pendingEntry(
    kind: string,
    body: string,
    visibility: 'internal' | 'public',
    data: Record<string, unknown> = {},
  ): Rollback {
    const me = this.me();
    const id = `pending-${Date.now()}`;
    const last = this.timeline[this.timeline.length - 1];
    this.timeline.push({
      id,
      ticketId: this.ticket?.id ?? '',
      seq: (last?.seq ?? 0) + 1,
      kind,
      at: new Date().toISOString(),
      author: { kind: 'agent', agentId: me?.id ?? '' },
      visibility,
      body,
      assistId: null,
      data: { ...data, pending: true },
    });
    return () => {
      this.timeline = this.timeline.filter((e) => e.id !== id);
    };
  }

  private get id(): string {
    return this.ticket?.id ?? this.key;
  }

  accept = () =>
    this.mutate(
      'Could not accept the ticket',
      () => this.patch({ ownerId: this.me()?.id ?? null }),
      () => api.accept(this.id),
    ).then((ok) => ok && toast('You own this ticket now'));

  transfer = (toAgentId: string, reason: string) =>
    this.mutate(
      'Could not transfer the ticket',
      () => this.patch({ ownerId: toAgentId }),
      () => api.transfer(this.id, { toAgentId, reason }, this.etag),
    );

  /** Merge this ticket into another (number or id); the ticket then shows as closed, merged. */
  merge = (into: string, assists: 'move' | 'withdraw') =>
    this.mutate(
      `Could not merge into ${into}`,
      () => this.patch({}),
      () => api.merge(this.id, { into, assists }, this.etag),
    ).then((ok) => {
      if (ok) toast(`Merged into ${into}`);
      return ok;
    });

  changeStatus = (body: TChangeStatus) =>
    this.mutate(
      `Could not set the status to ${body.status}`,
      () => this.patch({ status: body.status }),
      () => api.changeStatus(this.id, body, this.etag),
    );

  addNote = (body: string) =>
    this.mutate(
      'Could not add the note',
      () => this.pendingEntry('note', body, 'internal'),
      () => api.addNote(this.id, { body, visibility: 'internal' }),
    );

  reply = (body: string, cc: string[]) =>
    this.mutate(
      'Could not send the reply',
      () => this.pendingEntry('email_out', body, 'public'),
      () => api.reply(this.id, { body, cc }),
    );

  requestAssist = (body: TRequestAssist) =>
    this.mutate(
      'Could not request the assist',
      () => this.patch({ openAssistCount: (this.ticket?.openAssistCount ?? 0) + 1 }),
      () => api.requestAssist(this.id, body),
    );

  actOnAssist = (assist: TAssist, action: AssistApiAction, body: Partial<TAssistActionBody> = {}) =>
    this.mutate(
      `Could not ${action} the assist`,
      () => {
        const before = this.assists;
        const state =
          action === 'accept'
            ? 'accepted'
            : action === 'answer'
              ? 'answered'
              : action === 'decline'
                ? 'declined'
                : action === 'withdraw'
                  ? 'withdrawn'
                  : assist.state;
        this.assists = before.map((a) => (a.id === assist.id ? { ...a, state } : a));
        return () => {
          this.assists = before;
        };
      },
      () => api.actOnAssist(assist.id, action, body),
    );
}
