/**
 * The browser's one live connection (ADR 0027), opened on first use: `GET /api/live/negotiate`
 * says how. Locally an EventSource on the local host's stream (reopened with the new group list
 * when a screen joins or leaves a group); in Azure a WebSocket to Web PubSub with the
 * json.webpubsub.azure.v1 subprotocol (joinGroup/leaveGroup on the open socket). Lost
 * connections come back with a growing delay and a fresh token. Screens call `join(group)` and
 * `onMessage(...)`, both returning their undo for `$effect`.
 */

import { untrack } from 'svelte';
import { request } from '$lib/api/client';
import type { TLiveMessage, TLiveNegotiation } from '$shared/api/live.schemas';

type Listener = (message: TLiveMessage) => void;

const SUBPROTOCOL = 'json.webpubsub.azure.v1';

class LiveConnection {
  /** `off` until a screen joins a group; `unavailable` when the server has live updates off. */
  state = $state<'off' | 'connecting' | 'open' | 'retrying' | 'unavailable'>('off');
  private readonly groups = new Map<string, number>();
  private readonly listeners = new Set<Listener>();
  private negotiation: Extract<TLiveNegotiation, { enabled: true }> | null = null;
  private source: EventSource | null = null;
  private socket: WebSocket | null = null;
  private ackId = 0;
  private retries = 0;
  private reopen: ReturnType<typeof setTimeout> | undefined;

  /** Untracked: a screen's `$effect` that joins must not re-run when the connection's state moves. */
  join(group: string): () => void {
    untrack(() => {
      this.groups.set(group, (this.groups.get(group) ?? 0) + 1);
      if (this.groups.get(group) === 1) this.groupsChanged('joinGroup', group);
    });
    return () =>
      untrack(() => {
        const n = (this.groups.get(group) ?? 1) - 1;
        if (n > 0) this.groups.set(group, n);
        else {
          this.groups.delete(group);
          this.groupsChanged('leaveGroup', group);
        }
      });
  }

  onMessage(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private groupsChanged(type: 'joinGroup' | 'leaveGroup', group: string): void {
    if (this.state === 'unavailable') return;
    if (this.socket?.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify({ type, group, ackId: ++this.ackId }));
      return;
    }
    // EventSource (and a socket still connecting) take the whole list at (re)connection.
    clearTimeout(this.reopen);
    this.reopen = setTimeout(() => void this.connect(), 30);
  }

  private deliver(data: unknown): void {
    if (!data || typeof data !== 'object' || !('type' in data)) return;
    for (const listener of this.listeners) listener(data as TLiveMessage);
  }

  private close(): void {
    this.source?.close();
    this.source = null;
    if (this.socket) {
      this.socket.onclose = null;
      this.socket.close();
    }
    this.socket = null;
  }

  private retry(): void {
    this.close();
    this.state = 'retrying';
    this.negotiation = null;
    const delay = Math.min(30_000, 1_000 * 2 ** this.retries++);
    clearTimeout(this.reopen);
    this.reopen = setTimeout(() => void this.connect(), delay);
  }

  private async connect(): Promise<void> {
    this.close();
    if (this.groups.size === 0) {
      this.state = 'off';
      return;
    }
    this.state = 'connecting';
    try {
      if (!this.negotiation || Date.parse(this.negotiation.expiresAt) < Date.now() + 60_000) {
        const { data } = await request<TLiveNegotiation>('GET', 'live/negotiate');
        if (!data.enabled) {
          this.state = 'unavailable';
          return;
        }
        this.negotiation = data;
      }
    } catch {
      this.retry();
      return;
    }
    const groups = [...this.groups.keys()];
    if (this.negotiation.transport === 'sse') {
      const url = `${this.negotiation.url}${groups.map((g) => `&group=${encodeURIComponent(g)}`).join('')}`;
      const source = new EventSource(url);
      this.source = source;
      source.onopen = () => {
        this.state = 'open';
        this.retries = 0;
      };
      source.onmessage = (event) => this.deliver(JSON.parse(event.data));
      // The browser retries a dropped stream by itself; a refused one (401, 422) is closed for good.
      source.onerror = () => {
        if (source.readyState === EventSource.CLOSED) this.retry();
      };
      return;
    }
    const socket = new WebSocket(this.negotiation.url, SUBPROTOCOL);
    this.socket = socket;
    socket.onopen = () => {
      this.state = 'open';
      this.retries = 0;
      for (const group of this.groups.keys())
        socket.send(JSON.stringify({ type: 'joinGroup', group, ackId: ++this.ackId }));
    };
    socket.onmessage = (event) => {
      const frame = JSON.parse(String(event.data)) as { type?: string; dataType?: string; data?: unknown };
      if (frame.type === 'message' && frame.dataType === 'json') this.deliver(frame.data);
    };
    socket.onclose = () => this.retry();
  }
}

export const live = new LiveConnection();
