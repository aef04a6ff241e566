/**
 * Services over in-memory fakes with the real mail adapters (mailparser, sanitize-html, HMAC)
 * and an in-memory blob store: what the mail channel's use-case and handler tests run against.
 * `deliver` feeds raw MIME through the same path as the `inbound-mail` queue function.
 */

import type { FileOutbox } from '../../functions/adapters/mail/file-outbox.js';
import { memoryMailAdapters } from '../../functions/adapters/mail/mail-adapters.js';
import { MemoryBlobStore } from '../../functions/adapters/mail/memory-blob-store.js';
import { wireServices } from '../../functions/composition-root.js';
import type { Services } from '../../functions/services.js';
import { DEMO_AGENTS, DEMO_TEAMS } from '../../infra/seed/demo-organisation.js';
import type { Actor } from '../../shared/kernel/actor.js';
import type { IngestOutcome } from '../../shared/mail/mail-ingestion.js';
import type { InboundMessageRef, Mailbox } from '../../shared/ports/mailbox.js';
import { InMemoryDocumentStore } from '../fakes/in-memory-document-store.js';
import { RecordingBus } from '../fakes/recording-bus.js';
import { RecordingMailbox } from '../fakes/recording-mailbox.js';
import { CountingIds, ManualClock } from './test-services.js';

export interface MailWorld {
  readonly services: Services;
  readonly store: InMemoryDocumentStore;
  readonly bus: RecordingBus;
  readonly clock: ManualClock;
  readonly blobs: MemoryBlobStore;
  readonly mailbox: RecordingMailbox;
  deliver(
    raw: string | Uint8Array,
    ref?: Partial<InboundMessageRef> & { conversationId?: string },
  ): Promise<IngestOutcome>;
  actor(email: string): Actor & { kind: 'agent' };
  /** Runs the `events` subscribers and `outbound-mail` sends queued so far. */
  flush(): Promise<void>;
}

export async function mailWorld(
  options: { reopenWithinDays?: number; send?: Mailbox; outbox?: FileOutbox } = {},
): Promise<MailWorld> {
  const store = new InMemoryDocumentStore();
  const bus = new RecordingBus();
  const clock = new ManualClock();
  const blobs = new MemoryBlobStore();
  const mailbox = new RecordingMailbox();
  const services = wireServices(
    {
      store,
      bus,
      clock,
      ids: new CountingIds(),
      log: () => {},
      mail: memoryMailAdapters({
        blobs,
        send: options.send ?? mailbox,
        mailboxes: { smtp: mailbox, graph: mailbox },
        outbox: options.outbox ?? null,
      }),
    },
    { AUTH_MODE: 'dev', STORE: 'sqlite', QUEUE: 'local', REOPEN_WITHIN_DAYS: options.reopenWithinDays ?? 14 },
  );
  for (const team of DEMO_TEAMS) await services.directory.saveTeam(team);
  for (const agent of DEMO_AGENTS) await services.directory.saveAgent(agent);
  let delivered = 0;
  let flushed = 0;
  return {
    services,
    store,
    bus,
    clock,
    blobs,
    mailbox,
    deliver(raw, ref = {}) {
      const { conversationId, ...refFields } = ref;
      const fullRef: InboundMessageRef = {
        provider: 'smtp',
        mailbox: 'support@demo.local',
        providerMessageId: `p${++delivered}`,
        ...refFields,
      };
      const bytes = typeof raw === 'string' ? new TextEncoder().encode(raw) : raw;
      return services.mail.ingestion.ingest({
        ref: fullRef,
        raw: bytes,
        receivedAt: clock.now().toISOString(),
        ...(conversationId ? { conversationId } : {}),
      });
    },
    actor(email) {
      const agent = DEMO_AGENTS.find((a) => a.email === email);
      if (!agent) throw new Error(`no demo agent ${email}`);
      return { kind: 'agent', agentId: agent.id, roles: agent.roles, teamIds: agent.teamIds };
    },
    async flush() {
      while (flushed < bus.published.length) {
        const { queue, message } = bus.published[flushed++] as (typeof bus.published)[number];
        if (queue === 'events') await services.events.dispatch(message.body as never);
        if (queue === 'outbound-mail') await services.mail.outbound.send(message.body as never, { final: false });
      }
    },
  };
}

/** A small RFC 5322 message for threading tests. */
export function eml(fields: {
  from: string;
  to?: string;
  cc?: string;
  subject: string;
  body?: string;
  messageId: string;
  inReplyTo?: string;
  references?: string;
  headers?: Record<string, string>;
}): string {
  const lines = [
    `From: ${fields.from}`,
    `To: ${fields.to ?? 'support@demo.local'}`,
    ...(fields.cc ? [`Cc: ${fields.cc}`] : []),
    `Subject: ${fields.subject}`,
    `Message-ID: <${fields.messageId}>`,
    ...(fields.inReplyTo ? [`In-Reply-To: <${fields.inReplyTo}>`] : []),
    ...(fields.references ? [`References: ${fields.references}`] : []),
    'Date: Thu, 26 Nov 2026 09:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    ...Object.entries(fields.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n${(fields.body ?? 'Hello').replace(/\n/g, '\r\n')}\r\n`;
}
