/**
 * Every rule action, run for real on the in-memory world through the events queue: what it
 * changes, the timeline entry naming the rule, and its refusals (closed ticket, no owner, robots).
 */
import { describe, expect, it } from 'vitest';
import type { TAction } from '../../shared/rules/rule-schema.js';
import { orchestraWorld } from './orchestra-world.js';

const on = (actions: TAction[], name = 'Table rule') => ({
  name,
  trigger: { kind: 'event' as const, events: ['ticket.created' as const] },
  actions,
});

const ruleEntries = async (w: Awaited<ReturnType<typeof orchestraWorld>>, id: string) =>
  (await w.entries(id)).filter((e) => e.kind === 'rule_action' && e.data.ruleName === 'Table rule');

describe('rule actions', () => {
  it.each<[string, TAction, (t: Record<string, unknown>) => void, RegExp]>([
    [
      'set priority maps to impact/urgency',
      { type: 'set_fields', priority: 'P1' },
      (t) => expect(t.priority).toBe('P1'),
      /Set priority P1 -> applied/,
    ],
    [
      'set category and team',
      { type: 'set_fields', category: 'network', teamId: 'network' },
      (t) => expect([t.category, t.teamId]).toEqual(['network', 'network']),
      /applied/,
    ],
    [
      'add and remove tags',
      { type: 'set_fields', addTags: ['vip'], removeTags: ['old'] },
      (t) => expect(t.tags).toEqual(['vip']),
      /add tags \[vip\]/,
    ],
    [
      'add an internal note',
      { type: 'add_note', body: 'Checked {{ticket.number}}' },
      (t) => expect(t.ownerId).toBeNull(),
      /^Internal note: Checked INC-\d+$/,
    ],
    [
      'route offers to an agent of the team',
      { type: 'route' },
      (t) => expect(t.ownerId).toBeNull(),
      /Route to team service-desk -> offered: offered to/,
    ],
    [
      'request an assist without owner is refused',
      { type: 'request_assist', teamId: 'database', question: 'Help?' },
      (t) => expect(t.openAssistCount).toBe(0),
      /refused: the ticket has no owner/,
    ],
    [
      'notify the team lead',
      { type: 'notify', to: ['lead'], template: { subject: 'Hi {{ticket.number}}', body: 'b' } },
      () => {},
      /Notify lead: Hi INC-\d+ -> notified 1 agent/,
    ],
    [
      'auto-acknowledge the requester',
      { type: 'auto_acknowledge', template: { subject: 'We got {{ticket.number}}', body: 'Thanks' } },
      () => {},
      /-> sent/,
    ],
  ])('%s', async (_name, action, check, entry) => {
    const w = await orchestraWorld();
    await w.rule(on([action]));
    const id = await w.open({ tags: ['old'] });
    await w.pump();
    const ticket = (await w.services.queries.get(id)) as { ok: true; value: { ticket: Record<string, unknown> } };
    check(ticket.value.ticket);
    const entries = await ruleEntries(w, id);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.body).toMatch(entry);
  });

  it('requests an assist on behalf of the owner when there is one', async () => {
    const w = await orchestraWorld();
    await w.rule({
      ...on([{ type: 'request_assist', teamId: 'database', question: 'Check the DB', dueInMinutes: 60 }]),
      trigger: { kind: 'event', events: ['ticket.owner_changed'] },
    });
    const id = await w.open();
    expect((await w.services.tickets.accept(id, w.actor('alice@demo.local'))).ok).toBe(true);
    await w.pump();
    const assists = await w.services.queries.assistsOfTicket(id);
    expect(assists).toHaveLength(1);
    expect(assists[0]).toMatchObject({ requestedBy: 'ag_alice', target: { kind: 'team', teamId: 'database' } });
    expect((await w.services.queries.get(id)).ok && (await w.services.queries.get(id))).toMatchObject({
      value: { ticket: { ownerId: 'ag_alice' } },
    });
  });

  it('never acknowledges to robots and at most once per ticket an hour', async () => {
    const w = await orchestraWorld();
    await w.rule({
      ...on([{ type: 'auto_acknowledge', template: { subject: 'Got it', body: 'x' } }]),
      trigger: { kind: 'event', events: ['ticket.created', 'ticket.updated'] },
    });
    const robot = await w.services.tickets.create(
      {
        type: 'incident',
        title: 'Bounce',
        description: 'd',
        requester: { email: 'MAILER-DAEMON@x.example', name: '' },
        impact: 3,
        urgency: 3,
        channel: 'email',
      },
      w.actor('lead@demo.local'),
    );
    const human = await w.open();
    await w.pump();
    await w.services.tickets.updateFields(human, { tags: ['again'] }, w.actor('lead@demo.local'));
    await w.pump();
    const robotEntries = await ruleEntries(w, robot.ok ? robot.value.ticket.id : '');
    expect(robotEntries[0]?.body).toMatch(/suppressed: mailer-daemon@x.example is an automatic sender/);
    const humanEntries = await ruleEntries(w, human);
    expect(humanEntries.map((e) => e.data.outcome)).toEqual(['sent', expect.stringMatching(/^suppressed: at most 1/)]);
  });

  it('does not repeat actions when an event is delivered again', async () => {
    const w = await orchestraWorld();
    await w.rule(on([{ type: 'add_note', body: 'once' }]));
    const id = await w.open();
    const events = await w.pump();
    await w.services.orchestra.ruleRunner.handle(events[0]!);
    expect(await ruleEntries(w, id)).toHaveLength(1);
  });
});
