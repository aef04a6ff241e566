/**
 * The rules engine's safety: two rules that would ping-pong stop with one timeline note; a rule
 * that would change the owner is refused at save time (schema and explicit check, and over
 * HTTP); the dry run says exactly what real execution then does.
 */
import { describe, expect, it } from 'vitest';
import { createRuleFunction } from '../../functions/http/rules/create-rule.function.js';
import { dryRunRulesFunction } from '../../functions/http/rules/dry-run-rules.function.js';
import { ownerChangingActions, ZRuleInput } from '../../shared/rules/rule-schema.js';
import { invoke } from '../support/invoke.js';
import { orchestraWorld } from './orchestra-world.js';

describe('rule loops', () => {
  it('stops two ping-pong rules with a cycle note instead of looping', async () => {
    const w = await orchestraWorld();
    const updated = { kind: 'event' as const, events: ['ticket.updated' as const] };
    await w.rule({
      name: 'A to B',
      trigger: updated,
      conditions: { field: 'tags', op: 'contains', value: 'a' },
      actions: [{ type: 'set_fields', tags: ['b'] }],
    });
    await w.rule({
      name: 'B to A',
      trigger: updated,
      conditions: { field: 'tags', op: 'contains', value: 'b' },
      actions: [{ type: 'set_fields', tags: ['a'] }],
    });
    const id = await w.open();
    await w.services.tickets.updateFields(id, { tags: ['a'] }, w.actor('lead@demo.local'));
    await w.pump(100);
    const entries = await w.entries(id);
    const notes = entries.filter((e) => e.data.action === 'loop_guard');
    expect(notes).toHaveLength(1);
    expect(notes[0]?.body).toMatch(/cycle between (A to B -> B to A|B to A -> A to B)/);
    expect(entries.filter((e) => e.data.action === 'set_fields').length).toBeLessThanOrEqual(3);
  });

  it('caps rule runs per ticket per minute', async () => {
    const w = await orchestraWorld();
    await w.rule({
      name: 'Noisy',
      trigger: { kind: 'event', events: ['ticket.note_added'] },
      actions: [{ type: 'add_note', body: 'seen' }],
    });
    const id = await w.open();
    for (let i = 0; i < 25; i++)
      await w.services.tickets.addNote(id, { body: `n${i}`, visibility: 'internal' }, w.actor('lead@demo.local'));
    await w.pump();
    const entries = await w.entries(id);
    expect(entries.filter((e) => e.data.ruleName === 'Noisy')).toHaveLength(20);
    expect(entries.filter((e) => e.data.outcome === 'rate')).toHaveLength(1);
  });
});

describe('sacred ownership at save time', () => {
  const ownerRule = {
    name: 'Steal tickets',
    trigger: { kind: 'event', events: ['ticket.created'] },
    actions: [{ type: 'set_fields', ownerId: 'ag_bob' }],
  };

  it('refuses owner-changing actions in the schema and the explicit check', () => {
    expect(ownerChangingActions(ownerRule)).toHaveLength(1);
    expect(ownerChangingActions({ actions: [{ type: 'assign', agentId: 'x' }] })).toHaveLength(1);
    expect(ZRuleInput.safeParse(ownerRule).success).toBe(false);
    expect(ownerChangingActions({ actions: [{ type: 'set_fields', priority: 'P1' }] })).toEqual([]);
  });

  it('answers 422 over HTTP and stores nothing', async () => {
    const w = await orchestraWorld();
    const res = await invoke(createRuleFunction, w.services, { as: 'admin@demo.local', body: ownerRule });
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({ reason: 'RULE.CHANGES_OWNER' });
    expect(await w.services.orchestra.rules.list()).toHaveLength(0);
    const agentTry = await invoke(createRuleFunction, w.services, {
      as: 'alice@demo.local',
      body: { ...ownerRule, actions: [{ type: 'add_note', body: 'x' }] },
    });
    expect(agentTry.status).toBe(403);
  });
});

describe('dry run', () => {
  it('lists exactly what real execution then does', async () => {
    const w = await orchestraWorld();
    await w.rule({
      name: 'Network outages',
      trigger: { kind: 'event', events: ['ticket.created'] },
      conditions: {
        all: [
          { field: 'title', op: 'matches', pattern: 'vpn|switch', ignoreCase: true },
          { field: 'priority', op: 'in', values: ['P1', 'P2'] },
        ],
      },
      actions: [
        { type: 'set_fields', teamId: 'network', addTags: ['outage'] },
        { type: 'add_note', body: 'Network outage {{ticket.number}}' },
        { type: 'notify', to: ['lead'], template: { subject: 'Outage {{ticket.number}}', body: 'x' } },
      ],
    });
    await w.rule({
      name: 'Never',
      trigger: { kind: 'event', events: ['ticket.created'] },
      conditions: { field: 'priority', op: 'equals', value: 'P4' },
      actions: [{ type: 'add_note', body: 'no' }],
    });
    const id = await w.open({ title: 'VPN down for everyone', impact: 1, urgency: 2 });
    const [created] = w.bus.published.filter((p) => p.message.type === 'ticket.created').map((p) => p.message.body) as {
      type: string;
      data: Record<string, unknown>;
      actor: never;
    }[];
    const dry = await invoke(dryRunRulesFunction, w.services, {
      as: 'lead@demo.local',
      body: { ticketId: id, event: { type: 'ticket.created', data: created?.data, actor: created?.actor } },
    });
    expect(dry.status).toBe(200);
    const plan = (dry.json as { matches: { ruleName: string; actions: { summary: string }[] }[] }).matches;
    expect(plan.map((m) => m.ruleName)).toEqual(['Network outages']);
    await w.pump();
    const done = (await w.entries(id)).filter((e) => e.kind === 'rule_action' && e.data.ruleName === 'Network outages');
    expect(done.map((e) => String(e.body).split(' -> ')[0])).toEqual(plan[0]?.actions.map((a) => a.summary));
  });
});
