import { describe, expect, it } from 'vitest';
import { aCustomer, anAgent, anExpert, aTicket, contextFor, systemActor } from '../../tests/builders/index.js';
import { INVERSE_LINK, LINK_KINDS, type LinkTarget, MAX_LINKS } from './work-item-links.js';

const change: LinkTarget = { practice: 'change', id: 'chg_1', number: 'CHG-1001' };
const problem: LinkTarget = { practice: 'problem', id: 'prb_1', number: 'PRB-1001' };

describe('Work-item links', () => {
  it('pairs every kind with an inverse that points back', () => {
    for (const kind of LINK_KINDS) expect(INVERSE_LINK[INVERSE_LINK[kind]]).toBe(kind);
  });

  it('records a link with an entry and a ticket.linked event, and leaves the owner alone', () => {
    const ticket = aTicket().ownedBy('alice').build();
    const linked = ticket.link('caused_by', change, contextFor(anAgent('bob')));
    expect(linked).toEqual({ ok: true, value: true });
    expect(ticket.toSnapshot().links).toEqual([{ kind: 'caused_by', ...change, linkedAt: '2025-03-03T09:00:00.000Z' }]);
    const { entries, events } = ticket.pendingChanges();
    expect(entries.map((e) => [e.kind, e.body, e.ticketId])).toEqual([
      ['link_added', 'caused by CHG-1001', 't_ticket1'],
    ]);
    expect(events.map((e) => [e.type, e.ticketId])).toEqual([['ticket.linked', 't_ticket1']]);
    expect(ticket.ownerId).toBe('alice');
  });

  it('adds the same link once, so a redelivered event writes nothing', () => {
    const ticket = aTicket().linkedTo('symptom_of', problem).build();
    expect(ticket.link('symptom_of', problem, contextFor(systemActor))).toEqual({ ok: true, value: false });
    expect(ticket.pendingChanges().entries).toEqual([]);
    // Another kind to the same item is another link.
    expect(ticket.link('related', problem, contextFor(systemActor))).toEqual({ ok: true, value: true });
  });

  it('links a closed ticket too: a change closing links back to the incidents it caused', () => {
    const ticket = aTicket().ownedBy('alice').withStatus('closed').build();
    expect(ticket.link('caused_by', change, contextFor(systemActor)).ok).toBe(true);
  });

  it('refuses customers, team mailboxes and a link to itself', () => {
    const ticket = aTicket().build();
    expect(ticket.link('related', change, contextFor(aCustomer()))).toMatchObject({
      ok: false,
      error: { code: 'AUTH.FORBIDDEN' },
    });
    const mailbox = { kind: 'mailbox', address: 'dba@contoso.example', teamId: 'team_dba' } as const;
    expect(ticket.link('related', change, contextFor(mailbox))).toMatchObject({ error: { code: 'AUTH.FORBIDDEN' } });
    expect(
      ticket.link('related', { practice: 'ticket', id: 't_ticket1', number: 'INC-1001' }, contextFor(anExpert())),
    ).toMatchObject({ error: { code: 'REQUEST.VALIDATION_FAILED' } });
  });

  it('keeps a work item small: at most MAX_LINKS links', () => {
    const builder = aTicket();
    for (let i = 0; i < MAX_LINKS; i++)
      builder.linkedTo('related', { practice: 'ticket', id: `t_${i}`, number: `INC-${i}` });
    const ticket = builder.build();
    expect(ticket.link('related', change, contextFor(systemActor))).toMatchObject({
      error: { code: 'REQUEST.VALIDATION_FAILED' },
    });
  });

  it('removes a link with its reason, and reports a missing one without writing', () => {
    const ticket = aTicket().linkedTo('symptom_of', problem).linkedTo('caused_by', change).build();
    expect(ticket.unlink('symptom_of', 'prb_1', 'Wrong problem', contextFor(anAgent('bob')))).toEqual({
      ok: true,
      value: true,
    });
    expect(ticket.toSnapshot().links?.map((l) => l.number)).toEqual(['CHG-1001']);
    expect(ticket.unlink('symptom_of', 'prb_1', null, contextFor(anAgent('bob')))).toEqual({ ok: true, value: false });
    const { entries, events } = ticket.pendingChanges();
    expect(entries.map((e) => [e.kind, e.body])).toEqual([['link_removed', 'Wrong problem']]);
    expect(events[0]?.data).toMatchObject({ reason: 'Wrong problem', link: { kind: 'symptom_of', id: 'prb_1' } });
  });
});
