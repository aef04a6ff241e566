/**
 * `npm start` with MAIL_PROVIDER=graph-sim: starts the Graph simulator (tests/simulators/graph)
 * on a free port and returns the configuration pointed at it, unless GRAPH_BASE_URL already names
 * a running one. The import is dynamic so production builds never contain the simulator.
 */

import { GRAPH_SIM_DEFAULT_TOKEN } from '../../functions/adapters/graph/graph-config.js';
import type { Config } from '../../functions/config/config.js';

const REAL_GRAPH = 'https://graph.microsoft.com';

/** The slice of the simulator module used here (a type import would pull tests/ into the build). */
interface SimulatorModule {
  startGraphSimulator(options: { token: string }): Promise<{ url: string; close(): Promise<void> }>;
}

export interface LaunchedSimulator {
  readonly config: Config;
  close(): Promise<void>;
}

export async function launchGraphSimulatorIfNeeded(config: Config): Promise<LaunchedSimulator | undefined> {
  if (config.MAIL_PROVIDER !== 'graph-sim' || !config.GRAPH_BASE_URL.startsWith(REAL_GRAPH)) return undefined;
  const modulePath = '../../tests/simulators/graph/graph-simulator.js';
  const { startGraphSimulator } = (await import(modulePath)) as SimulatorModule;
  const sim = await startGraphSimulator({ token: config.GRAPH_CLIENT_SECRET ?? GRAPH_SIM_DEFAULT_TOKEN });
  const base = sim.url.replace(/\/v1\.0$/, '');
  console.log(
    `Graph simulator on ${sim.url} (deliver mail: curl --data-binary @mail.eml '${base}/_sim/deliver?mailbox=${config.GRAPH_MAILBOXES?.split(',')[0] ?? config.SUPPORT_ADDRESS}')`,
  );
  return { config: { ...config, GRAPH_BASE_URL: sim.url }, close: () => sim.close() };
}
