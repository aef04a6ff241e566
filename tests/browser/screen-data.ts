/**
 * Data some screens only show when it exists: an offer waiting on Mia's home screen (a P1 for the
 * service desk, which routing offers her) and an auto-reply in the mail quarantine.
 */
import nodemailer from 'nodemailer';
import { expect } from 'vitest';
import type { TQuarantineItem } from '../../shared/api/mail.schemas.js';
import type { TTicket } from '../../shared/api/tickets.schemas.js';
import { apiAs, type LocalHost } from './harness.js';

export const AUTO_REPLY_SUBJECT = 'Out of office: back on Monday';

/** A new P1 offered to Mia (she is the service desk's first choice in the demo). */
export async function offerToMia(host: LocalHost, title = 'Screens: core switch down'): Promise<TTicket> {
  const lead = apiAs(host, 'lead@demo.local');
  const ticket = await lead.post<TTicket>('tickets', {
    title,
    description: 'Nothing reachable',
    requester: { email: 'ops@customer.example', name: 'Ops' },
    impact: 1,
    urgency: 1,
    teamId: 'service-desk',
  });
  await expect.poll(async () => (await lead.get<TTicket>(`tickets/${ticket.id}`)).offer?.agentId).toBe('ag_mia');
  return ticket;
}

/** An auto-reply that matches no ticket, sent by SMTP: ingestion quarantines it. */
export async function quarantineAnAutoReply(host: LocalHost, subject = AUTO_REPLY_SUBJECT): Promise<TQuarantineItem> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: host.smtpPort,
    secure: false,
    ignoreTLS: true,
  });
  await transport.sendMail({
    from: 'Away Person <away@customer.example>',
    to: 'support@demo.local',
    subject,
    text: 'I am out of the office until Monday.',
    headers: { 'Auto-Submitted': 'auto-replied' },
  });
  transport.close();
  const admin = apiAs(host, 'admin@demo.local');
  let found: TQuarantineItem | undefined;
  await expect
    .poll(
      async () => {
        found = (await admin.get<{ items: TQuarantineItem[] }>('admin/quarantine?status=all')).items.find(
          (q) => q.subject === subject,
        );
        return found;
      },
      { timeout: 15_000 },
    )
    .toBeDefined();
  return found!;
}
