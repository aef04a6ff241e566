/**
 * The Search Documents operation of the stand-in (POST docs/search.post.search): the query
 * (sim-lucene-query) evaluated over the inverted index with BM25 (k1 1.2, b 0.75) per field times
 * the scoring profile's text weight, prefix terms scored constant (as Lucene's constant-score
 * rewrite), the OData filter, orderby, count, skip/top with Azure's paging (at most 1,000 per
 * page, then @search.nextPageParameters), highlights with the requested tags, and select.
 */

import type { SimIndex } from './sim-index.js';
import { parseSearch, type QueryNode, QuerySyntaxError } from './sim-lucene-query.js';
import { type FieldType, FilterCompiler, FilterSyntaxError } from './sim-odata-filter.js';

/** A request the service answers 400. */
export class BadSearchRequest extends Error {}

const K1 = 1.2;
const B = 0.75;
const PAGE_LIMIT = 1_000;
const MAX_SKIP = 100_000;
const DEFAULT_TOP = 50;
const MAX_FRAGMENTS = 5;
const FRAGMENT_CONTEXT = 60;

const SUPPORTED = new Set([
  'search',
  'queryType',
  'searchMode',
  'searchFields',
  'filter',
  'highlight',
  'highlightPreTag',
  'highlightPostTag',
  'orderby',
  'select',
  'top',
  'skip',
  'count',
  'scoringProfile',
  'scoringParameters',
]);
/** Known parameters the stand-in does not implement: accepted only when absent. */
const NOT_IMPLEMENTED = new Set([
  'facets',
  'vectorQueries',
  'vectorFilterMode',
  'semanticConfiguration',
  'semanticQuery',
  'semanticErrorHandling',
  'semanticMaxWaitInMilliseconds',
  'answers',
  'captions',
  'scoringStatistics',
  'minimumCoverage',
  'sessionId',
  'debug',
  'queryLanguage',
  'speller',
  'hybridSearch',
]);

export interface SearchBody {
  readonly search?: string;
  readonly queryType?: 'simple' | 'full';
  readonly searchMode?: 'any' | 'all';
  readonly searchFields?: string;
  readonly filter?: string;
  readonly highlight?: string;
  readonly highlightPreTag?: string;
  readonly highlightPostTag?: string;
  readonly orderby?: string;
  readonly select?: string;
  readonly top?: number;
  readonly skip?: number;
  readonly count?: boolean;
  readonly scoringProfile?: string;
  /** `<tagsParameter>-<tag>,<tag>` per tag function. */
  readonly scoringParameters?: readonly string[];
}

type Scores = Map<string, number>;

const csv = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

function readBody(raw: unknown): SearchBody {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new BadSearchRequest('The request body must be a JSON object');
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    if (NOT_IMPLEMENTED.has(name))
      throw new BadSearchRequest(`${name} is not supported by the Azure AI Search stand-in`);
    if (!SUPPORTED.has(name)) throw new BadSearchRequest(`Invalid search request: unknown parameter '${name}'`);
  }
  const b = raw as SearchBody;
  if (b.queryType !== undefined && b.queryType !== null && b.queryType !== 'simple' && b.queryType !== 'full')
    throw new BadSearchRequest(`queryType ${String(b.queryType)} is not supported by the stand-in (simple, full)`);
  if (b.searchMode !== undefined && b.searchMode !== null && b.searchMode !== 'any' && b.searchMode !== 'all')
    throw new BadSearchRequest(`Invalid searchMode ${String(b.searchMode)}`);
  for (const n of ['top', 'skip'] as const) {
    const v = b[n];
    if (v !== undefined && v !== null && (!Number.isInteger(v) || v < 0))
      throw new BadSearchRequest(`${n} must be a non-negative integer`);
  }
  if ((b.skip ?? 0) > MAX_SKIP) throw new BadSearchRequest(`skip must be at most ${MAX_SKIP}`);
  return b;
}

class Evaluator {
  private readonly weights: Readonly<Record<string, number>>;

  constructor(
    private readonly index: SimIndex,
    private readonly searchFields: readonly string[],
    profile: string | null,
  ) {
    const p = profile ? index.definition.scoringProfiles.find((s) => s.name === profile) : undefined;
    if (profile && !p) throw new BadSearchRequest(`Unknown scoring profile '${profile}'`);
    this.weights = p?.text?.weights ?? {};
  }

  fieldsOf(node: { readonly field?: string }): readonly string[] {
    if (node.field === undefined) return this.searchFields;
    const f = this.index.field(node.field);
    if (!f?.searchable) throw new BadSearchRequest(`Field '${node.field}' is not searchable (in a fielded query)`);
    return [node.field];
  }

  /** Query text analysed as the field analyses documents. */
  analyse(field: string, text: string): string[] {
    return (this.index.fieldIndexes.get(field)?.analyzer(text) ?? []).map((t) => t.term);
  }

  evaluate(node: QueryNode): Scores {
    switch (node.kind) {
      case 'all':
        return new Map([...this.index.documents.keys()].map((k) => [k, 1]));
      case 'term':
      case 'phrase': {
        const out: Scores = new Map();
        for (const field of this.fieldsOf(node)) {
          const terms = this.analyse(field, node.text);
          const found =
            terms.length === 1 ? this.termScores(field, terms[0] as string) : this.phraseScores(field, terms);
          for (const [k, s] of found) out.set(k, (out.get(k) ?? 0) + s);
        }
        return out;
      }
      case 'prefix': {
        const out: Scores = new Map();
        // Partial terms are lower-cased, not analysed.
        const prefix = node.text.toLowerCase();
        for (const field of this.fieldsOf(node)) {
          const weight = this.weights[field] ?? 1;
          const matched = new Set<string>();
          for (const [term, docs] of this.index.fieldIndexes.get(field)?.postings ?? [])
            if (term.startsWith(prefix)) for (const k of docs.keys()) matched.add(k);
          for (const k of matched) out.set(k, (out.get(k) ?? 0) + weight);
        }
        return out;
      }
      case 'bool':
        return this.bool(node);
    }
  }

  private bool(node: Extract<QueryNode, { kind: 'bool' }>): Scores {
    const must = node.clauses.filter((c) => c.occur === 'must').map((c) => this.evaluate(c.node));
    const should = node.clauses.filter((c) => c.occur === 'should').map((c) => this.evaluate(c.node));
    const mustNot = node.clauses.filter((c) => c.occur === 'mustNot').map((c) => this.evaluate(c.node));
    let candidates: Scores;
    if (must.length > 0) {
      const [first, ...rest] = must.sort((a, b) => a.size - b.size) as [Scores, ...Scores[]];
      candidates = new Map();
      for (const [k, s] of first) {
        let total = s;
        let all = true;
        for (const m of rest) {
          const v = m.get(k);
          if (v === undefined) {
            all = false;
            break;
          }
          total += v;
        }
        if (all) candidates.set(k, total);
      }
      for (const sh of should)
        for (const [k, s] of sh) if (candidates.has(k)) candidates.set(k, (candidates.get(k) as number) + s);
    } else if (should.length > 0) {
      candidates = new Map();
      for (const sh of should) for (const [k, s] of sh) candidates.set(k, (candidates.get(k) ?? 0) + s);
    } else {
      // A purely negative query matches every document the negations leave (as Azure rewrites it).
      candidates = this.evaluate({ kind: 'all' });
    }
    for (const not of mustNot) for (const k of not.keys()) candidates.delete(k);
    return candidates;
  }

  private bm25(field: string, df: number, tf: number, length: number): number {
    const index = this.index.fieldIndexes.get(field);
    const n = this.index.documents.size;
    const docs = index?.lengths.size ?? 0;
    const avg = docs === 0 ? 1 : (index?.totalLength ?? 0) / docs;
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    return (idf * (tf * (K1 + 1))) / (tf + K1 * (1 - B + (B * length) / avg));
  }

  private termScores(field: string, term: string): Scores {
    const out: Scores = new Map();
    const docs = this.index.fieldIndexes.get(field)?.postings.get(term);
    if (!docs) return out;
    const weight = this.weights[field] ?? 1;
    const lengths = this.index.fieldIndexes.get(field)?.lengths;
    for (const [k, p] of docs)
      out.set(k, weight * this.bm25(field, docs.size, p.positions.length, lengths?.get(k) ?? 1));
    return out;
  }

  private phraseScores(field: string, terms: readonly string[]): Scores {
    const out: Scores = new Map();
    if (terms.length === 0) return out;
    const postings = terms.map((t) => this.index.fieldIndexes.get(field)?.postings.get(t));
    if (postings.some((p) => !p)) return out;
    const lists = postings as Map<string, { positions: number[] }>[];
    const weight = this.weights[field] ?? 1;
    const lengths = this.index.fieldIndexes.get(field)?.lengths;
    for (const [k, first] of lists[0] as Map<string, { positions: number[] }>) {
      let freq = 0;
      for (const start of first.positions)
        if (lists.every((l, i) => l.get(k)?.positions.includes(start + i) ?? false)) freq++;
      if (freq === 0) continue;
      let score = 0;
      for (const l of lists) score += this.bm25(field, l.size, freq, lengths?.get(k) ?? 1);
      out.set(k, weight * score);
    }
    return out;
  }
}

/** The leaves that made a document match (not those under a NOT), for highlighting. */
function positiveLeaves(node: QueryNode): Exclude<QueryNode, { kind: 'bool' } | { kind: 'all' }>[] {
  if (node.kind === 'all') return [];
  if (node.kind !== 'bool') return [node];
  return node.clauses.filter((c) => c.occur !== 'mustNot').flatMap((c) => positiveLeaves(c.node));
}

function highlightsOf(
  index: SimIndex,
  key: string,
  field: string,
  leaves: ReturnType<typeof positiveLeaves>,
  evaluator: Evaluator,
  pre: string,
  post: string,
): string[] {
  const { text, tokens } = index.tokensOf(key, field);
  if (tokens.length === 0) return [];
  const hit = new Set<number>();
  for (const leaf of leaves) {
    if (!evaluator.fieldsOf(leaf).includes(field)) continue;
    if (leaf.kind === 'prefix') {
      const prefix = leaf.text.toLowerCase();
      for (const t of tokens) if (t.term.startsWith(prefix)) hit.add(t.position);
      continue;
    }
    const terms = evaluator.analyse(field, leaf.text);
    if (terms.length === 0) continue;
    for (let i = 0; i + terms.length <= tokens.length; i++)
      if (terms.every((term, j) => tokens[i + j]?.term === term)) for (let j = 0; j < terms.length; j++) hit.add(i + j);
  }
  if (hit.size === 0) return [];
  const hits = tokens.filter((t) => hit.has(t.position));
  // Hits close together share a fragment; each fragment has some context on both sides.
  const groups: (typeof hits)[] = [];
  for (const h of hits) {
    const group = groups[groups.length - 1];
    const last = group?.[group.length - 1];
    if (group && last && h.start - last.end <= FRAGMENT_CONTEXT) group.push(h);
    else groups.push([h]);
  }
  const fragments = groups.map((group) => {
    const first = group[0] as (typeof hits)[number];
    const last = group[group.length - 1] as (typeof hits)[number];
    let from = Math.max(0, first.start - FRAGMENT_CONTEXT);
    let to = Math.min(text.length, last.end + FRAGMENT_CONTEXT);
    while (from > 0 && from < first.start && !/\s/.test(text[from - 1] as string)) from++;
    while (to < text.length && to > last.end && !/\s/.test(text[to] as string)) to--;
    let out = '';
    let at = from;
    for (const h of group) {
      out += `${text.slice(at, h.start)}${pre}${text.slice(h.start, h.end)}${post}`;
      at = h.end;
    }
    out += text.slice(at, to);
    return { text: out.trim(), hits: group.length, start: from };
  });
  return fragments
    .sort((a, b) => b.hits - a.hits || a.start - b.start)
    .slice(0, MAX_FRAGMENTS)
    .map((f) => f.text);
}

interface OrderClause {
  readonly by: 'score' | string;
  readonly desc: boolean;
}

function orderOf(index: SimIndex, orderby: string | undefined): OrderClause[] {
  const clauses = csv(orderby).map((part): OrderClause => {
    const m = /^(search\.score\(\)|[A-Za-z][A-Za-z0-9_]*)(?:\s+(asc|desc))?$/.exec(part);
    if (!m) throw new BadSearchRequest(`Invalid $orderby expression '${part}'`);
    const by = m[1] as string;
    if (by !== 'search.score()') {
      const f = index.field(by);
      if (!f?.sortable) throw new BadSearchRequest(`Invalid $orderby: '${by}' is not a sortable field`);
    }
    return { by: by === 'search.score()' ? 'score' : by, desc: m[2] === 'desc' };
  });
  if (clauses.length > 32) throw new BadSearchRequest('$orderby takes at most 32 clauses');
  return clauses.length > 0 ? clauses : [{ by: 'score', desc: true }];
}

/**
 * The profile's tag functions: a document holding one of a function's tags (from its
 * `scoringParameters` entry) has its score multiplied by the function's boost. (Azure adds the
 * boosted function score to the text score's scale; the stand-in keeps the order it gives.)
 */
function tagBoosted(
  index: SimIndex,
  scores: Scores,
  profileName: string | null,
  parameters: readonly string[],
): Scores {
  const profile = index.definition.scoringProfiles.find((p) => p.name === profileName);
  const functions = profile?.functions ?? [];
  if (functions.length === 0) {
    if (parameters.length > 0) throw new BadSearchRequest('scoringParameters: the scoring profile has no tag function');
    return scores;
  }
  const tags = new Map<string, Set<string>>();
  for (const p of parameters) {
    const dash = p.indexOf('-');
    if (dash <= 0) throw new BadSearchRequest(`scoringParameters: '${p}' is not name-values`);
    tags.set(p.slice(0, dash), new Set(p.slice(dash + 1).split(',')));
  }
  const out: Scores = new Map();
  for (const [key, score] of scores) {
    const doc = index.documents.get(key) ?? {};
    let boosted = score;
    for (const fn of functions) {
      const wanted = tags.get(fn.tag.tagsParameter);
      if (!wanted) continue;
      const value = doc[fn.fieldName];
      const held = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
      if (held.some((v) => wanted.has(String(v)))) boosted *= fn.boost;
    }
    out.set(key, boosted);
  }
  return out;
}

export function executeSearch(index: SimIndex, raw: unknown, nextPageLink: string): Record<string, unknown> {
  const body = readBody(raw);
  const searchable = index.definition.fields.filter((f) => f.searchable).map((f) => f.name);
  const searchFields = body.searchFields ? csv(body.searchFields) : searchable;
  for (const f of searchFields)
    if (!searchable.includes(f)) throw new BadSearchRequest(`searchFields: '${f}' is not a searchable field`);
  let query: QueryNode;
  try {
    query = parseSearch(body.search ?? '*', body.queryType ?? 'simple', body.searchMode ?? 'any');
  } catch (error) {
    if (error instanceof QuerySyntaxError) throw new BadSearchRequest(`Failed to parse query string: ${error.message}`);
    throw error;
  }
  const profileName = body.scoringProfile ?? index.definition.defaultScoringProfile;
  const evaluator = new Evaluator(index, searchFields, profileName);
  let scores = tagBoosted(index, evaluator.evaluate(query), profileName, body.scoringParameters ?? []);
  if (body.filter) {
    const filterable = new Map<string, FieldType>(
      index.definition.fields
        .filter((f) => f.filterable && f.type !== 'Collection(Edm.String)')
        .map((f) => [f.name, f.type as FieldType]),
    );
    let filter: ReturnType<FilterCompiler['compile']>;
    try {
      filter = new FilterCompiler(filterable).compile(body.filter);
    } catch (error) {
      if (error instanceof FilterSyntaxError) throw new BadSearchRequest(`Invalid expression: ${error.message}`);
      throw error;
    }
    scores = new Map([...scores].filter(([k]) => filter(index.documents.get(k) ?? {})));
  }
  const order = orderOf(index, body.orderby);
  const value = (k: string, by: string): unknown => (by === 'score' ? scores.get(k) : index.documents.get(k)?.[by]);
  const keys = [...scores.keys()].sort((a, b) => {
    for (const o of order) {
      const va = value(a, o.by);
      const vb = value(b, o.by);
      if (va === vb) continue;
      // Nulls sort first ascending and last descending.
      if (va === null || va === undefined) return o.desc ? 1 : -1;
      if (vb === null || vb === undefined) return o.desc ? -1 : 1;
      const cmp = (va as number | string) < (vb as number | string) ? -1 : 1;
      return o.desc ? -cmp : cmp;
    }
    return 0;
  });
  const skip = body.skip ?? 0;
  const top = body.top ?? DEFAULT_TOP;
  const pageSize = Math.min(top, PAGE_LIMIT);
  const page = keys.slice(skip, skip + pageSize);

  const highlightFields = csv(body.highlight).map((h) => h.replace(/-\d+$/, ''));
  for (const f of highlightFields)
    if (!index.field(f)?.searchable) throw new BadSearchRequest(`highlight: '${f}' is not a searchable field`);
  const pre = body.highlightPreTag ?? '<em>';
  const post = body.highlightPostTag ?? '</em>';
  const leaves = positiveLeaves(query);

  const retrievable = index.definition.fields.filter((f) => f.retrievable).map((f) => f.name);
  const selected = !body.select || body.select.trim() === '*' ? retrievable : csv(body.select);
  for (const f of selected)
    if (!retrievable.includes(f)) throw new BadSearchRequest(`select: '${f}' is not a retrievable field`);

  const results = page.map((k) => {
    const doc = index.documents.get(k) ?? {};
    const out: Record<string, unknown> = { '@search.score': scores.get(k) ?? 0 };
    if (highlightFields.length > 0) {
      const highlights: Record<string, string[]> = {};
      for (const f of highlightFields) {
        const fragments = highlightsOf(index, k, f, leaves, evaluator, pre, post);
        if (fragments.length > 0) highlights[f] = fragments;
      }
      if (Object.keys(highlights).length > 0) out['@search.highlights'] = highlights;
    }
    for (const f of selected) out[f] = doc[f] ?? null;
    return out;
  });
  const response: Record<string, unknown> = {};
  if (body.count) response['@odata.count'] = keys.length;
  response.value = results;
  if (top > PAGE_LIMIT && skip + pageSize < keys.length) {
    response['@odata.nextLink'] = nextPageLink;
    response['@search.nextPageParameters'] = { ...body, skip: skip + pageSize, top: top - pageSize };
  }
  return response;
}
