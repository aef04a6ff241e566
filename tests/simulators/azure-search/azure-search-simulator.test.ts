/**
 * The Azure AI Search stand-in answers as the service does: driven through the real SDK
 * (@azure/search-documents) where the SDK has a call for it, and by plain HTTP for the wire
 * details (auth, api-version, error bodies, batch statuses, syntax errors).
 */
import { AzureKeyCredential, SearchClient, SearchIndexClient } from '@azure/search-documents';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AzureSearchSimulator, startAzureSearchSimulator } from './azure-search-simulator.js';

type Hotel = {
  id: string;
  name: string | null;
  body: string | null;
  city: string | null;
  opened: string | null;
  rank: number | null;
};

const VERSION = 'api-version=2026-04-01';

describe('Azure AI Search stand-in', () => {
  let sim: AzureSearchSimulator;
  let indexes: SearchIndexClient;
  let client: SearchClient<Hotel>;

  const rest = (method: string, path: string, body?: unknown, key: string | null = sim.apiKey) =>
    fetch(`${sim.url}${path}${path.includes('?') ? '&' : '?'}${VERSION}`, {
      method,
      headers: { 'content-type': 'application/json', ...(key === null ? {} : { 'api-key': key }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  const definition = {
    name: 'hotels',
    fields: [
      { name: 'id', type: 'Edm.String', key: true, filterable: true },
      { name: 'name', type: 'Edm.String', searchable: true, analyzerName: 'folded' },
      { name: 'body', type: 'Edm.String', searchable: true },
      { name: 'city', type: 'Edm.String', searchable: false, filterable: true, sortable: true },
      { name: 'opened', type: 'Edm.DateTimeOffset', filterable: true, sortable: true },
      { name: 'rank', type: 'Edm.Int32', filterable: true, sortable: true },
    ],
    tokenizers: [{ odatatype: '#Microsoft.Azure.Search.PatternTokenizer', name: 'words', pattern: '[^\\p{L}\\p{N}]+' }],
    analyzers: [
      {
        odatatype: '#Microsoft.Azure.Search.CustomAnalyzer',
        name: 'folded',
        tokenizerName: 'words',
        tokenFilters: ['lowercase', 'asciifolding'],
      },
    ],
    scoringProfiles: [{ name: 'boost', textWeights: { weights: { name: 5 } } }],
  } as const;

  beforeAll(async () => {
    sim = await startAzureSearchSimulator();
    const credential = new AzureKeyCredential(sim.apiKey);
    indexes = new SearchIndexClient(sim.url, credential, { allowInsecureConnection: true });
    client = new SearchClient<Hotel>(sim.url, 'hotels', credential, { allowInsecureConnection: true });
  });
  afterAll(async () => {
    await sim.close();
  });
  beforeEach(async () => {
    if (sim.indexes.has('hotels')) await indexes.deleteIndex('hotels');
    // biome-ignore lint/suspicious/noExplicitAny: the SDK's field union types are not worth spelling out here
    await indexes.createOrUpdateIndex(definition as any);
    await client.uploadDocuments([
      {
        id: 'h1',
        name: 'Café Sunrise',
        body: 'A quiet hotel by the beach with free wifi',
        city: 'Lisbon',
        opened: '2020-05-01T00:00:00Z',
        rank: 3,
      },
      {
        id: 'h2',
        name: 'Harbour Inn',
        body: 'Rooms with a view of the beach. No wifi.',
        city: 'Porto',
        opened: '2018-01-10T00:00:00Z',
        rank: 1,
      },
      {
        id: 'h3',
        name: 'Mountain Lodge',
        body: 'Skiing, fireplace, sauna and wifi in the lobby',
        city: null,
        opened: null,
        rank: 2,
      },
    ]);
  });

  const keys = async (search: string, options: Parameters<SearchClient<Hotel>['search']>[1] = {}) => {
    const found = await client.search(search, options);
    const out: string[] = [];
    for await (const r of found.results) out.push(r.document.id);
    return out;
  };

  it('creates an index (201), returns it on GET and on update (200), and refuses a changed field', async () => {
    const got = await indexes.getIndex('hotels');
    expect(got.fields.map((f) => f.name)).toEqual(['id', 'name', 'body', 'city', 'opened', 'rank']);
    // The service takes back what it returned (a PUT without Prefer answers 204).
    const wire = (await (await rest('GET', "/indexes('hotels')")).json()) as { fields: Record<string, unknown>[] };
    expect((await rest('PUT', "/indexes('hotels')", wire)).status).toBe(204);
    const changed = await rest('PUT', "/indexes('hotels')", {
      ...wire,
      fields: wire.fields.map((f) => (f.name === 'rank' ? { ...f, filterable: false } : f)),
    });
    expect(changed.status).toBe(400);
    expect(((await changed.json()) as { error: { message: string } }).error.message).toMatch(/cannot be changed/);
    const created = await fetch(`${sim.url}/indexes('other')?${VERSION}`, {
      method: 'PUT',
      headers: { 'api-key': sim.apiKey, 'content-type': 'application/json', prefer: 'return=representation' },
      body: JSON.stringify({ name: 'other', fields: [{ name: 'id', type: 'Edm.String', key: true }] }),
    });
    expect(created.status).toBe(201);
    expect(((await created.json()) as { fields: { retrievable: boolean }[] }).fields[0]?.retrievable).toBe(true);
  });

  it('checks the api-key and the api-version, and answers errors as { error: { code, message } }', async () => {
    expect((await rest('GET', "/indexes('hotels')", undefined, null)).status).toBe(401);
    expect((await rest('GET', "/indexes('hotels')", undefined, 'wrong')).status).toBe(403);
    const noVersion = await fetch(`${sim.url}/indexes('hotels')`, { headers: { 'api-key': sim.apiKey } });
    expect(noVersion.status).toBe(400);
    expect(await noVersion.json()).toMatchObject({ error: { message: expect.stringMatching(/api-version/) } });
    await expect(indexes.getIndex('missing')).rejects.toMatchObject({ statusCode: 404 });
  });

  it('refuses invalid index definitions', async () => {
    const bad = [
      { name: 'x', fields: [{ name: 'id', type: 'Edm.String' }] },
      { name: 'x', fields: [{ name: 'id', type: 'Edm.Int32', key: true }] },
      {
        name: 'x',
        fields: [
          { name: 'id', type: 'Edm.String', key: true },
          { name: 'n', type: 'Edm.Int32', searchable: true },
        ],
      },
      {
        name: 'x',
        fields: [
          { name: 'id', type: 'Edm.String', key: true },
          { name: 't', type: 'Edm.String', analyzer: 'nope' },
        ],
      },
      { name: 'Upper', fields: [{ name: 'id', type: 'Edm.String', key: true }] },
      // SDK property names are not the wire's (analyzerName is `analyzer` on the wire).
      { name: 'x', fields: [{ name: 'id', type: 'Edm.String', key: true, analyzerName: 'keyword' }] },
      { name: 'x', fields: [{ name: 'id', type: 'Edm.String', key: true }], extra: true },
    ];
    for (const body of bad)
      expect((await rest('PUT', `/indexes('${body.name}')`, body)).status, JSON.stringify(body)).toBe(400);
  });

  it('indexes in batches: per-key status, 207 when one fails, 400 for an unknown field, 413 past 1,000 actions', async () => {
    const mixed = await rest('POST', "/indexes('hotels')/docs/search.index", {
      value: [
        { '@search.action': 'merge', id: 'h1', city: 'Faro' },
        { '@search.action': 'merge', id: 'nope', city: 'Faro' },
        { '@search.action': 'delete', id: 'h3' },
        { '@search.action': 'upload', id: 'bad key!', name: 'x' },
      ],
    });
    expect(mixed.status).toBe(207);
    expect(((await mixed.json()) as { value: unknown[] }).value).toEqual([
      { key: 'h1', status: true, errorMessage: null, statusCode: 200 },
      { key: 'nope', status: false, errorMessage: 'Document not found.', statusCode: 404 },
      { key: 'h3', status: true, errorMessage: null, statusCode: 200 },
      expect.objectContaining({ key: 'bad key!', status: false, statusCode: 400 }),
    ]);
    expect(await client.getDocumentsCount()).toBe(2);
    expect((await client.getDocument('h1')).city).toBe('Faro');
    const unknown = await rest('POST', "/indexes('hotels')/docs/search.index", { value: [{ id: 'h9', stars: 5 }] });
    expect(unknown.status).toBe(400);
    const wrongType = await rest('POST', "/indexes('hotels')/docs/search.index", {
      value: [{ id: 'h9', opened: 'yesterday' }],
    });
    expect(wrongType.status).toBe(400);
    const many = { value: Array.from({ length: 1_001 }, (_, i) => ({ id: `d${i}` })) };
    expect((await rest('POST', "/indexes('hotels')/docs/search.index", many)).status).toBe(413);
  });

  it('searches with searchMode any and all, phrases, prefixes and NOT in the full syntax', async () => {
    expect((await keys('beach wifi', { searchMode: 'any' })).sort()).toEqual(['h1', 'h2', 'h3']);
    expect((await keys('beach wifi', { searchMode: 'all' })).sort()).toEqual(['h1', 'h2']);
    expect(await keys('"free wifi"', { queryType: 'full' })).toEqual(['h1']);
    expect(await keys('firepl*', { queryType: 'full' })).toEqual(['h3']);
    expect(await keys('+wifi -beach', { queryType: 'full', searchMode: 'all' })).toEqual(['h3']);
    expect(await keys('wifi AND NOT beach', { queryType: 'full' })).toEqual(['h3']);
    expect(await keys('name:(cafe) OR name:lodge', { queryType: 'full' })).toEqual(
      expect.arrayContaining(['h1', 'h3']),
    );
    // The custom analyzer folds accents in documents and queries; body uses the standard analyzer.
    expect(await keys('CAFE', { searchFields: ['name'] })).toEqual(['h1']);
    expect(await keys('sunrise', { searchFields: ['body'] })).toEqual([]);
    // The simple syntax: | is OR, + is AND, - is NOT.
    expect((await keys('sauna | harbour')).sort()).toEqual(['h2', 'h3']);
    expect(await keys('wifi + beach -free', { searchMode: 'all' })).toEqual(['h2']);
  });

  it('refuses what it cannot answer faithfully and malformed queries with 400', async () => {
    for (const search of [
      'wif~1',
      '"a b"~3',
      'name:cafe^2',
      '/reg.x/',
      '[a TO b]',
      'w?fi',
      '(open',
      '"open',
      'nope:wifi',
    ])
      await expect(keys(search, { queryType: 'full' }), search).rejects.toMatchObject({ statusCode: 400 });
    await expect(keys('wifi', { searchFields: ['city'] })).rejects.toMatchObject({ statusCode: 400 });
  });

  it('filters with the OData subset and refuses fields that are not filterable', async () => {
    expect(await keys('*', { filter: "city eq 'Porto'" })).toEqual(['h2']);
    expect(await keys('*', { filter: 'city eq null' })).toEqual(['h3']);
    expect((await keys('*', { filter: 'opened ge 2019-01-01T00:00:00Z or rank lt 2' })).sort()).toEqual(['h1', 'h2']);
    expect(await keys('*', { filter: "not (city eq 'Porto') and opened lt 2030-01-01T00:00:00.000Z" })).toEqual(['h1']);
    expect((await keys('*', { filter: "search.in(city, 'Porto,Lisbon', ',')" })).sort()).toEqual(['h1', 'h2']);
    expect(await keys('*', { filter: "city eq 'O''Brien'" })).toEqual([]);
    for (const filter of [
      "name eq 'x'",
      'city eq 2020-01-01T00:00:00Z',
      "city eq 'unterminated",
      'rank gt',
      'city lt null',
    ])
      await expect(keys('*', { filter }), filter).rejects.toMatchObject({ statusCode: 400 });
  });

  it('orders by score then a sortable field, counts, pages with top/skip and follows nextPageParameters past 1,000', async () => {
    expect(await keys('*', { orderBy: ['rank desc'] })).toEqual(['h1', 'h3', 'h2']);
    expect(await keys('*', { orderBy: ['opened asc'] })).toEqual(['h3', 'h2', 'h1']);
    await expect(keys('*', { orderBy: ['name desc'] })).rejects.toMatchObject({ statusCode: 400 });
    const counted = await client.search('wifi', { includeTotalCount: true, top: 1, skip: 1, orderBy: ['rank asc'] });
    expect(counted.count).toBe(3);
    const page: string[] = [];
    for await (const r of counted.results) page.push(r.document.id);
    expect(page).toEqual(['h3']);
    await client.uploadDocuments(
      Array.from({ length: 1_000 }, (_, i) => ({
        id: `x${i}`,
        name: 'bulk',
        body: null,
        city: null,
        opened: null,
        rank: i,
      })),
    );
    await client.uploadDocuments(
      Array.from({ length: 500 }, (_, i) => ({
        id: `y${i}`,
        name: 'bulk',
        body: null,
        city: null,
        opened: null,
        rank: 1000 + i,
      })),
    );
    expect(await keys('bulk', { top: 1_200, orderBy: ['rank asc'] })).toHaveLength(1_200);
    await expect(keys('bulk', { skip: 100_001 })).rejects.toMatchObject({ statusCode: 400 });
  });

  it('highlights the matched words with the requested tags, and ranks by the scoring profile', async () => {
    const found = await client.search('beach', {
      highlightFields: 'body',
      highlightPreTag: '[[',
      highlightPostTag: ']]',
      select: ['id'],
    });
    const highlights: Record<string, string[] | undefined>[] = [];
    for await (const r of found.results) highlights.push((r.highlights ?? {}) as Record<string, string[] | undefined>);
    expect(highlights.map((h) => h.body?.[0])).toEqual(
      expect.arrayContaining([
        'A quiet hotel by the [[beach]] with free wifi',
        'Rooms with a view of the [[beach]]. No wifi.',
      ]),
    );
    await client.mergeDocuments([{ id: 'h2', name: 'Wifi Harbour' } as Hotel]);
    expect((await keys('wifi', { scoringProfile: 'boost' }))[0]).toBe('h2');
  });
});
