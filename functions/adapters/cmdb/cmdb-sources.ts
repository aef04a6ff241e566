/**
 * The CMDB sources the configuration names (ADR 0020): Valuemation (or its simulator, which
 * `npm start` has started and pointed VALUEMATION_BASE_URL at) and a folder of exports
 * (CMDB_IMPORT_DIR). The mapping file is read and checked here, once, at start-up.
 */
import type { ClassRegistry } from '../../../shared/cmdb/ci-classes.js';
import type { CmdbSyncSettings } from '../../../shared/cmdb/cmdb-sync.js';
import { DEFAULT_SYNC_SETTINGS } from '../../../shared/cmdb/cmdb-sync.js';
import type { CmdbSource } from '../../../shared/ports/cmdb-source.js';
import { type Config, ConfigError } from '../../config/config.js';
import { ValuemationApi } from '../valuemation/valuemation-api.js';
import { loadValuemationMapping } from '../valuemation/valuemation-mapping.js';
import { ValuemationSource } from '../valuemation/valuemation-source.js';
import { FileCmdbSource } from './file-cmdb-source.js';

/** The client the simulator accepts when none is configured. */
export const VALUEMATION_SIM_CLIENT = { id: 'itil-next', secret: 'valuemation-sim-secret' } as const;

type SourceConfig = Pick<
  Config,
  | 'VALUEMATION_PROVIDER'
  | 'VALUEMATION_BASE_URL'
  | 'VALUEMATION_CLIENT_ID'
  | 'VALUEMATION_CLIENT_SECRET'
  | 'VALUEMATION_MAPPING_FILE'
  | 'VALUEMATION_TIMEOUT_MS'
  | 'VALUEMATION_PAGE_SIZE'
  | 'VALUEMATION_FULL_SYNC_HOURS'
  | 'CMDB_IMPORT_DIR'
>;

export function cmdbSourcesFromConfig(config: SourceConfig, registry: ClassRegistry): CmdbSource[] {
  const sources: CmdbSource[] = [];
  if (config.VALUEMATION_PROVIDER !== 'none') {
    if (!config.VALUEMATION_BASE_URL)
      throw new ConfigError([
        'VALUEMATION_PROVIDER: valuemation-sim is started by `npm start` (infra/local); elsewhere set VALUEMATION_BASE_URL',
      ]);
    const sim = config.VALUEMATION_PROVIDER === 'valuemation-sim';
    let mapping: ReturnType<typeof loadValuemationMapping>;
    try {
      mapping = loadValuemationMapping(config.VALUEMATION_MAPPING_FILE, registry);
    } catch (error) {
      throw new ConfigError([`VALUEMATION_MAPPING_FILE: ${(error as Error).message}`]);
    }
    const api = new ValuemationApi({
      baseUrl: config.VALUEMATION_BASE_URL,
      clientId: config.VALUEMATION_CLIENT_ID ?? (sim ? VALUEMATION_SIM_CLIENT.id : ''),
      clientSecret: config.VALUEMATION_CLIENT_SECRET ?? (sim ? VALUEMATION_SIM_CLIENT.secret : ''),
      timeoutMs: config.VALUEMATION_TIMEOUT_MS,
      maxAttempts: 4,
      maxRetryWaitMs: 30_000,
    });
    sources.push(new ValuemationSource(api, mapping));
  }
  if (config.CMDB_IMPORT_DIR) sources.push(new FileCmdbSource(config.CMDB_IMPORT_DIR, registry));
  return sources;
}

export const syncSettingsFromConfig = (config: SourceConfig): CmdbSyncSettings => ({
  ...DEFAULT_SYNC_SETTINGS,
  pageSize: config.VALUEMATION_PAGE_SIZE,
  fullEveryHours: config.VALUEMATION_FULL_SYNC_HOURS === 0 ? null : config.VALUEMATION_FULL_SYNC_HOURS,
});
