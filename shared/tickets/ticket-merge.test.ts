import { describe, expect, it } from 'vitest';
import { aCustomer, aLead, anAgent, aTicket, contextFor } from '../../tests/builders/index.js';
import type { Actor } from '../kernel/actor.js';
import type { Ticket } from './ticket.js';
import type { MergeAssistChoice } from './ticket-types.js';

const alice = anAgent('alice');
const bob = anAgent('bob');
const lena = aLead();
const codeOf = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'ok' : result.error?.code);

const aDuplicate = () =>
  aTicket()
    .withId('t_dup', 'INC-1002')
    .ownedBy(alice)
    .withStatus('open')
    .with({ lastSeq: 3, participants: ['carol@example.com', 'dave@example.com'] })
    .withAssist('ed', { state: 'accepted', question: 'Index?' })
    .withAssist({ teamId: 'team_dba' }, { state: 'answered' });
const aTarget = () => aTicket().withId('t_target', 'INC-1001').ownedBy(bob).withStatus('open');

function absorb(target: Ticket, source: Ticket, actor: Actor = lena, assists: MergeAssistChoice = 'move') {
  return target.absorbMerge({ snapshot: source.toSnapshot(), assists: source.assists() }, assists, contextFor(actor));
}

describe('Ticket.absorbMerge (the target)', () => {
  it('references the source entries, links the duplicate, takes its participants and asks its open assists again', () => {
    const source = aDuplicate().build();
    const target = aTarget().build();
    expect(absorb(target, source)).toEqual({ ok: true, value: true });
    const { entries, events, assists } = target.pendingChanges();
    expect(entries.map((e) => e.kind)).toEqual(['link_added', 'merged_from', 'assist_requested']);
    const last = source.toSnapshot().lastSeq;
    expect(entries[1]?.data).toMatchObject({
      source: { id: 't_dup', number: 'INC-1002' },
      sourceEntries: { ticketId: 't_dup', fromSeq: 1, toSeq: last },
    });
    expect((entries[1]?.data.sourceEntries as { ids?: string[] } | undefined)?.ids).toEqual(
      Array.from({ length: last }, (_, i) => `t_dup-e00000${i + 1}`),
    );
    expect(events.map((e) => e.type)).toContain('ticket.merged_from');
    // Only the open assist moves (the answered one stays answered on the source), asked again of its expert.
    expect(assists).toHaveLength(1);
    expect(assists[0]).toMatchObject({
      state: 'requested',
      target: { kind: 'agent', agentId: 'ed' },
      question: 'Index?',
    });
    expect(entries[2]?.data).toMatchObject({ movedFrom: { id: 't_dup', number: 'INC-1002' } });
    expect(target.toSnapshot().participants).toEqual(expect.arrayContaining(['carol@example.com', 'dave@example.com']));
    expect(target.toSnapshot().links).toMatchObject([{ kind: 'has_duplicate', id: 't_dup' }]);
  });

  it('never touches the target owner', () => {
    const target = aTarget().build();
    absorb(target, aDuplicate().build());
    expect(target.ownerId).toBe('bob');
    expect(target.pendingChanges().events.map((e) => e.type)).not.toContain('ticket.owner_changed');
  });

  it('moves no assist when the agent chose to withdraw them', () => {
    const target = aTarget().build();
    absorb(target, aDuplicate().build(), lena, 'withdraw');
    expect(target.pendingChanges().assists).toEqual([]);
  });

  it('is a no-op when replayed', () => {
    const target = aTarget().linkedTo('has_duplicate', { practice: 'ticket', id: 't_dup', number: 'INC-1002' }).build();
    expect(absorb(target, aDuplicate().build())).toEqual({ ok: true, value: false });
    expect(target.pendingChanges().entries).toEqual([]);
  });

  it.each([
    ['an agent who owns only the source', alice, 'TICKET.NOT_OWNER'],
    ['an agent who owns only the target', bob, 'TICKET.NOT_OWNER'],
    ['a customer', aCustomer(), 'AUTH.FORBIDDEN'],
  ])('refuses %s', (_, actor, code) => {
    expect(codeOf(absorb(aTarget().build(), aDuplicate().build(), actor))).toBe(code);
  });

  it('lets an agent who may edit both (owner of one, the other unowned) merge', () => {
    const target = aTicket().withId('t_target', 'INC-1001').unowned().build();
    expect(codeOf(absorb(target, aDuplicate().build(), alice))).toBe('ok');
  });

  it('refuses a closed target, a target merged elsewhere and the ticket itself', () => {
    expect(codeOf(absorb(aTarget().withStatus('closed').build(), aDuplicate().build()))).toBe('TICKET.CLOSED');
    const merged = aTarget()
      .with({ mergedInto: { id: 't_x', number: 'INC-9', at: '2026-01-01T00:00:00Z' } })
      .build();
    expect(codeOf(absorb(merged, aDuplicate().build()))).toBe('TICKET.MERGED');
    const self = aDuplicate().build();
    expect(codeOf(absorb(self, aDuplicate().build()))).toBe('REQUEST.VALIDATION_FAILED');
  });
});

describe('Ticket.mergeInto (the source)', () => {
  const into = { id: 't_target', number: 'INC-1001' };

  it('closes the source as merged with a link, withdrawing its open assists as moved', () => {
    const source = aDuplicate().build();
    expect(source.mergeInto(into, 'move', contextFor(lena))).toEqual({ ok: true, value: true });
    const snapshot = source.toSnapshot();
    expect(snapshot).toMatchObject({
      status: 'closed',
      ownerId: 'alice',
      mergedInto: { id: 't_target', number: 'INC-1001' },
    });
    expect(snapshot.openAssistCount).toBe(0);
    expect(snapshot.links).toMatchObject([{ kind: 'duplicate_of', id: 't_target' }]);
    const { entries } = source.pendingChanges();
    expect(entries.map((e) => e.kind)).toEqual(['assist_withdrawn', 'link_added', 'status_changed', 'merged_into']);
    expect(entries[0]?.body).toBe('Moved to INC-1001 with the merge');
  });

  it('says "withdrawn" when the assists are not moved', () => {
    const source = aDuplicate().build();
    source.mergeInto(into, 'withdraw', contextFor(lena));
    expect(source.pendingChanges().entries[0]?.body).toBe('Withdrawn: merged into INC-1001');
  });

  it('closes a resolved or pending duplicate too, but not a closed one', () => {
    for (const status of ['new', 'pending', 'resolved'] as const)
      expect(codeOf(aDuplicate().withStatus(status).build().mergeInto(into, 'move', contextFor(lena)))).toBe('ok');
    expect(codeOf(aDuplicate().withStatus('closed').build().mergeInto(into, 'move', contextFor(lena)))).toBe(
      'TICKET.CLOSED',
    );
  });

  it('is a no-op when already merged into the same target, refused into another', () => {
    const merged = aDuplicate()
      .withStatus('closed')
      .with({ mergedInto: { ...into, at: '2026-01-01T00:00:00Z' } })
      .build();
    expect(merged.mergeInto(into, 'move', contextFor(lena))).toEqual({ ok: true, value: false });
    expect(codeOf(merged.mergeInto({ id: 't_other', number: 'INC-7' }, 'move', contextFor(lena)))).toBe(
      'TICKET.MERGED',
    );
  });
});
