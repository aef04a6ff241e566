/** Picks the PushSender from the configuration (ADR 0024). */
import { readFileSync } from 'node:fs';
import { NO_PUSH_SENDER, type PushSender } from '../../../shared/ports/push-sender.js';
import type { Config } from '../../config/config.js';
import { vapidKeys, WebPushSender } from './web-push-sender.js';

export function pushSender(
  config: Pick<
    Config,
    | 'PUSH_PROVIDER'
    | 'VAPID_PUBLIC_KEY'
    | 'VAPID_PRIVATE_KEY'
    | 'VAPID_SUBJECT'
    | 'PUSH_EXTRA_CA_FILE'
    | 'DATA_DIR'
    | 'SUPPORT_ADDRESS'
  >,
): PushSender {
  if (config.PUSH_PROVIDER === 'off') return NO_PUSH_SENDER;
  const keys = vapidKeys({
    dataDir: config.DATA_DIR,
    ...(config.VAPID_PUBLIC_KEY ? { publicKey: config.VAPID_PUBLIC_KEY } : {}),
    ...(config.VAPID_PRIVATE_KEY ? { privateKey: config.VAPID_PRIVATE_KEY } : {}),
  });
  return new WebPushSender(keys, config.VAPID_SUBJECT ?? `mailto:${config.SUPPORT_ADDRESS}`, {
    ...(config.PUSH_EXTRA_CA_FILE ? { extraCa: readFileSync(config.PUSH_EXTRA_CA_FILE, 'utf8') } : {}),
  });
}
