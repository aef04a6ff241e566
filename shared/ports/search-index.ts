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
  /**
   * Multi-valued exact values (a known error's CI and service ids) that are never searched as
   * text but that a query may boost by (`SearchRequest.boost`): a hit holding any of the asked
   * values scores `boost` times higher (Azure: a tag scoring function).
   */
  readonly tags?: readonly TagField[];
}

export interface TagField {
  readonly name: string;
  readonly boost: number;
}

/** What is stored for one document: its text per searchable field and its filter values. */
export interface IndexedDocument {
  readonly id: string;
  readonly text: Readonly<Record<string, string>>;
  readonly filters: Readonly<Record<string, string | null>>;
  /** Values per tag field of the schema. */
  readonly tags?: Readonly<Record<string, readonly string[]>>;
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
  /**
   * `all` (the default, what people type in a search box): every positive clause must match.
   * `any` (a text to find similar documents for: an incident's words): at least one must, and
   * the documents matching the most and rarest ones rank first; an adapter may leave out the
   * words that most documents hold (they decide nothing) to bound the cost. No negated clause may match.
   */
  readonly match?: 'all' | 'any';
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
  /** Rank hits holding any of these values of a tag field higher (the field's `boost`). */
  readonly boost?: { readonly field: string; readonly values: readonly string[] };
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
