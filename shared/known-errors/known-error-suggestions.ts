/**
 * Known errors for a piece of text (issue 17): an incident's title, description and newest
 * inbound mail become a `match: 'any'` query of their distinct words (common words left out),
 * run against the published known errors with BM25 and boosted when a known error names one of
 * the incident's CIs or services. Suggestions are recomputed when read (ADR 0034): the panel
 * then always reflects the newest mail and the known errors published since, at one query's cost.
 */
import type { QueryClause, SearchIndex, SearchMatch } from '../ports/search-index.js';
import { tokenize } from '../search/search-text.js';
import type { KnownErrorSnapshot } from './known-error.js';
import type { KnownErrorRepository } from './known-error-repository.js';

/** Words that say nothing about which error it is (English, and mail and helpdesk filler). */
const STOPWORDS = new Set(
  `a about above after again all also am an and any are as at be because been before being below between both but by
  can cannot could did do does doing down during each few for from further had has have having he her here hers him his
  how i if in into is it its itself just me more most my no nor not now of off on once only or other our ours out over
  own same she should so some such than that the their theirs them then there these they this those through to too
  under until up very was we were what when where which while who whom why will with would you your yours
  hi hello dear thanks thank regards best kind please help issue problem ticket since today yesterday still again
  get got getting one two us via re fw fwd sent subject`.split(/\s+/),
);

/** At most this many distinct words go to the index (it keeps the rarest of them). */
export const MAX_QUERY_WORDS = 48;

export interface SuggestionInput {
  readonly text: string;
  /** The incident's CIs and the business services they impact. */
  readonly scope: readonly string[];
  readonly limit: number;
}

export interface KnownErrorSuggestion {
  readonly knownError: KnownErrorSnapshot;
  readonly score: number;
  /** Whether it names one of the incident's CIs or services. */
  readonly sameScope: boolean;
  readonly matches: readonly SearchMatch[];
}

/** The query's clauses: each distinct word once (first come first), no stopwords, no 1-letter words. */
export function suggestionClauses(text: string): QueryClause[] {
  const words: string[] = [];
  const seen = new Set<string>();
  for (const token of tokenize(text)) {
    if (token.length < 2 || STOPWORDS.has(token) || seen.has(token)) continue;
    seen.add(token);
    words.push(token);
    if (words.length >= MAX_QUERY_WORDS) break;
  }
  return words.map((w) => ({ tokens: [w], phrase: false, prefix: false, fields: [], negated: false }));
}

export class KnownErrorSuggestions {
  constructor(
    private readonly index: SearchIndex,
    private readonly knownErrors: KnownErrorRepository,
  ) {}

  /** The ids and scores only (what the relevance test and the candidates' counts need). */
  async ids(input: SuggestionInput): Promise<{ id: string; score: number; matches: readonly SearchMatch[] }[]> {
    const clauses = suggestionClauses(input.text);
    if (clauses.length === 0) return [];
    const result = await this.index.search({
      query: { match: 'any', clauses },
      audience: 'agent',
      filters: [],
      limit: input.limit,
      offset: 0,
      ...(input.scope.length > 0 ? { boost: { field: 'scope', values: input.scope } } : {}),
    });
    return result.hits.map((h) => ({ id: h.id, score: h.score, matches: h.matches }));
  }

  async suggest(input: SuggestionInput): Promise<KnownErrorSuggestion[]> {
    const hits = await this.ids(input);
    const found = new Map((await this.knownErrors.many(hits.map((h) => h.id))).map((k) => [k.id, k]));
    const scope = new Set(input.scope);
    return hits.flatMap((h) => {
      const ke = found.get(h.id);
      // The index may run a moment behind a retire: never offer what is no longer published.
      if (ke?.status !== 'published') return [];
      const sameScope = [...ke.ciIds, ...ke.serviceIds].some((id) => scope.has(id));
      return [{ knownError: ke, score: h.score, sameScope, matches: h.matches }];
    });
  }
}
