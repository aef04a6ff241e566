/**
 * The local host's live channel (LIVE_PROVIDER=local, ADR 0027): groups of subscribers in this
 * one process, reached by server-sent events on `/api/live/stream` (infra/local/live-stream.ts).
 * A browser gets a token from `GET /api/live/negotiate` (HMAC over agent and expiry with a key
 * made per process, so a restart simply makes browsers negotiate again).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { LiveChannel, LiveClientAccess, LiveMessage } from '../../../shared/ports/live-channel.js';

export type LiveListener = (group: string, message: LiveMessage) => void;

const TOKEN_TTL_MS = 60 * 60_000;
export const LOCAL_STREAM_PATH = '/api/live/stream';

export class LocalLiveHub implements LiveChannel {
  private readonly key = randomBytes(32);
  private readonly groups = new Map<string, Set<LiveListener>>();

  async publish(group: string, message: LiveMessage): Promise<void> {
    for (const listener of this.groups.get(group) ?? []) listener(group, message);
  }

  async clientAccess(agentId: string, now: Date): Promise<LiveClientAccess> {
    const expires = now.getTime() + TOKEN_TTL_MS;
    const body = `${Buffer.from(agentId).toString('base64url')}.${expires}`;
    return {
      transport: 'sse',
      url: `${LOCAL_STREAM_PATH}?access_token=${body}.${this.mac(body)}`,
      expiresAt: new Date(expires).toISOString(),
    };
  }

  /** The agent a token was given to, or null when it is forged or expired. */
  agentOf(token: string, now: Date): string | null {
    const [agent, expires, mac] = token.split('.');
    if (!agent || !expires || !mac) return null;
    const expected = Buffer.from(this.mac(`${agent}.${expires}`));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    if (Number(expires) <= now.getTime()) return null;
    return Buffer.from(agent, 'base64url').toString();
  }

  /** Adds a listener to groups; returns how to remove it. */
  subscribe(groups: readonly string[], listener: LiveListener): () => void {
    for (const g of groups) {
      const set = this.groups.get(g) ?? new Set<LiveListener>();
      this.groups.set(g, set);
      set.add(listener);
    }
    return () => {
      for (const g of groups) {
        const set = this.groups.get(g);
        set?.delete(listener);
        if (set?.size === 0) this.groups.delete(g);
      }
    };
  }

  /** Subscribers right now (health and tests). */
  connections(): number {
    return new Set([...this.groups.values()].flatMap((s) => [...s])).size;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
