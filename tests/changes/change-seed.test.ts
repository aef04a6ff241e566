/**
 * The change management demo as `npm start` seeds it (ADR 0030): a normal change waiting for two
 * approvers, Lee in the app and Fiona by email only; a high-risk change on the weekly CAB's agenda;
 * the template catalog and a standard change made from it, scheduled at once.
 */
import { describe, expect, it } from 'vitest';
import { seedChanges } from '../../infra/seed/change-seed.js';
import { testWorld } from '../support/test-services.js';

describe('the change management demo seed', () => {
  it('seeds two approvers (one by email only), a CAB agenda and a standard change from a template', async () => {
    const world = await testWorld();
    const s = world.services;
    await seedChanges(s, world.clock.now());
    const lee = world.actor('lead@demo.local');
    const mine = await s.changeApprovals.mine(lee, 25);
    const patch = mine.find((m) => m.changeTitle === 'Patch the SQL cluster (CU 14)');
    expect(patch).toBeDefined();
    const approvals = await s.changeApprovals.ofChange(patch?.changeId as string);
    expect(approvals.ok && approvals.value.approvals.records.map((r) => [r.approverId, r.state])).toEqual([
      ['ag_lee', 'requested'],
      ['ag_fiona', 'requested'],
    ]);
    expect((await s.directory.agent('ag_fiona'))?.reachByEmail?.address).toBe('fiona@demo.local');
    const [cab] = await s.cab.list();
    expect(cab).toMatchObject({ title: 'Weekly CAB', cadence: 'weekly' });
    const agenda = await s.cab.agenda(cab?.id as string);
    expect(agenda.ok && agenda.value.map((a) => a.title)).toEqual(['Move the mail cluster to the new datacenter']);
    const standard = await s.changes.list({ type: 'standard', limit: 10 }, lee);
    expect(standard.items).toEqual([
      expect.objectContaining({ templateId: 'tpl_restart_app_pool', state: 'scheduled', approval: 'not_required' }),
    ]);
    expect((await s.changeTemplates.list()).length).toBeGreaterThanOrEqual(2);
  });
});
