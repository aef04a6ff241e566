/**
 * Azure Web PubSub as the live channel (LIVE_PROVIDER=web-pubsub, ADR 0027): messages go to a
 * group through the service's REST API (`@azure/web-pubsub`), browsers connect to the service
 * with the json.webpubsub.azure.v1 subprotocol and a token allowing them to join and leave
 * groups. In Azure the app signs in with its managed identity (role Web PubSub Service Owner);
 * web-pubsub-sim uses an access key against the simulator of tests/simulators/web-pubsub.
 */

import type { TokenCredential } from '@azure/identity';
import { AzureKeyCredential, WebPubSubServiceClient } from '@azure/web-pubsub';
import type { LiveChannel, LiveClientAccess, LiveMessage } from '../../../shared/ports/live-channel.js';

const TOKEN_MINUTES = 60;

export interface WebPubSubSettings {
  readonly endpoint: string;
  readonly hub: string;
  /** The access key (simulator); unset = the managed identity. */
  readonly accessKey?: string;
}

export class WebPubSubLiveChannel implements LiveChannel {
  private readonly client: WebPubSubServiceClient;

  constructor(settings: WebPubSubSettings, credential: () => TokenCredential) {
    this.client = new WebPubSubServiceClient(
      settings.endpoint,
      settings.accessKey ? new AzureKeyCredential(settings.accessKey) : credential(),
      settings.hub,
      // Plain http only for the local simulator (Azure's endpoint is https).
      { allowInsecureConnection: settings.endpoint.startsWith('http://') },
    );
  }

  async publish(group: string, message: LiveMessage): Promise<void> {
    await this.client.group(group).sendToAll(message as Record<string, unknown>);
  }

  async clientAccess(agentId: string, now: Date): Promise<LiveClientAccess> {
    const { url } = await this.client.getClientAccessToken({
      userId: agentId,
      roles: ['webpubsub.joinLeaveGroup'],
      expirationTimeInMinutes: TOKEN_MINUTES,
    });
    return { transport: 'web-pubsub', url, expiresAt: new Date(now.getTime() + TOKEN_MINUTES * 60_000).toISOString() };
  }
}
