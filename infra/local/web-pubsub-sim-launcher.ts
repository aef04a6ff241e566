/**
 * `npm start` with LIVE_PROVIDER=web-pubsub-sim: starts the Azure Web PubSub stand-in
 * (tests/simulators/web-pubsub) on a free port and points the Web PubSub adapter at it with its
 * access key, so live updates take the Azure path (REST sends, browsers on its WebSocket).
 * Dynamic import: production builds never contain the simulator.
 */
import type { Config } from '../../functions/config/config.js';

interface SimulatorModule {
  startWebPubSubSimulator(): Promise<{ endpoint: string; accessKey: string; close(): Promise<void> }>;
}

export async function launchWebPubSubSimulatorIfNeeded(
  config: Config,
): Promise<{ readonly config: Config; close(): Promise<void> } | undefined> {
  if (config.LIVE_PROVIDER !== 'web-pubsub-sim') return undefined;
  const modulePath = '../../tests/simulators/web-pubsub/web-pubsub-simulator.js';
  const { startWebPubSubSimulator } = (await import(modulePath)) as SimulatorModule;
  const sim = await startWebPubSubSimulator();
  console.log(`Web PubSub simulator on ${sim.endpoint} (hub ${config.WEB_PUBSUB_HUB})`);
  return {
    config: { ...config, WEB_PUBSUB_ENDPOINT: sim.endpoint, WEB_PUBSUB_KEY: sim.accessKey },
    close: () => sim.close(),
  };
}
