import { beforeEach, describe, expect, it } from 'vitest';
import { invoke } from '../../../tests/support/invoke.js';
import { type TestWorld, testWorld } from '../../../tests/support/test-services.js';
import {
  cabAgendaFunction,
  cabDecisionFunction,
  createCabMeetingFunction,
  getCabMeetingFunction,
} from './cab.functions.js';
import { changeApprovalsFunction } from './change-approvals.functions.js';
import { acceptChangeFunction, moveChangeFunction } from './change-commands.functions.js';
import {
  changeFromTemplateFunction,
  listChangeTemplatesFunction,
  putChangeTemplateFunction,
} from './change-templates.functions.js';
import { createChangeFunction } from './changes.functions.js';

const ALICE = 'alice@demo.local';
const LEE = 'lead@demo.local';
const OSCAR = 'oscar@demo.local';
const ADMIN = 'admin@demo.local';
const LOW = { level: 'low', questionnaireLevel: 'low', ruleLevel: 'low', points: 0, answers: {}, reasons: [] } as const;

describe('CAB and standard-change templates over HTTP', () => {
  let world: TestWorld;
  const call = (def: Parameters<typeof invoke>[0], options: Parameters<typeof invoke>[2]) =>
    invoke(def, world.services, options);

  beforeEach(async () => {
    world = await testWorld();
  });

  describe('standard-change templates', () => {
    it('lists the built-in catalog and makes a pre-approved standard change schedulable at once', async () => {
      const list = await call(listChangeTemplatesFunction, { as: ALICE });
      expect((list.json as { items: { id: string }[] }).items.map((t) => t.id)).toEqual([
        'tpl_patch_windows_server',
        'tpl_restart_app_pool',
      ]);
      const made = await call(changeFromTemplateFunction, {
        as: ALICE,
        params: { id: 'tpl_restart_app_pool' },
        body: { affectedCiIds: ['ci_web01'], plannedStart: '2026-11-27T20:00:00Z' },
      });
      expect(made.status).toBe(201);
      expect(made.json).toMatchObject({
        type: 'standard',
        templateId: 'tpl_restart_app_pool',
        title: 'Restart an IIS application pool',
        approval: 'not_required',
        plannedEnd: '2026-11-27T20:30:00.000Z',
        implementationPlan: expect.stringContaining('recycle the pool'),
      });
      const { id } = made.json as { id: string };
      await call(acceptChangeFunction, { as: ALICE, params: { id } });
      const scheduled = await call(moveChangeFunction, { as: ALICE, params: { id }, body: { state: 'scheduled' } });
      expect(scheduled.json).toMatchObject({ state: 'scheduled', ownerId: 'ag_alice' });
    });

    it('lets admins edit the catalog behind ETags; a retired or unknown template makes no change', async () => {
      const body = {
        name: 'Renew a TLS certificate',
        description: 'Renew and deploy one certificate',
        implementationPlan: 'Request, deploy, reload',
        backoutPlan: 'Deploy the old certificate',
        testPlan: 'Check the chain',
        durationMinutes: 60,
        active: true,
      };
      expect((await call(putChangeTemplateFunction, { as: LEE, params: { id: 'tpl_tls' }, body })).status).toBe(403);
      const first = await call(putChangeTemplateFunction, { as: ADMIN, params: { id: 'tpl_tls' }, body });
      expect(first.json).toMatchObject({ id: 'tpl_tls', version: 1 });
      const blind = await call(putChangeTemplateFunction, {
        as: ADMIN,
        params: { id: 'tpl_tls' },
        body: { ...body, active: false },
      });
      expect(blind.status).toBe(412);
      const retired = await call(putChangeTemplateFunction, {
        as: ADMIN,
        params: { id: 'tpl_tls' },
        headers: { 'if-match': first.headers.get('etag') as string },
        body: { ...body, active: false },
      });
      expect(retired.json).toMatchObject({ version: 2, active: false });
      const refused = await call(changeFromTemplateFunction, { as: ALICE, params: { id: 'tpl_tls' }, body: {} });
      expect(refused.status).toBe(404);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect((await call(changeFromTemplateFunction, { as: ALICE, params: { id: 'tpl_nope' }, body: {} })).status).toBe(
        404,
      );
      const bad = await call(putChangeTemplateFunction, {
        as: ADMIN,
        params: { id: 'tpl_x' },
        body: { ...body, durationMinutes: 0 },
      });
      expect(bad.status).toBe(422);
    });
  });

  describe('CAB', () => {
    /** Normal changes need two of the CAB (Lee, Oscar, Mia). */
    async function cabPolicy() {
      const { settings } = await world.services.changeApprovals.settings();
      const { version: _v, updatedAt: _u, updatedBy: _b, ...input } = settings;
      const saved = await world.services.changeApprovals.saveSettings(
        {
          ...input,
          policy: {
            rules: [
              {
                name: 'Normal: two of the CAB',
                types: ['normal'],
                mode: 'parallel',
                steps: [{ group: 'cab', quorum: { kind: 'at_least', n: 2 }, dueHours: 72, remindHoursBefore: 24 }],
                onReject: 'reject_change',
              },
            ],
          },
          cabMemberIds: ['ag_lee', 'ag_oscar', 'ag_mia'],
        },
        world.actor(ADMIN),
        null,
      );
      expect(saved.ok).toBe(true);
    }
    async function authorizing(): Promise<string> {
      const created = await call(createChangeFunction, {
        as: ALICE,
        body: {
          type: 'normal',
          title: 'Move the mail cluster',
          plannedStart: '2026-12-01T20:00:00Z',
          plannedEnd: '2026-12-01T23:00:00Z',
        },
      });
      const { id } = created.json as { id: string };
      await call(acceptChangeFunction, { as: ALICE, params: { id } });
      await call(moveChangeFunction, { as: ALICE, params: { id }, body: { state: 'assess' } });
      await world.services.changes.assessRisk(id, LOW, world.actor(ALICE));
      expect((await call(moveChangeFunction, { as: ALICE, params: { id }, body: { state: 'authorize' } })).status).toBe(
        200,
      );
      return id;
    }
    async function meeting(): Promise<string> {
      const created = await call(createCabMeetingFunction, {
        as: LEE,
        body: {
          title: 'Weekly CAB',
          kind: 'cab',
          startsAt: '2026-11-26T14:00:00Z',
          durationMinutes: 60,
          cadence: 'weekly',
          memberIds: [],
        },
      });
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({
        nextOccurrences: [
          '2026-11-26T14:00:00.000Z',
          '2026-12-03T14:00:00.000Z',
          '2026-12-10T14:00:00.000Z',
          '2026-12-17T14:00:00.000Z',
        ],
      });
      return (created.json as { id: string }).id;
    }

    it('refuses a meeting scheduled by an agent, and a bad one', async () => {
      const body = {
        title: 'CAB',
        kind: 'cab',
        startsAt: '2026-11-26T14:00:00Z',
        durationMinutes: 60,
        cadence: 'weekly',
        memberIds: [],
      };
      expect((await call(createCabMeetingFunction, { as: ALICE, body })).status).toBe(403);
      expect((await call(createCabMeetingFunction, { as: LEE, body: { ...body, cadence: 'daily' } })).status).toBe(422);
    });

    it('builds the agenda from the changes waiting for the CAB and records each member’s own vote with the attendees', async () => {
      await cabPolicy();
      const id = await authorizing();
      const cab = await meeting();
      const agenda = await call(cabAgendaFunction, { as: ALICE, params: { id: cab } });
      expect((agenda.json as { items: unknown[] }).items).toEqual([
        expect.objectContaining({ changeId: id, needed: 2, approved: 0, waitingFor: ['ag_lee', 'ag_oscar', 'ag_mia'] }),
      ]);
      const byAlice = await call(cabDecisionFunction, {
        as: ALICE,
        params: { id: cab },
        body: { changeId: id, decision: 'approve', attendeeIds: ['ag_alice'] },
      });
      expect(byAlice.status).toBe(403);
      const lee = await call(cabDecisionFunction, {
        as: LEE,
        params: { id: cab },
        body: { changeId: id, decision: 'approve', attendeeIds: ['ag_lee', 'ag_oscar'] },
      });
      expect(lee.status).toBe(200);
      // Lee's vote is Lee's alone: Oscar, although present, still decides himself.
      const approvals = (await call(changeApprovalsFunction, { as: ALICE, params: { id } })).json as {
        approval: string;
        records: { approverId: string; state: string }[];
      };
      expect(approvals.approval).toBe('pending');
      expect(approvals.records.find((r) => r.approverId === 'ag_oscar')?.state).toBe('requested');
      const oscar = await call(cabDecisionFunction, {
        as: OSCAR,
        params: { id: cab },
        body: { changeId: id, decision: 'approve', attendeeIds: ['ag_lee', 'ag_oscar'] },
      });
      expect(oscar.status).toBe(200);
      const minutes = await call(getCabMeetingFunction, { as: ALICE, params: { id: cab } });
      expect((minutes.json as { decisions: unknown[] }).decisions).toEqual([
        expect.objectContaining({
          changeId: id,
          decision: 'approve',
          decidedBy: 'ag_lee',
          attendeeIds: ['ag_lee', 'ag_oscar'],
          approval: 'pending',
        }),
        expect.objectContaining({ changeId: id, decidedBy: 'ag_oscar', approval: 'approved' }),
      ]);
      // Approved: off the agenda, and a further decision is refused.
      expect((await call(cabAgendaFunction, { as: ALICE, params: { id: cab } })).json).toMatchObject({ items: [] });
      const late = await call(cabDecisionFunction, {
        as: 'mia@demo.local',
        params: { id: cab },
        body: { changeId: id, decision: 'reject', reason: 'late', attendeeIds: ['ag_mia'] },
      });
      expect(late.status).toBe(409);
      expect(late.json).toMatchObject({ code: 'CAB.NOT_ON_AGENDA' });
      const change = await world.services.changes.get(id);
      expect(change.ok && change.value.change.ownerId).toBe('ag_alice');
    });

    it('answers 404 for an unknown meeting', async () => {
      expect((await call(cabAgendaFunction, { as: ALICE, params: { id: 'cab_nope' } })).status).toBe(404);
    });
  });
});
