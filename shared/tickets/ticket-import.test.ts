import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anAgent, anAgentSnapshot, anExpert, contextFor, sequentialIds } from '../../tests/builders/index.js';
import { systemActor } from '../kernel/actor.js';
import { Ticket } from './ticket.js';
import type { ImportedHistoryItem, ImportedTicket } from './ticket-import-ops.js';

const carol = { kind: 'customer', email: 'carol@acme.example' } as const;
const alice = anAgentSnapshot(anAgent('alice'));
const migration = () => contextFor(systemActor('migration'), new Date('2026-12-01T10:00:00Z'), sequentialIds());

const anImport = (overrides: Partial<ImportedTicket> = {}): ImportedTicket => ({
  id: 't_zendesk_42',
  number: 'INC-1042',
  type: 'incident',
  title: 'Printer on fire',
  description: 'It smokes.',
  requester: { email: 'Carol@Acme.example', name: 'Carol' },
  impact: 3,
  urgency: 2,
  channel: 'email',
  tags: ['printer', 'printer'],
  createdAt: '2024-05-01T08:00:00Z',
  createdBy: carol,
  external: { source: 'zendesk', id: '42', number: 'ZD-42', url: null },
  assignee: null,
  history: [],
  ...overrides,
});

const reply: ImportedHistoryItem = {
  kind: 'email_out',
  at: '2024-05-01T09:30:00Z',
  author: { kind: 'agent', agentId: 'alice' },
  visibility: 'public',
  body: 'Unplug it.',
};
const answer: ImportedHistoryItem = {
  kind: 'email_in',
  at: '2024-05-01T10:00:00Z',
  author: carol,
  visibility: 'public',
  body: 'Done, thanks.',
};
const solved: ImportedHistoryItem = {
  kind: 'status_changed',
  at: '2024-05-02T08:00:00Z',
  author: { kind: 'agent', agentId: 'alice' },
  visibility: 'internal',
  body: null,
  status: 'resolved',
};

const imported = (input: ImportedTicket) => {
  const result = Ticket.imported(input, migration());
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

describe('Ticket.imported', () => {
  it('keeps every entry with its original author and time, in time order, after the creation', () => {
    const ticket = imported(anImport({ history: [solved, answer, reply], assignee: alice }));
    const { entries } = ticket.pendingChanges();
    expect(entries.map((e) => [e.kind, e.at, e.author])).toEqual([
      ['ticket_created', '2024-05-01T08:00:00.000Z', carol],
      ['email_out', '2024-05-01T09:30:00.000Z', { kind: 'agent', agentId: 'alice' }],
      ['email_in', '2024-05-01T10:00:00.000Z', carol],
      ['status_changed', '2024-05-02T08:00:00.000Z', { kind: 'agent', agentId: 'alice' }],
      ['owner_changed', '2024-05-02T08:00:00.000Z', { kind: 'system', name: 'migration' }],
    ]);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    const snapshot = ticket.toSnapshot();
    expect(snapshot).toMatchObject({
      id: 't_zendesk_42',
      status: 'resolved',
      resolvedAt: '2024-05-02T08:00:00.000Z',
      createdAt: '2024-05-01T08:00:00.000Z',
      updatedAt: '2024-05-02T08:00:00.000Z',
      requester: { email: 'carol@acme.example' },
      tags: ['printer'],
      external: { source: 'zendesk', number: 'ZD-42' },
      ownerId: 'alice',
    });
  });

  it('raises one ticket.imported event and nothing the rules, routing or the mailer act on', () => {
    const ticket = imported(anImport({ history: [reply, answer, solved], assignee: alice }));
    const { events } = ticket.pendingChanges();
    expect(events.map((e) => e.type)).toEqual(['ticket.imported']);
    expect(events[0]?.data).toMatchObject({ number: 'INC-1042', ownerId: 'alice', entries: 5 });
  });

  it('builds the SLA history from the past: the first public reply and the customer message at their times', () => {
    const ticket = imported(anImport({ history: [reply, answer] }));
    expect(ticket.toSnapshot().slaHistory).toEqual([
      { type: 'created', at: '2024-05-01T08:00:00.000Z', priority: ticket.toSnapshot().priority, status: 'new' },
      { type: 'agent_public_reply', at: '2024-05-01T09:30:00.000Z' },
      { type: 'customer_message', at: '2024-05-01T10:00:00.000Z' },
    ]);
  });

  it('makes the assignee owner only when they exist here and may own tickets', () => {
    expect(imported(anImport({ assignee: alice })).ownerId).toBe('alice');
    expect(imported(anImport({ assignee: alice })).status).toBe('open');
    const inactive = imported(anImport({ assignee: { ...alice, active: false } }));
    expect(inactive.ownerId).toBeNull();
    expect(inactive.pendingChanges().entries.at(-1)).toMatchObject({
      kind: 'note',
      body: 'Imported unowned: alice@demo.local cannot own tickets here',
    });
    const expert = imported(anImport({ assignee: anAgentSnapshot(anExpert()) }));
    expect(expert.ownerId).toBeNull();
    const unmapped = imported(anImport({ assignee: null, unassignedReason: 'bob@old.example is not an agent here' }));
    expect(unmapped.ownerId).toBeNull();
    expect(unmapped.status).toBe('new');
    expect(unmapped.pendingChanges().entries.at(-1)?.body).toBe(
      'Imported unowned: bob@old.example is not an agent here',
    );
  });

  it('refuses an invalid time with a validation error instead of storing it', () => {
    const result = Ticket.imported(anImport({ history: [{ ...reply, at: 'yesterday' }] }), migration());
    expect(result).toMatchObject({ ok: false, error: { code: 'REQUEST.VALIDATION_FAILED' } });
  });

  it('keeps seq in time order and the owner unchanged by anything but the assignee, whatever the history', () => {
    const item = fc.record({
      kind: fc.constantFrom('email_in', 'email_out', 'note', 'status_changed' as const),
      minutes: fc.integer({ min: -60, max: 100_000 }),
      status: fc.constantFrom('open', 'pending', 'resolved', 'closed' as const),
    });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), fc.boolean(), (items, assigned) => {
        const history = items.map(
          (i): ImportedHistoryItem => ({
            kind: i.kind,
            at: new Date(Date.parse('2024-05-01T08:00:00Z') + i.minutes * 60_000).toISOString(),
            author: i.kind === 'email_in' ? carol : { kind: 'agent', agentId: 'alice' },
            visibility: i.kind === 'note' ? 'internal' : 'public',
            body: 'x',
            status: i.status,
          }),
        );
        const ticket = imported(anImport({ history, assignee: assigned ? alice : null }));
        const entries = ticket.pendingChanges().entries;
        const times = entries.map((e) => e.at);
        expect([...times].sort()).toEqual(times);
        expect(entries.every((e) => e.at >= '2024-05-01T08:00:00.000Z')).toBe(true);
        expect(ticket.ownerId).toBe(assigned ? 'alice' : null);
        expect(entries.filter((e) => e.kind === 'owner_changed')).toHaveLength(assigned ? 1 : 0);
      }),
    );
  });
});
