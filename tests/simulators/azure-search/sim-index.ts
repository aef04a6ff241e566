/**
 * One index of the Azure AI Search stand-in: the definition as the REST API takes and returns it
 * (fields with their attributes, custom analyzers and tokenizers, scoring profiles with text
 * weights), the documents, and an inverted index with positions per searchable field.
 * Definition rules Azure enforces are enforced here too: one Edm.String key, valid names, known
 * analyzers on searchable string fields only, and an update may add fields but never change or
 * drop one.
 */
import {
  type Analyzer,
  analyzersOf,
  type CustomAnalyzerDefinition,
  type CustomTokenizerDefinition,
  DefinitionError,
  type Token,
} from './sim-analysis.js';
import type { FieldType } from './sim-odata-filter.js';

export { DefinitionError };

/** Scalar types, and string collections (tag fields: stored, boosted by, never searched or filtered here). */
export type IndexFieldType = FieldType | 'Collection(Edm.String)';

const FIELD_TYPES: readonly IndexFieldType[] = [
  'Collection(Edm.String)',
  'Edm.String',
  'Edm.DateTimeOffset',
  'Edm.Int32',
  'Edm.Int64',
  'Edm.Double',
  'Edm.Boolean',
];
const INDEX_PROPERTIES = new Set([
  '@odata.context',
  '@odata.etag',
  'name',
  'description',
  'fields',
  'scoringProfiles',
  'defaultScoringProfile',
  'corsOptions',
  'suggesters',
  'analyzers',
  'normalizers',
  'tokenizers',
  'tokenFilters',
  'charFilters',
  'encryptionKey',
  'similarity',
  'semantic',
  'vectorSearch',
]);
const FIELD_PROPERTIES = new Set([
  'name',
  'type',
  'key',
  'retrievable',
  'stored',
  'searchable',
  'filterable',
  'sortable',
  'facetable',
  'analyzer',
  'searchAnalyzer',
  'indexAnalyzer',
  'normalizer',
  'synonymMaps',
  'fields',
  'dimensions',
  'vectorSearchProfile',
  'vectorEncoding',
]);
const INDEX_NAME = /^[a-z0-9][a-z0-9-]{0,127}$/;
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,127}$/;
/** Keys: letters, digits, underscore, dash, equals sign (Azure's rule), at most 1,024 characters. */
export const DOCUMENT_KEY = /^[A-Za-z0-9_\-=]{1,1024}$/;
const DATE_TIME_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/;

export interface FieldDefinition {
  readonly name: string;
  readonly type: IndexFieldType;
  readonly key: boolean;
  readonly searchable: boolean;
  readonly filterable: boolean;
  readonly sortable: boolean;
  readonly facetable: boolean;
  readonly retrievable: boolean;
  readonly analyzer: string | null;
}

/** The one scoring function the stand-in runs: a tag function (a matching tag multiplies the score by `boost`). */
export interface TagFunction {
  readonly type: 'tag';
  readonly fieldName: string;
  readonly boost: number;
  /** The REST shape (`tag`; the SDK's `parameters`). */
  readonly tag: { readonly tagsParameter: string };
}

export interface ScoringProfile {
  readonly name: string;
  readonly text?: { readonly weights: Readonly<Record<string, number>> };
  readonly functions?: readonly TagFunction[];
}

export interface IndexDefinition {
  readonly name: string;
  readonly fields: readonly FieldDefinition[];
  readonly analyzers: readonly CustomAnalyzerDefinition[];
  readonly tokenizers: readonly CustomTokenizerDefinition[];
  readonly scoringProfiles: readonly ScoringProfile[];
  readonly defaultScoringProfile: string | null;
}

const bool = (value: unknown, fallback: boolean, what: string): boolean => {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw new DefinitionError(`${what} must be true or false`);
  return value;
};

/** Reads a PUT body into a definition with Azure's defaults, or throws DefinitionError. */
export function readDefinition(body: unknown, urlName: string): IndexDefinition {
  if (!body || typeof body !== 'object') throw new DefinitionError('The request body must be an index definition');
  const b = body as Record<string, unknown>;
  if (b.name !== urlName)
    throw new DefinitionError(`The index name '${String(b.name)}' in the body does not match '${urlName}' in the URL`);
  if (!INDEX_NAME.test(urlName))
    throw new DefinitionError(
      `Invalid index name '${urlName}': lower-case letters, digits or dashes, starting with a letter or digit`,
    );
  if (!Array.isArray(b.fields) || b.fields.length === 0) throw new DefinitionError('An index needs fields');
  for (const name of Object.keys(b))
    if (!INDEX_PROPERTIES.has(name))
      throw new DefinitionError(`The property '${name}' does not exist on type 'SearchIndex'`);
  const similarity = b.similarity as { '@odata.type'?: string; k1?: unknown; b?: unknown } | null | undefined;
  if (
    similarity &&
    (similarity['@odata.type'] !== '#Microsoft.Azure.Search.BM25Similarity' ||
      (similarity.k1 ?? null) !== null ||
      (similarity.b ?? null) !== null)
  )
    throw new DefinitionError('similarity: only BM25 with the default k1 and b is supported by the stand-in');
  for (const unsupported of ['suggesters', 'vectorSearch', 'semantic', 'corsOptions', 'encryptionKey'])
    if (
      b[unsupported] !== undefined &&
      b[unsupported] !== null &&
      !(Array.isArray(b[unsupported]) && b[unsupported].length === 0)
    )
      throw new DefinitionError(`${unsupported} is not supported by the Azure AI Search stand-in`);
  const analyzers = (b.analyzers ?? []) as CustomAnalyzerDefinition[];
  const tokenizers = (b.tokenizers ?? []) as CustomTokenizerDefinition[];
  for (const list of ['tokenFilters', 'charFilters', 'normalizers'])
    if (Array.isArray(b[list]) && (b[list] as unknown[]).length > 0)
      throw new DefinitionError(`custom ${list} are not supported by the Azure AI Search stand-in`);
  const known = analyzersOf(analyzers, tokenizers);
  const names = new Set<string>();
  const fields = (b.fields as Record<string, unknown>[]).map((f): FieldDefinition => {
    const name = String(f.name);
    for (const property of Object.keys(f))
      if (!FIELD_PROPERTIES.has(property))
        throw new DefinitionError(`Field '${name}': the property '${property}' does not exist on type 'SearchField'`);
    if (!FIELD_NAME.test(name) || name.startsWith('azureSearch'))
      throw new DefinitionError(`Invalid field name '${name}'`);
    if (names.has(name)) throw new DefinitionError(`Field '${name}' is defined twice`);
    names.add(name);
    const type = f.type as IndexFieldType;
    if (!FIELD_TYPES.includes(type))
      throw new DefinitionError(`Field '${name}': type ${String(f.type)} is not supported by the stand-in`);
    const isString = type === 'Edm.String';
    const searchable = bool(f.searchable, isString, `${name}.searchable`);
    if (type === 'Collection(Edm.String)' && searchable)
      throw new DefinitionError(`Field '${name}': searchable collections are not supported by the stand-in`);
    if (searchable && !isString) throw new DefinitionError(`Field '${name}': only Edm.String fields can be searchable`);
    for (const a of [
      'searchAnalyzer',
      'indexAnalyzer',
      'normalizer',
      'synonymMaps',
      'fields',
      'dimensions',
      'vectorSearchProfile',
      'vectorEncoding',
    ])
      if (f[a] !== undefined && f[a] !== null && !(Array.isArray(f[a]) && f[a].length === 0))
        throw new DefinitionError(`Field '${name}': ${a} is not supported by the stand-in`);
    const analyzer = (f.analyzer as string | null | undefined) ?? null;
    if (analyzer !== null && !searchable)
      throw new DefinitionError(`Field '${name}': an analyzer can only be set on a searchable field`);
    if (analyzer !== null && !known.has(analyzer))
      throw new DefinitionError(`Field '${name}': unknown analyzer '${analyzer}'`);
    const key = bool(f.key, false, `${name}.key`);
    return {
      name,
      type,
      key,
      searchable,
      filterable: bool(f.filterable, true, `${name}.filterable`),
      sortable: bool(f.sortable, !searchable || !isString, `${name}.sortable`),
      facetable: bool(f.facetable, true, `${name}.facetable`),
      retrievable: bool(f.retrievable, true, `${name}.retrievable`),
      analyzer: searchable ? (analyzer ?? 'standard.lucene') : null,
    };
  });
  const keys = fields.filter((f) => f.key);
  if (keys.length !== 1) throw new DefinitionError('An index needs exactly one key field');
  if (keys[0]?.type !== 'Edm.String') throw new DefinitionError('The key field must be of type Edm.String');
  if (keys[0]?.retrievable === false) throw new DefinitionError('The key field must be retrievable');
  const scoringProfiles = ((b.scoringProfiles ?? []) as ScoringProfile[]).map((p) => {
    for (const fn of (p.functions ?? []) as unknown as Record<string, unknown>[]) {
      if (fn.type !== 'tag')
        throw new DefinitionError(`scoring profile ${p.name}: only tag functions are supported by the stand-in`);
      const field = fields.find((f) => f.name === fn.fieldName);
      if (!field || (field.type !== 'Edm.String' && field.type !== 'Collection(Edm.String)'))
        throw new DefinitionError(
          `scoring profile ${p.name}: tag field ${String(fn.fieldName)} must be a string field`,
        );
      if (typeof fn.boost !== 'number' || fn.boost <= 0 || fn.boost === 1)
        throw new DefinitionError(`scoring profile ${p.name}: boost must be a positive number other than 1`);
      const parameters = fn.tag as { tagsParameter?: unknown } | undefined;
      if (typeof parameters?.tagsParameter !== 'string' || parameters.tagsParameter === '')
        throw new DefinitionError(`scoring profile ${p.name}: a tag function needs tag.tagsParameter`);
    }
    for (const [field, weight] of Object.entries(p.text?.weights ?? {})) {
      if (!fields.some((f) => f.name === field && f.searchable))
        throw new DefinitionError(`scoring profile ${p.name}: ${field} is not a searchable field`);
      if (typeof weight !== 'number' || weight <= 0)
        throw new DefinitionError(`scoring profile ${p.name}: the weight of ${field} must be a positive number`);
    }
    return p;
  });
  const defaultScoringProfile = (b.defaultScoringProfile as string | null | undefined) ?? null;
  if (defaultScoringProfile !== null && !scoringProfiles.some((p) => p.name === defaultScoringProfile))
    throw new DefinitionError(`defaultScoringProfile ${defaultScoringProfile} is not a scoring profile of the index`);
  return { name: urlName, fields, analyzers, tokenizers, scoringProfiles, defaultScoringProfile };
}

/** Azure refuses an update that changes or removes an existing field, or changes an analyzer in use. */
export function checkUpdate(before: IndexDefinition, after: IndexDefinition): void {
  for (const old of before.fields) {
    const now = after.fields.find((f) => f.name === old.name);
    if (!now) throw new DefinitionError(`Existing field '${old.name}' cannot be removed; rebuild the index`);
    if (JSON.stringify(now) !== JSON.stringify(old))
      throw new DefinitionError(`Existing field '${old.name}' cannot be changed; rebuild the index`);
  }
  for (const a of before.analyzers) {
    const now = after.analyzers.find((x) => x.name === a.name);
    if (JSON.stringify(now) !== JSON.stringify(a))
      throw new DefinitionError(`Analyzer '${a.name}' cannot be changed without allowIndexDowntime`);
  }
}

export type StoredDocument = Record<string, unknown>;

interface Posting {
  /** Positions of the term in the field. */
  readonly positions: number[];
}

interface FieldIndex {
  readonly analyzer: Analyzer;
  /** term -> document key -> positions */
  readonly postings: Map<string, Map<string, Posting>>;
  /** document key -> number of tokens */
  readonly lengths: Map<string, number>;
  totalLength: number;
}

export class SimIndex {
  readonly documents = new Map<string, StoredDocument>();
  readonly fieldIndexes = new Map<string, FieldIndex>();
  readonly analyzers: Map<string, Analyzer>;
  readonly key: string;
  etag = 0;

  constructor(public definition: IndexDefinition) {
    this.analyzers = analyzersOf(definition.analyzers, definition.tokenizers);
    this.key = (definition.fields.find((f) => f.key) as FieldDefinition).name;
    this.resetFieldIndexes();
  }

  /** An accepted update (new fields, scoring profiles): documents are kept, new fields start empty. */
  redefine(definition: IndexDefinition): void {
    this.definition = definition;
    const analyzers = analyzersOf(definition.analyzers, definition.tokenizers);
    for (const [name, a] of analyzers) this.analyzers.set(name, a);
    for (const f of definition.fields)
      if (f.searchable && !this.fieldIndexes.has(f.name))
        this.fieldIndexes.set(f.name, {
          analyzer: this.analyzerOf(f),
          postings: new Map(),
          lengths: new Map(),
          totalLength: 0,
        });
    this.etag++;
  }

  private resetFieldIndexes(): void {
    this.fieldIndexes.clear();
    for (const f of this.definition.fields)
      if (f.searchable)
        this.fieldIndexes.set(f.name, {
          analyzer: this.analyzerOf(f),
          postings: new Map(),
          lengths: new Map(),
          totalLength: 0,
        });
  }

  private analyzerOf(field: FieldDefinition): Analyzer {
    return this.analyzers.get(field.analyzer ?? 'standard.lucene') as Analyzer;
  }

  field(name: string): FieldDefinition | undefined {
    return this.definition.fields.find((f) => f.name === name);
  }

  /** Checks a document's fields against the definition; returns the values as stored. */
  validate(doc: Readonly<Record<string, unknown>>): StoredDocument {
    const out: StoredDocument = {};
    for (const [name, value] of Object.entries(doc)) {
      if (name === '@search.action') continue;
      const field = this.field(name);
      if (!field)
        throw new DefinitionError(
          `The request is invalid. Details: The property '${name}' does not exist on type 'search.documentFields'.`,
        );
      out[name] = storedValue(field, value);
    }
    return out;
  }

  write(key: string, doc: StoredDocument): void {
    this.unindex(key);
    this.documents.set(key, doc);
    for (const [name, index] of this.fieldIndexes) {
      const text = doc[name];
      if (typeof text !== 'string' || text === '') continue;
      const tokens = index.analyzer(text);
      index.lengths.set(key, tokens.length);
      index.totalLength += tokens.length;
      for (const t of tokens) {
        let docs = index.postings.get(t.term);
        if (!docs) {
          docs = new Map();
          index.postings.set(t.term, docs);
        }
        let posting = docs.get(key);
        if (!posting) {
          posting = { positions: [] };
          docs.set(key, posting);
        }
        posting.positions.push(t.position);
      }
    }
  }

  remove(key: string): boolean {
    const had = this.unindex(key);
    this.documents.delete(key);
    return had;
  }

  private unindex(key: string): boolean {
    const old = this.documents.get(key);
    if (!old) return false;
    for (const [name, index] of this.fieldIndexes) {
      const text = old[name];
      if (typeof text !== 'string' || text === '') continue;
      for (const t of new Set(index.analyzer(text).map((x) => x.term))) {
        const docs = index.postings.get(t);
        docs?.delete(key);
        if (docs && docs.size === 0) index.postings.delete(t);
      }
      index.totalLength -= index.lengths.get(key) ?? 0;
      index.lengths.delete(key);
    }
    return true;
  }

  /** The tokens of a stored field (highlighting re-analyses the few documents of a page). */
  tokensOf(key: string, field: string): { text: string; tokens: Token[] } {
    const text = this.documents.get(key)?.[field];
    const index = this.fieldIndexes.get(field);
    if (typeof text !== 'string' || !index) return { text: '', tokens: [] };
    return { text, tokens: index.analyzer(text) };
  }
}

function storedValue(field: FieldDefinition, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const bad = () =>
    new DefinitionError(
      `The request is invalid. Details: Cannot convert the literal '${String(value)}' to the expected type '${field.type}' (field ${field.name}).`,
    );
  switch (field.type) {
    case 'Collection(Edm.String)':
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw bad();
      return [...value];
    case 'Edm.String':
      if (typeof value !== 'string') throw bad();
      return value;
    case 'Edm.DateTimeOffset':
      if (typeof value !== 'string' || !DATE_TIME_OFFSET.test(value) || Number.isNaN(Date.parse(value))) throw bad();
      return new Date(value).toISOString().replace('.000Z', 'Z');
    case 'Edm.Boolean':
      if (typeof value !== 'boolean') throw bad();
      return value;
    case 'Edm.Double':
      if (typeof value !== 'number') throw bad();
      return value;
    default:
      if (typeof value !== 'number' || !Number.isInteger(value)) throw bad();
      if (field.type === 'Edm.Int32' && Math.abs(value) > 2 ** 31) throw bad();
      return value;
  }
}
