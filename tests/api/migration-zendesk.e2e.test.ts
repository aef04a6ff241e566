/**
 * Moving in from Zendesk end to end (issue 20): the Zendesk simulator (its wire format, paging,
 * 429 with Retry-After) -> the real adapter -> the importer -> the running platform, on each store.
 * Counts, a sampled ticket's timeline entry by entry, attachments byte-identical, owners mapped,
 * the old number found by search, a refused row with its reason, a re-run that imports nothing,
 * a run interrupted half-way that resumes, and a customer's answer to an old thread over SMTP
 * landing on the imported ticket.
 */
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZendeskSource } from '../../functions/adapters/migration/zendesk-source.js';
import { MigrationMapping } from '../../shared/migration/migration-mapping.js';
import { ticketIdFor } from '../../shared/migration/ticket-plan.js';
import type { ZdComment, ZdTicket } from '../simulators/zendesk/zendesk-history.js';
import { startZendeskSimulator, type ZendeskSimulator } from '../simulators/zendesk/zendesk-simulator.js';
import { E2E_STORES } from '../support/e2e-stores.js';
import { type RunningPlatform, startRunningPlatform } from '../support/running-platform.js';

type Ticket = {
  id: string;
  number: string;
  status: string;
  ownerId: string | null;
  teamId: string | null;
  external?: { source: string; id: string; number: string };
};
type Entry = {
  kind: string;
  at: string;
  body: string | null;
  author: Record<string, string>;
  visibility: string;
  data: Record<string, unknown>;
};

const TICKETS = 40;
const ADMIN = 'admin@demo.local';
const mapping = () => {
  const parsed = MigrationMapping.parse({
    groups: { Support: 'service-desk', Network: 'network' },
    numberPrefix: 'ZD',
  });
  if (!parsed.ok) throw new Error(parsed.issues.join('\n'));
  return parsed.value;
};

describe.each(E2E_STORES)('migration from Zendesk on the local platform (%s)', (store) => {
  let p: RunningPlatform;
  let sim: ZendeskSimulator;
  const source = () => new ZendeskSource({ url: sim.url, email: sim.email, token: sim.token, ticketsPerPage: 10 });
  const imported = (zd: ZdTicket) => p.api<Ticket>(ADMIN, `tickets/${ticketIdFor('zendesk', String(zd.id))}`);
  const timeline = async (zd: ZdTicket) =>
    (await p.api<{ items: Entry[] }>(ADMIN, `tickets/${ticketIdFor('zendesk', String(zd.id))}/timeline?limit=100`)).body
      .items;
  const live = () => sim.account.tickets.filter((t) => t.status !== 'deleted');

  beforeAll(async () => {
    // 25 requests a second: the run meets the rate limit and must wait Retry-After.
    sim = await startZendeskSimulator({ tickets: TICKETS, rateLimit: 25, rateWindowMs: 1_000 });
    p = await startRunningPlatform({ store });
  });
  afterAll(async () => {
    await p.stop();
    await sim.close();
  });

  it('resumes a run the source cut off half-way, and takes every ticket once', async () => {
    sim.breakComments(15);
    const cut = source();
    await expect(p.composition.services.migration.run(cut, mapping())).rejects.toThrow(/503/);
    sim.heal();
    const before = (await p.api<{ items: Ticket[] }>(ADMIN, 'tickets?limit=100')).body.items.filter((t) => t.external);
    expect(before.length).toBeGreaterThanOrEqual(10);
    expect(before.length).toBeLessThan(live().length - 1);

    const zd = source();
    // A 429 on the way (besides the window's own limit, which a slower store may never reach).
    sim.failNext(1, 429, 1);
    const report = await p.composition.services.migration.run(zd, mapping());
    expect(report.finished).toBe(true);
    expect(report.resumedFrom).not.toBeNull();
    // The rate limit was met and waited out (Retry-After), never given up on.
    expect(sim.requests.some((r) => r.status === 429)).toBe(true);
    expect(zd.rateLimitWaitMs).toBeGreaterThanOrEqual(1_000);
    await p.platform.drainQueue();

    const all = (await p.api<{ items: Ticket[] }>(ADMIN, 'tickets?limit=100')).body.items.filter((t) => t.external);
    // Every live ticket but the phone-only caller's, each once.
    expect(all.length).toBe(live().length - 1);
    expect(new Set(all.map((t) => t.external?.id)).size).toBe(all.length);
    expect(new Set(all.map((t) => t.number)).size).toBe(all.length);
  });

  it('reports the refused row with its reason and took the rest', async () => {
    const again = await p.composition.services.migration.run(source(), mapping());
    expect(again.counts.tickets).toEqual({ imported: 0, skipped: live().length - 1, rejected: 1 });
    expect(again.rejected).toContainEqual({
      kind: 'ticket',
      sourceId: '5',
      reason: 'requester Phone Only (8999) has no email address',
    });
    expect(again.counts.attachments.imported).toBe(0);
    expect(again.counts.users.imported).toBe(0);
  });

  it("shows each source's import progress to admins only", async () => {
    const runs = await p.api<{
      items: {
        source: string;
        finishedAt: string | null;
        counts: Record<string, { imported: number; skipped: number }>;
      }[];
    }>(ADMIN, 'admin/migrations');
    expect(runs.status).toBe(200);
    const zendesk = runs.body.items.find((r) => r.source === 'zendesk');
    expect(zendesk?.finishedAt).not.toBeNull();
    // The last run (the re-run above) found every ticket already here.
    expect((zendesk?.counts.tickets?.imported ?? 0) + (zendesk?.counts.tickets?.skipped ?? 0)).toBe(live().length - 1);
    expect((await p.api('alice@demo.local', 'admin/migrations')).status).toBe(403);
  });

  it('keeps a sampled ticket whole: fields, owner, and each entry with its author, time and text', async () => {
    const zd = live().find(
      (t) => t.assignee_id === 9001 && (sim.account.comments.get(t.id)?.length ?? 0) >= 3,
    ) as ZdTicket;
    expect(zd).toBeDefined();
    const ticket = (await imported(zd)).body;
    expect(ticket).toMatchObject({
      ownerId: 'ag_alice',
      external: { source: 'zendesk', id: String(zd.id), number: `ZD-${zd.id}` },
    });
    const comments = sim.account.comments.get(zd.id) as ZdComment[];
    const entries = (await timeline(zd)).filter((e) => e.data.source);
    expect(entries).toHaveLength(comments.length);
    for (const [i, c] of comments.entries()) {
      const e = entries[i] as Entry;
      const byAgent = c.author_id === 9001;
      expect(e.kind).toBe(!c.public ? 'note' : byAgent ? 'email_out' : 'email_in');
      expect(e.at).toBe(new Date(c.created_at).toISOString());
      expect(e.body).toBe(c.plain_body);
      expect(e.visibility).toBe(c.public ? 'public' : 'internal');
      expect(e.author).toEqual(
        byAgent ? { kind: 'agent', agentId: 'ag_alice' } : { kind: 'customer', email: expect.any(String) },
      );
    }
  });

  it('stores attachments byte for byte and serves them', async () => {
    const zd = live().find((t) => sim.account.comments.get(t.id)?.[0]?.attachments.length) as ZdTicket;
    const att = (sim.account.comments.get(zd.id) as ZdComment[])[0]?.attachments[0];
    const token = /token\/([^/]+)\//.exec(att?.content_url ?? '')?.[1] as string;
    const entry = (await timeline(zd)).find((e) => e.kind === 'email_in');
    const stored = (entry?.data.email as { attachments: { id: string; url: string }[] } | undefined)?.attachments[0];
    const response = await fetch(`${p.url}${stored?.url}`, { headers: { authorization: `Dev ${ADMIN}` } });
    expect(response.status).toBe(200);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(sim.account.files.get(token)?.content);
  });

  it('leaves a ticket unowned when its assignee has no agent here, and keeps them as an inactive entry', async () => {
    const zd = live().find((t) => t.assignee_id === 9003 && t.id !== 5) as ZdTicket;
    expect((await imported(zd)).body.ownerId).toBeNull();
    const fran = await p.composition.services.directory.agentByEmail('fran@old-helpdesk.example');
    expect(fran).toMatchObject({ active: false });
  });

  it('finds an imported ticket by its old number', async () => {
    const zd = live()[3] as ZdTicket;
    const found = await p.api<{ items: { ticket: Ticket }[] }>(ADMIN, `search?q=${encodeURIComponent(`ZD-${zd.id}`)}`);
    expect(found.status).toBe(200);
    expect(found.body.items[0]?.ticket.id).toBe(ticketIdFor('zendesk', String(zd.id)));
  });

  it('lands a customer answering an old Zendesk thread on the imported ticket', async () => {
    const zd = live().find((t) => t.status === 'open' && t.requester_id !== 8999) as ZdTicket;
    const first = (sim.account.comments.get(zd.id) as ZdComment[])[0] as ZdComment;
    const requester = sim.account.users.find((u) => u.id === zd.requester_id);
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: p.platform.smtpPort as number,
      secure: false,
      ignoreTLS: true,
    });
    await transport.sendMail({
      from: requester?.email as string,
      to: 'support@demo.local',
      subject: `Re: ${zd.subject}`,
      inReplyTo: first.metadata.system.message_id as string,
      references: [first.metadata.system.message_id as string],
      text: 'Still broken after the switch.',
    });
    await p.platform.drainQueue();
    const last = (await timeline(zd)).filter((e) => e.kind === 'email_in').at(-1);
    expect(last?.body).toBe('Still broken after the switch.');
    expect(last?.data.threading).toMatchObject({ rule: 'references' });
  });
});
