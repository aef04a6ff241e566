/**
 * Parallel run (issue 20, ADR 0036): a support mailbox is `live` (the default) or in `shadow`
 * mode. In shadow mode everything the old helpdesk also receives is ingested and threaded as
 * usual, but no mail goes to customers: replies are written and held (the send record says
 * `held`, the timeline says "not sent: shadow mode"). Switching the mailbox to live is this one
 * setting, and it sends nothing that was held: a held record is final.
 *
 * One document per mailbox in `config` (partition `mailbox-modes`, point reads by address); an
 * address's `+tag` variants are the same mailbox (the SMTP listener accepts them as its own).
 */
import type { ActorRef } from '../kernel/actor.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore, StoredDocument } from '../ports/document-store.js';
import { mailKey } from './mail-keys.js';

export type MailboxMode = 'live' | 'shadow';

export interface MailboxSetting {
  readonly mailbox: string;
  readonly mode: MailboxMode;
  /** When the current mode began (a shadow report compares what came in since then). */
  readonly since: string;
  readonly changedBy: ActorRef | null;
  /** The last shadow period that ended: a reply written in it is held even when its send runs later. */
  readonly lastShadow: { readonly from: string; readonly to: string } | null;
}

interface MailboxModeDoc extends MailboxSetting, StoredDocument {
  readonly pk: typeof PK;
  readonly docType: 'mailbox-mode';
}

const PK = 'mailbox-modes';

/** `Support+Billing@Example.com` -> `support@example.com`. */
export const mailboxOf = (address: string): string => {
  const lower = address.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at < 0) return lower;
  const local = lower.slice(0, at);
  const plus = local.indexOf('+');
  return `${plus < 0 ? local : local.slice(0, plus)}${lower.slice(at)}`;
};

const docId = (mailbox: string) => `mbx.${mailKey(mailboxOf(mailbox))}`;

export class MailboxModes {
  constructor(
    private readonly store: DocumentStore,
    private readonly clock: Clock,
  ) {}

  async get(mailbox: string): Promise<MailboxSetting | undefined> {
    const found = await this.store.read<MailboxModeDoc>('config', PK, docId(mailbox));
    if (!found) return undefined;
    return settingOf(found.doc);
  }

  async modeOf(mailbox: string): Promise<MailboxMode> {
    return (await this.get(mailbox))?.mode ?? 'live';
  }

  /**
   * Whether what was written at `writtenAt` for `mailbox` is held: the mailbox is in shadow mode,
   * or it was when that was written (a queued send that runs after the switch to live).
   */
  async holds(mailbox: string, writtenAt: string): Promise<boolean> {
    const setting = await this.get(mailbox);
    if (!setting) return false;
    if (setting.mode === 'shadow') return true;
    const last = setting.lastShadow;
    return last !== null && writtenAt >= last.from && writtenAt < last.to;
  }

  /** Sets the mode; setting the mode a mailbox already has keeps its `since`. */
  async set(mailbox: string, mode: MailboxMode, by: ActorRef | null): Promise<MailboxSetting> {
    const at = this.clock.now().toISOString();
    const current = await this.get(mailbox);
    if (current?.mode === mode) return current;
    const lastShadow = current?.mode === 'shadow' ? { from: current.since, to: at } : (current?.lastShadow ?? null);
    const doc: MailboxModeDoc = {
      id: docId(mailbox),
      pk: PK,
      docType: 'mailbox-mode',
      mailbox: mailboxOf(mailbox),
      mode,
      since: at,
      changedBy: by,
      lastShadow,
    };
    await this.store.batch('config', PK, [{ op: 'upsert', doc }]);
    return settingOf(doc);
  }

  /** Every mailbox with a setting (a mailbox never set is live). */
  async list(): Promise<MailboxSetting[]> {
    const page = await this.store.query<MailboxModeDoc>('config', {
      partitionKey: PK,
      where: [{ field: 'docType', op: 'eq', value: 'mailbox-mode' }],
      limit: 200,
    });
    return page.items.map(({ doc }) => settingOf(doc));
  }
}

const settingOf = (doc: MailboxModeDoc): MailboxSetting => ({
  mailbox: doc.mailbox,
  mode: doc.mode,
  since: doc.since,
  changedBy: doc.changedBy,
  lastShadow: doc.lastShadow ?? null,
});
