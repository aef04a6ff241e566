/**
 * The email channel's services, wired over the mail adapters (BlobStore, MimeParser,
 * HtmlSanitizer, Signer, Mailboxes) and the ticket core. The Graph side plugs in its Mailbox as
 * `mailboxes.graph` (fetching `provider: 'graph'` refs) and, when it is the provider, as `send`.
 */

import type { MailForSuggestions } from '../shared/cmdb/ci-suggestions.js';
import { DirectoryRepository } from '../shared/directory/directory-repository.js';
import { AssistMailer } from '../shared/mail/expert/assist-mailer.js';
import { type EmailActionHandler, EmailActions } from '../shared/mail/expert/email-actions.js';
import { ExpertOutbox } from '../shared/mail/expert/expert-outbox.js';
import { ExpertReplies } from '../shared/mail/expert/expert-replies.js';
import { MailTokens } from '../shared/mail/expert/mail-tokens.js';
import type { SmtpTrustSettings } from '../shared/mail/expert/mail-trust.js';
import { InboundAcceptor } from '../shared/mail/inbound-acceptor.js';
import { MailIngestion } from '../shared/mail/mail-ingestion.js';
import { MailRecords } from '../shared/mail/mail-records.js';
import { MailTicketWriter } from '../shared/mail/mail-ticket-writer.js';
import { MailboxModes } from '../shared/mail/mailbox-modes.js';
import { OutboundMailer } from '../shared/mail/outbound-mailer.js';
import { OutboundRecords } from '../shared/mail/outbound-records.js';
import type { MimeParser } from '../shared/mail/parsed-email.js';
import { Quarantine } from '../shared/mail/quarantine.js';
import { SignedIds } from '../shared/mail/signed-ids.js';
import { NotificationStore } from '../shared/notifications/notification-store.js';
import type { BlobStore } from '../shared/ports/blob-store.js';
import type { Clock } from '../shared/ports/clock.js';
import type { DocumentStore } from '../shared/ports/document-store.js';
import type { HtmlSanitizer } from '../shared/ports/html-sanitizer.js';
import type { IdGenerator } from '../shared/ports/id-generator.js';
import type { InboundMessageRef, Mailbox } from '../shared/ports/mailbox.js';
import type { MessageBus } from '../shared/ports/message-bus.js';
import type { Signer } from '../shared/ports/signer.js';
import type { TicketRepository } from '../shared/tickets/ticket-repository.js';
import type { NewCiSuggestion } from '../shared/tickets/ticket-types.js';
import type { TicketCommands } from '../shared/use-cases/ticket-commands.js';
import type { RequesterContext } from '../shared/use-cases/ticket-use-cases.js';
import type { WorkItemNumberAllocator } from '../shared/work-items/work-item-numbers.js';
import type { FileOutbox } from './adapters/mail/file-outbox.js';

export interface MailAdapters {
  /** Attachments. */
  readonly blobs: BlobStore;
  /** Raw MIME of accepted and quarantined messages: durable once a put resolves (ADR 0012). */
  readonly rawMail: BlobStore;
  readonly parser: MimeParser;
  readonly sanitizer: HtmlSanitizer;
  readonly signer: Signer;
  /** Who fetches refs of each provider. */
  readonly mailboxes: Partial<Record<InboundMessageRef['provider'], Mailbox>>;
  /** Who sends our replies (the configured MAIL_PROVIDER's mailbox). */
  readonly send: Mailbox;
  /** The local `.eml` outbox when mail is not relayed (dev listing); null otherwise. */
  readonly outbox: FileOutbox | null;
}

export interface MailSettings {
  readonly supportAddress: string;
  readonly supportName: string;
  readonly reopenWithinDays: number;
  /** Who may act by email when mail arrives over SMTP (ADR 0015). */
  readonly smtpTrust?: Omit<SmtpTrustSettings, 'internalDomains'>;
  /** Handlers of email actions (approvals); change management plugs its own in. */
  readonly emailActionHandlers?: readonly EmailActionHandler[];
}

export interface MailServices {
  readonly settings: MailSettings;
  readonly ingestion: MailIngestion;
  readonly acceptor: InboundAcceptor;
  readonly quarantine: Quarantine;
  readonly outbound: OutboundMailer;
  readonly outboundRecords: OutboundRecords;
  /** Live or shadow mode per support mailbox (parallel run, ADR 0036). */
  readonly modes: MailboxModes;
  readonly records: MailRecords;
  readonly signedIds: SignedIds;
  readonly blobs: BlobStore;
  readonly outbox: FileOutbox | null;
  /** Mail to experts and approvers (assist requests, reminders, confirmations). */
  readonly expertOutbox: ExpertOutbox;
  readonly assistMail: AssistMailer;
  readonly emailActions: EmailActions;
  readonly tokens: MailTokens;
  mailboxFor(provider: InboundMessageRef['provider']): Mailbox | undefined;
}

export function wireMail(
  adapters: MailAdapters,
  settings: MailSettings,
  core: {
    store: DocumentStore;
    bus: MessageBus;
    clock: Clock;
    ids: IdGenerator;
    tickets: TicketRepository;
    commands: TicketCommands;
    numbers: WorkItemNumberAllocator;
    customers?: RequesterContext;
    /** Suggested CIs for a mail (the CMDB, issue 15). */
    suggestCis?: (mail: MailForSuggestions) => Promise<readonly NewCiSuggestion[]>;
  },
): MailServices {
  const { store, bus, clock, ids, tickets, commands, numbers, customers, suggestCis } = core;
  const records = new MailRecords(store);
  const signedIds = new SignedIds(adapters.signer, settings.supportAddress);
  const quarantine = new Quarantine(store, adapters.rawMail);
  const outboundRecords = new OutboundRecords(store);
  const modes = new MailboxModes(store, clock);
  const writer = new MailTicketWriter({
    commands,
    tickets,
    numbers,
    signedIds,
    store,
    clock,
    ids,
    policy: { reopenWithinDays: settings.reopenWithinDays },
    ...(customers ? { customers } : {}),
    ...(suggestCis ? { suggestCis } : {}),
  });
  const from = { address: settings.supportAddress, name: settings.supportName };
  const directory = new DirectoryRepository(store);
  const tokens = new MailTokens(store, adapters.signer, settings.supportAddress);
  const expertOutbox = new ExpertOutbox({ store, outbound: outboundRecords, bus, mailbox: adapters.send, clock, from });
  const emailActions = new EmailActions({ tokens, outbox: expertOutbox, clock }, settings.emailActionHandlers ?? []);
  const notificationPrefs = new NotificationStore(store);
  const supportDomain = settings.supportAddress.slice(settings.supportAddress.lastIndexOf('@') + 1);
  const expert = new ExpertReplies({
    tokens,
    directory,
    commands,
    outbox: expertOutbox,
    actions: emailActions,
    clock,
    smtpTrust: {
      listenerAuthenticates: settings.smtpTrust?.listenerAuthenticates ?? true,
      trustedRelays: settings.smtpTrust?.trustedRelays ?? [],
      internalDomains: [supportDomain],
    },
  });
  return {
    settings,
    expertOutbox,
    emailActions,
    tokens,
    assistMail: new AssistMailer({
      tickets,
      directory,
      store,
      tokens,
      outbox: expertOutbox,
      clock,
      wantsAssistMail: async (agentId) =>
        (await notificationPrefs.preferences(agentId))?.assistRequestsByEmail === true,
    }),
    ingestion: new MailIngestion({
      expert,
      parser: adapters.parser,
      sanitizer: adapters.sanitizer,
      blobs: adapters.blobs,
      records,
      quarantine,
      tickets,
      writer,
      signedIds,
      clock,
      ids,
    }),
    acceptor: new InboundAcceptor(adapters.rawMail, bus, ids, clock),
    quarantine,
    outbound: new OutboundMailer({
      outbound: outboundRecords,
      records,
      store,
      tickets,
      commands,
      bus,
      mailbox: adapters.send,
      signedIds,
      clock,
      from,
      modes,
    }),
    outboundRecords,
    modes,
    records,
    signedIds,
    blobs: adapters.blobs,
    outbox: adapters.outbox,
    mailboxFor: (provider) => adapters.mailboxes[provider],
  };
}
