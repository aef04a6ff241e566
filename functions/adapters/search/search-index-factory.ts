/**
 * Picks the SearchIndex adapter from the configuration (ADR 0018) and restores an empty index
 * from the store at start. SEARCH_PROVIDER=sqlite-fts keeps DATA_DIR/search.db whatever STORE is
 * (the Cosmos simulator too); azure-search talks to Azure AI Search (managed identity, or the
 * stand-in's key locally).
 */
import { DefaultAzureCredential } from '@azure/identity';
import { AzureKeyCredential } from '@azure/search-documents';
import type { DocumentStore } from '../../../shared/ports/document-store.js';
import type { SearchIndex, SearchSchema } from '../../../shared/ports/search-index.js';
import type { TicketSearchIndexer } from '../../../shared/search/ticket-search-indexer.js';
import { type Config, ConfigError } from '../../config/config.js';
import { AzureSearchIndex } from './azure-search-index.js';
import { SqliteFtsIndex } from './sqlite-fts-index.js';

export async function openSearchIndex(
  config: Pick<
    Config,
    'SEARCH_PROVIDER' | 'DATA_DIR' | 'AZURE_SEARCH_ENDPOINT' | 'AZURE_SEARCH_INDEX' | 'AZURE_SEARCH_KEY'
  >,
  schema: SearchSchema,
): Promise<SearchIndex> {
  if (config.SEARCH_PROVIDER === 'azure-search-sim')
    throw new ConfigError([
      'SEARCH_PROVIDER: azure-search-sim is started by `npm start` (infra/local); compose needs SEARCH_PROVIDER=azure-search',
    ]);
  if (config.SEARCH_PROVIDER === 'sqlite-fts') return SqliteFtsIndex.open(config.DATA_DIR, schema);
  const endpoint = config.AZURE_SEARCH_ENDPOINT as string;
  const credential = config.AZURE_SEARCH_KEY
    ? new AzureKeyCredential(config.AZURE_SEARCH_KEY)
    : new DefaultAzureCredential();
  const index = new AzureSearchIndex({ endpoint, indexName: config.AZURE_SEARCH_INDEX, credential }, schema);
  await index.ensure().catch((error: unknown) => {
    throw new ConfigError([
      `AZURE_SEARCH_ENDPOINT: cannot set up index ${config.AZURE_SEARCH_INDEX} at ${endpoint}: ${(error as Error).message}`,
    ]);
  });
  return index;
}

/** When the index holds nothing but the store holds tickets, rebuild in the background (stoppable). */
export function rebuildWhenEmpty(
  store: DocumentStore,
  index: SearchIndex,
  indexer: TicketSearchIndexer,
  log: (line: string) => void,
): { readonly done: Promise<void>; stop(): Promise<void> } {
  const controller = new AbortController();
  const done = (async () => {
    if ((await index.count()) > 0) return;
    const any = await store.query('tickets', { where: [{ field: 'docType', op: 'eq', value: 'ticket' }], limit: 1 });
    if (any.items.length === 0) return;
    log('search: the index is empty; rebuilding it from the store in the background');
    const { indexed } = await indexer.rebuild(undefined, controller.signal);
    log(`search: index rebuilt (${indexed} tickets)`);
  })().catch((error: unknown) => {
    if (!controller.signal.aborted) log(`search: rebuilding the index failed: ${(error as Error).message}`);
  });
  return {
    done,
    async stop() {
      controller.abort();
      await done;
    },
  };
}
