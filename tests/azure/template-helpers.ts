/**
 * What the template checks compare against the code: the Bicep files parsed, the Function App's
 * app settings evaluated, and the settings the configuration schema needs in Azure (derived from
 * ZConfig by asking loadConfig what is missing, not listed by hand).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '../../functions/config/config.js';
import {
  at,
  type BicepFile,
  evaluate,
  loadBicep,
  resourceBodies,
  Scope,
  UNRESOLVED,
  type Value,
} from './bicep/evaluate.js';
import { parseBicep, type Statement } from './bicep/parser.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const bicepPath = (relative: string) => join(ROOT, 'bicep', relative);
export const bicepFile = (relative: string): BicepFile => loadBicep(bicepPath(relative));
export const bicepSource = (relative: string, source: string): BicepFile => ({
  path: bicepPath(relative),
  statements: parseBicep(source),
});

/** The adapter choices that make a deployment "Azure". */
export const AZURE_SELECTORS = {
  STORE: 'cosmos',
  QUEUE: 'servicebus',
  AUTH_MODE: 'azure',
  MAIL_PROVIDER: 'graph',
  BLOB_STORE: 'azure',
  SEARCH_PROVIDER: 'azure-search',
  LIVE_PROVIDER: 'web-pubsub',
} as const;

/** Keys loadConfig reports missing for an Azure deployment, found by filling them in until it passes. */
export function configKeysRequiredInAzure(): string[] {
  const env: Record<string, string> = { ...AZURE_SELECTORS, WEBSITE_INSTANCE_ID: 'azure' };
  const required = new Set<string>(Object.keys(AZURE_SELECTORS));
  for (let round = 0; round < 10; round += 1) {
    try {
      loadConfig(env);
      return [...required];
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      for (const problem of error.problems) {
        const key = problem.split(':')[0] as string;
        required.add(key);
        env[key] = 'https://placeholder.example.com';
      }
    }
  }
  throw new Error('configuration never became valid while filling in missing keys');
}

export interface AppSetting {
  readonly name: Value;
  readonly value: Value;
}

/**
 * The scope a module runs in when main.bicep deploys it with main.parameters.<env>.json: each
 * param gets the value main passes (main's params from that file or their defaults), or `<name>` when that is known only at deployment.
 */
export function moduleScope(file: BicepFile, main = bicepFile('main.bicep'), environment = 'prod'): Scope {
  const relative = file.path.slice(bicepPath('').length).replace(/^\//, '');
  const call = main.statements.find(
    (s): s is Extract<Statement, { kind: 'module' }> => s.kind === 'module' && s.path === relative,
  );
  const parameterFile = JSON.parse(readFileSync(bicepPath(`main.parameters.${environment}.json`), 'utf8')) as {
    parameters: Record<string, { value: Value }>;
  };
  const mainScope = Object.entries(parameterFile.parameters).reduce(
    (scope, [name, { value }]) => scope.with(name, value),
    new Scope(main),
  );
  const passed = call ? at(evaluate(call.value, mainScope), 'params') : UNRESOLVED;
  return file.statements.reduce((scope, s) => {
    if (s.kind !== 'param') return scope;
    const value = at(passed, s.name);
    if (value !== UNRESOLVED) return scope.with(s.name, value);
    return s.defaultValue ? scope : scope.with(s.name, `<${s.name}>`);
  }, new Scope(file));
}

/** The app settings of every Microsoft.Web/sites resource of the module, as main.bicep deploys it. */
export function functionAppSettings(file: BicepFile): AppSetting[] {
  return resourceBodies(file, 'Microsoft.Web/sites', moduleScope(file)).flatMap(({ body }) => {
    const settings = at(body, 'properties.siteConfig.appSettings');
    return Array.isArray(settings) ? settings.map((s) => ({ name: at(s, 'name'), value: at(s, 'value') })) : [];
  });
}

export const settingNames = (file: BicepFile): string[] =>
  functionAppSettings(file)
    .map((s) => s.name)
    .filter((n): n is string => typeof n === 'string');
