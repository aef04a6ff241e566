/** The email channel's API routes (attachments, quarantine admin, dev outbox, reply delivery state). */
import { z } from 'zod';
import type { ApiRoute } from './api-routes.js';
import { page } from './common.schemas.js';
import {
  ZMailboxSetting,
  ZOutboundRecord,
  ZOutboxItem,
  ZOutboxQuery,
  ZQuarantineItem,
  ZQuarantineQuery,
  ZReprocessOutcome,
  ZReprocessQuarantine,
  ZSetMailboxMode,
} from './mail.schemas.js';

/** Binary downloads: the body is the file itself. */
const ZFile = z.string().describe('the file (safe Content-Type, Content-Disposition: attachment)');

export const MAIL_API_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    path: 'admin/mailboxes',
    summary: 'Support mailboxes with a mode: live, or shadow (parallel run: nothing is sent to customers) (admins)',
    auth: true,
    response: z.object({ items: z.array(ZMailboxSetting) }),
  },
  {
    method: 'PUT',
    path: 'admin/mailboxes',
    summary: "Set a mailbox's mode; switching to live sends nothing that was held (admins)",
    auth: true,
    body: ZSetMailboxMode,
    response: ZMailboxSetting,
  },
  { method: 'GET', path: 'attachments/{id}', summary: 'An email attachment (download)', auth: true, response: ZFile },
  {
    method: 'GET',
    path: 'tickets/{id}/sends',
    summary: 'Delivery state of the replies of a ticket',
    auth: true,
    response: page(ZOutboundRecord),
  },
  {
    method: 'GET',
    path: 'admin/quarantine',
    summary: 'Messages the mail channel could not place (admins)',
    auth: true,
    query: ZQuarantineQuery,
    response: page(ZQuarantineItem),
  },
  {
    method: 'GET',
    path: 'admin/quarantine/{id}/raw',
    summary: 'The raw MIME of a quarantined message (admins)',
    auth: true,
    response: ZFile,
  },
  {
    method: 'POST',
    path: 'admin/quarantine/{id}/reprocess',
    summary: 'Run a quarantined message through ingestion again (admins)',
    auth: true,
    body: ZReprocessQuarantine,
    response: ZReprocessOutcome,
  },
  {
    method: 'GET',
    path: 'dev/outbox',
    summary: 'Outbound mail written to the local outbox (dev only)',
    auth: true,
    query: ZOutboxQuery,
    response: page(ZOutboxItem),
  },
];
