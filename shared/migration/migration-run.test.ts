import { describe, expect, it } from 'vitest';
import {
  aSourceComment,
  aSourceTicket,
  aSourceUser,
  MemoryMigrationSource,
  type MemorySourceData,
} from '../../tests/fakes/memory-migration-source.js';
import { testWorld } from '../../tests/support/test-services.js';
import { attachmentBlobKey } from '../mail/inbound-content.js';
import { MailRecords } from '../mail/mail-records.js';
import type { StoredDocument } from '../ports/document-store.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';
import type { TimelineEntry } from '../timeline/timeline-entry.js';
import { MigrationLedger } from './migration-ledger.js';
import { MigrationMapping } from './migration-mapping.js';
import { ticketIdFor } from './ticket-plan.js';

const pdf = new Uint8Array([37, 80, 68, 70, 0, 255, 1, 2]);

const data = (): MemorySourceData => ({
  organizations: [{ id: '7', name: 'Acme', domains: ['acme.example'], notes: '' }],
  groups: [
    { id: '1', name: 'Support' },
    { id: '2', name: 'Hardware' },
  ],
  users: [
    aSourceUser('100', { name: 'Carol', organizationId: '7' }),
    aSourceUser('101', { name: 'Dan', email: 'dan@other.example' }),
    aSourceUser('102', { name: 'Phone Only', email: null }),
    aSourceUser('200', { name: 'Alice There', email: 'alice@old.example', role: 'agent' }),
    aSourceUser('201', { name: 'Gone Agent', email: 'gone@old.example', role: 'agent' }),
  ],
  tickets: [
    aSourceTicket('1', { assigneeId: '200', groupId: '1', tags: ['vpn', 'legacy'], priority: 'urgent' }),
    aSourceTicket('2', { assigneeId: '201', status: 'solved', requesterId: '101', groupId: '2' }),
    aSourceTicket('3', { requesterId: '102' }),
    aSourceTicket('4', { status: 'hold', priority: 'whenever' }),
    aSourceTicket('5', { status: 'closed' }),
  ],
  comments: {
    '1': [
      aSourceComment('11', {
        body: 'VPN down',
        messageId: '<first@acme.example>',
        attachments: [
          {
            id: '901',
            filename: 'log.pdf',
            contentType: 'application/pdf',
            size: pdf.byteLength,
            location: 'f901',
            inline: false,
          },
        ],
      }),
      aSourceComment('12', { authorId: '200', body: 'Restart it', createdAt: '2025-01-10T09:00:00Z' }),
      aSourceComment('13', { authorId: '200', public: false, body: 'Known issue', createdAt: '2025-01-10T09:05:00Z' }),
      aSourceComment('14', { body: 'Works', createdAt: '2025-01-10T10:00:00Z', messageId: 'second@acme.example' }),
    ],
    '2': [aSourceComment('21', { authorId: '101' }), aSourceComment('22', { authorId: '201' })],
  },
  files: { f901: pdf },
});

const mapping = () => {
  const parsed = MigrationMapping.parse({
    groups: { Support: 'service-desk' },
    agents: { 'alice@old.example': 'alice@demo.local' },
    numberPrefix: 'ZD',
  });
  if (!parsed.ok) throw new Error(parsed.issues.join('; '));
  return parsed.value;
};

async function setUp(pageSize = 2) {
  const world = await testWorld();
  const source = new MemoryMigrationSource(data(), pageSize, 'zendesk');
  const ticket = async (sourceId: string) =>
    (
      await world.store.read<TicketSnapshot & StoredDocument>(
        'tickets',
        ticketIdFor('zendesk', sourceId),
        ticketIdFor('zendesk', sourceId),
      )
    )?.doc;
  const entries = async (sourceId: string) => {
    const id = ticketIdFor('zendesk', sourceId);
    const page = await world.store.query<TimelineEntry & StoredDocument>('tickets', {
      partitionKey: id,
      where: [
        { field: 'ticketId', op: 'eq', value: id },
        { field: 'docType', op: 'eq', value: 'entry' },
      ],
      limit: 100,
    });
    return page.items.map((i) => i.doc).sort((a, b) => a.seq - b.seq);
  };
  const allTickets = async () =>
    (
      await world.store.query<TicketSnapshot & StoredDocument>('tickets', {
        where: [{ field: 'docType', op: 'eq', value: 'ticket' }],
        limit: 1000,
      })
    ).items.map((i) => i.doc);
  return { world, source, ticket, entries, allTickets };
}

describe('MigrationRun', () => {
  it('takes every ticket it can with its history, and reports the one it cannot with the reason', async () => {
    const { world, source, ticket, entries } = await setUp();
    const report = await world.services.migration.run(source, mapping());
    expect(report.finished).toBe(true);
    expect(report.counts.tickets).toEqual({ imported: 4, skipped: 0, rejected: 1 });
    expect(report.rejected).toContainEqual({
      kind: 'ticket',
      sourceId: '3',
      reason: 'requester Phone Only (102) has no email address',
    });
    expect(report.rejected).toContainEqual({
      kind: 'user',
      sourceId: '102',
      reason: 'Phone Only has no email address',
    });
    const one = await ticket('1');
    expect(one).toMatchObject({
      title: 'Ticket 1',
      ownerId: 'ag_alice',
      status: 'open',
      priority: 'P1',
      teamId: 'service-desk',
      tags: ['vpn', 'legacy'],
      requester: { email: 'user100@acme.example', name: 'Carol' },
      external: { source: 'zendesk', id: '1', number: 'ZD-1' },
      createdAt: '2025-01-10T08:00:00.000Z',
      customer: { companyName: 'Acme' },
    });
    const story = await entries('1');
    expect(story.map((e) => [e.kind, e.visibility, e.author, e.at, e.body])).toEqual([
      [
        'ticket_created',
        'public',
        { kind: 'customer', email: 'user100@acme.example' },
        '2025-01-10T08:00:00.000Z',
        'Help with 1',
      ],
      [
        'email_in',
        'public',
        { kind: 'customer', email: 'user100@acme.example' },
        '2025-01-10T08:00:00.000Z',
        'VPN down',
      ],
      ['email_out', 'public', { kind: 'agent', agentId: 'ag_alice' }, '2025-01-10T09:00:00.000Z', 'Restart it'],
      ['note', 'internal', { kind: 'agent', agentId: 'ag_alice' }, '2025-01-10T09:05:00.000Z', 'Known issue'],
      ['email_in', 'public', { kind: 'customer', email: 'user100@acme.example' }, '2025-01-10T10:00:00.000Z', 'Works'],
      [
        'status_changed',
        'internal',
        { kind: 'agent', agentId: 'ag_alice' },
        '2025-01-11T08:00:00.000Z',
        'Status in zendesk: open',
      ],
      [
        'owner_changed',
        'internal',
        { kind: 'system', name: 'migration' },
        '2025-01-11T08:00:00.000Z',
        'Owner as assigned in zendesk',
      ],
    ]);
    const attachment = (story[1]?.data.email as { attachments: { id: string }[] } | undefined)?.attachments[0];
    expect(attachment?.id).toBe('att_zendesk_901');
    expect((await world.services.mail.blobs.get(attachmentBlobKey('att_zendesk_901')))?.content).toEqual(pdf);
  });

  it('keeps an assignee with no agent here as an inactive directory entry and leaves the ticket unowned', async () => {
    const { world, source, ticket, entries } = await setUp();
    const report = await world.services.migration.run(source, mapping());
    expect(report.unmapped.agents).toEqual({ 'gone@old.example': 1 });
    const two = await ticket('2');
    expect(two?.ownerId).toBeNull();
    expect(two?.status).toBe('resolved');
    const gone = await world.services.directory.agentByEmail('gone@old.example');
    expect(gone).toMatchObject({ active: false, id: 'ag_zendesk_201' });
    const story = await entries('2');
    expect(
      story.find((e) => e.data.source && (e.data.source as { commentId: string }).commentId === '22')?.author,
    ).toEqual({
      kind: 'agent',
      agentId: 'ag_zendesk_201',
    });
    expect(story.at(-1)?.body).toBe(
      'Imported unowned: gone@old.example (the assignee in zendesk) is not an agent here',
    );
  });

  it('reports unmapped statuses, priorities and groups, and falls back to the defaults', async () => {
    const { world, source, ticket } = await setUp();
    const report = await world.services.migration.run(source, mapping());
    expect(report.unmapped.priorities).toEqual({ whenever: 1 });
    expect(report.unmapped.groups).toEqual({ Hardware: 1 });
    expect(await ticket('4')).toMatchObject({ status: 'pending', priority: 'P4' });
    expect((await ticket('2'))?.teamId).toBeNull();
  });

  it('raises only ticket.imported: nothing is routed, notified or mailed for the past', async () => {
    const { world, source } = await setUp();
    await world.services.migration.run(source, mapping());
    const events = world.bus.published.flatMap((p) => {
      const body = p.message.body as { type?: string };
      return [p.message.type, body.type].filter((t) => typeof t === 'string');
    });
    expect(new Set(events.filter((t) => t.startsWith('ticket.')))).toEqual(new Set(['ticket.imported']));
  });

  it('imports nothing twice when run again', async () => {
    const { world, source, allTickets } = await setUp();
    await world.services.migration.run(source, mapping());
    const first = (await allTickets()).map((t) => [t.id, t.number]);
    const again = await world.services.migration.run(source, mapping());
    expect(again.counts.tickets).toEqual({ imported: 0, skipped: 4, rejected: 1 });
    expect(again.counts.users.imported).toBe(0);
    expect(again.counts.organizations).toEqual({ imported: 0, skipped: 1, rejected: 0 });
    expect(again.counts.agents.imported).toBe(0);
    expect((await allTickets()).map((t) => [t.id, t.number])).toEqual(first);
  });

  it('resumes after a crash from the last finished page and takes each ticket once', async () => {
    const { world, source, allTickets } = await setUp(2);
    source.failAfterTickets = 3;
    await expect(world.services.migration.run(source, mapping())).rejects.toThrow('source went away');
    const state = await new MigrationLedger(world.store, 'zendesk').state();
    expect(state?.cursor).toBe('2');
    expect(state?.finishedAt).toBeNull();
    expect((await allTickets()).length).toBeGreaterThanOrEqual(2);
    source.failAfterTickets = null;
    source.commentCalls = 0;
    const resumed = await world.services.migration.run(source, mapping());
    expect(resumed.resumedFrom).toBe('2');
    expect(resumed.finished).toBe(true);
    // Only the tickets from the cursor on were looked at again.
    expect(resumed.counts.tickets.imported + resumed.counts.tickets.skipped + resumed.counts.tickets.rejected).toBe(3);
    const ids = (await allTickets()).map((t) => t.external?.id).sort();
    expect(ids).toEqual(['1', '2', '4', '5']);
    const done = await new MigrationLedger(world.store, 'zendesk').state();
    expect(done?.counts.tickets.imported).toBe(4);
    expect(done?.finishedAt).not.toBeNull();
  });

  it('records the Message-IDs of imported mails on the imported ticket, for threading', async () => {
    const { world, source, entries } = await setUp();
    await world.services.migration.run(source, mapping());
    const records = new MailRecords(world.store);
    const first = await records.message('first@acme.example');
    expect(first?.doc).toMatchObject({ status: 'done', ticketId: ticketIdFor('zendesk', '1') });
    const story = await entries('1');
    expect(first?.doc.entryId).toBe(story[1]?.id);
    expect((await records.message('second@acme.example'))?.doc.ticketId).toBe(ticketIdFor('zendesk', '1'));
  });

  it('writes nothing in a dry run and reports what it would do', async () => {
    const { world, source, allTickets } = await setUp();
    const report = await world.services.migration.run(source, mapping(), { dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(report.counts.tickets).toEqual({ imported: 4, skipped: 0, rejected: 1 });
    expect(report.counts.users.imported).toBe(2);
    expect(report.unmapped.agents).toEqual({ 'gone@old.example': 1 });
    expect(await allTickets()).toEqual([]);
    expect(await world.services.directory.agentByEmail('gone@old.example')).toBeUndefined();
    expect(await world.services.customers.directory.contactByEmail('user100@acme.example')).toBeUndefined();
    expect(await new MigrationLedger(world.store, 'zendesk').state()).toBeUndefined();
  });
});

describe('MigrationMapping', () => {
  it('refuses a mapping file with unknown fields or values, naming them', () => {
    const parsed = MigrationMapping.parse({ statuses: { solved: 'done' }, colour: 'blue' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues.join('\n')).toMatch(/statuses\.solved|colour/);
  });

  it('maps tags, drops those mapped to null and lower-cases the rest', () => {
    const parsed = MigrationMapping.parse({ tags: { Old: 'legacy', noise: null } });
    if (!parsed.ok) throw new Error('invalid');
    expect(parsed.value.tags(['Old', 'noise', 'VPN', 'vpn'])).toEqual(['legacy', 'vpn']);
  });
});
