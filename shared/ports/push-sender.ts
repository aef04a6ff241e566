/**
 * Web Push (RFC 8030 delivery, RFC 8291 payload encryption, RFC 8292 VAPID): sends one encrypted
 * message to one browser subscription. The push service keeps at most one undelivered message
 * per `topic` (a later one replaces it), which is how pushes about one thing coalesce.
 */
export interface PushSubscriptionKeys {
  /** The browser's P-256 public key, base64url (uncompressed point). */
  readonly p256dh: string;
  /** The 16-byte authentication secret, base64url. */
  readonly auth: string;
}

export interface PushTarget {
  readonly endpoint: string;
  readonly keys: PushSubscriptionKeys;
}

export interface PushMessage {
  /** UTF-8 JSON the service worker reads. */
  readonly payload: string;
  /** RFC 8030 Topic: at most 32 base64url characters. */
  readonly topic: string;
  readonly ttlSeconds: number;
  readonly urgency: 'very-low' | 'low' | 'normal' | 'high';
}

/** `gone`: the push service answered 404 or 410; the subscription is dead and must be deleted. */
export type PushOutcome = 'sent' | 'gone';

export interface PushSender {
  /** The VAPID public key browsers subscribe with (base64url), or null when push is off. */
  readonly publicKey: string | null;
  /** Throws on a transient failure (network, 429, 5xx). */
  send(target: PushTarget, message: PushMessage): Promise<PushOutcome>;
}

/** Push switched off (PUSH_PROVIDER=off, or no sender wired): no key to subscribe with, nothing sent. */
export const NO_PUSH_SENDER: PushSender = {
  publicKey: null,
  send: () => Promise.reject(new Error('push is off')),
};
