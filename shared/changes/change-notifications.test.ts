import { describe, expect, it } from 'vitest';
import { aChange, anAgent, aTicket } from '../../tests/builders/index.js';
import type { DomainEvent } from '../events/domain-event.js';
import type { NotifyRequest } from '../notifications/notification.js';
import { ChangeNotifications } from './change-notifications.js';
import type { ChangeSnapshot } from './change-types.js';

const incident = aTicket().ownedBy(anAgent('nina')).build().toSnapshot();
const change: ChangeSnapshot = {
  ...aChange('normal').ownedBy('olga').inState('closed').build().toSnapshot(),
  closeCode: 'successful',
  links: [
    {
      kind: 'created_from',
      practice: 'ticket',
      id: incident.id,
      number: incident.number,
      linkedAt: '2025-03-03T09:00:00Z',
    },
  ],
};

const event = (type: DomainEvent['type'], data: Record<string, unknown>): DomainEvent =>
  ({
    id: 'ev_1',
    type,
    changeId: change.id,
    occurredAt: '2025-03-03T10:00:00Z',
    actor: { kind: 'agent', agentId: 'olga' },
    data,
  }) as unknown as DomainEvent;

function world() {
  const sent: NotifyRequest[] = [];
  const notifications = new ChangeNotifications({
    changes: { readSnapshot: async (id) => (id === change.id ? { doc: change } : undefined) },
    tickets: { readSnapshot: async (id) => (id === incident.id ? { doc: incident } : undefined) },
    notifier: {
      notify: async (r) => {
        sent.push(r);
        return r.recipients.length;
      },
    },
  });
  return { sent, notifications };
}

describe('ChangeNotifications', () => {
  it('tells the approvers their approval is asked', async () => {
    const { sent, notifications } = world();
    await notifications.handle(
      event('change.approval_requested', {
        dueAt: 'soon',
        approvals: [
          { approvalId: 'a1', approverId: 'max' },
          { approvalId: 'a2', approverId: 'cara' },
        ],
      }),
    );
    expect(sent).toEqual([
      expect.objectContaining({
        recipients: ['max', 'cara'],
        title: `Your approval is asked on ${change.number}`,
        ticket: null,
      }),
    ]);
  });

  it('tells the owner of a linked incident when the change closes, and leaves the incident as it is', async () => {
    const { sent, notifications } = world();
    await notifications.handle(event('change.state_changed', { from: 'review', to: 'closed' }));
    expect(sent).toEqual([
      expect.objectContaining({
        recipients: ['nina'],
        ticket: { id: incident.id, number: incident.number, title: incident.title },
        title: `${change.number} closed (successful): check ${incident.number}`,
      }),
    ]);
    expect(sent[0]?.body).toContain(`is still ${incident.status}`);
  });

  it('says nothing for other moves', async () => {
    const { sent, notifications } = world();
    await notifications.handle(event('change.state_changed', { from: 'scheduled', to: 'implement' }));
    expect(sent).toEqual([]);
  });
});
