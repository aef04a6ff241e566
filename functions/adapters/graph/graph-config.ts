/**
 * Turns the validated configuration into GraphSettings: which credential (simulator token, client
 * secret, or managed/workload identity), which mailboxes, where the webhook is, and the clientState
 * (configured, or derived from MAIL_SIGNING_SECRET so every instance agrees without another secret).
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Config } from '../../config/config.js';
import { graphCredential, StaticTokenCredential } from './graph-client.js';
import type { GraphSettings } from './graph-services.js';

/** The bearer token the simulator expects when GRAPH_CLIENT_SECRET does not name one. */
export const GRAPH_SIM_DEFAULT_TOKEN = 'graph-sim-token';

type GraphConfig = Pick<
  Config,
  | 'MAIL_PROVIDER'
  | 'SUPPORT_ADDRESS'
  | 'MAIL_SIGNING_SECRET'
  | 'AZURE_TENANT_ID'
  | 'GRAPH_TENANT_ID'
  | 'GRAPH_CLIENT_ID'
  | 'GRAPH_CLIENT_SECRET'
  | 'GRAPH_MAILBOXES'
  | 'GRAPH_BASE_URL'
  | 'GRAPH_NOTIFICATION_URL'
  | 'GRAPH_CLIENT_STATE'
  | 'WEBSITE_HOSTNAME'
>;

export const graphMailboxes = (config: Pick<Config, 'GRAPH_MAILBOXES' | 'SUPPORT_ADDRESS'>): string[] =>
  (config.GRAPH_MAILBOXES ?? config.SUPPORT_ADDRESS)
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);

export const graphClientState = (config: Pick<Config, 'GRAPH_CLIENT_STATE' | 'MAIL_SIGNING_SECRET'>): string =>
  config.GRAPH_CLIENT_STATE ??
  (config.MAIL_SIGNING_SECRET
    ? createHmac('sha256', config.MAIL_SIGNING_SECRET).update('graph-client-state').digest('base64url')
    : randomBytes(24).toString('base64url'));

export function graphSettingsFromConfig(config: GraphConfig): GraphSettings {
  const simulated = config.MAIL_PROVIDER === 'graph-sim';
  const notificationUrl =
    config.GRAPH_NOTIFICATION_URL ??
    (config.WEBSITE_HOSTNAME ? `https://${config.WEBSITE_HOSTNAME}/api/mail/graph/notifications` : undefined);
  return {
    baseUrl: config.GRAPH_BASE_URL,
    credential: simulated
      ? new StaticTokenCredential(config.GRAPH_CLIENT_SECRET ?? GRAPH_SIM_DEFAULT_TOKEN)
      : graphCredential({
          tenantId: config.GRAPH_TENANT_ID ?? config.AZURE_TENANT_ID,
          clientId: config.GRAPH_CLIENT_ID,
          clientSecret: config.GRAPH_CLIENT_SECRET,
        }),
    mailboxes: graphMailboxes(config),
    notificationUrl,
    clientState: graphClientState(config),
  };
}
