/**
 * Shadow mode at the send (ADR 0036): a reply written while its mailbox is in shadow mode is held
 * even when its queued send only runs after the switch to live; a reply written after the switch
 * goes out; a mailbox never set is live.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { SendRequest } from '../../shared/mail/outbound-mailer.js';
import { eml, type MailWorld, mailWorld } from '../support/mail-world.js';

const AGENT = 'alice@demo.local';
const ADMIN = { kind: 'system', name: 'test' } as const;

describe('shadow mode at the send', () => {
  let w: MailWorld;
  let ticketId: string;
  beforeEach(async () => {
    w = await mailWorld();
    const created = await w.deliver(eml({ from: 'carol@example.com', subject: 'Printer', messageId: 'p@example.com' }));
    ticketId = (created as { ticketId: string }).ticketId;
    await w.services.tickets.accept(ticketId, w.actor(AGENT));
  });

  /** Writes a reply and delivers its events, so its send is queued but not run. */
  const reply = async (body: string): Promise<SendRequest> => {
    const before = w.bus.published.length;
    const replied = await w.services.tickets.reply(ticketId, { body, cc: [] }, w.actor(AGENT));
    if (!replied.ok) throw new Error('reply refused');
    for (const { queue, message } of w.bus.published.slice(before))
      if (queue === 'events') await w.services.events.dispatch(message.body as never);
    const queued = w.bus.published.slice(before).filter((p) => p.queue === 'outbound-mail');
    expect(queued).toHaveLength(1);
    return queued[0]?.message.body as SendRequest;
  };

  it('holds a reply written in shadow mode whose send runs after the switch to live', async () => {
    await w.services.mail.modes.set('Support@demo.local', 'shadow', ADMIN);
    w.clock.advance(60_000);
    const written = await reply('Try tray 2');
    w.clock.advance(60_000);
    const live = await w.services.mail.modes.set('support@demo.local', 'live', ADMIN);
    expect(live.lastShadow).not.toBeNull();
    w.clock.advance(60_000);
    expect(await w.services.mail.outbound.send(written, { final: false })).toBe('held');
    expect(await w.services.mail.outbound.send(written, { final: false })).toBe('already-done');
    expect(w.mailbox.sent).toHaveLength(0);

    const after = await reply('Tray 2 is fixed');
    expect(await w.services.mail.outbound.send(after, { final: false })).toBe('sent');
    expect(w.mailbox.sent).toHaveLength(1);
    expect(w.mailbox.sent[0]?.text).toContain('Tray 2 is fixed');
  });

  it('sends as always for a mailbox that never had a mode', async () => {
    expect(await w.services.mail.modes.modeOf('support@demo.local')).toBe('live');
    expect(await w.services.mail.outbound.send(await reply('Hello'), { final: false })).toBe('sent');
  });

  it('keeps the start of the shadow period when shadow mode is set again', async () => {
    const first = await w.services.mail.modes.set('support@demo.local', 'shadow', ADMIN);
    w.clock.advance(60_000);
    const again = await w.services.mail.modes.set('support+it@demo.local', 'shadow', ADMIN);
    expect(again.since).toBe(first.since);
    expect(await w.services.mail.modes.list()).toHaveLength(1);
  });
});
