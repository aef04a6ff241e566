/**
 * SearchIndex on Azure AI Search (`@azure/search-documents`, managed identity in Azure). The index
 * is defined from the SearchSchema: searchable fields analysed by `itn_text` (the same tokens as
 * shared/search/search-text.ts: letters and digits, lower-cased, accents folded), filter values in
 * `f_<name>` fields, BM25 with the schema's weights as the default scoring profile. Queries are
 * written in the Lucene syntax (`queryType: full`) from parsed tokens only, so nothing typed
 * reaches the service as syntax. One difference from FTS5: Lucene has no prefix phrase, so a typed
 * fragment of several words (`smith@contoso`) asks for the complete words as a phrase and the last
 * one as a prefix, not necessarily adjacent to the phrase.
 */
import type { TokenCredential } from '@azure/identity';
import {
  type SearchIndex as AzureIndexDefinition,
  type AzureKeyCredential,
  SearchClient,
  type SearchField,
  SearchIndexClient,
} from '@azure/search-documents';
import type {
  FilterCondition,
  IndexedDocument,
  QueryClause,
  SearchHit,
  SearchIndex,
  SearchMatch,
  SearchRequest,
  SearchResult,
  SearchSchema,
} from '../../../shared/ports/search-index.js';
import { HIT_END, HIT_START } from '../../../shared/search/search-text.js';
import { partsOf, snippetOf } from '../../../shared/search/snippets.js';

export const ANALYZER = 'itn_text';
const TOKENIZER = 'itn_words';
const PROFILE = 'weights';
/** Documents per indexing request (the service takes at most 1,000 and 16 MB). */
const BATCH = 200;
/** Azure AI Search's highest `skip`. */
const MAX_SKIP = 100_000;

export interface AzureSearchSettings {
  readonly endpoint: string;
  readonly indexName: string;
  readonly credential: AzureKeyCredential | TokenCredential;
}

type AzureDocument = Record<string, string | string[] | null>;

const filterField = (name: string) => `f_${name}`;
const tagField = (name: string) => `t_${name}`;
const tagParameter = (name: string) => `tags_${name}`;

/** The index definition the schema asks for (also what `bicep/` documents and the stand-in checks). */
export function indexDefinition(schema: SearchSchema, name: string): AzureIndexDefinition {
  const fields: SearchField[] = [
    { name: 'id', type: 'Edm.String', key: true, filterable: true },
    ...schema.searchable.map(
      (f): SearchField => ({
        name: f.name,
        type: 'Edm.String',
        searchable: true,
        // Retrievable (not hidden) so hit highlighting can read the text; queries select only `id`.
        hidden: false,
        analyzerName: ANALYZER,
      }),
    ),
    ...schema.filterable.map(
      (f): SearchField => ({
        name: filterField(f.name),
        type: f.type === 'date' ? 'Edm.DateTimeOffset' : 'Edm.String',
        filterable: true,
        sortable: f.type === 'date',
        hidden: true,
      }),
    ),
    // Tag fields: exact values a query boosts by (a tag scoring function), never searched as text.
    ...(schema.tags ?? []).map(
      (t): SearchField => ({ name: tagField(t.name), type: 'Collection(Edm.String)', filterable: true, hidden: true }),
    ),
  ];
  return {
    name,
    fields,
    tokenizers: [
      { odatatype: '#Microsoft.Azure.Search.PatternTokenizer', name: TOKENIZER, pattern: '[^\\p{L}\\p{N}]+' },
    ],
    analyzers: [
      {
        odatatype: '#Microsoft.Azure.Search.CustomAnalyzer',
        name: ANALYZER,
        tokenizerName: TOKENIZER,
        tokenFilters: ['lowercase', 'asciifolding'],
      },
    ],
    scoringProfiles: [
      {
        name: PROFILE,
        textWeights: { weights: Object.fromEntries(schema.searchable.map((f) => [f.name, f.weight])) },
        ...((schema.tags ?? []).length > 0
          ? {
              functions: (schema.tags ?? []).map((t) => ({
                type: 'tag' as const,
                fieldName: tagField(t.name),
                boost: t.boost,
                parameters: { tagsParameter: tagParameter(t.name) },
              })),
              functionAggregation: 'sum' as const,
            }
          : {}),
      },
    ],
    defaultScoringProfile: PROFILE,
  };
}

const quote = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** One clause in Lucene syntax: tokens are letters and digits only, so they need no escaping. */
function luceneOf(clause: QueryClause): string {
  const tokens = clause.tokens;
  const last = tokens[tokens.length - 1] as string;
  if (!clause.prefix) return clause.phrase ? `"${tokens.join(' ')}"` : last;
  if (tokens.length === 1) return `${last}*`;
  const whole = tokens.slice(0, -1);
  return `${whole.length === 1 ? whole[0] : `"${whole.join(' ')}"`} AND ${last}*`;
}

export function odataFilter(
  filters: readonly FilterCondition[],
  types: ReadonlyMap<string, 'string' | 'date'>,
): string {
  return filters
    .map((f) => {
      const field = filterField(f.field);
      if (!types.has(f.field)) throw new Error(`search filter on unknown field ${f.field}`);
      if (f.op === 'isNull') return `${field} eq null`;
      if (f.op === 'in')
        return f.values.length === 0 ? 'false' : `(${f.values.map((v) => `${field} eq ${quote(v)}`).join(' or ')})`;
      const instant = new Date(f.value);
      if (Number.isNaN(instant.getTime())) throw new Error(`search filter ${f.field}: ${f.value} is not an instant`);
      return `${field} ${f.op === 'gte' ? 'ge' : 'lt'} ${instant.toISOString()}`;
    })
    .join(' and ');
}

export class AzureSearchIndex implements SearchIndex {
  private readonly client: SearchClient<AzureDocument>;
  private readonly indexes: SearchIndexClient;
  private readonly types: ReadonlyMap<string, 'string' | 'date'>;

  constructor(
    private readonly settings: AzureSearchSettings,
    readonly schema: SearchSchema,
  ) {
    // Plain http only reaches the local stand-in (a key credential); Azure is https.
    const options = { allowInsecureConnection: settings.endpoint.startsWith('http://') };
    this.client = new SearchClient<AzureDocument>(settings.endpoint, settings.indexName, settings.credential, options);
    this.indexes = new SearchIndexClient(settings.endpoint, settings.credential, options);
    this.types = new Map(schema.filterable.map((f) => [f.name, f.type]));
  }

  async ensure(): Promise<void> {
    await this.indexes.createOrUpdateIndex(indexDefinition(this.schema, this.settings.indexName));
  }

  private toAzure(doc: IndexedDocument): AzureDocument {
    const out: AzureDocument = { id: doc.id };
    for (const f of this.schema.searchable) out[f.name] = doc.text[f.name] ?? '';
    for (const f of this.schema.filterable) out[filterField(f.name)] = doc.filters[f.name] ?? null;
    for (const t of this.schema.tags ?? []) out[tagField(t.name)] = [...(doc.tags?.[t.name] ?? [])];
    return out;
  }

  async upsert(docs: readonly IndexedDocument[]): Promise<void> {
    for (let i = 0; i < docs.length; i += BATCH) {
      const result = await this.client.uploadDocuments(
        docs.slice(i, i + BATCH).map((d) => this.toAzure(d)),
        {
          throwOnAnyFailure: true,
        },
      );
      const failed = result.results.find((r) => !r.succeeded);
      if (failed) throw new Error(`Azure AI Search refused ${failed.key}: ${failed.errorMessage ?? failed.statusCode}`);
    }
  }

  async remove(ids: readonly string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += BATCH)
      await this.client.deleteDocuments('id', ids.slice(i, i + BATCH), { throwOnAnyFailure: true });
  }

  async count(): Promise<number> {
    return this.client.getDocumentsCount();
  }

  async clear(): Promise<void> {
    await this.indexes.deleteIndex(this.settings.indexName);
    await this.ensure();
  }

  private visible(audience: SearchRequest['audience']): string[] {
    return this.schema.searchable.filter((f) => audience === 'agent' || !f.internal).map((f) => f.name);
  }

  /** The Lucene query, or undefined when a required clause can match nothing for this audience. */
  luceneQuery(request: SearchRequest): string | undefined {
    const visible = new Set(this.visible(request.audience));
    const parts: string[] = [];
    for (const clause of request.query.clauses) {
      const fields = clause.fields.filter((f) => visible.has(f));
      if (clause.fields.length > 0 && fields.length === 0) {
        if (clause.negated) continue;
        return undefined;
      }
      const body = luceneOf(clause);
      const scoped = fields.length === 0 ? `(${body})` : `(${fields.map((f) => `${f}:(${body})`).join(' OR ')})`;
      // `any`: positive clauses are optional (searchMode any), one of them must match.
      parts.push(`${clause.negated ? '-' : request.query.match === 'any' ? '' : '+'}${scoped}`);
    }
    return parts.join(' ');
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    const search = this.luceneQuery(request);
    if (search === undefined || request.offset > MAX_SKIP) return { hits: [], more: false };
    const visible = this.visible(request.audience);
    const filter = odataFilter(request.filters, this.types);
    const response = await this.client.search(search, {
      queryType: 'full',
      searchMode: request.query.match === 'any' ? 'any' : 'all',
      ...(request.boost && request.boost.values.length > 0
        ? {
            // A tag parameter is a comma-separated list: ids hold no commas (ZId).
            scoringParameters: [`${tagParameter(request.boost.field)}-${request.boost.values.join(',')}`],
          }
        : {}),
      searchFields: visible,
      ...(filter ? { filter } : {}),
      highlightFields: visible.join(','),
      highlightPreTag: HIT_START,
      highlightPostTag: HIT_END,
      orderBy: ['search.score() desc', `${filterField(this.schema.recency)} desc`],
      select: ['id'],
      top: request.limit + 1,
      skip: request.offset,
    });
    const hits: SearchHit[] = [];
    for await (const result of response.results) {
      const highlights = (result.highlights ?? {}) as Record<string, string[] | undefined>;
      const matches: SearchMatch[] = visible.flatMap((field) => {
        const fragment = highlights[field]?.[0];
        return fragment ? [{ field, snippet: snippetOf(fragment) ?? partsOf(fragment) }] : [];
      });
      hits.push({ id: String(result.document.id), score: result.score, matches });
    }
    return { hits: hits.slice(0, request.limit), more: hits.length > request.limit };
  }
}
