/**
 * The product's configuration: read ONCE from the environment (and local.settings.json locally),
 * validated with zod, and refused at start-up with the failing setting's name. Which adapters
 * run is decided here, never by `if (local)` in the core.
 */
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const port = z.coerce.number().int().min(0).max(65_535);

export const ZConfig = z
  .object({
    /** Where documents live: an embedded SQLite file (local default) or Cosmos DB. */
    STORE: z.enum(['sqlite', 'cosmos']).default('sqlite'),
    /** Where messages go: the durable local queue (SQLite) or Azure Service Bus. */
    QUEUE: z.enum(['local', 'servicebus']).default('local'),
    /** `dev` accepts `Authorization: Dev <email>` for seeded agents; `azure` trusts only Static Web Apps principals. */
    AUTH_MODE: z.enum(['dev', 'azure']).default('dev'),
    DATA_DIR: z.string().min(1).default('./.data'),
    PORT: port.default(7071),
    HOST: z.string().min(1).default('127.0.0.1'),
    SEED_DEMO: bool.default(true),
    QUEUE_MAX_DELIVERIES: z.coerce.number().int().min(1).max(100).default(5),
    COSMOS_ENDPOINT: z.url().optional(),
    COSMOS_DATABASE: z.string().min(1).default('itilnext'),
    /** Only for the local Cosmos stand-in; in Azure the managed identity is used (local auth is disabled). */
    COSMOS_KEY: z.string().min(1).optional(),
    /** Fully qualified namespace, e.g. `itilnext.servicebus.windows.net` (managed identity, no connection string). */
    SERVICEBUS_NAMESPACE: z.string().min(1).optional(),
    /** Set by App Service/Functions in Azure: its presence means "running in Azure". */
    WEBSITE_INSTANCE_ID: z.string().optional(),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  })
  .superRefine((c, ctx) => {
    if (c.AUTH_MODE === 'dev' && c.WEBSITE_INSTANCE_ID)
      ctx.addIssue({ code: 'custom', path: ['AUTH_MODE'], message: 'dev sign-in is refused when running in Azure (WEBSITE_INSTANCE_ID is set)' });
    if (c.STORE === 'cosmos' && !c.COSMOS_ENDPOINT)
      ctx.addIssue({ code: 'custom', path: ['COSMOS_ENDPOINT'], message: 'is required when STORE=cosmos' });
    if (c.QUEUE === 'servicebus' && !c.SERVICEBUS_NAMESPACE)
      ctx.addIssue({ code: 'custom', path: ['SERVICEBUS_NAMESPACE'], message: 'is required when QUEUE=servicebus' });
  });
export type Config = z.infer<typeof ZConfig>;

export const CONFIG_KEYS = Object.keys(ZConfig.shape) as (keyof Config)[];

/** Settings the Functions host itself reads; allowed in local.settings.json but not ours to validate. */
export const HOST_SETTINGS = [
  'AzureWebJobsStorage',
  'FUNCTIONS_WORKER_RUNTIME',
  'FUNCTIONS_EXTENSION_VERSION',
  'ServiceBusConnection__fullyQualifiedNamespace',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
] as const;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates settings. `env` is the process environment (only our keys are read from it);
 * `fileValues` are the `Values` of local.settings.json, where an unknown key is an error
 * because it is almost always a typo.
 */
export const loadConfig = (env: Record<string, string | undefined>, fileValues: Record<string, unknown> = {}): Config => {
  const problems: string[] = [];
  const known = new Set<string>([...CONFIG_KEYS, ...HOST_SETTINGS]);
  for (const key of Object.keys(fileValues)) if (!known.has(key)) problems.push(`${key}: unknown setting in local.settings.json`);
  const merged: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const value = env[key] ?? fileValues[key];
    if (value !== undefined && value !== '') merged[key] = typeof value === 'string' ? value : String(value);
  }
  const parsed = ZConfig.safeParse(merged);
  if (!parsed.success) for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.') || '(config)'}: ${issue.message}`);
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  return parsed.data;
};
