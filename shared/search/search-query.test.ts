import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_QUERY_LENGTH, parseQuery } from './search-query.js';
import { TICKET_QUERY_PREFIXES } from './ticket-search-document.js';

const parse = (q: string) => parseQuery(q, TICKET_QUERY_PREFIXES);
const clauses = (q: string) => {
  const r = parse(q);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.clauses;
};

describe('parseQuery', () => {
  it('reads plain words as required whole words, the last one typed also as a word start', () => {
    expect(clauses('Printer bro')).toEqual([
      { tokens: ['printer'], phrase: false, prefix: false, fields: [], negated: false },
      { tokens: ['bro'], phrase: false, prefix: true, fields: [], negated: false },
    ]);
    expect(clauses('bro "paper jam"').map((c) => c.prefix)).toEqual([false, false]);
  });

  it('reads a quoted phrase as whole adjacent words, and an unbalanced quote runs to the end', () => {
    expect(clauses('"paper jam" "toner low')).toEqual([
      { tokens: ['paper', 'jam'], phrase: true, prefix: false, fields: [], negated: false },
      { tokens: ['toner', 'low'], phrase: true, prefix: false, fields: [], negated: false },
    ]);
  });

  it('reads -word, field prefixes and email fragments', () => {
    expect(clauses('-vpn requester:alice tag:vpn-access number:INC-1042 smith@contoso.com')).toEqual([
      { tokens: ['vpn'], phrase: false, prefix: false, fields: [], negated: true },
      { tokens: ['alice'], phrase: false, prefix: false, fields: ['requester'], negated: false },
      { tokens: ['vpn', 'access'], phrase: true, prefix: false, fields: ['tags'], negated: false },
      { tokens: ['inc', '1042'], phrase: true, prefix: false, fields: ['number'], negated: false },
      { tokens: ['smith', 'contoso', 'com'], phrase: true, prefix: true, fields: [], negated: false },
    ]);
    expect(clauses('requester:ali')[0]?.prefix).toBe(true);
  });

  it('treats an unknown prefix, FTS and Lucene operators as text', () => {
    expect(clauses('foo:bar a* NEAR(b) ^c').map((c) => c.tokens)).toEqual([
      ['foo', 'bar'],
      ['a'],
      ['near', 'b'],
      ['c'],
    ]);
    expect(clauses('a*')[0]?.prefix).toBe(false); // one letter never fans out to every word
  });

  it('folds case and accents', () => {
    expect(clauses('Ärger CAFÉ')[0]?.tokens).toEqual(['arger']);
    expect(clauses('Ärger CAFÉ')[1]?.tokens).toEqual(['cafe']);
  });

  it('refuses empty, negative-only, too long and too many clauses with a message', () => {
    for (const q of [
      '',
      '   ',
      '"',
      '***',
      '-vpn',
      '-"a b"',
      'x'.repeat(MAX_QUERY_LENGTH + 1),
      'a b c d e f g h i j k',
    ])
      expect(parse(q)).toMatchObject({ ok: false, error: { code: 'SEARCH.INVALID_QUERY' } });
  });

  it('never throws, and only ever yields letter-and-digit tokens', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 250 }), (q) => {
        const r = parse(q);
        if (r.ok) for (const c of r.value.clauses) for (const t of c.tokens) expect(t).toMatch(/^[\p{L}\p{N}]+$/u);
      }),
      { numRuns: 500 },
    );
  });
});
