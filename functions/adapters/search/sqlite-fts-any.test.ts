/**
 * The SQLite FTS5 adapter's `match: 'any'` queries and tag boosts (issue 17, known-error
 * suggestions): one matching word is enough, more and rarer words rank higher, the words most
 * documents hold are left out when rarer ones bound the cost, and a tag boost lifts the hits
 * holding an asked value.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { IndexedDocument, QueryClause, SearchSchema } from '../../../shared/ports/search-index.js';
import { ANY_BUDGET, SqliteFtsIndex } from './sqlite-fts-index.js';

const SCHEMA: SearchSchema = {
  name: 'anytest',
  searchable: [
    { name: 'title', weight: 4 },
    { name: 'body', weight: 1 },
  ],
  filterable: [{ name: 'at', type: 'date' }],
  recency: 'at',
  tags: [{ name: 'scope', boost: 3 }],
};

const opened: SqliteFtsIndex[] = [];
afterEach(async () => {
  for (const index of opened.splice(0)) await index.close();
});

const open = () => {
  const index = SqliteFtsIndex.inMemory(SCHEMA);
  opened.push(index);
  return index;
};

const doc = (id: string, title: string, body = '', scope: string[] = []): IndexedDocument => ({
  id,
  text: { title, body },
  filters: { at: '2026-12-01T00:00:00.000Z' },
  tags: { scope },
});

const words = (text: string): QueryClause[] =>
  text.split(' ').map((w) => ({ tokens: [w], phrase: false, prefix: false, fields: [], negated: false }));

const any = (text: string, boost?: string[]) => ({
  query: { match: 'any' as const, clauses: words(text) },
  audience: 'agent' as const,
  filters: [],
  limit: 10,
  offset: 0,
  ...(boost ? { boost: { field: 'scope', values: boost } } : {}),
});

describe('SqliteFtsIndex match any', () => {
  it('finds documents sharing any word, the ones sharing more ranked first', async () => {
    const index = open();
    await index.upsert([
      doc('a', 'printer offline', 'spooler stopped'),
      doc('b', 'printer jam'),
      doc('c', 'vpn drops'),
    ]);
    const found = await index.search(any('printer offline spooler'));
    expect(found.hits.map((h) => h.id)).toEqual(['a', 'b']);
    // `all` (the default) would find none: no document holds every word with `jam`.
    const all = await index.search({ ...any('printer offline jam'), query: { clauses: words('printer offline jam') } });
    expect(all.hits).toEqual([]);
  });

  it('leaves out a word most documents hold when rarer ones fill the budget', async () => {
    const index = open();
    const common = Array.from({ length: ANY_BUDGET + 10 }, (_, i) => doc(`n${i}`, 'error', `filler ${i}`));
    await index.upsert([...common, doc('rare', 'error', 'kerberos ticket skew')]);
    const found = await index.search(any('error kerberos'));
    expect(found.hits.map((h) => h.id)).toEqual(['rare']);
    // Alone, the common word is still searched (ranked among all its matches).
    expect((await index.search(any('error'))).hits).toHaveLength(10);
  });

  it('boosts hits holding an asked tag value above better text matches', async () => {
    const index = open();
    await index.upsert([
      doc('text', 'outlook crashes on start', 'outlook crashes'),
      doc('ci', 'outlook slow', '', ['ci_exchange']),
    ]);
    expect((await index.search(any('outlook crashes'))).hits.map((h) => h.id)).toEqual(['text', 'ci']);
    const boosted = await index.search(any('outlook crashes', ['ci_exchange', 'svc_mail']));
    expect(boosted.hits.map((h) => h.id)).toEqual(['ci', 'text']);
    // A value no hit holds changes nothing.
    expect((await index.search(any('outlook crashes', ['ci_other']))).hits.map((h) => h.id)).toEqual(['text', 'ci']);
  });

  it('refuses a boost on a field that is not a tag field', async () => {
    const index = open();
    await index.upsert([doc('a', 'printer')]);
    await expect(index.search({ ...any('printer'), boost: { field: 'title', values: ['x'] } })).rejects.toThrow(
      /unknown tag field/,
    );
  });
});
