/**
 * What the SQLite FTS5 adapter does beyond the contract (tests/contract): bounded query cost for
 * broad queries (the newest window ranked by field), word starts expanded from the word list, the
 * word list forgetting what a removal took, and an index of an older layout emptied at open.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SearchRequest } from '../../../shared/ports/search-index.js';
import { parseQuery } from '../../../shared/search/search-query.js';
import { TICKET_QUERY_PREFIXES, TICKET_SEARCH_SCHEMA } from '../../../shared/search/ticket-search-document.js';
import { aSearchDoc } from '../../../tests/contract/search-index-contract.js';
import { openSqliteDatabase } from '../sqlite/sqlite-database.js';
import { BM25_LIMIT, MAX_EXPANSIONS, RANK_WINDOW, SqliteFtsIndex } from './sqlite-fts-index.js';

const opened: SqliteFtsIndex[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const index of opened.splice(0)) await index.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const open = () => {
  const index = SqliteFtsIndex.inMemory(TICKET_SEARCH_SCHEMA);
  opened.push(index);
  return index;
};

/** More `companyN` words than a word start is expanded into, and enough for company26 and company260. */
const MANY = Math.max(MAX_EXPANSIONS + 5, 261);

const request = (q: string, more: Partial<SearchRequest> = {}): SearchRequest => {
  const parsed = parseQuery(q, TICKET_QUERY_PREFIXES);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return { query: parsed.value, audience: 'agent', filters: [], limit: 10, offset: 0, ...more };
};

describe('SqliteFtsIndex', () => {
  it('ranks a broad query by where it matched among its newest matches, title hits first', async () => {
    const index = open();
    const count = Math.max(RANK_WINDOW, BM25_LIMIT) + 200;
    const docs = Array.from({ length: count }, (_, i) =>
      aSearchDoc(`m${i}`, i % 100 === 7 ? { title: 'printer broken' } : { mail: 'the printer again' }),
    );
    await index.upsert(docs);
    const page = await index.search(request('printer', { limit: 5 }));
    const titled = docs.filter((d) => d.text.title === 'printer broken').map((d) => d.id);
    // The title hits of the window, newest first; none older than the window.
    const window = new Set(docs.slice(-RANK_WINDOW).map((d) => d.id));
    expect(page.hits.map((h) => h.id)).toEqual(
      titled
        .filter((id) => window.has(id))
        .reverse()
        .slice(0, 5),
    );
    expect(page.hits[0]?.matches.map((m) => m.field)).toEqual(['title']);
    expect(page.more).toBe(true);
    // Paging ends with the window.
    const last = await index.search(request('printer', { limit: 10, offset: RANK_WINDOW - 5 }));
    expect(last.hits).toHaveLength(5);
    expect(last.more).toBe(false);
    // With a filter the window is the newest matches that pass it.
    const filtered = await index.search(
      request('printer', {
        limit: 3,
        filters: [{ field: 'number', op: 'in', values: [docs[3]?.filters.number ?? ''] }],
      }),
    );
    expect(filtered.hits.map((h) => h.id)).toEqual(['m3']);
  });

  it('ranks a narrow query by BM25 over all its matches, whatever their age', async () => {
    const index = open();
    await index.upsert([
      aSearchDoc('old-title', { title: 'scanner jams' }),
      ...Array.from({ length: 50 }, (_, i) => aSearchDoc(`n${i}`, { mail: `hello ${i} the scanner` })),
    ]);
    expect((await index.search(request('scanner', { limit: 1 }))).hits[0]?.id).toBe('old-title');
  });

  it('matches a long word start through the word list, and a start shared by many words through FTS5', async () => {
    const index = open();
    await index.upsert([
      aSearchDoc('printer', { title: 'printer broken' }),
      aSearchDoc('printing', { mail: 'Printing fails' }),
      aSearchDoc('sprint', { mail: 'sprint review' }),
      ...Array.from({ length: MANY }, (_, i) => aSearchDoc(`c${i}`, { requester: `x@company${i}.example` })),
    ]);
    const ids = async (q: string) => (await index.search(request(q, { limit: 1_000 }))).hits.map((h) => h.id).sort();
    expect(await ids('print')).toEqual(['printer', 'printing']);
    expect(await ids('printi')).toEqual(['printing']);
    expect(await ids('printz')).toEqual([]);
    expect(await ids('compan')).toHaveLength(MANY); // more than MAX_EXPANSIONS words: FTS5's prefix query
    // A phrase's last word start: as phrases when few words share it, else on its first 3 letters.
    expect(await ids('x@company26')).toEqual(['c26', 'c260']);
    const shared = await ids('x@company2');
    expect(shared).toContain('c2');
    expect(shared).toContain('c260');
    expect(await ids('y@company2')).toEqual([]);
    const [hit] = (await index.search(request('printi'))).hits;
    expect(hit?.matches[0]?.snippet.filter((p) => p.hit).map((p) => p.text)).toEqual(['Printing']);
  });

  it('forgets the words only a removed document held, so no word start leads to it', async () => {
    const index = open();
    await index.upsert([
      aSearchDoc('secret', { notes: 'password hunter2xyz and shared words' }),
      aSearchDoc('other', { mail: 'shared words' }),
    ]);
    expect((await index.search(request('hunter'))).hits.map((h) => h.id)).toEqual(['secret']);
    await index.remove(['secret']);
    const db = (index as unknown as { db: ReturnType<typeof openSqliteDatabase> }).db;
    const words = (db.prepare('SELECT term FROM search_tickets_terms').all() as { term: string }[]).map((r) => r.term);
    expect(words).not.toContain('hunter2xyz');
    expect(words).not.toContain('password');
    expect(words).toContain('shared');
    expect((await index.search(request('shar'))).hits.map((h) => h.id)).toEqual(['other']);
  });

  it('empties a search.db of the layout before the word list, so the start rebuilds it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'itil-fts-layout-'));
    dirs.push(dir);
    const old = openSqliteDatabase(join(dir, 'search.db'), { migrate: false });
    old.exec(
      `CREATE TABLE search_tickets_docs (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE);
       INSERT INTO search_tickets_docs (id) VALUES ('t1');
       CREATE VIRTUAL TABLE search_tickets USING fts5(title);
       INSERT INTO search_tickets (rowid, title) VALUES (1, 'printer');`,
    );
    old.close();
    const index = SqliteFtsIndex.open(dir, TICKET_SEARCH_SCHEMA);
    opened.push(index);
    expect(await index.count()).toBe(0);
    await index.upsert([aSearchDoc('t2', { title: 'printer' })]);
    await index.close();
    opened.pop();
    const again = SqliteFtsIndex.open(dir, TICKET_SEARCH_SCHEMA);
    opened.push(again);
    expect(await again.count()).toBe(1);
  });
});
