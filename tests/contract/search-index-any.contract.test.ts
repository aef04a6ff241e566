/**
 * The SearchIndex contract of `match: 'any'` queries and tag boosts (issue 17: known-error
 * suggestions), against SQLite FTS5 and Azure AI Search (the SDK against the stand-in), on the
 * known-error schema itself.
 */
import { AzureKeyCredential } from '@azure/search-documents';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AzureSearchIndex } from '../../functions/adapters/search/azure-search-index.js';
import { SqliteFtsIndex } from '../../functions/adapters/search/sqlite-fts-index.js';
import { KNOWN_ERROR_SEARCH_SCHEMA } from '../../shared/known-errors/known-error-search.js';
import type { IndexedDocument, QueryClause, SearchIndex, SearchRequest } from '../../shared/ports/search-index.js';
import {
  type AzureSearchSimulator,
  startAzureSearchSimulator,
} from '../simulators/azure-search/azure-search-simulator.js';

let sim: AzureSearchSimulator;
const opened: SearchIndex[] = [];
beforeAll(async () => {
  sim = await startAzureSearchSimulator();
});
afterAll(async () => {
  for (const index of opened) await index.close?.();
  await sim.close();
});

const ke = (id: string, title: string, symptoms: string, scope: string[] = []): IndexedDocument => ({
  id,
  text: { number: id.toUpperCase(), errorCodes: '', title, symptoms, rootCause: '', workaround: 'restart it' },
  filters: { publishedAt: '2026-12-01T10:00:00.000Z', problemId: null },
  tags: { scope },
});

const words = (text: string): QueryClause[] =>
  text.split(' ').map((w) => ({ tokens: [w], phrase: false, prefix: false, fields: [], negated: false }));

const any = (text: string, boost?: string[]): SearchRequest => ({
  query: { match: 'any', clauses: words(text) },
  audience: 'agent',
  filters: [],
  limit: 10,
  offset: 0,
  ...(boost ? { boost: { field: 'scope', values: boost } } : {}),
});

const ids = async (index: SearchIndex, request: SearchRequest) => (await index.search(request)).hits.map((h) => h.id);

function contract(name: string, open: () => Promise<SearchIndex>) {
  describe(`SearchIndex match any: ${name}`, () => {
    it('finds what shares any word, what shares more first, and boosts by a tag', async () => {
      const index = await open();
      await index.upsert([
        ke('ke-1', 'Printer offline after driver update', 'The spooler stops and the printer shows offline'),
        ke('ke-2', 'Printer jams on tray 2', 'Paper jam', ['ci_printer']),
        ke('ke-3', 'VPN drops', 'Tunnel closes', ['ci_vpn']),
      ]);
      expect(await ids(index, any('printer offline spooler'))).toEqual(['ke-1', 'ke-2']);
      expect(await ids(index, any('mainframe'))).toEqual([]);
      // ke-1 names the printer twice; with the boost for its CI, ke-2 passes it.
      expect(await ids(index, any('printer'))).toEqual(['ke-1', 'ke-2']);
      expect(await ids(index, any('printer', ['ci_printer', 'ci_other']))).toEqual(['ke-2', 'ke-1']);
      await index.remove(['ke-3']);
      expect(await ids(index, any('tunnel', ['ci_vpn']))).toEqual([]);
    });
  });
}

contract('sqlite-fts', async () => {
  const index = SqliteFtsIndex.inMemory(KNOWN_ERROR_SEARCH_SCHEMA);
  opened.push(index);
  return index;
});

contract('azure-search (SDK against the stand-in)', async () => {
  const index = new AzureSearchIndex(
    { endpoint: sim.url, indexName: 'tickets-known-errors', credential: new AzureKeyCredential(sim.apiKey) },
    KNOWN_ERROR_SEARCH_SCHEMA,
  );
  await index.ensure();
  opened.push(index);
  return index;
});
