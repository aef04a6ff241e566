/**
 * Relevance of known-error suggestions (issue 17) on a labelled set built here: 240 published
 * known errors (30 products x 8 failure modes, each with its near neighbours as distractors) and
 * 120 incident texts written the way users write them (greeting, product alias, a paraphrase of
 * the failure, sometimes the error code, sometimes the CI). Through the real path: the
 * known-error search documents in the SQLite FTS5 index, the suggestion query of the incident
 * text, the CI boost. Reports hit@5 (and hit@1, MRR) and holds hit@5 >= 0.8.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteFtsIndex } from '../../functions/adapters/search/sqlite-fts-index.js';
import { KnownErrorRepository } from '../../shared/known-errors/known-error-repository.js';
import { KNOWN_ERROR_SEARCH_SCHEMA, knownErrorSearchDocument } from '../../shared/known-errors/known-error-search.js';
import { KnownErrorSuggestions } from '../../shared/known-errors/known-error-suggestions.js';
import { InMemoryDocumentStore } from '../fakes/in-memory-document-store.js';
import { corpusKnownError, corpusQuery } from './known-error-corpus.js';

const KNOWN_ERRORS = 240;
const QUERIES = 120;

const index = SqliteFtsIndex.inMemory(KNOWN_ERROR_SEARCH_SCHEMA);
afterAll(() => index.close());

describe('known-error suggestions relevance', () => {
  it(`finds the right known error in the top 5 for at least 80% of ${QUERIES} incident texts`, async () => {
    await index.upsert(Array.from({ length: KNOWN_ERRORS }, (_, i) => knownErrorSearchDocument(corpusKnownError(i))));
    const suggestions = new KnownErrorSuggestions(index, new KnownErrorRepository(new InMemoryDocumentStore()));
    let hit1 = 0;
    let hit5 = 0;
    let reciprocal = 0;
    const misses: string[] = [];
    for (let q = 0; q < QUERIES; q++) {
      const query = corpusQuery((q * 2 + (q % 5)) % KNOWN_ERRORS, q);
      const ids = (await suggestions.ids({ text: query.text, scope: query.scope, limit: 5 })).map((h) => h.id);
      const rank = ids.indexOf(query.expected);
      if (rank === 0) hit1++;
      if (rank >= 0) {
        hit5++;
        reciprocal += 1 / (rank + 1);
      } else misses.push(`${query.expected}: ${query.text}`);
    }
    const at5 = hit5 / QUERIES;
    console.log(
      `known-error relevance: ${KNOWN_ERRORS} known errors, ${QUERIES} queries: hit@5 ${at5.toFixed(3)}, hit@1 ${(hit1 / QUERIES).toFixed(3)}, MRR@5 ${(reciprocal / QUERIES).toFixed(3)}`,
    );
    if (misses.length > 0) console.log(`misses (first 5):\n${misses.slice(0, 5).join('\n')}`);
    expect(at5).toBeGreaterThanOrEqual(0.8);
  });
});
