/**
 * The product's configuration: read ONCE from the environment (and local.settings.json locally),
 * validated with zod, and refused at start-up with the failing setting's name. Which adapters
 * run is decided here, never by `if (local)` in the core.
 */
import { z } from 'zod';
import { isValidTimeZone } from '../../shared/sla/time-zone.js';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const port = z.coerce.number().int().min(0).max(65_535);

export const ZConfig = z
  .object({
    /**
     * Where documents live: an embedded SQLite file (local default), Cosmos DB, or (`npm start`
     * only) the in-memory Cosmos DB simulator of tests/simulators/cosmos, set up at start.
     */
    STORE: z.enum(['sqlite', 'cosmos', 'cosmos-sim']).default('sqlite'),
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
    /** AUTH_MODE=azure: Entra tenant whose signing keys validate bearer tokens of direct API callers. */
    AZURE_TENANT_ID: z.string().min(1).optional(),
    /** AUTH_MODE=azure: audience (Application ID URI or client id) bearer tokens must carry; unset = no bearer tokens. */
    AZURE_API_AUDIENCE: z.string().min(1).optional(),
    /** AUTH_MODE=azure: host name(s) of the linked Static Web App, comma-separated; its principal is trusted only from there. */
    AZURE_SWA_HOSTNAME: z.string().min(1).optional(),
    /** Which mailbox adapter sends and fetches mail: the local SMTP listener + outbox/relay, Microsoft Graph, or the Graph simulator. */
    MAIL_PROVIDER: z.enum(['smtp', 'graph', 'graph-sim']).default('smtp'),
    /** The support address customers write to (the SMTP listener accepts mail for it and its `+tag` variants). */
    SUPPORT_ADDRESS: z.email().default('support@demo.local'),
    /** Display name on outbound mail. */
    SUPPORT_NAME: z.string().min(1).default('ITIL-NEXT Support'),
    /** Local SMTP listener port (127.0.0.1); 0 picks a free port. */
    SMTP_PORT: port.default(2525),
    /** Start the SMTP listener with the local platform (MAIL_PROVIDER=smtp only). */
    SMTP_LISTEN: bool.default(true),
    /** Mail through the local SMTP listener counts as authenticated, so experts may act by reply (ADR 0015); false: only a trusted relay's Authentication-Results. */
    SMTP_LISTENER_AUTHENTICATES: bool.default(true),
    /** authserv-ids of upstream relays whose `Authentication-Results` (dmarc=pass) are believed, comma-separated. */
    SMTP_TRUSTED_RELAYS: z.string().optional(),
    /** Outbound relay, e.g. `smtp://user:pass@relay.example.com:587`; unset = `.eml` files in DATA_DIR/outbox. */
    SMTP_RELAY_URL: z.url().optional(),
    /** HMAC key signing our Message-IDs and reply addresses; required in Azure, generated per data folder locally. */
    MAIL_SIGNING_SECRET: z.string().min(16).optional(),
    /** Worker threads that parse inbound MIME and sanitize its HTML; unset = one per core but one (1-4); 0 = on the main thread. */
    MAIL_WORKERS: z.coerce.number().int().min(0).max(16).optional(),
    /** A customer reply to a resolved ticket reopens it within this many days; later (or once closed) it opens a linked ticket. */
    REOPEN_WITHIN_DAYS: z.coerce.number().int().min(0).max(365).default(14),
    /** Suggested problems (issue 17): recurring incidents, at least this many, this similar, within this many days. */
    PROBLEM_CLUSTER_WINDOW_DAYS: z.coerce.number().int().min(1).max(90).default(7),
    PROBLEM_CLUSTER_MIN_INCIDENTS: z.coerce.number().int().min(2).max(1000).default(3),
    PROBLEM_CLUSTER_MIN_SIMILARITY: z.coerce.number().min(0).max(1).default(0.3),
    /** IANA zone whose calendar days reports count in (a change needs `npm run reports:rebuild`). */
    REPORTS_TIME_ZONE: z.string().refine(isValidTimeZone, 'unknown IANA time zone').default('UTC'),
    /** Attachments and raw messages: the local file system (DATA_DIR/blobs) or Azure Blob Storage (Azurite locally). */
    BLOB_STORE: z.enum(['azurite', 'file', 'azure']).default('azurite'),
    /** Port of the Azurite blob service `npm start` runs when BLOB_STORE=azurite (0 = any free port). */
    AZURITE_BLOB_PORT: port.default(0),
    /** Azure Blob account URL (managed identity), e.g. `https://acct.blob.core.windows.net`. */
    BLOB_ACCOUNT_URL: z.url().optional(),
    /** Connection string instead of managed identity (Azurite: `UseDevelopmentStorage=true` or an explicit one). */
    BLOB_CONNECTION_STRING: z.string().min(1).optional(),
    BLOB_CONTAINER: z.string().min(3).max(63).default('mail'),
    /** MAIL_PROVIDER=graph: Entra tenant of the mail app (defaults to AZURE_TENANT_ID). */
    GRAPH_TENANT_ID: z.string().min(1).optional(),
    /** MAIL_PROVIDER=graph: app (client) id; with GRAPH_CLIENT_SECRET a client-secret credential, else the user-assigned managed identity's id. */
    GRAPH_CLIENT_ID: z.string().min(1).optional(),
    /** MAIL_PROVIDER=graph: client secret (Key Vault reference); unset = managed identity / workload identity. */
    GRAPH_CLIENT_SECRET: z.string().min(1).optional(),
    /** Support mailboxes (UPN or user id), comma-separated; default SUPPORT_ADDRESS. */
    GRAPH_MAILBOXES: z.string().min(1).optional(),
    /** Graph root incl. version; graph-sim: the simulator's URL (the local platform sets it when it starts the simulator). */
    GRAPH_BASE_URL: z.url().default('https://graph.microsoft.com/v1.0'),
    /** Public URL of /api/mail/graph/notifications; default from WEBSITE_HOSTNAME in Azure, from the listening URL locally. */
    GRAPH_NOTIFICATION_URL: z.url().optional(),
    /** Secret Graph echoes in every notification; default derived from MAIL_SIGNING_SECRET (random per process when neither is set). */
    GRAPH_CLIENT_STATE: z.string().min(16).max(128).optional(),
    /** Set by App Service/Functions in Azure: the app's public host name. */
    WEBSITE_HOSTNAME: z.string().min(1).optional(),
    /** The CRM that enriches the built-in customer directory: none, HubSpot, or (`npm start` only) the HubSpot simulator. */
    CRM_PROVIDER: z.enum(['none', 'hubspot', 'hubspot-sim']).default('none'),
    /** Same as CRM_PROVIDER=hubspot|hubspot-sim (the `<X>_PROVIDER=<x>-sim` convention of the simulators). */
    HUBSPOT_PROVIDER: z.enum(['hubspot', 'hubspot-sim']).optional(),
    /** Private app access token (Key Vault reference in Azure). */
    HUBSPOT_TOKEN: z.string().min(1).optional(),
    /** API root; hubspot-sim: the simulator's URL (the local platform sets it when it starts the simulator). */
    HUBSPOT_BASE_URL: z.url().default('https://api.hubapi.com'),
    /** The app's client secret: verifies X-HubSpot-Signature-v3 on webhooks (unset = webhooks refused). */
    HUBSPOT_CLIENT_SECRET: z.string().min(1).optional(),
    /** Public URL of /api/crm/hubspot/webhooks as HubSpot calls it (signatures cover it); default: the request's URL. */
    HUBSPOT_WEBHOOK_URL: z.url().optional(),
    /** The HubSpot account id (links to records: app.hubspot.com/contacts/<id>/...); default from the token's info. */
    HUBSPOT_PORTAL_ID: z.string().regex(/^\d+$/).optional(),
    /** Which company property holds the tier. */
    HUBSPOT_TIER_PROPERTY: z.string().min(1).max(100).default('tier'),
    /** HubSpot tier values to ours, e.g. `Strategic=enterprise,Mid-Market=business`; unmapped values are used lower-cased. */
    HUBSPOT_TIER_MAP: z.string().max(2_000).optional(),
    /** Contact properties shown on the customer panel, comma-separated. */
    HUBSPOT_CONTACT_FIELDS: z.string().max(2_000).default('jobtitle,lifecyclestage'),
    /** Company properties shown on the customer panel, comma-separated. */
    HUBSPOT_COMPANY_FIELDS: z.string().max(2_000).default('industry,numberofemployees'),
    /** How long ticket creation and mail ingestion wait for HubSpot before going on with local data. */
    HUBSPOT_WAIT_MS: z.coerce.number().int().min(0).max(30_000).default(1_500),
    /** How many ticket creations may wait for HubSpot at once; in a burst the others go on at once and are enriched later. */
    HUBSPOT_MAX_WAITING: z.coerce.number().int().min(1).max(256).default(2),
    /** How long a HubSpot answer is cached (served stale while it refreshes after that). */
    HUBSPOT_CACHE_TTL_MINUTES: z.coerce.number().int().min(1).max(1_440).default(15),
    /** Requests per 10 s the adapter allows itself (private apps: 100, or 190 on Professional/Enterprise). */
    HUBSPOT_RATE_LIMIT: z.coerce.number().int().min(1).max(190).default(100),
    /** One HubSpot call's time limit. */
    HUBSPOT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
    /** Write a note on the HubSpot contact when a ticket is created and when it is resolved. */
    HUBSPOT_WRITE_BACK: bool.default(false),
    /** hubspot-sim: the simulator's answer delay in ms (the benchmark uses 150). */
    /**
     * Web push to agents' browsers (ADR 0024): `web-push` (default), `push-sim` (`npm start` also
     * starts the push-service stand-in of tests/simulators/push and trusts its certificate), `off`.
     */
    PUSH_PROVIDER: z.enum(['web-push', 'push-sim', 'off']).default('web-push'),
    /** VAPID key pair (base64url); unset locally: made once per data folder (DATA_DIR/vapid.json). */
    VAPID_PUBLIC_KEY: z.string().min(1).optional(),
    VAPID_PRIVATE_KEY: z.string().min(1).optional(),
    /** Whom push services contact about our traffic: a mailto: or https: URL (default mailto:SUPPORT_ADDRESS). */
    VAPID_SUBJECT: z
      .string()
      .regex(/^(mailto:|https:)/, 'must be a mailto: or https: URL')
      .optional(),
    /** A PEM file of extra CAs for push services (the push-sim stand-in's self-signed certificate). */
    PUSH_EXTRA_CA_FILE: z.string().min(1).optional(),
    HUBSPOT_SIM_LATENCY_MS: z.coerce.number().int().min(0).max(10_000).default(0),
    /**
     * The full-text index (ADR 0018): SQLite FTS5 in DATA_DIR/search.db (local default, whatever
     * STORE is), Azure AI Search, or (`npm start` only) the Azure AI Search stand-in of tests/simulators.
     */
    SEARCH_PROVIDER: z.enum(['sqlite-fts', 'azure-search', 'azure-search-sim']).default('sqlite-fts'),
    /** SEARCH_PROVIDER=azure-search: the service URL, e.g. `https://itilnext-search.search.windows.net` (managed identity). */
    AZURE_SEARCH_ENDPOINT: z.url().optional(),
    /** The index name in Azure AI Search. */
    AZURE_SEARCH_INDEX: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,126}$/, 'lower-case letters, digits and dashes')
      .default('tickets'),
    /** Only for the local stand-in; in Azure the managed identity is used (API keys are disabled). */
    AZURE_SEARCH_KEY: z.string().min(1).optional(),
    /**
     * Live updates and presence (ADR 0027): the local host's own server-sent events (`local`, one
     * process only), Azure Web PubSub (managed identity), or (`npm start` only) the Web PubSub
     * simulator of tests/simulators/web-pubsub; `off`: screens refresh on their timers alone.
     */
    LIVE_PROVIDER: z.enum(['local', 'web-pubsub', 'web-pubsub-sim', 'off']).default('local'),
    /** LIVE_PROVIDER=web-pubsub: the service URL, e.g. `https://wps-itilnext-x.webpubsub.azure.com`. */
    WEB_PUBSUB_ENDPOINT: z.url().optional(),
    /** The Web PubSub hub the app's groups live in. */
    WEB_PUBSUB_HUB: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_]{0,127}$/, 'a letter, then letters, digits or _')
      .default('itilnext'),
    /** Only for the local simulator; in Azure the managed identity is used (access keys are off). */
    WEB_PUBSUB_KEY: z.string().min(1).optional(),
    /** Where the CMDB's CIs also come from (ADR 0020): none, Valuemation's REST API, or (`npm start` only) its simulator. */
    VALUEMATION_PROVIDER: z.enum(['none', 'valuemation', 'valuemation-sim']).default('none'),
    /** Valuemation's root URL (`/oauth/token` and `/api/v1/...` below it); valuemation-sim: set by `npm start`. */
    VALUEMATION_BASE_URL: z.url().optional(),
    /** OAuth 2.0 client-credentials client id of the ITIL-NEXT integration user. */
    VALUEMATION_CLIENT_ID: z.string().min(1).optional(),
    /** Its client secret (Key Vault reference in Azure). */
    VALUEMATION_CLIENT_SECRET: z.string().min(1).optional(),
    /** A mapping file of Valuemation classes, attributes and relation types; unset = the built-in one. */
    VALUEMATION_MAPPING_FILE: z.string().min(1).optional(),
    /** CIs and relations per page the sync asks for (and writes before saving its cursor). */
    VALUEMATION_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(500),
    /** Hours between full runs (which retire CIs Valuemation no longer lists); 0 = only the first and requested ones. */
    VALUEMATION_FULL_SYNC_HOURS: z.coerce.number().int().min(0).max(8760).default(24),
    /** One Valuemation call's time limit. */
    VALUEMATION_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
    /** valuemation-sim: how many CIs the simulator's generated estate has. */
    VALUEMATION_SIM_CIS: z.coerce.number().int().min(0).max(200_000).default(300),
    /** A folder whose CSV/JSON CMDB exports are imported by the sync timer (the "direct DB" fallback); unset = off. */
    CMDB_IMPORT_DIR: z.string().min(1).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.AUTH_MODE === 'dev' && c.WEBSITE_INSTANCE_ID)
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_MODE'],
        message: 'dev sign-in is refused when running in Azure (WEBSITE_INSTANCE_ID is set)',
      });
    if (c.STORE === 'cosmos-sim' && c.WEBSITE_INSTANCE_ID)
      ctx.addIssue({ code: 'custom', path: ['STORE'], message: 'cosmos-sim is for local runs, not Azure' });
    if (c.STORE === 'cosmos' && !c.COSMOS_ENDPOINT)
      ctx.addIssue({ code: 'custom', path: ['COSMOS_ENDPOINT'], message: 'is required when STORE=cosmos' });
    if (c.QUEUE === 'servicebus' && !c.SERVICEBUS_NAMESPACE)
      ctx.addIssue({ code: 'custom', path: ['SERVICEBUS_NAMESPACE'], message: 'is required when QUEUE=servicebus' });
    if (c.AZURE_API_AUDIENCE && !c.AZURE_TENANT_ID)
      ctx.addIssue({
        code: 'custom',
        path: ['AZURE_TENANT_ID'],
        message: 'is required when AZURE_API_AUDIENCE is set',
      });
    if (c.AUTH_MODE === 'azure' && !c.AZURE_SWA_HOSTNAME && !c.AZURE_API_AUDIENCE)
      ctx.addIssue({
        code: 'custom',
        path: ['AZURE_SWA_HOSTNAME'],
        message: 'is required when AUTH_MODE=azure (or set AZURE_API_AUDIENCE for bearer tokens)',
      });
    if (c.WEBSITE_INSTANCE_ID && !c.MAIL_SIGNING_SECRET)
      ctx.addIssue({ code: 'custom', path: ['MAIL_SIGNING_SECRET'], message: 'is required when running in Azure' });
    if (c.BLOB_STORE === 'azurite' && c.WEBSITE_INSTANCE_ID)
      ctx.addIssue({
        code: 'custom',
        path: ['BLOB_STORE'],
        message: 'azurite is the local emulator; use azure when running in Azure',
      });
    if (c.HUBSPOT_PROVIDER && c.CRM_PROVIDER !== 'none' && c.CRM_PROVIDER !== c.HUBSPOT_PROVIDER)
      ctx.addIssue({
        code: 'custom',
        path: ['HUBSPOT_PROVIDER'],
        message: `says ${c.HUBSPOT_PROVIDER} but CRM_PROVIDER says ${c.CRM_PROVIDER}; set one`,
      });
    if (crmProviderOf(c) === 'hubspot' && !c.HUBSPOT_TOKEN)
      ctx.addIssue({ code: 'custom', path: ['HUBSPOT_TOKEN'], message: 'is required when CRM_PROVIDER=hubspot' });
    // App Service leaves a Key Vault reference it cannot resolve (no such secret, no access) as its own text.
    if (crmProviderOf(c) === 'hubspot' && c.HUBSPOT_TOKEN && isUnresolvedKeyVaultReference(c.HUBSPOT_TOKEN))
      ctx.addIssue({
        code: 'custom',
        path: ['HUBSPOT_TOKEN'],
        message:
          'is a Key Vault reference that did not resolve: set the secret hubspot-token (docs/deploy.md, section 4)',
      });
    if (crmProviderOf(c) === 'hubspot-sim' && c.WEBSITE_INSTANCE_ID)
      ctx.addIssue({ code: 'custom', path: ['CRM_PROVIDER'], message: 'hubspot-sim is for local runs, not Azure' });
    if (c.SEARCH_PROVIDER === 'azure-search' && !c.AZURE_SEARCH_ENDPOINT)
      ctx.addIssue({
        code: 'custom',
        path: ['AZURE_SEARCH_ENDPOINT'],
        message: 'is required when SEARCH_PROVIDER=azure-search',
      });
    if (c.SEARCH_PROVIDER === 'azure-search-sim' && c.WEBSITE_INSTANCE_ID)
      ctx.addIssue({
        code: 'custom',
        path: ['SEARCH_PROVIDER'],
        message: 'azure-search-sim is for local runs, not Azure',
      });
    if (c.LIVE_PROVIDER === 'web-pubsub' && !c.WEB_PUBSUB_ENDPOINT)
      ctx.addIssue({
        code: 'custom',
        path: ['WEB_PUBSUB_ENDPOINT'],
        message: 'is required when LIVE_PROVIDER=web-pubsub',
      });
    if ((c.LIVE_PROVIDER === 'local' || c.LIVE_PROVIDER === 'web-pubsub-sim') && c.WEBSITE_INSTANCE_ID)
      ctx.addIssue({
        code: 'custom',
        path: ['LIVE_PROVIDER'],
        message: `${c.LIVE_PROVIDER} works in one local process only; use web-pubsub (or off) in Azure`,
      });
    if (c.VALUEMATION_PROVIDER === 'valuemation')
      for (const key of ['VALUEMATION_BASE_URL', 'VALUEMATION_CLIENT_ID', 'VALUEMATION_CLIENT_SECRET'] as const)
        if (!c[key])
          ctx.addIssue({ code: 'custom', path: [key], message: 'is required when VALUEMATION_PROVIDER=valuemation' });
    if (
      c.VALUEMATION_PROVIDER === 'valuemation' &&
      c.VALUEMATION_CLIENT_SECRET &&
      isUnresolvedKeyVaultReference(c.VALUEMATION_CLIENT_SECRET)
    )
      ctx.addIssue({
        code: 'custom',
        path: ['VALUEMATION_CLIENT_SECRET'],
        message:
          'is a Key Vault reference that did not resolve: set the secret valuemation-client-secret (docs/deploy.md, section 4)',
      });
    if (c.VALUEMATION_PROVIDER === 'valuemation-sim' && c.WEBSITE_INSTANCE_ID)
      ctx.addIssue({
        code: 'custom',
        path: ['VALUEMATION_PROVIDER'],
        message: 'valuemation-sim is for local runs, not Azure',
      });
    for (const key of ['VAPID_PUBLIC_KEY', 'VAPID_PRIVATE_KEY'] as const)
      if (c.PUSH_PROVIDER === 'web-push' && c.WEBSITE_INSTANCE_ID && !c[key])
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: 'is required in Azure (every instance signs pushes with one key pair), or set PUSH_PROVIDER=off',
        });
    if (c.PUSH_PROVIDER === 'push-sim' && c.WEBSITE_INSTANCE_ID)
      ctx.addIssue({ code: 'custom', path: ['PUSH_PROVIDER'], message: 'push-sim is for local runs, not Azure' });
    if (c.BLOB_STORE === 'azure' && !c.BLOB_ACCOUNT_URL && !c.BLOB_CONNECTION_STRING)
      ctx.addIssue({
        code: 'custom',
        path: ['BLOB_ACCOUNT_URL'],
        message: 'is required when BLOB_STORE=azure (or set BLOB_CONNECTION_STRING)',
      });
  });
export type Config = z.infer<typeof ZConfig>;

/** An app setting App Service could not resolve from Key Vault keeps the reference's own text. */
export const isUnresolvedKeyVaultReference = (value: string): boolean => value.startsWith('@Microsoft.KeyVault(');

/** The CRM in force: CRM_PROVIDER, or HUBSPOT_PROVIDER when only that is set. */
export function crmProviderOf(
  c: Pick<Config, 'CRM_PROVIDER' | 'HUBSPOT_PROVIDER'>,
): 'none' | 'hubspot' | 'hubspot-sim' {
  return c.CRM_PROVIDER !== 'none' ? c.CRM_PROVIDER : (c.HUBSPOT_PROVIDER ?? 'none');
}

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
export const loadConfig = (
  env: Record<string, string | undefined>,
  fileValues: Record<string, unknown> = {},
): Config => {
  const problems: string[] = [];
  const known = new Set<string>([...CONFIG_KEYS, ...HOST_SETTINGS]);
  for (const key of Object.keys(fileValues))
    if (!known.has(key)) problems.push(`${key}: unknown setting in local.settings.json`);
  const merged: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const value = env[key] ?? fileValues[key];
    if (value !== undefined && value !== '') merged[key] = typeof value === 'string' ? value : String(value);
  }
  const parsed = ZConfig.safeParse(merged);
  if (!parsed.success)
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.') || '(config)'}: ${issue.message}`);
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  return parsed.data;
};

/** Azurite's well-known development account, on the port the local platform started it on. */
export const azuriteConnectionString = (port: number): string =>
  `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:${port}/devstoreaccount1;`;
