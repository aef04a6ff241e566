/**
 * A CMDB sync under test: a document store (in memory, or SQLite), the demo teams, the Valuemation
 * simulator and the real adapter (HTTP client, mapping file) pointed at it, and a sync with a clock
 * the test moves. `sync()` builds another sync over the same store (a restarted process).
 */
import { ValuemationApi } from '../../functions/adapters/valuemation/valuemation-api.js';
import { loadValuemationMapping } from '../../functions/adapters/valuemation/valuemation-mapping.js';
import { ValuemationSource } from '../../functions/adapters/valuemation/valuemation-source.js';
import { classRegistry } from '../../shared/cmdb/ci-classes.js';
import { CmdbRepository } from '../../shared/cmdb/cmdb-repository.js';
import { CmdbSync, type CmdbSyncSettings, DEFAULT_SYNC_SETTINGS } from '../../shared/cmdb/cmdb-sync.js';
import type { CmdbSource } from '../../shared/ports/cmdb-source.js';
import type { DocumentStore } from '../../shared/ports/document-store.js';
import { fixedClock, sequentialIds } from '../builders/time-and-ids.js';
import { InMemoryDocumentStore } from '../fakes/in-memory-document-store.js';
import type { ValuemationSimulator } from '../simulators/valuemation/valuemation-simulator.js';

export const TEAMS = new Set(['service-desk', 'network', 'database', 'storage', 'major-incident']);

export const valuemationSource = (sim: ValuemationSimulator, over: { maxAttempts?: number } = {}) =>
  new ValuemationSource(
    new ValuemationApi({
      baseUrl: sim.url,
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
      timeoutMs: 5_000,
      maxAttempts: over.maxAttempts ?? 3,
      maxRetryWaitMs: 20,
    }),
    loadValuemationMapping(undefined, classRegistry()),
  );

export function syncWorld(
  source: CmdbSource,
  options: { store?: DocumentStore; settings?: Partial<CmdbSyncSettings> } = {},
) {
  const store = options.store ?? new InMemoryDocumentStore();
  const clock = fixedClock(new Date());
  const ids = sequentialIds();
  const registry = classRegistry();
  const repo = new CmdbRepository(store);
  const settings = { ...DEFAULT_SYNC_SETTINGS, pageSize: 50, ...options.settings };
  const sync = (over: { store?: DocumentStore } = {}) =>
    new CmdbSync(
      {
        store: over.store ?? store,
        repo: over.store ? new CmdbRepository(over.store) : repo,
        registry,
        clock,
        ids,
        source,
        teamIds: async () => TEAMS,
      },
      settings,
    );
  return { store, clock, repo, registry, sync, ids };
}
