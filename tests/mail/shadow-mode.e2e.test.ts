/**
 * Parallel run (issue 20, ADR 0036) on the real platform over SMTP: a mailbox in shadow mode
 * ingests and threads customer mail, but the owner's reply and a rule's auto-acknowledgement are
 * held (nothing reaches the outbox, the SMTP sink of the local platform), the timeline says
 * "not sent: shadow mode"; switching the mailbox to live sends nothing that was held, and the
 * next reply goes out.
 */
import type { SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningPlatform, startRunningPlatform } from '../support/running-platform.js';
import { smtpSender } from '../support/smtp-sender.js';

type Ticket = { id: string; number: string; requester: { email: string } };
type Entry = { kind: string; body: string | null; data: Record<string, unknown> };
type OutboxItem = { messageId: string | null; to: string | null; subject: string | null };

const OWNER = 'alice@demo.local';
const ADMIN = 'admin@demo.local';

describe('shadow mode of a mailbox', () => {
  let p: RunningPlatform;
  let send: (mail: SendMailOptions) => Promise<string>;
  beforeAll(async () => {
    p = await startRunningPlatform({ store: 'sqlite' });
    send = smtpSender(p.platform.smtpPort as number);
  });
  afterAll(async () => {
    await p.stop();
  });

  const outboxTo = async (address: string) =>
    (await p.api<{ items: OutboxItem[] }>(ADMIN, 'dev/outbox?limit=100')).body.items.filter((m) =>
      m.to?.includes(address),
    );
  const ticketOf = async (requester: string) => {
    const list = await p.api<{ items: Ticket[] }>(ADMIN, `tickets?q=${encodeURIComponent(requester)}&limit=100`);
    return list.body.items.find((t) => t.requester.email === requester) as Ticket;
  };
  const timeline = async (id: string) =>
    (await p.api<{ items: Entry[] }>(OWNER, `tickets/${id}/timeline?limit=100`)).body.items;
  const settle = async () => {
    for (let i = 0; i < 3; i++) await p.platform.drainQueue();
  };
  const setMode = (mode: 'live' | 'shadow') =>
    p.api<{ mode: string; since: string }>(ADMIN, 'admin/mailboxes', {
      method: 'PUT',
      body: { mailbox: 'support@demo.local', mode },
    });

  it('holds every customer mail while in shadow mode, and the switch to live sends only new replies', async () => {
    const rule = await p.api(ADMIN, 'rules', {
      body: {
        name: 'Acknowledge new mail',
        enabled: true,
        trigger: { kind: 'event', events: ['ticket.created'] },
        actions: [{ type: 'auto_acknowledge', template: { subject: 'We got it: {{ticket.number}}', body: 'Thanks' } }],
      },
    });
    expect([200, 201]).toContain(rule.status);
    expect((await setMode('shadow')).body.mode).toBe('shadow');
    expect((await p.api<{ items: { mailbox: string; mode: string }[] }>(ADMIN, 'admin/mailboxes')).body.items).toEqual([
      expect.objectContaining({ mailbox: 'support@demo.local', mode: 'shadow' }),
    ]);

    const firstId = await send({
      from: 'Sam Shadow <sam@example.com>',
      to: 'support+it@demo.local',
      subject: 'VPN drops every hour',
      text: 'Since Monday.',
    });
    await settle();
    const ticket = await ticketOf('sam@example.com');
    expect(ticket).toBeDefined();
    expect((await p.api(OWNER, `tickets/${ticket.id}/accept`, { method: 'POST' })).status).toBe(200);
    const held = await p.api(OWNER, `tickets/${ticket.id}/replies`, { body: { body: 'Which client version?' } });
    expect(held.status).toBe(200);
    await settle();
    // Threading goes on: the customer's answer to their own first mail lands on the same ticket.
    await send({
      from: 'sam@example.com',
      to: 'support@demo.local',
      subject: 'Re: VPN drops every hour',
      text: 'Version 5.1',
      inReplyTo: firstId,
      references: [firstId],
    });
    await settle();

    expect(await outboxTo('sam@example.com')).toEqual([]);
    const entries = await timeline(ticket.id);
    expect(entries.filter((e) => e.kind === 'email_in')).toHaveLength(2);
    expect(entries.filter((e) => e.kind === 'email_out')).toHaveLength(1);
    expect(entries.filter((e) => e.kind === 'email_held').map((e) => e.body)).toEqual([
      expect.stringMatching(/^Not sent: shadow mode/),
    ]);
    const ack = entries.find((e) => e.kind === 'rule_action');
    expect(JSON.stringify(ack?.data)).toContain('not sent: shadow mode');
    const sends = await p.api<{ items: { status: string; reason: string | null }[] }>(
      OWNER,
      `tickets/${ticket.id}/sends`,
    );
    expect(sends.body.items).toEqual([
      expect.objectContaining({ status: 'held', reason: 'not sent: shadow mode (support@demo.local)' }),
    ]);

    expect((await setMode('live')).body.mode).toBe('live');
    await settle();
    expect(await outboxTo('sam@example.com')).toEqual([]);

    const live = await p.api(OWNER, `tickets/${ticket.id}/replies`, { body: { body: 'Please update to 5.2.' } });
    expect(live.status).toBe(200);
    await settle();
    const out = await outboxTo('sam@example.com');
    expect(out).toHaveLength(1);
    expect(out[0]?.subject).toContain(`[${ticket.number}]`);
    const after = await p.api<{ items: { status: string }[] }>(OWNER, `tickets/${ticket.id}/sends`);
    expect(after.body.items.map((s) => s.status).sort()).toEqual(['held', 'sent']);
  });

  it('refuses a mode for something that is not a mailbox', async () => {
    const bad = await p.api(ADMIN, 'admin/mailboxes', { method: 'PUT', body: { mailbox: 'nope', mode: 'shadow' } });
    expect(bad.status).toBe(422);
    const agent = await p.api(OWNER, 'admin/mailboxes', {
      method: 'PUT',
      body: { mailbox: 'support@demo.local', mode: 'shadow' },
    });
    expect(agent.status).toBe(403);
  });
});
