/**
 * The SearchIndex contract: what every adapter must do with the ticket schema, the same queries
 * giving the same tickets on SQLite FTS5 and on Azure AI Search (through its stand-in).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type {
  FilterCondition,
  IndexedDocument,
  SearchAudience,
  SearchIndex,
  SearchResult,
} from '../../shared/ports/search-index.js';
import { parseQuery } from '../../shared/search/search-query.js';
import { TICKET_QUERY_PREFIXES } from '../../shared/search/ticket-search-document.js';

const EMPTY_TEXT = {
  number: '',
  title: '',
  requester: '',
  company: '',
  tags: '',
  attachments: '',
  description: '',
  mail: '',
  publicNotes: '',
  notes: '',
  assists: '',
};

let sequence = 0;

/** A ticket document: text fields by name, filters with defaults. */
export function aSearchDoc(
  id: string,
  text: Partial<typeof EMPTY_TEXT>,
  filters: Partial<Record<string, string | null>> = {},
): IndexedDocument {
  sequence += 1;
  const createdAt = new Date(Date.UTC(2026, 0, 1) + sequence * 60_000).toISOString();
  return {
    id,
    text: { ...EMPTY_TEXT, number: `INC-${1000 + sequence}`, ...text },
    filters: {
      number: text.number ?? `INC-${1000 + sequence}`,
      status: 'open',
      priority: 'P3',
      teamId: 'service-desk',
      ownerId: null,
      type: 'incident',
      requesterEmail: 'someone@example.com',
      createdAt,
      updatedAt: createdAt,
      ...filters,
    },
  };
}

export interface SearchContractOptions {
  /** Time the index needs before a write is searchable (Azure AI Search: near real time). */
  readonly settle?: () => Promise<void>;
}

export function describeSearchIndexContract(
  name: string,
  open: () => Promise<SearchIndex>,
  options: SearchContractOptions = {},
): void {
  describe(`SearchIndex contract: ${name}`, () => {
    let index: SearchIndex;
    const settle = options.settle ?? (async () => {});

    const search = async (
      q: string,
      more: { audience?: SearchAudience; filters?: FilterCondition[]; limit?: number; offset?: number } = {},
    ): Promise<SearchResult> => {
      const parsed = parseQuery(q, TICKET_QUERY_PREFIXES);
      if (!parsed.ok) throw new Error(parsed.error.message);
      return index.search({
        query: parsed.value,
        audience: more.audience ?? 'agent',
        filters: more.filters ?? [],
        limit: more.limit ?? 20,
        offset: more.offset ?? 0,
      });
    };
    const ids = async (q: string, more?: Parameters<typeof search>[1]) => (await search(q, more)).hits.map((h) => h.id);

    beforeEach(async () => {
      index = await open();
      await index.ensure();
      await index.clear();
    });

    it('finds words in any field, all of them required, the last one typed also as a word start', async () => {
      await index.upsert([
        aSearchDoc('t1', { title: 'Printer on floor 3 is broken' }),
        aSearchDoc('t2', { mail: 'The printer works again' }),
        aSearchDoc('t3', { description: 'Nothing to do with it' }),
      ]);
      await settle();
      expect((await ids('printer')).sort()).toEqual(['t1', 't2']);
      expect(await ids('broken print')).toEqual(['t1']);
      expect(await ids('print broken')).toEqual([]); // only the word typed last is a word start
      expect((await ids('prin')).sort()).toEqual(['t1', 't2']);
      expect(await ids('PRINTERS')).toEqual([]);
      expect(await ids('nothing')).toEqual(['t3']);
    });

    it('ranks a title match above a match deep in a mail', async () => {
      await index.upsert([
        aSearchDoc('mail', { mail: `Hello team, ${'some long story about the office '.repeat(10)} and the scanner.` }),
        aSearchDoc('title', { title: 'Scanner jams' }),
      ]);
      await settle();
      expect(await ids('scanner')).toEqual(['title', 'mail']);
    });

    it('matches a quoted phrase only with the words adjacent and in order', async () => {
      await index.upsert([
        aSearchDoc('adjacent', { mail: 'There is a paper jam in tray 2' }),
        aSearchDoc('apart', { mail: 'The paper is fine, the jam is elsewhere' }),
        aSearchDoc('reversed', { mail: 'jam paper' }),
      ]);
      await settle();
      expect(await ids('"paper jam"')).toEqual(['adjacent']);
      expect((await ids('paper jam')).sort()).toEqual(['adjacent', 'apart', 'reversed']);
    });

    it('leaves out what a -word matches', async () => {
      await index.upsert([
        aSearchDoc('vpn', { title: 'VPN drops' }),
        aSearchDoc('vpn-wifi', { title: 'VPN drops on wifi' }),
      ]);
      await settle();
      expect(await ids('vpn -wifi')).toEqual(['vpn']);
      expect(await ids('vpn -"on wifi"')).toEqual(['vpn']);
    });

    it('finds a requester by an email fragment and by name, with the requester as the reason', async () => {
      await index.upsert([
        aSearchDoc('alice', { requester: 'Alice Smith alice.smith@contoso.com', company: 'contoso.com' }),
        aSearchDoc('bob', { requester: 'Bob Stone bob@fabrikam.com', mail: 'cc alice' }),
      ]);
      await settle();
      for (const q of ['alice.smith@contoso.com', 'smith@contoso', 'alice.smith', 'contoso', 'Smith'])
        expect(await ids(q), q).toEqual(['alice']);
      const [hit] = (await search('smith@contoso')).hits;
      const requester = hit?.matches.find((m) => m.field === 'requester');
      expect(requester?.snippet.some((p) => p.hit && /smith/i.test(p.text))).toBe(true);
    });

    it('limits a field prefix to its field (requester:, tag:, number:)', async () => {
      await index.upsert([
        aSearchDoc('req', { requester: 'Alice Smith alice@contoso.com', tags: 'hardware' }),
        aSearchDoc('mail', { mail: 'alice said hello', tags: 'hardware-loan' }),
        aSearchDoc('num', { number: 'INC-4711', title: 'about INC 4712' }),
      ]);
      await settle();
      expect(await ids('requester:alice')).toEqual(['req']);
      expect((await ids('alice')).sort()).toEqual(['mail', 'req']);
      expect((await ids('tag:hardware')).sort()).toEqual(['mail', 'req']);
      expect(await ids('tag:hardware-loan')).toEqual(['mail']);
      expect(await ids('number:INC-4711')).toEqual(['num']);
      expect(await ids('number:INC-4712')).toEqual([]);
    });

    it('shows internal notes and assist threads to agents only, never matched or shown to customers', async () => {
      await index.upsert([
        aSearchDoc('t1', { title: 'Laptop', notes: 'root password is hunter2', assists: 'DBA says: restore tonight' }),
      ]);
      await settle();
      expect(await ids('hunter2')).toEqual(['t1']);
      expect(await ids('restore tonight')).toEqual(['t1']);
      expect(await ids('hunter2', { audience: 'customer' })).toEqual([]);
      expect(await ids('requester:x laptop', { audience: 'customer' })).toEqual([]);
      const agent = (await search('laptop hunter2')).hits[0];
      expect(agent?.matches.map((m) => m.field)).toEqual(['title', 'notes']);
      const customer = (await search('laptop', { audience: 'customer' })).hits[0];
      expect(customer?.matches.map((m) => m.field)).toEqual(['title']);
      // A negation on internal text cannot be used by a customer to probe it.
      expect(await ids('laptop -hunter2', { audience: 'customer' })).toEqual(['t1']);
    });

    it('returns snippets as plain text with the hits marked, markup left as text', async () => {
      const hostile = '<img src=x onerror=alert(1)> the toner <script>steal()</script> is empty';
      await index.upsert([aSearchDoc('t1', { mail: hostile })]);
      await settle();
      const [hit] = (await search('toner')).hits;
      const mail = hit?.matches.find((m) => m.field === 'mail');
      expect(mail?.snippet.filter((p) => p.hit).map((p) => p.text.toLowerCase())).toEqual(['toner']);
      const text = mail?.snippet.map((p) => p.text).join('') ?? '';
      expect(text).toContain('<script>steal()</script>');
      expect(hostile).toContain(text.replace(/…/g, '').trim());
    });

    it('applies filters together with the text', async () => {
      await index.upsert([
        aSearchDoc(
          'open-mine',
          { title: 'disk full' },
          { status: 'open', ownerId: 'ag_alice', createdAt: '2026-03-01T10:00:00.000Z' },
        ),
        aSearchDoc(
          'new-none',
          { title: 'disk full' },
          { status: 'new', ownerId: null, createdAt: '2026-03-05T10:00:00.000Z' },
        ),
        aSearchDoc(
          'closed',
          { title: 'disk full' },
          { status: 'closed', teamId: 'network', createdAt: '2026-02-01T10:00:00.000Z' },
        ),
      ]);
      await settle();
      expect(await ids('disk', { filters: [{ field: 'status', op: 'in', values: ['open', 'new'] }] })).toHaveLength(2);
      expect(await ids('disk', { filters: [{ field: 'ownerId', op: 'isNull' }] })).toEqual(['new-none', 'closed']);
      expect(await ids('disk', { filters: [{ field: 'teamId', op: 'in', values: ['network'] }] })).toEqual(['closed']);
      expect(
        await ids('disk', {
          filters: [
            { field: 'createdAt', op: 'gte', value: '2026-03-01T00:00:00.000Z' },
            { field: 'createdAt', op: 'lt', value: '2026-03-02T00:00:00.000Z' },
          ],
        }),
      ).toEqual(['open-mine']);
      expect(await ids('disk', { filters: [{ field: 'ownerId', op: 'in', values: [] }] })).toEqual([]);
    });

    it('puts the newest first among equal matches, and pages with offset and more', async () => {
      await index.upsert([1, 2, 3, 4, 5].map((n) => aSearchDoc(`t${n}`, { title: 'same words' })));
      await settle();
      const first = await search('same', { limit: 2 });
      expect(first.hits.map((h) => h.id)).toEqual(['t5', 't4']);
      expect(first.more).toBe(true);
      const last = await search('same', { limit: 2, offset: 4 });
      expect(last.hits.map((h) => h.id)).toEqual(['t1']);
      expect(last.more).toBe(false);
    });

    it('replaces a document whole on upsert and forgets it on remove and clear', async () => {
      await index.upsert([aSearchDoc('t1', { mail: 'secret customer data' }), aSearchDoc('t2', { title: 'other' })]);
      await settle();
      expect(await ids('secret')).toEqual(['t1']);
      await index.upsert([aSearchDoc('t1', { mail: 'redacted' })]);
      await settle();
      expect(await ids('secret')).toEqual([]);
      expect(await ids('redacted')).toEqual(['t1']);
      await index.remove(['t1', 'unknown']);
      await settle();
      expect(await ids('redacted')).toEqual([]);
      expect(await index.count()).toBe(1);
      await index.clear();
      expect(await index.count()).toBe(0);
    });

    it('folds accents and case the same way for documents and queries', async () => {
      await index.upsert([aSearchDoc('t1', { title: 'Café Überweisung Señor' })]);
      await settle();
      for (const q of ['cafe', 'UBERWEISUNG', 'señor', 'senor']) expect(await ids(q), q).toEqual(['t1']);
    });

    it('answers hostile input as text: FTS and Lucene syntax, quotes, control characters', async () => {
      await index.upsert([aSearchDoc('t1', { title: 'near or and not' })]);
      await settle();
      for (const q of [
        'NEAR(a b)',
        'title:*',
        '"',
        'a OR b',
        '* AND *',
        '\\" OR 1=1 --',
        '{title}: x',
        'x^2~3',
        '/.*/',
        '\u0001hit\u0002',
        '(((',
        'near or',
      ]) {
        const parsed = parseQuery(q, TICKET_QUERY_PREFIXES);
        if (!parsed.ok) continue;
        await expect(
          index.search({ query: parsed.value, audience: 'agent', filters: [], limit: 5, offset: 0 }),
        ).resolves.toBeDefined();
      }
      expect(await ids('near or')).toEqual(['t1']);
    });
  });
}
