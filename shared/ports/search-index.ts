/**
 * The SearchIndex port: a full-text index over documents of one kind (tickets now, known errors
 * later), described by a `SearchSchema`. Adapters: SQLite FTS5 locally, Azure AI Search in Azure.
 * Queries arrive already parsed (`ParsedQuery`: tokens only, never raw engine syntax), so no
 * adapter can be handed FTS or Lucene operators by a caller.
 */

/** A searchable text field. `internal` fields are searched (and shown) only for the agent audience. */
export interface SearchableField {
  readonly name: string;
  /** Ranking weight (BM25 column weight locally, scoring-profile weight in Azure). */
  readonly weight: number;
  readonly internal?: boolean;
}

export type FilterFieldType = 'string' | 'date';

export interface FilterableField {
  readonly name: string;
  readonly type: FilterFieldType;
}

export interface SearchSchema {
  /** Index name: a table family in SQLite, an index in Azure AI Search (lower-case, `[a-z0-9-]`). */
  readonly name: string;
  readonly searchable: readonly SearchableField[];
  readonly filterable: readonly FilterableField[];
  /** A filterable date field: ties in relevance go to the newest, and broad queries rank the newest matches. */
  readonly recency: string;
}

/** What is stored for one document: its text per searchable field and its filter values. */
export interface IndexedDocument {
  readonly id: string;
  readonly text: Readonly<Record<string, string>>;
  readonly filters: Readonly<Record<string, string | null>>;
}

/**
 * One clause of a query: its tokens (already normalised: lower-case letters and digits), whether
 * they must be adjacent (a phrase), whether the last token is a prefix, which fields it may match
 * (empty = all the audience may see), and whether it must NOT match.
 */
export interface QueryClause {
  readonly tokens: readonly string[];
  readonly phrase: boolean;
  readonly prefix: boolean;
  readonly fields: readonly string[];
  readonly negated: boolean;
}

export interface ParsedQuery {
  /** Every positive clause must match; no negated clause may. At least one clause is positive. */
  readonly clauses: readonly QueryClause[];
}

export type FilterCondition =
  | { readonly field: string; readonly op: 'in'; readonly values: readonly string[] }
  | { readonly field: string; readonly op: 'isNull' }
  | { readonly field: string; readonly op: 'gte' | 'lt'; readonly value: string };

export type SearchAudience = 'agent' | 'customer';

export interface SearchRequest {
  readonly query: ParsedQuery;
  /** `customer`: internal fields are neither matched nor shown. */
  readonly audience: SearchAudience;
  readonly filters: readonly FilterCondition[];
  readonly limit: number;
  readonly offset: number;
}

/** A piece of a snippet: text as it is (never markup), `hit` where the query matched. */
export interface SnippetPart {
  readonly text: string;
  readonly hit: boolean;
}

export interface SearchMatch {
  readonly field: string;
  readonly snippet: readonly SnippetPart[];
}

export interface SearchHit {
  readonly id: string;
  /** Higher is better; comparable only within one result. */
  readonly score: number;
  /** The fields that matched, best first, each with a snippet around the match. */
  readonly matches: readonly SearchMatch[];
}

export interface SearchResult {
  readonly hits: readonly SearchHit[];
  /** Whether more hits follow after this page. */
  readonly more: boolean;
}

export interface SearchIndex {
  readonly schema: SearchSchema;
  /** Creates the index if it is missing (idempotent). */
  ensure(): Promise<void>;
  /** Writes documents whole, replacing earlier versions with the same id. */
  upsert(docs: readonly IndexedDocument[]): Promise<void>;
  remove(ids: readonly string[]): Promise<void>;
  search(request: SearchRequest): Promise<SearchResult>;
  count(): Promise<number>;
  /** Removes every document (a rebuild starts from nothing). */
  clear(): Promise<void>;
  close?(): Promise<void>;
}

/** Characters that mark a hit in an adapter's highlighted text; the indexer strips them from stored text. */
export const HIT_START = '\u0001';
export const HIT_END = '\u0002';
