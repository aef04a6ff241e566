import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZendeskSimulator, type ZendeskSimulator } from '../../../tests/simulators/zendesk/zendesk-simulator.js';
import { retryAfterMs, SourceHttpError } from './source-http.js';
import { ZendeskSource } from './zendesk-source.js';

let sim: ZendeskSimulator;
const waits: number[] = [];
const source = (overrides: Partial<ConstructorParameters<typeof ZendeskSource>[0]> = {}) =>
  new ZendeskSource({
    url: sim.url,
    email: sim.email,
    token: sim.token,
    ticketsPerPage: 10,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...overrides,
  });

beforeAll(async () => {
  sim = await startZendeskSimulator({ tickets: 25 });
});
afterAll(() => sim.close());

describe('ZendeskSource', () => {
  it('pages through the incremental export with its cursor, without deleted tickets', async () => {
    const pages = [];
    for await (const page of source().tickets(null)) pages.push(page);
    expect(pages.map((p) => p.tickets.length)).toEqual([9, 10, 5]);
    expect(pages.at(-1)?.cursor).toBeNull();
    const ids = pages.flatMap((p) => p.tickets.map((t) => t.id));
    expect(ids).toHaveLength(24);
    expect(ids).not.toContain('8');
    const first = sim.requests.find((r) => r.path.startsWith('/api/v2/incremental'));
    expect(first?.path).toContain('start_time=0');
    // A resumed run starts from a page's cursor and sees only what comes after it.
    const resumed = [];
    for await (const page of source().tickets(pages[0]?.cursor ?? null)) resumed.push(...page.tickets);
    expect(resumed.map((t) => t.id)).toEqual(ids.slice(9));
  });

  it('reads comments with their Message-IDs and attachments, and downloads the bytes', async () => {
    const comments = await source().comments('1');
    expect(comments[0]).toMatchObject({
      public: true,
      channel: 'email',
      messageId: '<zd-1-0@customer.example>',
      attachments: [{ filename: 'report-1.pdf', contentType: 'application/pdf' }],
    });
    const file = await source().attachment(comments[0]?.attachments[0] as never);
    const token = [...sim.account.files.keys()][0] as string;
    expect(file).toEqual(sim.account.files.get(token)?.content);
  });

  it('maps users, agents and admins, organizations and groups', async () => {
    const users = [];
    for await (const page of source().users()) users.push(...page);
    expect(users.find((u) => u.email === 'fran@old-helpdesk.example')?.role).toBe('agent');
    expect(users.find((u) => u.id === '8999')).toMatchObject({ email: null, role: 'end-user' });
    expect(users.length).toBe(sim.account.users.length);
    const orgs = [];
    for await (const page of source().organizations()) orgs.push(...page);
    expect(orgs[0]).toMatchObject({ name: 'Northwind Traders', domains: ['northwindtraders.example'] });
  });

  it('waits out a 429 for as long as Retry-After says, then goes on', async () => {
    waits.length = 0;
    sim.failNext(2, 429, 7);
    const comments = await source().comments('2');
    expect(comments.length).toBeGreaterThan(0);
    expect(waits).toEqual([7_000, 7_000]);
  });

  it('retries a 503 a few times and then gives up with the status', async () => {
    sim.failNext(10, 503);
    await expect(source({ maxAttempts: 3 }).comments('2')).rejects.toThrow(SourceHttpError);
    sim.heal();
  });

  it('refuses wrong credentials with the 401 it got', async () => {
    await expect(source({ token: 'wrong' }).comments('1')).rejects.toMatchObject({ status: 401 });
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('3')).toBe(3_000);
    expect(retryAfterMs('Thu, 03 Dec 2026 12:00:10 GMT', Date.parse('2026-12-03T12:00:00Z'))).toBe(10_000);
    expect(retryAfterMs(null)).toBe(1_000);
  });
});
