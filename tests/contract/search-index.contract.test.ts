/**
 * Runs the SearchIndex contract against both adapters: SQLite FTS5 (in memory) and Azure AI
 * Search through the real SDK against the stand-in of tests/simulators/azure-search.
 */
import { afterAll } from 'vitest';
import { SqliteFtsIndex } from '../../functions/adapters/search/sqlite-fts-index.js';
import type { SearchIndex } from '../../shared/ports/search-index.js';
import { TICKET_SEARCH_SCHEMA } from '../../shared/search/ticket-search-document.js';
import { describeSearchIndexContract } from './search-index-contract.js';

const opened: SearchIndex[] = [];
afterAll(async () => {
  for (const index of opened) await index.close?.();
});

describeSearchIndexContract('sqlite-fts', async () => {
  const index = SqliteFtsIndex.inMemory(TICKET_SEARCH_SCHEMA);
  opened.push(index);
  return index;
});
