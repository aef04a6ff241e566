import { beforeEach, describe, expect, it } from 'vitest';
import type { TMacro, TMacroPreview } from '../../../shared/api/macros.schemas.js';
import type { TTicket, TTimelineEntry } from '../../../shared/api/tickets.schemas.js';
import { invoke } from '../../../tests/support/invoke.js';
import { type TestWorld, testWorld } from '../../../tests/support/test-services.js';
import { acceptTicketFunction } from '../tickets/accept-ticket.function.js';
import { createTicketFunction } from '../tickets/create-ticket.function.js';
import { getTimelineFunction } from '../tickets/get-timeline.function.js';
import { applyMacroFunction, previewMacroFunction } from './macro-apply.functions.js';
import { createMacroFunction, listMacrosFunction, updateMacroFunction } from './macros.functions.js';

describe('macros over HTTP', () => {
  let w: TestWorld;
  let ticket: TTicket;

  const createMacro = (as: string, body: Record<string, unknown>) =>
    invoke(createMacroFunction, w.services, { as, body });

  beforeEach(async () => {
    w = await testWorld();
    const created = await invoke(createTicketFunction, w.services, {
      as: 'alice@demo.local',
      body: {
        title: 'VPN <drops> every hour',
        requester: { email: 'pat.smith@customer.example', name: 'Pat Smith' },
        teamId: 'service-desk',
        channel: 'phone',
      },
    });
    ticket = created.json as TTicket;
    await invoke(acceptTicketFunction, w.services, { as: 'alice@demo.local', params: { id: ticket.id } });
  });

  it('renders the placeholders with this ticket, requester and agent, and previews the changes', async () => {
    const macro = await createMacro('alice@demo.local', {
      name: 'Ask for logs',
      body: 'Hello {{requester.firstName}},\nabout {{ticket.number}} ({{ticket.title}}) for {{ requester.name }}: please send the logs.\n{{agent.name}}, {{team.name}}',
      actions: { status: 'pending', addTags: ['waiting-logs'], urgency: 2 },
    });
    expect(macro.status).toBe(201);
    const preview = await invoke(previewMacroFunction, w.services, {
      as: 'alice@demo.local',
      body: { ticketId: ticket.number, macroId: (macro.json as TMacro).id },
    });
    expect(preview.status).toBe(200);
    const p = preview.json as TMacroPreview;
    expect(p.text).toBe(
      `Hello Pat,\nabout ${ticket.number} (VPN <drops> every hour) for Pat Smith: please send the logs.\nAlice Agent, Service Desk`,
    );
    expect(p.html).toContain('VPN &lt;drops&gt; every hour');
    expect(p.changes).toEqual([
      { field: 'urgency', from: 3, to: 2 },
      { field: 'tags', from: [], to: ['waiting-logs'] },
      { field: 'status', from: 'open', to: 'pending' },
    ]);
  });

  it('applies text and actions in one change, counts the use, and never touches the owner', async () => {
    const macro = (
      await createMacro('alice@demo.local', {
        name: 'Pending',
        mode: 'reply',
        body: 'Dear {{ requester.firstName }}, we wait for you on {{ ticket.number }}.',
        actions: { status: 'pending', addTags: ['waiting'] },
      })
    ).json as TMacro;
    const applied = await invoke(applyMacroFunction, w.services, {
      as: 'alice@demo.local',
      params: { id: macro.id },
      body: { ticketId: ticket.id },
    });
    expect(applied.status).toBe(200);
    const result = applied.json as { ticket: TTicket; macro: TMacro };
    expect(result.ticket).toMatchObject({ status: 'pending', tags: ['waiting'], ownerId: 'ag_alice' });
    expect(result.macro.usageCount).toBe(1);
    const timeline = (
      await invoke(getTimelineFunction, w.services, { as: 'alice@demo.local', params: { id: ticket.id } })
    ).json as { items: TTimelineEntry[] };
    const reply = timeline.items.find((e) => e.kind === 'email_out');
    expect(reply?.body).toBe(`Dear Pat, we wait for you on ${ticket.number}.`);

    // A reply macro by someone who does not own the ticket is refused whole: nothing lands.
    const byBob = await invoke(applyMacroFunction, w.services, {
      as: 'lead@demo.local',
      params: { id: macro.id },
      body: { ticketId: ticket.id },
    });
    expect(byBob.status).toBe(404); // lee cannot even see alice's personal macro
  });

  it('refuses an owner in the actions, and hostile templates, as 422 problems', async () => {
    const owner = await createMacro('alice@demo.local', { name: 'Grab', actions: { ownerId: 'ag_alice' } });
    expect(owner.status).toBe(422);
    expect(owner.headers.get('content-type')).toContain('application/problem+json');
    for (const [body, code] of [
      ["{% include 'x' %}", 'MACRO.TEMPLATE_FORBIDDEN'],
      ["{% render '../../etc/passwd' %}", 'MACRO.TEMPLATE_FORBIDDEN'],
      ['{% for i in (1..1000000000) %}x{% endfor %}', 'MACRO.TEMPLATE_LIMIT'],
      [
        '{% for a in (1..1000) %}{% for b in (1..1000) %}{{ a }}{{ b }}{% endfor %}{% endfor %}',
        'MACRO.TEMPLATE_LIMIT',
      ],
      ['{% if %}', 'MACRO.TEMPLATE_INVALID'],
    ] as const) {
      const saved = await createMacro('alice@demo.local', { name: 'Hostile', body });
      expect(saved.status, body).toBe(422);
      expect((saved.json as { code: string }).code, body).toBe(code);
      const previewed = await invoke(previewMacroFunction, w.services, {
        as: 'alice@demo.local',
        body: { ticketId: ticket.id, body },
      });
      expect(previewed.status, body).toBe(422);
      expect(previewed.headers.get('content-type')).toContain('application/problem+json');
    }
    // Output over 100,000 characters is refused even when the loop itself is cheap.
    const huge = await invoke(previewMacroFunction, w.services, {
      as: 'alice@demo.local',
      body: { ticketId: ticket.id, body: `{% for i in (1..120) %}${'x'.repeat(1_000)}{% endfor %}` },
    });
    expect(huge.status).toBe(422);
    expect((huge.json as { code: string }).code).toBe('MACRO.TEMPLATE_LIMIT');
  });

  it('shows personal macros to their owner, team macros to the team, shared ones to all; leads manage shared', async () => {
    expect((await createMacro('alice@demo.local', { name: 'Shared by an agent', scope: 'shared' })).status).toBe(403);
    const shared = await createMacro('lead@demo.local', { name: 'Welcome', scope: 'shared', body: 'Hi' });
    expect(shared.status).toBe(201);
    expect(
      (await createMacro('lead@demo.local', { name: 'Desk only', scope: 'team', teamId: 'service-desk' })).status,
    ).toBe(201);
    expect((await createMacro('alice@demo.local', { name: 'Mine', body: 'x' })).status).toBe(201);
    const names = async (as: string) =>
      ((await invoke(listMacrosFunction, w.services, { as })).json as { items: TMacro[] }).items
        .map((m) => m.name)
        .sort();
    expect(await names('alice@demo.local')).toEqual(['Desk only', 'Mine', 'Welcome']);
    expect(await names('nina@demo.local')).toEqual(['Welcome']);
    const edit = await invoke(updateMacroFunction, w.services, {
      as: 'alice@demo.local',
      params: { id: (shared.json as TMacro).id },
      body: { body: 'changed' },
    });
    expect(edit.status).toBe(403);
    const searched = (await invoke(listMacrosFunction, w.services, { as: 'alice@demo.local', path: 'macros?q=welc' }))
      .json as { items: TMacro[] };
    expect(searched.items.map((m) => m.name)).toEqual(['Welcome']);
  });
});
