/**
 * The Azure Functions entry point (package.json `main`, built to dist/functions/azure-entry.js).
 * Validates the configuration at start-up (an invalid or missing setting stops the host with the
 * setting's name; dev sign-in is refused in Azure), turns on OpenTelemetry export to Application
 * Insights when APPLICATIONINSIGHTS_CONNECTION_STRING is set, and registers every catalog function.
 * Services are composed once, on the first invocation.
 */
import azf from '@azure/functions';
import { useAzureMonitor } from '@azure/monitor-opentelemetry';
import { CATALOG } from './catalog/catalog.js';
import { registerCatalog } from './catalog/register-azure.js';
import { compose } from './composition-root.js';
import { type Config, loadConfig } from './config/config.js';
import type { Services } from './services.js';

/**
 * Exports traces (HTTP in and out, Azure SDK calls: webhook -> Service Bus -> Cosmos) and metrics.
 * Console/log-library capture stays off: the Functions host already ships `context.log` lines, and
 * what the code logs is ids and counts, never secrets or mail bodies.
 */
export function startTelemetry(env: Record<string, string | undefined>, start = useAzureMonitor): boolean {
  const connectionString = env['APPLICATIONINSIGHTS_CONNECTION_STRING'];
  if (!connectionString) return false;
  start({
    azureMonitorExporterOptions: { connectionString },
    enableLiveMetrics: false,
    instrumentationOptions: {
      http: { enabled: true },
      azureSdk: { enabled: true },
      bunyan: { enabled: false },
      winston: { enabled: false },
      mongoDb: { enabled: false },
      mySql: { enabled: false },
      postgreSql: { enabled: false },
      redis: { enabled: false },
      redis4: { enabled: false },
    },
  });
  return true;
}

/** What the start-up line may say about the configuration: adapter choices only, no endpoints or secrets. */
export const startupSummary = (config: Config): string =>
  `itil-next starting: store=${config.STORE} queue=${config.QUEUE} auth=${config.AUTH_MODE} log=${config.LOG_LEVEL}`;

/** Composes the services at most once per process; a failed attempt is retried on the next call. */
export function servicesOnce(config: Config, build = compose): () => Promise<Services> {
  let composed: Promise<Services> | undefined;
  return () => {
    composed ??= build(config).then(
      (composition) => composition.services,
      (error: unknown) => {
        composed = undefined;
        throw error;
      },
    );
    return composed;
  };
}

const config = loadConfig(process.env);
startTelemetry(process.env);
console.info(startupSummary(config));
registerCatalog(azf.app, CATALOG, servicesOnce(config));
