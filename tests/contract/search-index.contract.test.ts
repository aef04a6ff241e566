/**
 * Runs the SearchIndex contract against both adapters: SQLite FTS5 (in memory) and Azure AI
 * Search through the real SDK (@azure/search-documents) against the stand-in of
 * tests/simulators/azure-search.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AzureKeyCredential } from '@azure/search-documents';
import { afterAll, beforeAll } from 'vitest';
import { AzureSearchIndex } from '../../functions/adapters/search/azure-search-index.js';
import { SqliteFtsIndex } from '../../functions/adapters/search/sqlite-fts-index.js';
import type { SearchIndex } from '../../shared/ports/search-index.js';
import { TICKET_SEARCH_SCHEMA } from '../../shared/search/ticket-search-document.js';
import {
  type AzureSearchSimulator,
  startAzureSearchSimulator,
} from '../simulators/azure-search/azure-search-simulator.js';
import { describeSearchIndexContract } from './search-index-contract.js';

const opened: SearchIndex[] = [];
let sim: AzureSearchSimulator;
beforeAll(async () => {
  sim = await startAzureSearchSimulator();
});
afterAll(async () => {
  for (const index of opened) await index.close?.();
  await sim.close();
});

describeSearchIndexContract('sqlite-fts', async () => {
  const index = SqliteFtsIndex.inMemory(TICKET_SEARCH_SCHEMA);
  opened.push(index);
  return index;
});

// A search.db file: the writes run in the writer worker, the reads on this thread's connection.
let fileIndex: SqliteFtsIndex | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'itil-fts-contract-'));
afterAll(async () => {
  await fileIndex?.close();
  rmSync(dataDir, { recursive: true, force: true });
});
describeSearchIndexContract('sqlite-fts on a file (writer worker)', async () => {
  fileIndex ??= SqliteFtsIndex.open(dataDir, TICKET_SEARCH_SCHEMA);
  return fileIndex;
});

describeSearchIndexContract('azure-search (SDK against the stand-in)', async () => {
  const index = new AzureSearchIndex(
    { endpoint: sim.url, indexName: 'tickets', credential: new AzureKeyCredential(sim.apiKey) },
    TICKET_SEARCH_SCHEMA,
  );
  opened.push(index);
  return index;
});
