/**
 * `npm start` with STORE=cosmos-sim: starts the Cosmos DB simulator (tests/simulators/cosmos, the
 * real REST protocol, in memory) on COSMOS_SIM_PORT or a free port, creates the database and its
 * containers as `npm run cosmos:setup` does, and returns the configuration for STORE=cosmos
 * pointed at it. The import is dynamic so production builds never contain the simulator.
 */
import type { Config } from '../../functions/config/config.js';

/** The slice of the simulator module used here (a type import would pull tests/ into the build). */
interface SimulatorModule {
  startCosmosStandIn(options: {
    setUpDatabase?: string;
    port?: number;
  }): Promise<{ endpoint: string; key: string; stop(): Promise<void> }>;
}

export interface LaunchedCosmosSimulator {
  readonly config: Config;
  close(): Promise<void>;
}

export async function launchCosmosSimulatorIfNeeded(config: Config): Promise<LaunchedCosmosSimulator | undefined> {
  if (config.STORE !== 'cosmos-sim') return undefined;
  const modulePath = '../../tests/simulators/cosmos/cosmos-stand-in.js';
  const { startCosmosStandIn } = (await import(modulePath)) as SimulatorModule;
  const sim = await startCosmosStandIn({ setUpDatabase: config.COSMOS_DATABASE });
  return {
    config: { ...config, STORE: 'cosmos', COSMOS_ENDPOINT: sim.endpoint, COSMOS_KEY: sim.key },
    close: () => sim.stop(),
  };
}
