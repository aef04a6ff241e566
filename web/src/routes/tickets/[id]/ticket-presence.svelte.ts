/**
 * Who else is on this ticket, and whether it changed since it was opened (ADR 0027). The page
 * beats every `heartbeatMs` (at once when the activity changes or the tab comes back) and says
 * goodbye when it goes; viewers come from the beat's answer and from live `presence` messages,
 * and each line is dropped locally when its countdown ends, so a closed tab without a goodbye
 * disappears even if no message arrives. `ticket.changed` by someone else raises `newActivity`.
 */

import { apiFetch, apiUrl, request } from '$lib/api/client';
import { live } from '$lib/live/live-connection.svelte';
import type { TLiveMessage, TPresence, TViewer } from '$shared/api/live.schemas';

type Line = TViewer & { until: number };

const newSessionId = (): string => crypto.randomUUID().replace(/-/g, '');

export class TicketPresence {
  /** The others on the ticket (not me), replying first. */
  others = $state<Line[]>([]);
  /** Someone else (or the system: mail, rules, SLA) changed the ticket since it was loaded. */
  newActivity = $state<{ by: string | null; event: string } | null>(null);
  private replying = false;
  private heartbeatMs = 15_000;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly sessionId = newSessionId();

  constructor(
    private readonly ticketId: string,
    private readonly myId: () => string | undefined,
  ) {}

  /** Starts beating and listening; returns the stop function (for `$effect`). */
  start(): () => void {
    const leaveGroup = live.join(`ticket.${this.ticketId}`);
    const stopListening = live.onMessage((m) => this.onLive(m));
    const onVisible = () => {
      if (document.visibilityState === 'visible') void this.beat();
    };
    const onHide = () => this.leave();
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('pagehide', onHide);
    const prune = setInterval(() => this.prune(), 1_000);
    void this.beat();
    return () => {
      clearTimeout(this.timer);
      clearInterval(prune);
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('pagehide', onHide);
      stopListening();
      leaveGroup();
      this.leave();
    };
  }

  /** The reply composer has text (or not): others see "writing a reply". */
  setReplying(replying: boolean): void {
    if (replying === this.replying) return;
    this.replying = replying;
    void this.beat();
  }

  /** The page re-read the ticket: what was new is seen. */
  seen(): void {
    this.newActivity = null;
  }

  private async beat(): Promise<void> {
    clearTimeout(this.timer);
    try {
      const { data } = await request<TPresence>('PUT', `tickets/${encodeURIComponent(this.ticketId)}/presence`, {
        body: { sessionId: this.sessionId, activity: this.replying ? 'replying' : 'viewing' },
      });
      this.heartbeatMs = data.heartbeatMs;
      this.show(data.viewers);
    } catch {
      // The next beat tries again; presence is a hint, never a blocker.
    }
    this.timer = setTimeout(() => void this.beat(), this.heartbeatMs);
  }

  private leave(): void {
    // keepalive: the request survives the page going away (closing the tab, navigating).
    void apiFetch(apiUrl(`tickets/${encodeURIComponent(this.ticketId)}/presence`, { sessionId: this.sessionId }), {
      method: 'DELETE',
      keepalive: true,
    }).catch(() => {});
  }

  private onLive(m: TLiveMessage): void {
    if (m.ticketId !== this.ticketId) return;
    if (m.type === 'presence') this.show(m.viewers);
    else if (m.by !== this.myId()) this.newActivity = { by: m.by, event: m.event };
  }

  private show(viewers: readonly TViewer[]): void {
    const now = Date.now();
    const me = this.myId();
    this.others = viewers
      .filter((v) => v.agentId !== me)
      .map((v) => ({ ...v, until: now + v.expiresInMs }))
      .sort((a, b) => (a.activity === b.activity ? 0 : a.activity === 'replying' ? -1 : 1));
  }

  private prune(): void {
    const now = Date.now();
    if (this.others.some((v) => v.until <= now)) this.others = this.others.filter((v) => v.until > now);
  }
}
