import { describe, expect, it } from 'vitest';
import { aChange } from '../../tests/builders/index.js';
import type { AgentSnapshot } from '../directory/agent.js';
import type { DirectoryRepository } from '../directory/directory-repository.js';
import type { DomainEvent } from '../events/domain-event.js';
import type { EmailActionRequest, EmailActions } from '../mail/expert/email-actions.js';
import { ChangeApprovalMailer } from './change-approval-mailer.js';
import type { ApprovalRecord } from './change-approvals.js';
import type { ChangeSnapshot } from './change-types.js';

const record = (id: string, approverId: string, state: ApprovalRecord['state'] = 'requested'): ApprovalRecord => ({
  id,
  round: 1,
  step: 0,
  group: 'change_manager',
  approverId,
  state,
  requestedAt: '2025-03-03T09:00:00.000Z',
  dueAt: '2025-03-04T09:00:00.000Z',
  remindAt: '2025-03-04T05:00:00.000Z',
  remindedAt: null,
  decidedBy: null,
  decidedAt: null,
  reason: null,
  channel: null,
});

const change: ChangeSnapshot = {
  ...aChange('normal').ownedBy('olga').inState('authorize').build().toSnapshot(),
  approvals: {
    round: 1,
    plan: { rule: 'r', mode: 'parallel', onReject: 'reject_change', steps: [] },
    records: [record('apr_1', 'fiona'), record('apr_2', 'lee'), record('apr_3', 'max', 'approved')],
  },
};

const agent = (id: string, reach: boolean): AgentSnapshot => ({
  id,
  name: id,
  email: `${id}@demo.local`,
  roles: ['agent'],
  teamIds: [],
  skills: [],
  capacity: 1,
  availability: 'online',
  active: true,
  ...(reach ? { reachByEmail: { address: `${id}@mail.example`, allowExternal: false } } : {}),
});

function mailer() {
  const requests: EmailActionRequest[] = [];
  const agents = new Map([agent('fiona', true), agent('lee', false), agent('max', true)].map((a) => [a.id, a]));
  const m = new ChangeApprovalMailer({
    changes: { readSnapshot: async () => ({ doc: change }) },
    directory: { agent: async (id: string) => agents.get(id) } as unknown as DirectoryRepository,
    actions: {
      request: async (r: EmailActionRequest) => {
        requests.push(r);
        return { messageId: 'm' };
      },
    } as unknown as EmailActions,
  });
  return { m, requests };
}

const event = (type: DomainEvent['type']): DomainEvent =>
  ({
    id: 'ev_1',
    type,
    changeId: change.id,
    occurredAt: '',
    actor: { kind: 'system', name: 'x' },
    data: {
      approvals: [
        { approvalId: 'apr_1', approverId: 'fiona' },
        { approvalId: 'apr_2', approverId: 'lee' },
        { approvalId: 'apr_3', approverId: 'max' },
      ],
    },
  }) as unknown as DomainEvent;

describe('ChangeApprovalMailer', () => {
  it('mails only the open approvals of approvers reached by email, bound to that approver until the due time', async () => {
    const { m, requests } = mailer();
    await m.handle(event('change.approval_requested'));
    expect(requests).toEqual([
      expect.objectContaining({
        kind: 'change.approval',
        recordId: `${change.id}/apr_1`,
        to: { address: 'fiona@mail.example', name: 'fiona' },
        agentId: 'fiona',
        expiresAt: '2025-03-04T09:00:00.000Z',
        subject: `[${change.number}] Approval: ${change.title}`,
        actions: ['approve', 'reject'],
      }),
    ]);
    expect(requests[0]?.variant).toBeUndefined();
    expect(requests[0]?.text).toContain('Backout plan:');
  });

  it('sends the reminder as its own mail in the thread', async () => {
    const { m, requests } = mailer();
    await m.handle(event('change.approval_reminder'));
    expect(requests).toEqual([
      expect.objectContaining({
        variant: 'reminder',
        subject: `Reminder: [${change.number}] Approval: ${change.title}`,
      }),
    ]);
  });
});
