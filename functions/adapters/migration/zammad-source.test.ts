import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentBlobKey } from '../../../shared/mail/inbound-content.js';
import { MigrationMapping } from '../../../shared/migration/migration-mapping.js';
import { ticketIdFor } from '../../../shared/migration/ticket-plan.js';
import type { StoredDocument } from '../../../shared/ports/document-store.js';
import type { TimelineEntry } from '../../../shared/timeline/timeline-entry.js';
import { startZammadSimulator, type ZammadSimulator } from '../../../tests/simulators/zammad/zammad-simulator.js';
import { testWorld } from '../../../tests/support/test-services.js';
import { ZammadSource } from './zammad-source.js';

let sim: ZammadSimulator;
const waits: number[] = [];
const source = () =>
  new ZammadSource({
    url: sim.url,
    token: sim.token,
    perPage: 7,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });

beforeAll(async () => {
  sim = await startZammadSimulator({ tickets: 30 });
});
afterAll(() => sim.close());

describe('ZammadSource', () => {
  it('imports tickets, articles and attachments from Zammad, owners by email, and nothing twice', async () => {
    const world = await testWorld();
    sim.failNext(1, 429, 2);
    const report = await world.services.migration.run(source(), MigrationMapping.defaults());
    expect(waits).toContain(2_000);
    const live = sim.account.tickets.filter((t) => t.status !== 'deleted');
    expect(report.counts.tickets).toEqual({ imported: live.length - 1, skipped: 0, rejected: 1 });
    expect(report.rejected).toContainEqual({
      kind: 'ticket',
      sourceId: '5',
      reason: 'requester Phone Only (8999) has no email address',
    });

    const zd = live.find((t) => t.assignee_id === 9001 && (sim.account.comments.get(t.id)?.length ?? 0) >= 2);
    if (!zd) throw new Error('no sample');
    const id = ticketIdFor('zammad', String(zd.id));
    const ticket = (await world.store.read('tickets', id, id))?.doc;
    expect(ticket).toMatchObject({
      ownerId: 'ag_alice',
      external: { source: 'zammad', id: String(zd.id), number: `ZA-${31000 + zd.id}` },
      tags: zd.tags,
    });
    const entries = (
      await world.store.query<TimelineEntry & StoredDocument>('tickets', {
        partitionKey: id,
        where: [
          { field: 'ticketId', op: 'eq', value: id },
          { field: 'docType', op: 'eq', value: 'entry' },
        ],
        limit: 100,
      })
    ).items
      .map((i) => i.doc)
      .filter((e) => e.data.source)
      .sort((a, b) => a.seq - b.seq);
    const comments = sim.account.comments.get(zd.id) ?? [];
    // HTML articles arrive as their text, plain ones as they are.
    expect(entries.map((e) => e.body)).toEqual(comments.map((c) => c.plain_body));
    expect(entries.map((e) => e.at)).toEqual(comments.map((c) => new Date(c.created_at).toISOString()));

    const withFile = live.find((t) => sim.account.comments.get(t.id)?.[0]?.attachments.length && t.id !== 5);
    const att = sim.account.comments.get(withFile?.id ?? 0)?.[0]?.attachments[0];
    const token = /token\/([^/]+)\//.exec(att?.content_url ?? '')?.[1] ?? '';
    const blob = await world.services.mail.blobs.get(attachmentBlobKey(`att_zammad_${att?.id}`));
    expect(blob?.content).toEqual(sim.account.files.get(token)?.content);

    const again = await world.services.migration.run(source(), MigrationMapping.defaults());
    expect(again.counts.tickets).toEqual({ imported: 0, skipped: live.length - 1, rejected: 1 });
  });
});
