import { InvocationContext, type Timer } from '@azure/functions';
import { beforeEach, describe, expect, it } from 'vitest';
import { invoke } from '../../../tests/support/invoke.js';
import { type TestWorld, testWorld } from '../../../tests/support/test-services.js';
import { changeApprovalTimerFunction } from '../../timers/change-approvals.function.js';
import {
  changeApprovalsFunction,
  decideApprovalFunction,
  getApprovalSettingsFunction,
  myApprovalsFunction,
  putApprovalSettingsFunction,
} from './change-approvals.functions.js';
import { acceptChangeFunction, moveChangeFunction } from './change-commands.functions.js';
import { createChangeFunction } from './changes.functions.js';

const ALICE = 'alice@demo.local';
const LEAD = 'lead@demo.local';
const OSCAR = 'oscar@demo.local';
const ADMIN = 'admin@demo.local';
const HOUR = 3_600_000;

type Approvals = {
  approval: string;
  rule: string;
  steps: { group: string; needed: number; state: string }[];
  records: { id: string; approverId: string; approverName: string | null; state: string; channel: string | null }[];
};

const LOW = { level: 'low', questionnaireLevel: 'low', ruleLevel: 'low', points: 0, answers: {}, reasons: [] } as const;

describe('change approval HTTP functions', () => {
  let world: TestWorld;
  const call = (def: Parameters<typeof invoke>[0], options: Parameters<typeof invoke>[2]) =>
    invoke(def, world.services, options);

  /** A normal, low-risk change of Alice's, sent for authorization: the default policy asks a change manager. */
  async function authorizing(): Promise<{ id: string; etag: string }> {
    const created = await call(createChangeFunction, {
      as: ALICE,
      body: {
        type: 'normal',
        title: 'Patch SQL01',
        plannedStart: '2026-11-30T20:00:00Z',
        plannedEnd: '2026-11-30T22:00:00Z',
      },
    });
    const { id } = created.json as { id: string };
    await call(acceptChangeFunction, { as: ALICE, params: { id } });
    await call(moveChangeFunction, { as: ALICE, params: { id }, body: { state: 'assess' } });
    await world.services.changes.assessRisk(id, LOW, world.actor(ALICE));
    const moved = await call(moveChangeFunction, { as: ALICE, params: { id }, body: { state: 'authorize' } });
    expect(moved.status).toBe(200);
    return { id, etag: moved.headers.get('etag') as string };
  }
  const approvals = async (id: string) =>
    (await call(changeApprovalsFunction, { as: ALICE, params: { id } })).json as Approvals;
  const recordOf = async (id: string, agentId: string) =>
    (await approvals(id)).records.find((r) => r.approverId === agentId) as Approvals['records'][number];

  const timers = () =>
    changeApprovalTimerFunction.handler(world.services)({ isPastDue: false } as Timer, new InvocationContext());
  const onlyLeeManages = async () => {
    const { settings } = await world.services.changeApprovals.settings();
    const { version: _v, updatedAt: _u, updatedBy: _b, ...input } = settings;
    await world.services.changeApprovals.saveSettings(
      { ...input, changeManagerIds: ['ag_lee'] },
      world.actor(ADMIN),
      null,
    );
  };

  beforeEach(async () => {
    world = await testWorld();
  });

  it('asks the change managers (leads and admins by default), never the requester, and lists them for each', async () => {
    const { id } = await authorizing();
    const got = await approvals(id);
    expect(got).toMatchObject({ approval: 'pending', rule: 'Normal, low risk: a change manager' });
    expect(got.steps).toEqual([{ group: 'change_manager', approverIds: expect.any(Array), needed: 1, state: 'open' }]);
    expect(got.records.map((r) => r.approverId).sort()).toEqual(['ag_admin', 'ag_lee', 'ag_mia', 'ag_oscar']);
    expect(got.records.find((r) => r.approverId === 'ag_lee')?.approverName).toBe('Lee Lead');
    const mine = await call(myApprovalsFunction, { as: LEAD });
    expect((mine.json as { items: unknown[] }).items).toEqual([
      expect.objectContaining({
        changeId: id,
        changeNumber: 'CHG-1001',
        changeTitle: 'Patch SQL01',
        group: 'change_manager',
      }),
    ]);
    expect((await call(myApprovalsFunction, { as: ALICE })).json).toEqual({ items: [], nextCursor: null });
  });

  it('lets only the approver decide, for themselves, once; the owner stays the owner', async () => {
    const { id, etag } = await authorizing();
    const lees = await recordOf(id, 'ag_lee');
    const path = { id, approvalId: lees.id };
    const byOwner = await call(decideApprovalFunction, { as: ALICE, params: path, body: { decision: 'approve' } });
    expect(byOwner.status).toBe(403);
    expect(byOwner.headers.get('content-type')).toContain('application/problem+json');
    expect(byOwner.json).toMatchObject({ code: 'APPROVAL.NOT_APPROVER' });
    const byAdmin = await call(decideApprovalFunction, { as: ADMIN, params: path, body: { decision: 'approve' } });
    expect(byAdmin.json).toMatchObject({ code: 'APPROVAL.NOT_APPROVER' });
    const stale = await call(decideApprovalFunction, {
      as: LEAD,
      params: path,
      headers: { 'if-match': '"stale"' },
      body: { decision: 'approve' },
    });
    expect(stale.status).toBe(412);
    const approved = await call(decideApprovalFunction, {
      as: LEAD,
      params: path,
      headers: { 'if-match': etag },
      body: { decision: 'approve', reason: 'Backout plan is fine' },
    });
    expect(approved.status).toBe(200);
    expect(approved.json).toMatchObject({ approval: 'approved', state: 'authorize', ownerId: 'ag_alice' });
    expect(await recordOf(id, 'ag_lee')).toMatchObject({ state: 'approved', channel: 'app' });
    // Quorum "any": the other change managers are no longer asked.
    const oscars = await recordOf(id, 'ag_oscar');
    expect(oscars.state).toBe('cancelled');
    const late = await call(decideApprovalFunction, {
      as: OSCAR,
      params: { id, approvalId: oscars.id },
      body: { decision: 'reject', reason: 'Too late' },
    });
    expect(late.status).toBe(409);
    expect(late.json).toMatchObject({ code: 'APPROVAL.ALREADY_DECIDED' });
    expect((await call(myApprovalsFunction, { as: OSCAR })).json).toMatchObject({ items: [] });
  });

  it.each([
    ['a rejection without a reason', { decision: 'reject' }, 422, 'REQUEST.VALIDATION_FAILED'],
    ['an unknown decision', { decision: 'maybe' }, 422, 'REQUEST.VALIDATION_FAILED'],
    ['an unknown field', { decision: 'approve', onBehalfOf: 'ag_lee' }, 422, 'REQUEST.VALIDATION_FAILED'],
  ])('refuses %s as problem+json', async (_case, body, status, code) => {
    const { id } = await authorizing();
    const lees = await recordOf(id, 'ag_lee');
    const refused = await call(decideApprovalFunction, { as: LEAD, params: { id, approvalId: lees.id }, body });
    expect(refused.status).toBe(status);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.json).toMatchObject({ code });
  });

  it('answers 404 for an unknown change or approval', async () => {
    const { id } = await authorizing();
    const body = { decision: 'approve' };
    expect(
      (await call(decideApprovalFunction, { as: LEAD, params: { id: 'CHG-9', approvalId: 'apr_x' }, body })).status,
    ).toBe(404);
    const unknown = await call(decideApprovalFunction, { as: LEAD, params: { id, approvalId: 'apr_x' }, body });
    expect(unknown.json).toMatchObject({ code: 'APPROVAL.NOT_FOUND' });
  });

  it('sends a rejected low-risk change back to assessment; the next authorization asks again', async () => {
    await onlyLeeManages();
    const { id } = await authorizing();
    const lees = await recordOf(id, 'ag_lee');
    // The low-risk rule sends the change back to assessment for a new plan.
    const rejected = await call(decideApprovalFunction, {
      as: LEAD,
      params: { id, approvalId: lees.id },
      body: { decision: 'reject', reason: 'No backout plan' },
    });
    expect(rejected.json).toMatchObject({ state: 'assess', approval: 'pending', ownerId: 'ag_alice' });
    // Asked again: a new round with new records.
    const again = await call(moveChangeFunction, { as: ALICE, params: { id }, body: { state: 'authorize' } });
    expect(again.status).toBe(200);
    const got = await approvals(id);
    expect(got.records.filter((r) => r.state === 'requested')).toHaveLength(1);
    expect(got.records.filter((r) => r.state === 'rejected')).toHaveLength(1);
  });

  it('reminds and expires through the timer; the expired approvals reject the change', async () => {
    const { id } = await authorizing();
    world.clock.advance(17 * HOUR);
    await timers();
    expect((await approvals(id)).records.every((r) => r.state === 'requested')).toBe(true);
    world.clock.advance(8 * HOUR);
    await timers();
    const got = await approvals(id);
    expect(got.records.every((r) => r.state === 'expired')).toBe(true);
    expect(got.approval).toBe('pending');
    const change = await world.services.changes.get(id);
    expect(change.ok && change.value.change).toMatchObject({ state: 'assess', ownerId: 'ag_alice' });
  });

  it('keeps the approval policy versioned behind its ETag, for admins only', async () => {
    const read = await call(getApprovalSettingsFunction, { as: ADMIN });
    expect(read.json).toMatchObject({ version: 0, changeManagerIds: [] });
    const settings = { ...(read.json as Record<string, unknown>) };
    for (const k of ['version', 'updatedAt', 'updatedBy']) delete settings[k];
    const body = { ...settings, changeManagerIds: ['ag_lee'] };
    expect((await call(putApprovalSettingsFunction, { as: LEAD, body })).status).toBe(403);
    expect(
      (await call(putApprovalSettingsFunction, { as: ADMIN, body: { ...body, cabMemberIds: ['ag_nobody'] } })).json,
    ).toMatchObject({
      code: 'AGENT.NOT_FOUND',
    });
    const bad = await call(putApprovalSettingsFunction, {
      as: ADMIN,
      body: { ...body, policy: { rules: [{ name: 'x', mode: 'parallel', steps: [], onReject: 'reject_change' }] } },
    });
    expect(bad.status).toBe(422);
    const first = await call(putApprovalSettingsFunction, { as: ADMIN, body });
    expect(first.json).toMatchObject({ version: 1, changeManagerIds: ['ag_lee'], updatedBy: 'ag_admin' });
    const blind = await call(putApprovalSettingsFunction, { as: ADMIN, body });
    expect(blind.status).toBe(412);
    const second = await call(putApprovalSettingsFunction, {
      as: ADMIN,
      headers: { 'if-match': first.headers.get('etag') as string },
      body,
    });
    expect(second.json).toMatchObject({ version: 2 });
    // Now only Lee is asked.
    const { id } = await authorizing();
    expect((await approvals(id)).records.map((r) => r.approverId)).toEqual(['ag_lee']);
  });
});
