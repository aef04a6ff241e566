/** The Function App's app settings in bicep/ against the configuration schema and the host's needs. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVICE_BUS_CONNECTION } from '../../functions/catalog/register-azure.js';
import { CONFIG_KEYS, HOST_SETTINGS, loadConfig } from '../../functions/config/config.js';
import { at, resourceBodies } from './bicep/evaluate.js';
import {
  bicepFile,
  bicepPath,
  bicepSource,
  configKeysRequiredInAzure,
  functionAppSettings,
  settingNames,
} from './template-helpers.js';

const FUNCTION_APP = 'modules/function-app.bicep';
/** Host settings in their managed-identity form (no connection strings in Azure). */
const HOST_SETTINGS_IN_AZURE = [
  'AzureWebJobsStorage__accountName',
  `${SERVICE_BUS_CONNECTION}__fullyQualifiedNamespace`,
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
];
/** Settings not in ZConfig: the host's identity credential. */
const PENDING_SETTINGS = ['AzureWebJobsStorage__credential'];

const missingSettings = (file = bicepFile(FUNCTION_APP)) => {
  const names = new Set(settingNames(file));
  return [...configKeysRequiredInAzure(), ...HOST_SETTINGS_IN_AZURE].filter((key) => !names.has(key));
};

describe('Function App settings (bicep/modules/function-app.bicep)', () => {
  it('derives the Azure-required keys from the schema', () => {
    const required = configKeysRequiredInAzure();
    expect(required).toEqual(
      expect.arrayContaining(['STORE', 'QUEUE', 'AUTH_MODE', 'COSMOS_ENDPOINT', 'SERVICEBUS_NAMESPACE']),
    );
  });

  it('sets every key the configuration requires in Azure and every host setting the code needs', () => {
    expect(missingSettings()).toEqual([]);
  });

  it('is not satisfied by a setting that only appears in a comment', () => {
    const source = readFileSync(bicepPath(FUNCTION_APP), 'utf8');
    const line = "{ name: 'COSMOS_ENDPOINT', value: cosmosEndpoint }";
    expect(source).toContain(line);
    const commented = source
      .replace(line, `// ${line}`)
      .replace('appSettings: [', `appSettings: [\n        /* ${line} */`);
    expect(missingSettings(bicepSource(FUNCTION_APP, commented))).toEqual(['COSMOS_ENDPOINT']);
  });

  it('forms a valid Azure configuration with the prod parameters (dev sign-in refused)', () => {
    const env: Record<string, string> = { WEBSITE_INSTANCE_ID: 'azure-instance' };
    for (const { name, value } of functionAppSettings(bicepFile(FUNCTION_APP)))
      if (typeof name === 'string' && typeof value === 'string')
        env[name] = /^<\w+>$/.test(value) ? 'https://placeholder.example.com' : value;
    const config = loadConfig(env);
    expect(config).toMatchObject({
      STORE: 'cosmos',
      QUEUE: 'servicebus',
      AUTH_MODE: 'azure',
      SEED_DEMO: false,
      BLOB_STORE: 'azure',
    });
  });

  it('sets only settings the code knows (catches typos)', () => {
    const known = new Set<string>([...CONFIG_KEYS, ...HOST_SETTINGS, ...HOST_SETTINGS_IN_AZURE, ...PENDING_SETTINGS]);
    expect(settingNames(bicepFile(FUNCTION_APP)).filter((n) => !known.has(n))).toEqual([]);
  });

  it('reads secrets from Key Vault references, never inline', () => {
    const settings = functionAppSettings(bicepFile(FUNCTION_APP));
    for (const secret of [
      'GRAPH_CLIENT_SECRET',
      'HUBSPOT_TOKEN',
      'HUBSPOT_CLIENT_SECRET',
      'VALUEMATION_CLIENT_SECRET',
      'MAIL_SIGNING_SECRET',
      'VAPID_PUBLIC_KEY',
      'VAPID_PRIVATE_KEY',
    ])
      expect(settings.find((s) => s.name === secret)?.value).toMatch(
        /^@Microsoft\.KeyVault\(VaultName=<keyVaultName>;SecretName=[a-z-]+\)$/,
      );
    expect(settings.map((s) => s.name)).not.toContain('COSMOS_KEY');
  });

  it('runs Node 20 on Flex Consumption, with the runtime outside the app settings', () => {
    const file = bicepFile(FUNCTION_APP);
    const [site] = resourceBodies(file, 'Microsoft.Web/sites');
    const [plan] = resourceBodies(file, 'Microsoft.Web/serverfarms');
    expect(at(site?.body ?? null, 'properties.functionAppConfig.runtime')).toEqual({ name: 'node', version: '20' });
    expect(at(site?.body ?? null, 'identity.type')).toBe('SystemAssigned');
    expect(at(plan?.body ?? null, 'sku')).toEqual({ name: 'FC1', tier: 'FlexConsumption' });
    expect(settingNames(file)).not.toContain('FUNCTIONS_WORKER_RUNTIME');
    expect(settingNames(file)).not.toContain('FUNCTIONS_EXTENSION_VERSION');
  });

  it('switches HubSpot on by a parameter: provider, secrets from Key Vault, the mapping as app settings', () => {
    const settings = new Map(functionAppSettings(bicepFile(FUNCTION_APP)).map((s) => [s.name, s.value]));
    // Off by default: a first deployment needs no HubSpot secret.
    expect(settings.get('CRM_PROVIDER')).toBe('none');
    expect(settings.get('HUBSPOT_TIER_PROPERTY')).toBe('tier');
    for (const key of ['HUBSPOT_TIER_MAP', 'HUBSPOT_CONTACT_FIELDS', 'HUBSPOT_COMPANY_FIELDS', 'HUBSPOT_RATE_LIMIT'])
      expect(settings.has(key)).toBe(true);
    const source = readFileSync(bicepPath(FUNCTION_APP), 'utf8');
    expect(source).toMatch(/@allowed\(\[ 'none', 'hubspot' \]\)\nparam crmProvider/);
    const main = readFileSync(bicepPath('main.bicep'), 'utf8');
    for (const param of ['crmProvider', 'hubspotTierMap', 'hubspotRateLimit', 'hubspotWriteBack'])
      expect(main).toContain(`${param}: ${param}`);

    // On, with the secrets resolved, the settings form a valid configuration...
    const env: Record<string, string> = { WEBSITE_INSTANCE_ID: 'azure-instance' };
    for (const [name, value] of settings)
      if (typeof name === 'string' && typeof value === 'string')
        env[name] = /^<\w+>$/.test(value) ? 'https://placeholder.example.com' : value;
    const resolved = { ...env, CRM_PROVIDER: 'hubspot', HUBSPOT_TOKEN: 'pat-eu1-123', HUBSPOT_CLIENT_SECRET: 's3cret' };
    expect(loadConfig(resolved)).toMatchObject({ CRM_PROVIDER: 'hubspot', HUBSPOT_RATE_LIMIT: 100 });
    // ...and a token whose Key Vault secret was never created stops start-up naming it.
    expect(() => loadConfig({ ...env, CRM_PROVIDER: 'hubspot' })).toThrow(/HUBSPOT_TOKEN: is a Key Vault reference/);
  });

  it('switches Valuemation on by a parameter: URL and client id as settings, the client secret from Key Vault', () => {
    const settings = new Map(functionAppSettings(bicepFile(FUNCTION_APP)).map((s) => [s.name, s.value]));
    // Off by default: a first deployment needs no Valuemation secret.
    expect(settings.get('VALUEMATION_PROVIDER')).toBe('none');
    for (const key of ['VALUEMATION_BASE_URL', 'VALUEMATION_CLIENT_ID', 'VALUEMATION_PAGE_SIZE'])
      expect(settings.has(key)).toBe(true);
    const source = readFileSync(bicepPath(FUNCTION_APP), 'utf8');
    expect(source).toMatch(/@allowed\(\[ 'none', 'valuemation' \]\)\nparam valuemationProvider/);
    const main = readFileSync(bicepPath('main.bicep'), 'utf8');
    for (const param of [
      'valuemationProvider',
      'valuemationBaseUrl',
      'valuemationClientId',
      'valuemationFullSyncHours',
    ])
      expect(main).toContain(`${param}: ${param}`);

    const env: Record<string, string> = { WEBSITE_INSTANCE_ID: 'azure-instance' };
    for (const [name, value] of settings)
      if (typeof name === 'string' && typeof value === 'string')
        env[name] = /^<\w+>$/.test(value) ? 'https://placeholder.example.com' : value;
    const on = {
      ...env,
      VALUEMATION_PROVIDER: 'valuemation',
      VALUEMATION_BASE_URL: 'https://valuemation.contoso.com/vm',
      VALUEMATION_CLIENT_ID: 'itil-next',
    };
    expect(loadConfig({ ...on, VALUEMATION_CLIENT_SECRET: 's3cret' })).toMatchObject({
      VALUEMATION_PROVIDER: 'valuemation',
      VALUEMATION_PAGE_SIZE: 500,
    });
    // A secret never created in Key Vault stops start-up naming it; so does a provider without its URL.
    expect(() => loadConfig(on)).toThrow(/VALUEMATION_CLIENT_SECRET: is a Key Vault reference/);
    expect(() => loadConfig({ ...on, VALUEMATION_BASE_URL: '', VALUEMATION_CLIENT_SECRET: 's3cret' })).toThrow(
      /VALUEMATION_BASE_URL: is required/,
    );
  });
});
