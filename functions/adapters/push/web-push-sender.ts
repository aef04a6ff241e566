/**
 * PushSender on `web-push` 3.6.7 (RFC 8291 encryption, RFC 8292 VAPID). The VAPID key pair is
 * the deployment's identity towards the push services: in Azure both halves come from settings
 * (the private key a Key Vault reference); locally they are made once per data folder and kept in
 * DATA_DIR/vapid.json, so subscriptions survive restarts. 404 and 410 mean the subscription is
 * dead; anything else that is not 2xx is thrown for the caller to log.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { join } from 'node:path';
import webpush from 'web-push';
import type { PushMessage, PushOutcome, PushSender, PushTarget } from '../../../shared/ports/push-sender.js';

export interface VapidKeys {
  readonly publicKey: string;
  readonly privateKey: string;
}

/** The keys from settings, else this data folder's own (made on first use). */
export function vapidKeys(settings: { publicKey?: string; privateKey?: string; dataDir: string }): VapidKeys {
  if (settings.publicKey && settings.privateKey)
    return { publicKey: settings.publicKey, privateKey: settings.privateKey };
  const file = join(settings.dataDir, 'vapid.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as VapidKeys;
  const keys = webpush.generateVAPIDKeys();
  writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  return keys;
}

export class WebPushSender implements PushSender {
  readonly publicKey: string;
  private readonly agent: Agent | undefined;

  constructor(
    private readonly keys: VapidKeys,
    /** `mailto:` or `https:`: whom a push service contacts about our traffic. */
    private readonly subject: string,
    options: { extraCa?: string; timeoutMs?: number } = {},
  ) {
    this.publicKey = keys.publicKey;
    this.agent = options.extraCa ? new Agent({ ca: options.extraCa, keepAlive: true }) : new Agent({ keepAlive: true });
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  private readonly timeoutMs: number;

  async send(target: PushTarget, message: PushMessage): Promise<PushOutcome> {
    try {
      await webpush.sendNotification({ endpoint: target.endpoint, keys: { ...target.keys } }, message.payload, {
        vapidDetails: { subject: this.subject, publicKey: this.keys.publicKey, privateKey: this.keys.privateKey },
        TTL: message.ttlSeconds,
        urgency: message.urgency,
        topic: message.topic,
        contentEncoding: 'aes128gcm',
        timeout: this.timeoutMs,
        ...(this.agent ? { agent: this.agent } : {}),
      });
      return 'sent';
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 404 || status === 410) return 'gone';
      const body = (error as { body?: string }).body;
      throw new Error(`push service answered ${status ?? 'nothing'}${body ? `: ${body.slice(0, 200)}` : ''}`);
    }
  }
}
