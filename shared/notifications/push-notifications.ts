/**
 * Push notifications to the browsers an agent subscribed (ADR 0024). Subscriptions live in
 * `config`, one partition per person (`push:<agentId>`), the id derived from the endpoint, so
 * subscribing twice from one browser keeps one record. A notification is pushed to each of the
 * agent's subscriptions with a topic per (ticket, kind), so a burst about one ticket reaches a
 * device that was offline as one message; a subscription the push service calls gone (404/410)
 * is deleted. Push is best effort (the in-app notification is the record): a failure is logged
 * and never fails the notification.
 */

import { fail, ok, type Result } from '../kernel/result.js';
import { hashOf } from '../mail/mail-keys.js';
import type { DocumentStore, StoredDocument } from '../ports/document-store.js';
import type { PushSender, PushSubscriptionKeys, PushTarget } from '../ports/push-sender.js';
import type { Notification } from './notification.js';

export interface PushSubscriptionRecord extends PushTarget {
  readonly id: string;
  readonly agentId: string;
  readonly createdAt: string;
  /** What the browser said it is (User-Agent), to tell devices apart in the settings. */
  readonly device: string | null;
}

type SubscriptionDoc = PushSubscriptionRecord &
  StoredDocument & { readonly pk: string; readonly docType: 'push-subscription' };

const pushPk = (agentId: string): string => `push:${agentId}`;
export const subscriptionId = (endpoint: string): string => `ps_${hashOf(endpoint)}${hashOf(`${endpoint}\n`)}`;
/** RFC 8030 Topic: URL-safe base64 characters, at most 32. */
export const pushTopic = (notification: Pick<Notification, 'ticketId' | 'kind' | 'sourceId'>): string =>
  hashOf(`${notification.ticketId ?? notification.sourceId}\n${notification.kind}`).slice(0, 32);

const URGENCY: Record<Notification['kind'], 'normal' | 'high'> = {
  'ticket.assigned': 'high',
  'ticket.offered': 'high',
  'ticket.customer_reply': 'normal',
  'assist.requested': 'high',
  'assist.contribution': 'normal',
  'assist.overdue': 'high',
  'sla.warning': 'high',
  'sla.breached': 'high',
  'rule.notify': 'normal',
  'problem.workaround': 'normal',
  'problem.resolved': 'normal',
};
/** A push older than this is not worth showing (the bell has it anyway). */
const TTL_SECONDS = 24 * 3600;

/**
 * The server POSTs to whatever endpoint a browser names, so only public HTTPS endpoints are
 * taken (the push services' own); loopback and private addresses only for the local stand-in.
 */
export function endpointProblem(endpoint: string, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'endpoint is not a URL';
  }
  if (url.protocol !== 'https:') return 'endpoint must be an https: URL (a push service)';
  if (url.username || url.password) return 'endpoint must not carry credentials';
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const privateHost =
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host.endsWith('.internal') ||
    /^(127\.|10\.|192\.168\.|169\.254\.|0\.)/.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(host) ||
    (host.includes(':') && (host === '::1' || /^(fc|fd|fe80)/.test(host)));
  if (privateHost && !allowPrivate) return `endpoint ${url.origin} is not a public push service`;
  return null;
}

export class PushSubscriptions {
  constructor(
    private readonly store: DocumentStore,
    private readonly allowPrivateEndpoints = false,
  ) {}

  async save(
    agentId: string,
    input: { endpoint: string; keys: PushSubscriptionKeys; device: string | null },
    at: string,
  ): Promise<Result<PushSubscriptionRecord>> {
    const problem = endpointProblem(input.endpoint, this.allowPrivateEndpoints);
    if (problem) return fail('REQUEST.VALIDATION_FAILED', problem);
    const record: PushSubscriptionRecord = {
      id: subscriptionId(input.endpoint),
      agentId,
      endpoint: input.endpoint,
      keys: { p256dh: input.keys.p256dh, auth: input.keys.auth },
      device: input.device,
      createdAt: at,
    };
    const pk = pushPk(agentId);
    await this.store.batch('config', pk, [{ op: 'upsert', doc: { ...record, pk, docType: 'push-subscription' } }]);
    return ok(record);
  }

  async list(agentId: string): Promise<PushSubscriptionRecord[]> {
    const found: PushSubscriptionRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.store.query<SubscriptionDoc>('config', {
        partitionKey: pushPk(agentId),
        where: [{ field: 'docType', op: 'eq', value: 'push-subscription' }],
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      for (const { doc } of page.items) {
        const { pk: _pk, docType: _docType, ...record } = doc;
        found.push(record);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return found;
  }

  /** False when there was no such subscription. */
  async remove(agentId: string, endpoint: string): Promise<boolean> {
    const id = subscriptionId(endpoint);
    const pk = pushPk(agentId);
    if (!(await this.store.read('config', pk, id))) return false;
    await this.store.batch('config', pk, [{ op: 'delete', id }]).catch(() => undefined);
    return true;
  }
}

export class PushNotifications {
  constructor(
    private readonly subscriptions: PushSubscriptions,
    private readonly sender: PushSender,
    private readonly log: (line: string) => void = () => {},
  ) {}

  get enabled(): boolean {
    return this.sender.publicKey !== null;
  }

  get publicKey(): string | null {
    return this.sender.publicKey;
  }

  /** Pushes one notification to every browser the agent subscribed; returns how many took it. */
  async push(notification: Notification): Promise<number> {
    if (!this.enabled) return 0;
    const targets = await this.subscriptions.list(notification.agentId);
    const payload = JSON.stringify({
      title: notification.title,
      body: notification.body,
      kind: notification.kind,
      tag: pushTopic(notification),
      url: notification.ticketNumber ? `/tickets/${notification.ticketNumber}` : '/',
      at: notification.at,
    });
    let sent = 0;
    for (const target of targets) {
      try {
        const outcome = await this.sender.send(target, {
          payload,
          topic: pushTopic(notification),
          ttlSeconds: TTL_SECONDS,
          urgency: URGENCY[notification.kind],
        });
        if (outcome === 'gone') await this.subscriptions.remove(notification.agentId, target.endpoint);
        else sent++;
      } catch (error) {
        this.log(`push: ${new URL(target.endpoint).origin} refused a push: ${(error as Error).message}`);
      }
    }
    return sent;
  }
}
