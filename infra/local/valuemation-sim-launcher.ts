/**
 * `npm start` with VALUEMATION_PROVIDER=valuemation-sim: starts the Valuemation simulator
 * (tests/simulators/valuemation) with a generated estate of VALUEMATION_SIM_CIS CIs on a free port
 * and returns the configuration pointed at it, unless VALUEMATION_BASE_URL already names a
 * running one. The `cmdb-sync` timer then takes the estate in within a minute. The import is
 * dynamic so production builds never contain the simulator.
 */
import { VALUEMATION_SIM_CLIENT } from '../../functions/adapters/cmdb/cmdb-sources.js';
import type { Config } from '../../functions/config/config.js';

/** The slice of the simulator module used here (a type import would pull tests/ into the build). */
interface SimulatorModule {
  startValuemationSimulator(options: {
    clientId: string;
    clientSecret: string;
    estate: number;
  }): Promise<{ url: string; close(): Promise<void> }>;
}

export interface LaunchedValuemationSimulator {
  readonly config: Config;
  close(): Promise<void>;
}

export async function launchValuemationSimulatorIfNeeded(
  config: Config,
): Promise<LaunchedValuemationSimulator | undefined> {
  if (config.VALUEMATION_PROVIDER !== 'valuemation-sim' || config.VALUEMATION_BASE_URL) return undefined;
  const modulePath = '../../tests/simulators/valuemation/valuemation-simulator.js';
  const { startValuemationSimulator } = (await import(modulePath)) as SimulatorModule;
  const clientId = config.VALUEMATION_CLIENT_ID ?? VALUEMATION_SIM_CLIENT.id;
  const clientSecret = config.VALUEMATION_CLIENT_SECRET ?? VALUEMATION_SIM_CLIENT.secret;
  const sim = await startValuemationSimulator({ clientId, clientSecret, estate: config.VALUEMATION_SIM_CIS });
  console.log(
    `Valuemation simulator on ${sim.url} (${config.VALUEMATION_SIM_CIS} CIs; change some: curl -X POST ${sim.url}/_sim/touch -d '{"count":10}')`,
  );
  return {
    config: {
      ...config,
      VALUEMATION_BASE_URL: sim.url,
      VALUEMATION_CLIENT_ID: clientId,
      VALUEMATION_CLIENT_SECRET: clientSecret,
    },
    close: () => sim.close(),
  };
}
