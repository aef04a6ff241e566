/** Schemas of the email channel's queue messages and admin/dev API (validated at the edge). */
import { z } from 'zod';
import { QUARANTINE_REASON_FILTERS } from '../mail/quarantine-reasons.js';
import { ZCursor, ZId, ZLimit } from './common.schemas.js';

/** What `inbound-mail` carries (SMTP listener, Graph webhook and delta alike). */
export const ZInboundMessageRef = z.object({
  provider: z.enum(['graph', 'smtp']),
  mailbox: z.string().min(1).max(320),
  providerMessageId: z.string().min(1).max(1_024),
});

/** What `outbound-mail` carries: which reply entry to send. */
export const ZSendRequest = z.object({ ticketId: ZId, entryId: ZId });
/** A queued mail to an expert or approver: its send record's key (ExpertOutbox). */
export const ZExpertSendRequest = z.strictObject({ expertMail: z.string().min(1).max(200) });

export const ZQuarantineQuery = z.strictObject({
  status: z.enum(['quarantined', 'reprocessed', 'all']).default('quarantined'),
  /** Only reasons of this kind (shared/mail/quarantine-reasons.ts); absent: every reason. */
  reason: z.enum(QUARANTINE_REASON_FILTERS).optional(),
  limit: ZLimit,
  cursor: ZCursor.optional(),
});

export const ZReprocessQuarantine = z.strictObject({
  /** Open a ticket even for robot mail (auto-reply, bounce) that matches none. */
  forceNewTicket: z.boolean().default(false),
});

export const ZQuarantineItem = z.object({
  id: z.string(),
  status: z.enum(['quarantined', 'reprocessed']),
  at: z.string(),
  reason: z.string(),
  /** The reason's kind, as the `reason` filter names it. */
  reasonKind: z.enum(QUARANTINE_REASON_FILTERS),
  ref: ZInboundMessageRef,
  size: z.number().int(),
  messageId: z.string().nullable(),
  from: z.string().nullable(),
  subject: z.string().nullable(),
  attempts: z.number().int(),
  ticketId: z.string().nullable(),
  rawUrl: z.string(),
});
export type TQuarantineItem = z.infer<typeof ZQuarantineItem>;

export const ZReprocessOutcome = z.object({
  status: z.enum(['duplicate', 'attached', 'created', 'quarantined']),
  ticketId: z.string().nullable().optional(),
  reason: z.string().optional(),
});
export type TReprocessOutcome = z.infer<typeof ZReprocessOutcome>;

export const ZOutboxQuery = z.strictObject({ limit: ZLimit });

export const ZOutboxItem = z.object({
  file: z.string(),
  messageId: z.string().nullable(),
  inReplyTo: z.string().nullable(),
  references: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  cc: z.string().nullable(),
  subject: z.string().nullable(),
  date: z.string().nullable(),
  size: z.number().int(),
  writtenAt: z.string(),
  raw: z.string(),
});

export const ZOutboundRecord = z.object({
  entryId: z.string(),
  status: z.enum(['pending', 'sending', 'sent', 'failed', 'held']),
  at: z.string(),
  attempts: z.number().int(),
  messageId: z.string().nullable(),
  reason: z.string().nullable(),
});

/** A support mailbox's mode (parallel run, ADR 0036): `shadow` ingests and threads but sends no customer mail. */
export const ZMailboxMode = z.enum(['live', 'shadow']);
export const ZMailboxSetting = z.object({
  mailbox: z.string(),
  mode: ZMailboxMode,
  since: z.string(),
  changedBy: z.unknown().nullable(),
  /** The last shadow period that ended: replies written in it stay held. */
  lastShadow: z.object({ from: z.string(), to: z.string() }).nullable(),
});
export type TMailboxSetting = z.infer<typeof ZMailboxSetting>;
export const ZSetMailboxMode = z.strictObject({ mailbox: z.email().max(320), mode: ZMailboxMode });
export type TSetMailboxMode = z.infer<typeof ZSetMailboxMode>;
