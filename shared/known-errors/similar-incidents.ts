/**
 * How many incidents look like a known-error candidate (issue 17): its title and symptoms as a
 * `match: 'any'` query over the ticket index (the same SearchIndex port, ADR 0018), counting the
 * incidents whose matched words cover most of the query's (at least SIMILAR_WORDS of them, or all
 * when it has fewer). A search count, capped at COUNT_CAP: a queue wants "about how many", not a census.
 */
import type { SearchHit, SearchIndex } from '../ports/search-index.js';
import { tokenize } from '../search/search-text.js';
import { suggestionClauses } from './known-error-suggestions.js';

export const COUNT_CAP = 100;
/** Distinct query words an incident must share to count as similar. */
export const SIMILAR_WORDS = 3;

/** The distinct query words a hit's snippets show as matched. */
export function matchedWords(hit: SearchHit, words: ReadonlySet<string>): number {
  const found = new Set<string>();
  for (const m of hit.matches)
    for (const part of m.snippet) if (part.hit) for (const t of tokenize(part.text)) if (words.has(t)) found.add(t);
  return found.size;
}

export class SimilarIncidents {
  constructor(private readonly ticketIndex: SearchIndex) {}

  async count(text: string): Promise<{ count: number; more: boolean }> {
    const clauses = suggestionClauses(text);
    if (clauses.length === 0) return { count: 0, more: false };
    const words = new Set(clauses.map((c) => c.tokens[0] as string));
    const needed = Math.min(SIMILAR_WORDS, words.size);
    const result = await this.ticketIndex.search({
      query: { match: 'any', clauses },
      audience: 'agent',
      filters: [{ field: 'type', op: 'in', values: ['incident'] }],
      limit: COUNT_CAP,
      offset: 0,
    });
    const similar = result.hits.filter((h) => matchedWords(h, words) >= needed).length;
    return { count: similar, more: result.more && similar === result.hits.length };
  }
}
