/** Picks the live channel from the configuration (ADR 0027). */
import { DefaultAzureCredential } from '@azure/identity';
import type { LiveChannel } from '../../../shared/ports/live-channel.js';
import { type Config, ConfigError } from '../../config/config.js';
import { LocalLiveHub } from './local-live-hub.js';
import { WebPubSubLiveChannel } from './web-pubsub-live-channel.js';

/** LIVE_PROVIDER=off: nothing is pushed, and browsers are told to refresh on their own. */
export const NO_LIVE_CHANNEL: LiveChannel = {
  publish: async () => {},
  clientAccess: () => Promise.reject(new Error('live updates are off (LIVE_PROVIDER=off)')),
};

export interface LiveAdapters {
  readonly channel: LiveChannel;
  readonly enabled: boolean;
  /** LIVE_PROVIDER=local: the hub the local host's event stream subscribes to. */
  readonly localHub?: LocalLiveHub;
}

export function liveAdapters(
  config: Pick<Config, 'LIVE_PROVIDER' | 'WEB_PUBSUB_ENDPOINT' | 'WEB_PUBSUB_HUB' | 'WEB_PUBSUB_KEY'>,
): LiveAdapters {
  switch (config.LIVE_PROVIDER) {
    case 'off':
      return { channel: NO_LIVE_CHANNEL, enabled: false };
    case 'local': {
      const localHub = new LocalLiveHub();
      return { channel: localHub, enabled: true, localHub };
    }
    default: {
      if (!config.WEB_PUBSUB_ENDPOINT)
        throw new ConfigError([
          `LIVE_PROVIDER: ${config.LIVE_PROVIDER} needs WEB_PUBSUB_ENDPOINT (web-pubsub-sim: \`npm start\` sets it)`,
        ]);
      const settings = {
        endpoint: config.WEB_PUBSUB_ENDPOINT,
        hub: config.WEB_PUBSUB_HUB,
        ...(config.WEB_PUBSUB_KEY ? { accessKey: config.WEB_PUBSUB_KEY } : {}),
      };
      return { channel: new WebPubSubLiveChannel(settings, () => new DefaultAzureCredential()), enabled: true };
    }
  }
}
