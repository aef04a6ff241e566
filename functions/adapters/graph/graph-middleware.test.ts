import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { describe, expect, it } from 'vitest';
import { MailboxConcurrencyMiddleware, mailboxKeyOf, retryAfterMs } from './graph-middleware.js';

/** The end of the chain: holds each request until released, counting how many overlap per mailbox. */
class HoldingEnd implements Middleware {
  active = new Map<string, number>();
  peak = new Map<string, number>();
  releases: (() => void)[] = [];
  async execute(context: Context): Promise<void> {
    const key = mailboxKeyOf(String(context.request));
    this.active.set(key, (this.active.get(key) ?? 0) + 1);
    this.peak.set(key, Math.max(this.peak.get(key) ?? 0, this.active.get(key) ?? 0));
    await new Promise<void>((resolve) => this.releases.push(resolve));
    this.active.set(key, (this.active.get(key) ?? 1) - 1);
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('MailboxConcurrencyMiddleware', () => {
  it('lets at most 4 requests per mailbox run at once, independently per mailbox', async () => {
    const end = new HoldingEnd();
    const limiter = new MailboxConcurrencyMiddleware(4);
    limiter.setNext(end);
    const urls = [
      ...Array.from({ length: 10 }, (_, i) => `https://graph.microsoft.com/v1.0/users/A%40x.test/messages/${i}`),
      ...Array.from({ length: 3 }, (_, i) => `https://graph.microsoft.com/v1.0/users/b@x.test/messages/${i}`),
    ];
    const all = Promise.all(urls.map((request) => limiter.execute({ request })));
    await tick();
    expect(end.releases).toHaveLength(7);
    while (end.releases.length > 0) {
      end.releases.shift()?.();
      await tick();
      await tick();
    }
    await all;
    expect(end.peak.get('a@x.test')).toBe(4);
    expect(end.peak.get('b@x.test')).toBe(3);
    expect(limiter.inFlight('a@x.test')).toBe(0);
  });
});

describe('retryAfterMs', () => {
  it('reads delta-seconds and HTTP dates, and ignores garbage', () => {
    expect(retryAfterMs('7')).toBe(7_000);
    expect(retryAfterMs(new Date(Date.UTC(2030, 0, 1, 0, 0, 30)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(30_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});
