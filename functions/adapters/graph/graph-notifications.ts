/**
 * The Graph webhook's logic, kept out of the thin function files: change notifications are checked
 * item by item against our clientState (a mismatch is logged and never processed), mapped to the
 * mailbox through the stored subscription, and enqueued in ONE publish before we answer 202.
 * Lifecycle notifications are hints: they are acted on in the background (renew, recreate, delta
 * resync) because Graph wants its answer within 3 s; the timers remain the guarantee.
 */
import { timingSafeEqual } from 'node:crypto';
import type { TGraphNotificationBatch, TGraphNotificationItem } from '../../../shared/api/mail-graph.schemas.js';
import type { MessageBus } from '../../../shared/ports/message-bus.js';
import type { GraphDeltaSync } from './graph-delta.js';
import { graphInboundMessage } from './graph-inbound.js';
import type { GraphSubscriptions } from './graph-subscriptions.js';

type ChangeItem = TGraphNotificationItem;

export interface NotificationOutcome {
  readonly enqueued: number;
  readonly ignored: number;
}

export type LifecycleEvent = 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';

/** Graph's resource path `Users/{user}/Messages/{id}`: the fallback when resourceData is absent. */
const fromResource = (resource: string | undefined): { user?: string; id?: string } => {
  const match = resource ? /^\/?users\/([^/]+)\/messages\/([^/?]+)/i.exec(resource) : null;
  return match ? { user: decodeURIComponent(match[1] as string), id: decodeURIComponent(match[2] as string) } : {};
};

export class GraphNotificationHandler {
  readonly #clientState: Buffer;
  readonly #pending = new Set<Promise<void>>();

  constructor(
    clientState: string,
    private readonly bus: MessageBus,
    private readonly subscriptions: GraphSubscriptions,
    private readonly delta: GraphDeltaSync,
    private readonly log: (line: string) => void,
  ) {
    this.#clientState = Buffer.from(clientState);
  }

  /** Constant-time comparison: clientState is the only proof a notification came from our subscription. */
  trusted(item: { clientState?: string | null | undefined }): boolean {
    const given = Buffer.from(item.clientState ?? '');
    return given.length === this.#clientState.length && timingSafeEqual(given, this.#clientState);
  }

  async handleChanges(batch: TGraphNotificationBatch): Promise<NotificationOutcome> {
    const messages = [];
    let ignored = 0;
    for (const item of batch.value) {
      const ref = this.trusted(item) ? await this.refOf(item) : undefined;
      if (!ref) {
        ignored++;
        this.log(
          `graph notification ignored (${this.trusted(item) ? 'no message id' : 'clientState mismatch'}): subscription ${item.subscriptionId ?? '?'}`,
        );
        continue;
      }
      messages.push(graphInboundMessage(ref.mailbox, ref.id));
    }
    // Durably queued before Graph gets its 2xx; if this throws Graph retries the whole batch.
    if (messages.length > 0) await this.bus.publish('inbound-mail', messages);
    return { enqueued: messages.length, ignored };
  }

  /** Starts the follow-up of each trusted lifecycle event and returns how many were accepted. */
  handleLifecycle(batch: TGraphNotificationBatch): NotificationOutcome {
    let accepted = 0;
    let ignored = 0;
    for (const item of batch.value) {
      const event = item.lifecycleEvent as LifecycleEvent | undefined;
      if (!this.trusted(item) || !item.subscriptionId || !event) {
        ignored++;
        this.log(
          `graph lifecycle notification ignored (${this.trusted(item) ? 'incomplete' : 'clientState mismatch'})`,
        );
        continue;
      }
      accepted++;
      this.background(this.followUp(item.subscriptionId, event));
    }
    return { enqueued: accepted, ignored };
  }

  /** Resolves when every lifecycle follow-up started so far has finished (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  private async followUp(subscriptionId: string, event: LifecycleEvent): Promise<void> {
    const mailbox = await this.subscriptions.mailboxOf(subscriptionId);
    if (!mailbox) {
      this.log(`graph lifecycle ${event} for unknown subscription ${subscriptionId} ignored`);
      return;
    }
    this.log(`graph lifecycle ${event} for ${mailbox} (subscription ${subscriptionId})`);
    if (event === 'reauthorizationRequired') await this.subscriptions.ensure(mailbox, { forceRenew: true });
    if (event === 'subscriptionRemoved') await this.subscriptions.ensure(mailbox, { recreate: true });
    // Notifications may have been lost while the subscription was gone or throttled.
    if (event === 'subscriptionRemoved' || event === 'missed') await this.delta.catchUp(mailbox);
  }

  private background(task: Promise<void>): void {
    const tracked = task
      .catch((error: unknown) =>
        this.log(`graph lifecycle follow-up failed: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => this.#pending.delete(tracked));
    this.#pending.add(tracked);
  }

  private async refOf(item: ChangeItem): Promise<{ mailbox: string; id: string } | undefined> {
    const parsed = fromResource(item.resource);
    const id = item.resourceData?.id ?? parsed.id;
    if (!id) return undefined;
    const mailbox =
      (item.subscriptionId ? await this.subscriptions.mailboxOf(item.subscriptionId) : undefined) ?? parsed.user;
    return mailbox ? { mailbox, id } : undefined;
  }
}
