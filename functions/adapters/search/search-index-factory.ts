/**
 * Picks the SearchIndex adapter from the configuration (ADR 0018). SEARCH_PROVIDER=sqlite-fts keeps DATA_DIR/search.db whatever STORE is
 * (the Cosmos simulator too); azure-search talks to Azure AI Search (managed identity, or the
 * stand-in's key locally).
 */
import { DefaultAzureCredential } from '@azure/identity';
import { AzureKeyCredential } from '@azure/search-documents';
import type { SearchIndex, SearchSchema } from '../../../shared/ports/search-index.js';
import { type Config, ConfigError } from '../../config/config.js';
import { AzureSearchIndex } from './azure-search-index.js';
import { SqliteFtsIndex } from './sqlite-fts-index.js';

export async function openSearchIndex(
  config: Pick<
    Config,
    'SEARCH_PROVIDER' | 'DATA_DIR' | 'AZURE_SEARCH_ENDPOINT' | 'AZURE_SEARCH_INDEX' | 'AZURE_SEARCH_KEY'
  >,
  schema: SearchSchema,
  /** The Azure AI Search index's name (each schema its own index); default AZURE_SEARCH_INDEX. */
  indexName: string = config.AZURE_SEARCH_INDEX,
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
  const index = new AzureSearchIndex({ endpoint, indexName, credential }, schema);
  await index.ensure().catch((error: unknown) => {
    throw new ConfigError([
      `AZURE_SEARCH_ENDPOINT: cannot set up index ${indexName} at ${endpoint}: ${(error as Error).message}`,
    ]);
  });
  return index;
}
