import { describe, expect, it } from 'vitest';
import { anAgent, aTicket, contextFor } from '../../tests/builders/index.js';
import { InMemoryDocumentStore } from '../../tests/fakes/in-memory-document-store.js';
import { ticketCiLinks } from '../migrations/0002-ticket-ci-links.js';
import { ciLinkOps, ticketCiLinkId } from './ticket-ci-links.js';
import { TicketRepository } from './ticket-repository.js';

const alice = anAgent('alice');

describe('Ticket CI links', () => {
  it('writes a link per affected CI, rewrites the ones whose ticket fields changed and deletes removed ones', () => {
    const before = aTicket()
      .ownedBy(alice)
      .withStatus('open')
      .with({
        affectedCis: [
          { ciId: 'ci_a', primary: true },
          { ciId: 'ci_b', primary: false },
        ],
      })
      .snapshot().ticket;
    expect(ciLinkOps(null, before).map((o) => o.op)).toEqual(['upsert', 'upsert']);
    expect(ciLinkOps(before, { ...before, updatedAt: 'later' })).toEqual([]);
    const resolved = { ...before, status: 'resolved' as const, affectedCis: [{ ciId: 'ci_a', primary: true }] };
    const ops = ciLinkOps(before, resolved);
    expect(ops).toEqual([
      {
        op: 'upsert',
        doc: expect.objectContaining({ id: ticketCiLinkId(before.id, 'ci_a'), open: false, status: 'resolved' }),
      },
      { op: 'delete', id: ticketCiLinkId(before.id, 'ci_b') },
    ]);
  });

  it('saves the links with the ticket, in its partition', async () => {
    const store = new InMemoryDocumentStore();
    const repo = new TicketRepository(store);
    const { ticket } = aTicket().ownedBy(alice).withStatus('open').snapshot();
    await store.batch('tickets', ticket.id, [{ op: 'create', doc: ticket as never }]);
    const loaded = await repo.load(ticket.id);
    if (!loaded) throw new Error('not stored');
    expect(loaded.ticket.setAffectedCis([{ ciId: 'ci_a', primary: true }], contextFor(alice)).ok).toBe(true);
    await repo.save(loaded.ticket, loaded.etag);
    const link = await store.read('tickets', ticket.id, ticketCiLinkId(ticket.id, 'ci_a'));
    expect(link?.doc).toMatchObject({
      docType: 'ticket-ci',
      ciId: 'ci_a',
      primary: true,
      open: true,
      number: 'INC-1001',
    });
  });

  it('migration 2 writes the links of tickets that had CIs before links existed, and again changes nothing new', async () => {
    const store = new InMemoryDocumentStore();
    const withCis = aTicket()
      .withId('t_1', 'INC-1')
      .with({ affectedCis: [{ ciId: 'ci_a', primary: true }] })
      .snapshot().ticket;
    const without = aTicket().withId('t_2', 'INC-2').snapshot().ticket;
    for (const t of [withCis, without]) await store.batch('tickets', t.id, [{ op: 'create', doc: t as never }]);
    const deps = { store, clock: { now: () => new Date() }, route: async () => {} };
    expect(await ticketCiLinks.up(deps)).toEqual({ changed: true, tickets: 1, links: 1 });
    expect((await store.read('tickets', 't_1', ticketCiLinkId('t_1', 'ci_a')))?.doc).toMatchObject({ ciId: 'ci_a' });
    expect(await ticketCiLinks.up(deps)).toEqual({ changed: true, tickets: 1, links: 1 });
  });
});
