/**
 * `npm start` with CRM_PROVIDER=hubspot-sim (or HUBSPOT_PROVIDER=hubspot-sim): starts the HubSpot
 * simulator (tests/simulators/hubspot) with the demo account on a free port and returns the
 * configuration pointed at it, unless HUBSPOT_BASE_URL already names a running one. Its webhook
 * secret is HUBSPOT_CLIENT_SECRET (or a default the product then uses too). The import is dynamic
 * so production builds never contain the simulator.
 */
import { HUBSPOT_SIM_DEFAULT_TOKEN } from '../../functions/adapters/hubspot/hubspot-settings.js';
import { type Config, crmProviderOf } from '../../functions/config/config.js';

const REAL_HUBSPOT = 'https://api.hubapi.com';
const SIM_CLIENT_SECRET = 'hubspot-sim-client-secret';

/** The slice of the simulator module used here (a type import would pull tests/ into the build). */
interface SimulatorModule {
  startHubSpotSimulator(options: {
    token: string;
    demo: boolean;
    latencyMs: number;
    clientSecret: string;
  }): Promise<{ url: string; close(): Promise<void> }>;
}

export interface LaunchedHubSpotSimulator {
  readonly config: Config;
  close(): Promise<void>;
}

export async function launchHubSpotSimulatorIfNeeded(config: Config): Promise<LaunchedHubSpotSimulator | undefined> {
  if (crmProviderOf(config) !== 'hubspot-sim' || !config.HUBSPOT_BASE_URL.startsWith(REAL_HUBSPOT)) return undefined;
  const modulePath = '../../tests/simulators/hubspot/hubspot-simulator.js';
  const { startHubSpotSimulator } = (await import(modulePath)) as SimulatorModule;
  const clientSecret = config.HUBSPOT_CLIENT_SECRET ?? SIM_CLIENT_SECRET;
  const sim = await startHubSpotSimulator({
    token: config.HUBSPOT_TOKEN ?? HUBSPOT_SIM_DEFAULT_TOKEN,
    demo: true,
    latencyMs: config.HUBSPOT_SIM_LATENCY_MS,
    clientSecret,
  });
  console.log(
    `HubSpot simulator on ${sim.url} (demo account; change a tier: curl -X POST ${sim.url}/_sim/company-tier -d '{"companyId":"100","tier":"Growth","webhookUrl":"http://${config.HOST}:${config.PORT}/api/crm/hubspot/webhooks"}')`,
  );
  return {
    config: {
      ...config,
      HUBSPOT_BASE_URL: sim.url,
      HUBSPOT_CLIENT_SECRET: clientSecret,
      // The demo account's tier values, mapped to the directory's (unless configured otherwise).
      HUBSPOT_TIER_MAP: config.HUBSPOT_TIER_MAP ?? 'Strategic=enterprise,Growth=business,Starter=standard',
    },
    close: () => sim.close(),
  };
}
