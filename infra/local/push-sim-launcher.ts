/**
 * `npm start` with PUSH_PROVIDER=push-sim: starts the push-service stand-in
 * (tests/simulators/push) on a free HTTPS port and trusts its certificate, so pushes to its
 * subscriptions are delivered and can be read back. Browsers keep using their own push service;
 * the stand-in is for trying the path without one (README). Dynamic import: production builds
 * never contain the simulator.
 */
import type { Config } from '../../functions/config/config.js';

interface SimulatorModule {
  PUSH_SIM_CA: string;
  startPushServiceStandIn(): Promise<{ url: string; close(): Promise<void> }>;
}

export async function launchPushSimulatorIfNeeded(
  config: Config,
): Promise<{ readonly config: Config; close(): Promise<void> } | undefined> {
  if (config.PUSH_PROVIDER !== 'push-sim') return undefined;
  const modulePath = '../../tests/simulators/push/push-service.js';
  const { startPushServiceStandIn, PUSH_SIM_CA } = (await import(modulePath)) as SimulatorModule;
  const sim = await startPushServiceStandIn();
  console.log(
    `Push service stand-in on ${sim.url} (a subscription: curl -k -X POST ${sim.url}/_sim/subscriptions; its pushes: GET ${sim.url}/_sim/subscriptions/<id>/messages)`,
  );
  return {
    config: { ...config, PUSH_EXTRA_CA_FILE: config.PUSH_EXTRA_CA_FILE ?? PUSH_SIM_CA },
    close: () => sim.close(),
  };
}
