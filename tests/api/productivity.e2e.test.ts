/**
 * Agent productivity end to end on the local platform, on SQLite and on Cosmos (issue 18): a
 * ticket opened for a caller from a template with a confirmation mail; the demo macros; a bulk
 * status change over 60 tickets where 2 are refused by their own rules (sacred ownership), each
 * outcome reported with its reason; a bulk macro reply rendered per ticket; bad input as problems.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TBulkJob } from '../../shared/api/bulk.schemas.js';
import type { TMacro } from '../../shared/api/macros.schemas.js';
import type { TTicketTemplate } from '../../shared/api/ticket-templates.schemas.js';
import type { TTicket, TTimelineEntry } from '../../shared/api/tickets.schemas.js';
import { E2E_STORES } from '../support/e2e-stores.js';
import { type RunningPlatform, startRunningPlatform } from '../support/running-platform.js';

describe.each(E2E_STORES)('Agent productivity over HTTP (%s)', (store) => {
  let p: RunningPlatform;

  beforeAll(async () => {
    p = await startRunningPlatform({ store });
  }, 120_000);
  afterAll(async () => {
    await p?.stop();
  });

  const finished = async (as: string, jobId: string): Promise<TBulkJob> => {
    for (let i = 0; i < 300; i++) {
      await p.platform.drainQueue();
      const job = await p.api<TBulkJob>(as, `bulk/jobs/${jobId}`);
      expect(job.status).toBe(200);
      if (job.body.state === 'finished') return job.body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`bulk job ${jobId} did not finish`);
  };

  it('opens a ticket for a caller from a template, records agent and customer, and mails the confirmation', async () => {
    const templates = await p.api<{ items: TTicketTemplate[] }>('alice@demo.local', 'ticket-templates');
    const reset = templates.body.items.find((t) => t.name === 'Password reset');
    expect(reset?.fields).toMatchObject({ type: 'service_request', teamId: 'service-desk' });
    const created = await p.api<TTicket>('alice@demo.local', 'tickets', {
      body: {
        ...reset?.fields,
        title: 'Password reset for Hanna',
        requester: { email: 'hanna.berg@customer.example', name: 'Hanna Berg' },
        channel: 'phone',
        confirmToRequester: true,
        templateId: reset?.id,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      type: 'service_request',
      channel: 'phone',
      ownerId: null,
      createdBy: { kind: 'agent', agentId: 'ag_alice' },
      requester: { email: 'hanna.berg@customer.example', name: 'Hanna Berg' },
      tags: ['password'],
    });
    expect(created.body.customer?.contactId).toBeTruthy();
    const timeline = await p.api<{ items: TTimelineEntry[] }>(
      'alice@demo.local',
      `tickets/${created.body.id}/timeline`,
    );
    expect(timeline.body.items[0]?.data).toMatchObject({ templateId: reset?.id });
    // The template counts the ticket opened from it.
    expect(reset?.usageCount).toBe(0);
    const after = await p.api<{ items: TTicketTemplate[] }>('alice@demo.local', 'ticket-templates');
    expect(after.body.items.find((t) => t.id === reset?.id)).toMatchObject({
      usageCount: 1,
      lastUsedAt: expect.any(String),
    });
    await p.platform.drainQueue();
    const outbox = await p.api<{ items: { to: string | null; subject: string | null }[] }>(
      'alice@demo.local',
      'dev/outbox?limit=100',
    );
    const mails = outbox.body.items.filter((m) => m.subject === `[${created.body.number}] Password reset for Hanna`);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toContain('hanna.berg@customer.example');

    expect(
      (
        await p.api('alice@demo.local', 'tickets', {
          body: { title: 'x', requester: { email: 'a@b.example' }, templateId: 'tt_nope' },
        })
      ).status,
    ).toBe(404);
    expect((await p.api('alice@demo.local', 'ticket-templates', { body: { name: 'x', fields: {} } })).status).toBe(403);
    const bad = await p.api<{ code: string }>('lead@demo.local', 'ticket-templates', {
      body: { name: 'x', fields: { ownerId: 'ag_lee' } },
    });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
  });

  it('changes the status of 60 tickets in a bulk job and reports the 2 its rules refuse', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) {
      const created = await p.api<TTicket>('lead@demo.local', 'tickets', {
        body: { title: `Bulk ${i}`, requester: { email: `c${i}@customer.example`, name: `Customer ${i}` } },
      });
      ids.push(created.body.id);
      const owner = i === 17 || i === 42 ? 'bob@demo.local' : 'alice@demo.local';
      expect((await p.api(owner, `tickets/${created.body.id}/accept`, { method: 'POST' })).status).toBe(200);
    }
    const started = await p.api<TBulkJob>('alice@demo.local', 'bulk/jobs', {
      body: { action: { type: 'status', status: 'resolved', reason: 'Fixed by the patch' }, ticketIds: ids },
    });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ state: 'running', total: 60 });
    const job = await finished('alice@demo.local', started.body.id);
    expect(job).toMatchObject({ total: 60, done: 58, refused: 2, pending: 0 });
    expect(job.outcomes.map((o) => o.ticketId)).toEqual(ids);
    const refused = job.outcomes.filter((o) => o.outcome === 'refused');
    expect(refused.map((o) => o.ticketId)).toEqual([ids[17], ids[42]]);
    for (const r of refused) {
      expect(r.code).toBe('TICKET.NOT_OWNER');
      expect(r.reason).toBe('Only the owner can resolve a ticket');
      expect(r.number).toMatch(/^INC-\d+$/);
    }
    const bobs = await p.api<TTicket>('alice@demo.local', `tickets/${ids[17]}`);
    expect(bobs.body).toMatchObject({ status: 'open', ownerId: 'ag_bob' });
    const alices = await p.api<TTicket>('alice@demo.local', `tickets/${ids[0]}`);
    expect(alices.body).toMatchObject({ status: 'resolved', ownerId: 'ag_alice' });
    // The job is stored: read again (a page reload) it says the same; others cannot read it.
    expect((await p.api<TBulkJob>('alice@demo.local', `bulk/jobs/${job.id}`)).body).toEqual(job);
    expect((await p.api('bob@demo.local', `bulk/jobs/${job.id}`)).status).toBe(404);
  }, 120_000);

  it('replies with a macro rendered per ticket, accepts and transfers in bulk under the ownership rules', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push(
        (
          await p.api<TTicket>('lead@demo.local', 'tickets', {
            body: { title: `Macro bulk ${i}`, requester: { email: `m${i}@customer.example`, name: `Mo${i} Smith` } },
          })
        ).body.id,
      );
    const accepted = await finished(
      'alice@demo.local',
      (await p.api<TBulkJob>('alice@demo.local', 'bulk/jobs', { body: { action: { type: 'accept' }, ticketIds: ids } }))
        .body.id,
    );
    expect(accepted.done).toBe(3);
    const again = await finished(
      'bob@demo.local',
      (await p.api<TBulkJob>('bob@demo.local', 'bulk/jobs', { body: { action: { type: 'accept' }, ticketIds: ids } }))
        .body.id,
    );
    expect(again.outcomes.map((o) => o.code)).toEqual([
      'TICKET.ALREADY_OWNED',
      'TICKET.ALREADY_OWNED',
      'TICKET.ALREADY_OWNED',
    ]);

    const macros = await p.api<{ items: TMacro[] }>('alice@demo.local', 'macros?q=details');
    const ask = macros.body.items.find((m) => m.name === 'Ask for more details') as TMacro;
    const replied = await finished(
      'alice@demo.local',
      (
        await p.api<TBulkJob>('alice@demo.local', 'bulk/jobs', {
          body: { action: { type: 'macro', macroId: ask.id }, ticketIds: ids },
        })
      ).body.id,
    );
    expect(replied.done).toBe(3);
    for (const [i, id] of ids.entries()) {
      const ticket = await p.api<TTicket>('alice@demo.local', `tickets/${id}`);
      expect(ticket.body).toMatchObject({ status: 'pending', tags: ['waiting-customer'], ownerId: 'ag_alice' });
      const timeline = await p.api<{ items: TTimelineEntry[] }>('alice@demo.local', `tickets/${id}/timeline`);
      const reply = timeline.body.items.find((e) => e.kind === 'email_out');
      expect(reply?.body).toContain(`Hello Mo${i},`);
      expect(reply?.body).toContain(`thank you for reporting ${ticket.body.number} (Macro bulk ${i})`);
    }
    expect((await p.api<TMacro>('alice@demo.local', `macros/${ask.id}`)).body.usageCount).toBe(3);

    const byBob = await finished(
      'bob@demo.local',
      (
        await p.api<TBulkJob>('bob@demo.local', 'bulk/jobs', {
          body: { action: { type: 'transfer', toAgentId: 'ag_bob', reason: 'Mine now' }, ticketIds: ids },
        })
      ).body.id,
    );
    expect(byBob.outcomes.every((o) => o.code === 'TICKET.NOT_OWNER')).toBe(true);
    const byLead = await finished(
      'lead@demo.local',
      (
        await p.api<TBulkJob>('lead@demo.local', 'bulk/jobs', {
          body: { action: { type: 'transfer', toAgentId: 'ag_bob', reason: 'Alice is away' }, ticketIds: ids },
        })
      ).body.id,
    );
    expect(byLead.done).toBe(3);
    expect((await p.api<TTicket>('alice@demo.local', `tickets/${ids[0]}`)).body.ownerId).toBe('ag_bob');
  }, 120_000);

  it('answers bad bulk requests with problems', async () => {
    const tooMany = Array.from({ length: 1_001 }, (_, i) => `t_${i}`);
    const cases: [unknown, number][] = [
      [{ action: { type: 'status', status: 'resolved' }, ticketIds: tooMany }, 422],
      [{ action: { type: 'status', status: 'nope' }, ticketIds: ['t_1'] }, 422],
      [{ action: { type: 'owner', ownerId: 'ag_alice' }, ticketIds: ['t_1'] }, 422],
      [{ action: { type: 'status', status: 'open' }, ticketIds: ['t_1', 't_1'] }, 422],
      [{ action: { type: 'macro', macroId: 'mac_nope' }, ticketIds: ['t_1'] }, 404],
      [{ action: { type: 'team', teamId: 'no-team' }, ticketIds: ['t_1'] }, 404],
    ];
    for (const [body, status] of cases) {
      const answer = await p.api('alice@demo.local', 'bulk/jobs', { body });
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
    }
    const unknown = await finished(
      'alice@demo.local',
      (
        await p.api<TBulkJob>('alice@demo.local', 'bulk/jobs', {
          body: { action: { type: 'accept' }, ticketIds: ['t_missing'] },
        })
      ).body.id,
    );
    expect(unknown.outcomes).toEqual([
      {
        ticketId: 't_missing',
        number: null,
        outcome: 'refused',
        code: 'TICKET.NOT_FOUND',
        reason: 'No ticket t_missing',
      },
    ]);
    expect((await p.api('alice@demo.local', 'bulk/jobs/bulk_nope')).status).toBe(404);
  });
});
