import { describe, expect, it } from 'vitest';
import { aCustomer, anAgent, aSystem } from '../../tests/builders/actors.js';
import { aTicket } from '../../tests/builders/ticket-builder.js';
import { contextFor, T0 } from '../../tests/builders/time-and-ids.js';
import type { InboundEmail } from './ticket-email.js';
import { acceptsCustomerMail, isParticipant } from './ticket-email.js';

const alice = anAgent('alice');
const DAY = 86_400_000;
const mail = (from: string, automatic: InboundEmail['automatic'] = null, cc: string[] = []): InboundEmail => ({
  from: { address: from, name: '' },
  cc,
  body: 'It still jams',
  data: { messageId: 'm@x' },
  automatic,
});
const policy = { reopenWithinDays: 14 };

describe('Ticket.receiveEmail', () => {
  it('appends a public email_in entry authored by the customer and raises ticket.email_received', () => {
    const ticket = aTicket().ownedBy(alice).withStatus('open').build();
    const result = ticket.receiveEmail(mail('carol@customer.example'), policy, contextFor(aCustomer()));
    expect(result.ok).toBe(true);
    const { entries, events } = ticket.pendingChanges();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      kind: 'email_in',
      visibility: 'public',
      body: 'It still jams',
      author: { kind: 'customer' },
      data: { messageId: 'm@x' },
    });
    expect(events.map((e) => e.type)).toEqual(['ticket.email_received']);
  });

  it('wakes a pending ticket when a person writes', () => {
    const ticket = aTicket().ownedBy(alice).withStatus('pending').build();
    const result = ticket.receiveEmail(mail('carol@customer.example'), policy, contextFor(aCustomer()));
    expect(result).toMatchObject({ ok: true, value: { reopened: true } });
    expect(ticket.status).toBe('open');
  });

  it('reopens a resolved ticket within the window but refuses after it (a linked ticket follows)', () => {
    const resolvedAt = T0.toISOString();
    const within = aTicket().ownedBy(alice).with({ status: 'resolved', resolvedAt }).build();
    expect(
      within.receiveEmail(
        mail('carol@customer.example'),
        policy,
        contextFor(aCustomer(), new Date(T0.getTime() + 13 * DAY)),
      ).ok,
    ).toBe(true);
    expect(within.status).toBe('open');
    const after = aTicket().ownedBy(alice).with({ status: 'resolved', resolvedAt }).build();
    const refused = after.receiveEmail(
      mail('carol@customer.example'),
      policy,
      contextFor(aCustomer(), new Date(T0.getTime() + 15 * DAY)),
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'TICKET.CLOSED' } });
    expect(after.pendingChanges().entries).toEqual([]);
  });

  it('refuses a person writing to a closed ticket', () => {
    const ticket = aTicket().ownedBy(alice).withStatus('closed').build();
    expect(ticket.receiveEmail(mail('carol@customer.example'), policy, contextFor(aCustomer())).ok).toBe(false);
  });

  it('attaches robot mail (auto-reply, bounce) without changing the status, even on a resolved ticket', () => {
    const ticket = aTicket().ownedBy(alice).with({ status: 'resolved', resolvedAt: T0.toISOString() }).build();
    const result = ticket.receiveEmail(
      mail('carol@customer.example', { kind: 'out-of-office', reason: 'Auto-Submitted' }),
      policy,
      contextFor(aCustomer(), new Date(T0.getTime() + 30 * DAY)),
    );
    expect(result).toMatchObject({ ok: true, value: { reopened: false } });
    expect(ticket.status).toBe('resolved');
    expect(ticket.pendingChanges().events.map((e) => e.type)).toEqual(['ticket.email_received']);
  });

  it('adds the sender and the copied addresses of a person mail to the participants, never the owner', () => {
    const ticket = aTicket().ownedBy(alice).withStatus('open').build();
    ticket.receiveEmail(
      mail('Dan@Customer.example', null, ['erin@customer.example']),
      policy,
      contextFor(aCustomer('dan@customer.example')),
    );
    const snapshot = ticket.toSnapshot();
    expect(isParticipant(snapshot, 'dan@customer.example')).toBe(true);
    expect(isParticipant(snapshot, 'erin@customer.example')).toBe(true);
    expect(isParticipant(snapshot, snapshot.requester.email)).toBe(true);
    expect(snapshot.ownerId).toBe('alice');
  });

  it('refuses agents posing as inbound mail', () => {
    const ticket = aTicket().ownedBy(alice).withStatus('open').build();
    expect(ticket.receiveEmail(mail('x@y.z'), policy, contextFor(alice))).toMatchObject({
      ok: false,
      error: { code: 'AUTH.FORBIDDEN' },
    });
  });
});

describe('Ticket.recordEmailFailure', () => {
  it('records an internal email_failed entry by the system only', () => {
    const ticket = aTicket().ownedBy(alice).withStatus('closed').build();
    expect(
      ticket.recordEmailFailure({ entryId: 'e1', reason: '550 unknown user', recipients: ['x@y.z'] }, contextFor(alice))
        .ok,
    ).toBe(false);
    expect(
      ticket.recordEmailFailure(
        { entryId: 'e1', reason: '550 unknown user', recipients: ['x@y.z'] },
        contextFor(aSystem()),
      ).ok,
    ).toBe(true);
    expect(ticket.pendingChanges().entries[0]).toMatchObject({
      kind: 'email_failed',
      visibility: 'internal',
      body: '550 unknown user',
    });
  });
});

describe('acceptsCustomerMail', () => {
  it('counts the window from the resolution time', () => {
    const snapshot = aTicket().with({ status: 'resolved', resolvedAt: T0.toISOString() }).build().toSnapshot();
    expect(acceptsCustomerMail(snapshot, { reopenWithinDays: 1 }, new Date(T0.getTime() + DAY))).toBe(true);
    expect(acceptsCustomerMail(snapshot, { reopenWithinDays: 1 }, new Date(T0.getTime() + DAY + 1))).toBe(false);
  });
});

describe('Ticket.reply', () => {
  it('names its own entry in the ticket.replied event so the mail channel can send it', () => {
    const ticket = aTicket().ownedBy(alice).withStatus('open').build();
    const replied = ticket.reply({ body: 'Try tray 2', cc: [] }, contextFor(alice));
    expect(replied.ok && ticket.pendingChanges().events[0]?.data.entryId).toBe(replied.ok ? replied.value : 'none');
  });
});
