/** The simulator's subscriptions: Graph caps the lifetime and returns the expiry it granted. */
import { graphId } from './sim-mail-model.js';

export interface SimSubscription {
  readonly id: string;
  readonly resource: string;
  readonly changeType: string;
  readonly notificationUrl: string;
  readonly lifecycleNotificationUrl: string | null;
  readonly clientState: string | null;
  expirationDateTime: string;
  /** The mailbox the resource addresses (`users/{mailbox}/...`). */
  readonly mailbox: string;
}

export class SubscriptionBook {
  readonly #subs = new Map<string, SimSubscription>();
  constructor(private readonly maxMinutes: () => number) {}

  private grant(requested: string, now: Date): string {
    const cap = now.getTime() + this.maxMinutes() * 60_000;
    const asked = Date.parse(requested);
    return new Date(Number.isNaN(asked) ? cap : Math.min(asked, cap)).toISOString();
  }

  create(body: Record<string, unknown>, now: Date): SimSubscription | { error: string } {
    const resource = String(body.resource ?? '');
    const match = /^\/?users\/([^/]+)\//i.exec(resource);
    if (!match?.[1]) return { error: `Unsupported resource '${resource}'` };
    if (typeof body.notificationUrl !== 'string') return { error: 'notificationUrl is required' };
    if (Date.parse(String(body.expirationDateTime)) <= now.getTime())
      return { error: 'expirationDateTime is in the past' };
    const sub: SimSubscription = {
      id: graphId('sub-'),
      resource,
      changeType: String(body.changeType ?? 'created'),
      notificationUrl: body.notificationUrl,
      lifecycleNotificationUrl:
        typeof body.lifecycleNotificationUrl === 'string' ? body.lifecycleNotificationUrl : null,
      clientState: typeof body.clientState === 'string' ? body.clientState : null,
      expirationDateTime: this.grant(String(body.expirationDateTime), now),
      mailbox: decodeURIComponent(match[1]).toLowerCase(),
    };
    this.#subs.set(sub.id, sub);
    return sub;
  }

  renew(id: string, requested: string, now: Date): SimSubscription {
    const sub = this.#subs.get(id) as SimSubscription;
    sub.expirationDateTime = this.grant(requested, now);
    return sub;
  }

  get(id: string): SimSubscription | undefined {
    return this.#subs.get(id);
  }
  remove(id: string): boolean {
    return this.#subs.delete(id);
  }
  list(): SimSubscription[] {
    return [...this.#subs.values()];
  }
  forMailbox(mailbox: string): SimSubscription[] {
    return this.list().filter((s) => s.mailbox === mailbox.toLowerCase());
  }
}
