/**
 * `npm start` with SEARCH_PROVIDER=azure-search-sim: starts the Azure AI Search stand-in
 * (tests/simulators/azure-search) on a free port and returns the configuration of the Azure
 * adapter pointed at it (SEARCH_PROVIDER=azure-search with the stand-in's admin key), unless
 * AZURE_SEARCH_ENDPOINT already names a running one. The stand-in keeps its index in memory, so
 * the product rebuilds it from the store at start. The import is dynamic so production builds
 * never contain the simulator.
 */
import type { Config } from '../../functions/config/config.js';

/** The slice of the simulator module used here (a type import would pull tests/ into the build). */
interface SimulatorModule {
  readonly AZURE_SEARCH_SIM_KEY: string;
  startAzureSearchSimulator(options: { apiKey: string }): Promise<{ url: string; close(): Promise<void> }>;
}

export interface LaunchedAzureSearchSimulator {
  readonly config: Config;
  close(): Promise<void>;
}

export async function launchAzureSearchSimulatorIfNeeded(
  config: Config,
): Promise<LaunchedAzureSearchSimulator | undefined> {
  if (config.SEARCH_PROVIDER !== 'azure-search-sim') return undefined;
  const modulePath = '../../tests/simulators/azure-search/azure-search-simulator.js';
  const { startAzureSearchSimulator, AZURE_SEARCH_SIM_KEY } = (await import(modulePath)) as SimulatorModule;
  const apiKey = config.AZURE_SEARCH_KEY ?? AZURE_SEARCH_SIM_KEY;
  if (config.AZURE_SEARCH_ENDPOINT)
    return {
      config: { ...config, SEARCH_PROVIDER: 'azure-search', AZURE_SEARCH_KEY: apiKey },
      close: async () => {},
    };
  const sim = await startAzureSearchSimulator({ apiKey });
  console.log(
    `Azure AI Search stand-in on ${sim.url} (in memory: the index is rebuilt from the store at each start; try curl -H 'api-key: ${apiKey}' '${sim.url}/indexes/${config.AZURE_SEARCH_INDEX}/docs?api-version=2026-04-01&search=printer&$count=true&$select=id')`,
  );
  return {
    config: { ...config, SEARCH_PROVIDER: 'azure-search', AZURE_SEARCH_ENDPOINT: sim.url, AZURE_SEARCH_KEY: apiKey },
    close: () => sim.close(),
  };
}
