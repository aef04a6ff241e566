/** Live updates and presence (ADR 0027): negotiation, presence heartbeats and the viewer list. */
import { z } from 'zod';
import { PRESENCE_ACTIVITIES } from '../live/presence.js';

/** A tab's own random id (made by the browser per ticket page it opens). */
export const ZSessionId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '8-64 letters, digits, _ or -');

export const ZPresenceBeat = z.strictObject({
  sessionId: ZSessionId,
  activity: z.enum(PRESENCE_ACTIVITIES),
});
export type TPresenceBeat = z.infer<typeof ZPresenceBeat>;

export const ZPresenceLeaveQuery = z.strictObject({ sessionId: ZSessionId });

export const ZViewer = z.object({
  agentId: z.string(),
  activity: z.enum(PRESENCE_ACTIVITIES),
  expiresInMs: z.number().int(),
});
export type TViewer = z.infer<typeof ZViewer>;

export const ZPresence = z.object({
  ticketId: z.string(),
  viewers: z.array(ZViewer),
  /** How often the page should beat, and how long a silent tab still shows. */
  heartbeatMs: z.number().int(),
  ttlMs: z.number().int(),
});
export type TPresence = z.infer<typeof ZPresence>;

export const ZLiveNegotiation = z.discriminatedUnion('enabled', [
  z.object({ enabled: z.literal(false) }),
  z.object({
    enabled: z.literal(true),
    transport: z.enum(['sse', 'web-pubsub']),
    url: z.string(),
    expiresAt: z.string(),
  }),
]);
export type TLiveNegotiation = z.infer<typeof ZLiveNegotiation>;

/** What the live channel carries (the browser re-reads through the API; messages carry no content). */
export const ZLiveMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ticket.changed'),
    ticketId: z.string(),
    event: z.string(),
    eventId: z.string(),
    by: z.string().nullable(),
    at: z.string(),
  }),
  z.object({ type: z.literal('presence'), ticketId: z.string(), viewers: z.array(ZViewer) }),
]);
export type TLiveMessage = z.infer<typeof ZLiveMessage>;
