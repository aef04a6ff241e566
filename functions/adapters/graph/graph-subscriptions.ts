/**
 * Graph change-notification subscriptions, one per support mailbox (new messages in the inbox).
 * `ensure` creates a missing subscription, renews one whose remaining life dropped below half of
 * what Graph granted (the expiry Graph returns is the truth, never an assumed maximum), recreates
 * one Graph no longer knows (404), and stores the state so the webhook can map ids to mailboxes.
 */
import { createHash } from 'node:crypto';
import { GraphError } from '@microsoft/microsoft-graph-client';
import type { Clock } from '../../../shared/ports/clock.js';
import type { GraphConnection } from './graph-client.js';
import type { GraphStateRepository, SubscriptionState } from './graph-state.js';

export type EnsureOutcome = 'created' | 'renewed' | 'kept' | 'recreated' | 'skipped';

export interface SubscriptionOptions {
  readonly mailboxes: readonly string[];
  readonly clientState: string;
  /** What we ask for; Outlook messages allow 4,230 minutes without resource data (Graph may grant less). */
  readonly requestedMinutes?: number;
  /** Never let less than this remain before renewing (covers a few missed timer ticks). */
  readonly minimumMarginMs?: number;
  readonly log?: (line: string) => void;
}

interface GrantedSubscription {
  readonly id: string;
  readonly expirationDateTime: string;
}

const isNotFound = (error: unknown) => error instanceof GraphError && error.statusCode === 404;

export const inboxResource = (mailbox: string): string => `users/${mailbox}/mailFolders('inbox')/messages`;

/** Graph POSTs lifecycle events to a sibling of the notification route. */
export const lifecycleUrlFor = (notificationUrl: string): string => new URL('lifecycle', notificationUrl).toString();

export class GraphSubscriptions {
  #notificationUrl: string | undefined;
  readonly #clientStateHash: string;
  readonly #byId = new Map<string, string>();
  readonly #log: (line: string) => void;

  constructor(
    private readonly graph: GraphConnection,
    private readonly state: GraphStateRepository,
    private readonly clock: Clock,
    private readonly options: SubscriptionOptions,
    notificationUrl: string | undefined,
  ) {
    this.#notificationUrl = notificationUrl;
    this.#log = options.log ?? (() => {});
    this.#clientStateHash = createHash('sha256').update(options.clientState).digest('hex').slice(0, 16);
  }

  get notificationUrl(): string | undefined {
    return this.#notificationUrl;
  }

  /** The local platform learns its public URL only after it listens (random ports in tests). */
  useNotificationUrlIfUnset(url: string): void {
    this.#notificationUrl ??= url;
  }

  async ensureAll(): Promise<Record<string, EnsureOutcome>> {
    const outcomes: Record<string, EnsureOutcome> = {};
    for (const mailbox of this.options.mailboxes) {
      try {
        outcomes[mailbox] = await this.ensure(mailbox);
      } catch (error) {
        // One failing mailbox must not stop the others; the next tick tries again.
        this.#log(
          `graph subscription for ${mailbox} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    return outcomes;
  }

  async ensure(mailbox: string, options: { forceRenew?: boolean; recreate?: boolean } = {}): Promise<EnsureOutcome> {
    const url = this.#notificationUrl;
    if (!url) return 'skipped'; // no public webhook: delta catch-up is the only path
    const current = await this.state.readSubscription(mailbox);
    if (!current) return this.create(mailbox, url, 'created');
    const sub = current.doc;
    this.#byId.set(sub.subscriptionId, sub.mailbox);
    if (options.recreate || sub.notificationUrl !== url || sub.clientStateHash !== this.#clientStateHash) {
      await this.deleteQuietly(sub.subscriptionId);
      return this.create(mailbox, url, 'recreated');
    }
    if (!options.forceRenew && !this.dueForRenewal(sub)) return 'kept';
    try {
      const granted = (await this.graph.client
        .api(`/subscriptions/${encodeURIComponent(sub.subscriptionId)}`)
        .patch({ expirationDateTime: this.requestedExpiry() })) as GrantedSubscription;
      await this.state.saveSubscription(
        { ...sub, expirationDateTime: granted.expirationDateTime, grantedAt: this.clock.now().toISOString() },
        current.etag,
      );
      return 'renewed';
    } catch (error) {
      if (!isNotFound(error)) throw error;
      this.#log(`graph subscription ${sub.subscriptionId} for ${mailbox} is gone; recreating`);
      return this.create(mailbox, url, 'recreated');
    }
  }

  /** The mailbox a subscription id belongs to (cache first, then the stored state). */
  async mailboxOf(subscriptionId: string): Promise<string | undefined> {
    const cached = this.#byId.get(subscriptionId);
    if (cached) return cached;
    for (const sub of await this.state.allSubscriptions()) this.#byId.set(sub.subscriptionId, sub.mailbox);
    return this.#byId.get(subscriptionId);
  }

  async deleteAll(): Promise<void> {
    for (const sub of await this.state.allSubscriptions()) {
      await this.deleteQuietly(sub.subscriptionId);
      await this.state.deleteSubscription(sub.mailbox);
    }
  }

  private dueForRenewal(sub: SubscriptionState): boolean {
    const expiry = Date.parse(sub.expirationDateTime);
    const lifetime = expiry - Date.parse(sub.grantedAt);
    const margin = Math.max(lifetime / 2, this.options.minimumMarginMs ?? 30 * 60_000);
    return this.clock.now().getTime() >= expiry - margin;
  }

  private requestedExpiry(): string {
    return new Date(this.clock.now().getTime() + (this.options.requestedMinutes ?? 4_230) * 60_000).toISOString();
  }

  private async create(mailbox: string, notificationUrl: string, outcome: EnsureOutcome): Promise<EnsureOutcome> {
    const resource = inboxResource(mailbox);
    const granted = (await this.graph.client.api('/subscriptions').post({
      changeType: 'created',
      notificationUrl,
      lifecycleNotificationUrl: lifecycleUrlFor(notificationUrl),
      resource,
      expirationDateTime: this.requestedExpiry(),
      clientState: this.options.clientState,
      latestSupportedTlsVersion: 'v1_2',
    })) as GrantedSubscription;
    this.#byId.set(granted.id, mailbox);
    const existing = await this.state.readSubscription(mailbox);
    await this.state.saveSubscription(
      {
        mailbox,
        subscriptionId: granted.id,
        resource,
        notificationUrl,
        expirationDateTime: granted.expirationDateTime,
        grantedAt: this.clock.now().toISOString(),
        clientStateHash: this.#clientStateHash,
      },
      existing?.etag,
    );
    this.#log(`graph subscription ${granted.id} ${outcome} for ${mailbox}, expires ${granted.expirationDateTime}`);
    return outcome;
  }

  private async deleteQuietly(subscriptionId: string): Promise<void> {
    try {
      await this.graph.client.api(`/subscriptions/${encodeURIComponent(subscriptionId)}`).delete();
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}
