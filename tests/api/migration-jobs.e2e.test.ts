/**
 * Migrations from the admin page's API (issue 20) on the real platform: an uploaded generic file
 * is checked by a dry run (counts, unmapped values, refused rows with reasons) then imported, each
 * as a queued job whose progress is read back; a shadow report (ADR 0036) compares the old
 * system's Message-IDs with the mail we threaded while the mailbox was in shadow mode.
 */
import type { SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TMigrationJob } from '../../shared/api/migration.schemas.js';
import { type RunningPlatform, startRunningPlatform } from '../support/running-platform.js';
import { smtpSender } from '../support/smtp-sender.js';

const ADMIN = 'admin@demo.local';

const exportFile = {
  source: 'oldhd',
  users: [
    { id: 1, name: 'Pat Requester', email: 'pat@example.com' },
    { id: 2, name: 'No Address' },
  ],
  tickets: [
    {
      id: 11,
      subject: 'Laptop battery',
      status: 'weird-status',
      requesterId: 1,
      createdAt: '2025-03-01T09:00:00Z',
      comments: [{ id: 111, authorId: 1, body: 'It dies after an hour', createdAt: '2025-03-01T09:00:00Z' }],
    },
    { id: 12, subject: 'Phone call', status: 'open', requesterId: 2, createdAt: '2025-03-02T09:00:00Z', comments: [] },
  ],
};

describe('migration jobs', () => {
  let p: RunningPlatform;
  let send: (mail: SendMailOptions) => Promise<string>;
  beforeAll(async () => {
    p = await startRunningPlatform({ store: 'sqlite' });
    send = smtpSender(p.platform.smtpPort as number);
  });
  afterAll(async () => {
    await p.stop();
  });

  const finished = async (id: string): Promise<TMigrationJob> => {
    for (let i = 0; i < 50; i++) {
      await p.platform.drainQueue();
      const job = (await p.api<TMigrationJob>(ADMIN, `admin/migrations/jobs/${id}`)).body;
      if (job.status === 'finished' || job.status === 'failed') return job;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`job ${id} did not finish`);
  };
  const start = (body: unknown) => p.api<TMigrationJob>(ADMIN, 'admin/migrations/jobs', { body });

  it('dry-runs an uploaded file, then imports it', async () => {
    const source = { from: 'file', content: JSON.stringify(exportFile), fileName: 'export.json' };
    const dry = await start({ kind: 'import', source });
    expect(dry.status).toBe(202);
    expect(dry.body).toMatchObject({ status: 'queued', dryRun: true, origin: 'export.json' });
    const checked = await finished(dry.body.id);
    expect(checked).toMatchObject({ status: 'finished', error: null });
    expect(checked.counts.tickets).toEqual({ imported: 1, skipped: 0, rejected: 1 });
    expect(checked.rejected).toEqual([
      { kind: 'user', sourceId: '2', reason: 'No Address has no email address' },
      { kind: 'ticket', sourceId: '12', reason: 'requester No Address (2) has no email address' },
    ]);
    expect(checked.unmapped.statuses).toEqual({ 'weird-status': 1 });
    expect((await p.api<{ items: unknown[] }>(ADMIN, 'tickets?q=OL-11')).body.items).toHaveLength(0);

    const real = await start({ kind: 'import', source, dryRun: false });
    const imported = await finished(real.body.id);
    expect(imported.counts.tickets).toEqual({ imported: 1, skipped: 0, rejected: 1 });
    expect(imported.counts.entries?.imported).toBeGreaterThan(0);
    const list = await p.api<{ items: TMigrationJob[] }>(ADMIN, 'admin/migrations/jobs');
    expect(list.body.items.map((j) => j.id)).toEqual([real.body.id, dry.body.id]);
    expect((await p.api<{ items: { source: string }[] }>(ADMIN, 'admin/migrations')).body.items).toEqual([
      expect.objectContaining({ source: 'oldhd', finishedAt: expect.any(String) }),
    ]);
  });

  it('refuses a file that is not the generic format before queuing anything', async () => {
    const bad = await start({ kind: 'import', source: { from: 'file', content: '{"tickets": [{"id": 1}]}' } });
    expect(bad.status).toBe(422);
    const notJson = await start({ kind: 'import', source: { from: 'file', content: 'id,subject' } });
    expect(notJson.status).toBe(422);
    const noShadow = await start({
      kind: 'shadow-report',
      mailbox: 'nobody@demo.local',
      source: { from: 'file', content: '{}' },
    });
    expect(noShadow.status).toBe(422);
  });

  it("reports where our threading differed from the old system's during the shadow period", async () => {
    await p.api(ADMIN, 'admin/mailboxes', { method: 'PUT', body: { mailbox: 'support@demo.local', mode: 'shadow' } });
    const m1 = await send({ from: 'ann@example.com', to: 'support@demo.local', subject: 'Printer', text: 'Jams' });
    await p.platform.drainQueue();
    const m2 = await send({
      from: 'ann@example.com',
      to: 'support@demo.local',
      subject: 'Re: Printer',
      text: 'Still jams',
      inReplyTo: m1,
      references: [m1],
    });
    const m3 = await send({ from: 'bob@example.com', to: 'support@demo.local', subject: 'VPN', text: 'Down' });
    const m4 = await send({
      from: 'bob@example.com',
      to: 'support@demo.local',
      subject: 'Another VPN thing',
      text: 'x',
    });
    await p.platform.drainQueue();
    const now = new Date().toISOString();
    const comment = (id: number, messageId: string) => ({ id, authorId: 1, body: 'x', createdAt: now, messageId });
    const theirs = {
      source: 'oldhd',
      users: [{ id: 1, name: 'Ann', email: 'ann@example.com' }],
      tickets: [
        {
          id: 501,
          subject: 'Printer',
          requesterId: 1,
          createdAt: now,
          updatedAt: now,
          comments: [comment(1, m1), comment(2, m2)],
        },
        {
          id: 502,
          subject: 'VPN',
          requesterId: 1,
          createdAt: now,
          updatedAt: now,
          comments: [comment(3, m3), comment(4, m4)],
        },
        {
          id: 503,
          subject: 'Phone',
          requesterId: 1,
          createdAt: now,
          updatedAt: now,
          comments: [comment(5, '<never@x>')],
        },
      ],
    };
    const started = await start({
      kind: 'shadow-report',
      mailbox: 'support@demo.local',
      source: { from: 'file', content: JSON.stringify(theirs) },
    });
    expect(started.status).toBe(202);
    const report = await finished(started.body.id);
    expect(report.status).toBe('finished');
    const rows = (report.threading ?? []).map((r) => [r.verdict, r.theirs.map((t) => t.id), r.ours.length, r.messages]);
    expect(rows).toEqual([
      ['split', ['502'], 2, 2],
      ['only-there', ['503'], 0, 0],
      ['same', ['501'], 1, 2],
    ]);
  });
});
