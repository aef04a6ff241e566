/**
 * An Azure AI Search stand-in for tests and `SEARCH_PROVIDER=azure-search-sim npm start`: a
 * node:http server speaking the data-plane REST API that @azure/search-documents 13 calls
 * (api-version 2026-04-01, any dated version accepted): indexes create/update (PUT, with
 * `Prefer: return=representation`), get, list, delete; documents batch (upload, merge,
 * mergeOrUpload, delete; 200 or 207 with per-key status), lookup, count; search by POST
 * (search.post.search) and GET, with the full and simple syntaxes, searchMode, searchFields,
 * OData filters, orderby, highlight with pre/post tags, select, top/skip, count and scoring
 * profiles. The `api-key` header is checked; errors are `{ error: { code, message } }`.
 * Everything lives in memory. Writes are searchable at once (Azure: about a second later).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  checkUpdate,
  DefinitionError,
  DOCUMENT_KEY,
  readDefinition,
  SimIndex,
  type StoredDocument,
} from './sim-index.js';
import { BadSearchRequest, executeSearch } from './sim-search.js';

export interface AzureSearchSimulatorOptions {
  /** The admin key callers send as `api-key`. */
  readonly apiKey?: string;
  readonly port?: number;
  readonly host?: string;
  /** Delay of every answer in ms. */
  readonly latencyMs?: number;
}

export interface SimCall {
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

export interface AzureSearchSimulator {
  readonly url: string;
  readonly apiKey: string;
  readonly indexes: ReadonlyMap<string, SimIndex>;
  readonly calls: SimCall[];
  latencyMs: number;
  /** While true every call answers 503 (the service unavailable). */
  down: boolean;
  close(): Promise<void>;
}

export const AZURE_SEARCH_SIM_KEY = 'azure-search-sim-admin-key';

/** Azure's limits on one indexing request. */
const MAX_ACTIONS = 1_000;
const MAX_BODY = 16 * 1024 * 1024;
const API_VERSION = /^\d{4}-\d{2}-\d{2}(-preview)?$/;

type Answer = { status: number; body?: unknown; text?: string; headers?: Record<string, string> };

const failure = (status: number, code: string, message: string): Answer => ({
  status,
  body: { error: { code, message } },
});

class TooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new TooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** `/indexes('name')/rest` or `/indexes/name/rest`. */
const INDEX_PATH = /^\/indexes(?:\('([^']*)'\)|\/([^/()]+))(\/.*)?$/;
const DOC_PATH = /^\/docs(?:\('([^']*)'\)|\/([^/]+))$/;

export async function startAzureSearchSimulator(
  options: AzureSearchSimulatorOptions = {},
): Promise<AzureSearchSimulator> {
  const apiKey = options.apiKey ?? AZURE_SEARCH_SIM_KEY;
  const indexes = new Map<string, SimIndex>();
  const calls: SimCall[] = [];
  let url = '';

  const definitionOf = (index: SimIndex) => ({
    '@odata.context': `${url}/$metadata#indexes/$entity`,
    '@odata.etag': `"0x${(index.etag + 1).toString(16).toUpperCase()}"`,
    name: index.definition.name,
    fields: index.definition.fields,
    scoringProfiles: index.definition.scoringProfiles,
    defaultScoringProfile: index.definition.defaultScoringProfile,
    analyzers: index.definition.analyzers,
    tokenizers: index.definition.tokenizers,
    tokenFilters: [],
    charFilters: [],
    normalizers: [],
    suggesters: [],
    corsOptions: null,
    encryptionKey: null,
    similarity: { '@odata.type': '#Microsoft.Azure.Search.BM25Similarity', k1: null, b: null },
  });

  const parseJson = (text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      throw new BadSearchRequest('The request body is not valid JSON');
    }
  };

  function putIndex(name: string, body: unknown, prefer: string | undefined): Answer {
    const definition = readDefinition(body, name);
    const existing = indexes.get(name);
    if (existing) {
      checkUpdate(existing.definition, definition);
      existing.redefine(definition);
    } else indexes.set(name, new SimIndex(definition));
    const index = indexes.get(name) as SimIndex;
    if (prefer !== 'return=representation') return { status: 204 };
    return { status: existing ? 200 : 201, body: definitionOf(index) };
  }

  function indexBatch(index: SimIndex, body: unknown): Answer {
    const actions = (body as { value?: unknown } | null)?.value;
    if (!Array.isArray(actions)) throw new BadSearchRequest('The request body must be { "value": [ actions ] }');
    if (actions.length === 0) throw new BadSearchRequest('The batch holds no actions');
    if (actions.length > MAX_ACTIONS)
      return failure(
        413,
        'RequestEntityTooLarge',
        `A batch takes at most ${MAX_ACTIONS} actions; it held ${actions.length}`,
      );
    // The whole request is refused for a field the index does not have or a value of the wrong type.
    const checked = actions.map((a: Record<string, unknown>) => {
      const action = (a['@search.action'] ?? 'upload') as string;
      if (!['upload', 'merge', 'mergeOrUpload', 'delete'].includes(action))
        throw new BadSearchRequest(`Invalid @search.action '${action}'`);
      return { action, doc: action === 'delete' ? { [index.key]: a[index.key] } : index.validate(a) };
    });
    const results = checked.map(({ action, doc }) => {
      const key = doc[index.key];
      if (typeof key !== 'string' || !DOCUMENT_KEY.test(key))
        return {
          key: typeof key === 'string' ? key : null,
          status: false,
          errorMessage: `Invalid document key: '${String(key)}'. Keys can only contain letters, digits, underscore (_), dash (-), or equal sign (=).`,
          statusCode: 400,
        };
      const existing = index.documents.get(key);
      if (action === 'delete') {
        index.remove(key);
        return { key, status: true, errorMessage: null, statusCode: 200 };
      }
      if (action === 'merge' && !existing)
        return { key, status: false, errorMessage: 'Document not found.', statusCode: 404 };
      const merged: StoredDocument = action === 'upload' ? doc : { ...(existing ?? {}), ...doc };
      index.write(key, merged);
      return { key, status: true, errorMessage: null, statusCode: existing ? 200 : 201 };
    });
    index.etag++;
    return { status: results.every((r) => r.status) ? 200 : 207, body: { value: results } };
  }

  function searchByGet(index: SimIndex, params: URLSearchParams, nextLink: string): Answer {
    const body: Record<string, unknown> = {};
    const names: Record<string, string> = {
      search: 'search',
      queryType: 'queryType',
      searchMode: 'searchMode',
      searchFields: 'searchFields',
      $filter: 'filter',
      highlight: 'highlight',
      highlightPreTag: 'highlightPreTag',
      highlightPostTag: 'highlightPostTag',
      $orderby: 'orderby',
      $select: 'select',
      scoringProfile: 'scoringProfile',
    };
    for (const [param, value] of params) {
      if (param === 'api-version') continue;
      if (param === '$top' || param === '$skip') body[param.slice(1)] = Number(value);
      else if (param === '$count') body.count = value === 'true';
      else body[names[param] ?? param] = value;
    }
    return { status: 200, body: executeSearch(index, body, nextLink) };
  }

  async function route(req: IncomingMessage): Promise<Answer> {
    const target = new URL(req.url ?? '/', 'http://sim');
    const method = req.method ?? 'GET';
    const path = decodeURIComponent(target.pathname);
    const version = target.searchParams.get('api-version');
    if (!version)
      return failure(400, '', 'The api-version query parameter (?api-version=) is required for all requests.');
    if (!API_VERSION.test(version)) return failure(400, '', `Invalid api-version '${version}'`);
    const body = method === 'GET' || method === 'DELETE' ? '' : await readBody(req);

    if (path === '/indexes') {
      if (method === 'GET') return { status: 200, body: { value: [...indexes.values()].map(definitionOf) } };
      if (method === 'POST') {
        const parsed = parseJson(body) as { name?: unknown };
        if (typeof parsed?.name !== 'string') throw new DefinitionError('The index definition needs a name');
        if (indexes.has(parsed.name))
          return failure(
            409,
            'ResourceNameAlreadyInUse',
            `Cannot create index '${parsed.name}' because it already exists.`,
          );
        return putIndex(parsed.name, parsed, 'return=representation');
      }
      return failure(405, 'MethodNotAllowed', `${method} /indexes is not allowed`);
    }
    const m = INDEX_PATH.exec(path);
    if (!m) return failure(404, 'ResourceNotFound', `No resource at ${path}`);
    const name = (m[1] ?? m[2]) as string;
    const rest = m[3] ?? '';
    if (rest === '') {
      if (method === 'PUT') return putIndex(name, parseJson(body), String(req.headers.prefer ?? ''));
      const index = indexes.get(name);
      if (method === 'GET')
        return index
          ? { status: 200, body: definitionOf(index) }
          : failure(404, '', `No index with the name '${name}' was found in the service.`);
      if (method === 'DELETE') {
        if (!index) return failure(404, '', `No index with the name '${name}' was found in the service.`);
        indexes.delete(name);
        return { status: 204 };
      }
      return failure(405, 'MethodNotAllowed', `${method} is not allowed on an index`);
    }
    const index = indexes.get(name);
    if (!index) return failure(404, '', `The index '${name}' for service 'sim' was not found.`);
    const nextLink = `${url}/indexes('${name}')/docs/search.post.search?api-version=${version}`;
    if (rest === '/docs/$count' && method === 'GET')
      return {
        status: 200,
        text: String(index.documents.size),
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      };
    if (rest === '/docs/search.index' && method === 'POST') return indexBatch(index, parseJson(body));
    if (rest === '/docs/search.post.search' && method === 'POST')
      return { status: 200, body: executeSearch(index, parseJson(body), nextLink) };
    if (rest === '/docs' && method === 'GET') return searchByGet(index, target.searchParams, nextLink);
    const doc = DOC_PATH.exec(rest);
    if (doc && method === 'GET') {
      const found = index.documents.get((doc[1] ?? doc[2]) as string);
      if (!found) return failure(404, '', 'Document not found.');
      const retrievable = index.definition.fields.filter((f) => f.retrievable).map((f) => f.name);
      return { status: 200, body: Object.fromEntries(retrievable.map((f) => [f, found[f] ?? null])) };
    }
    return failure(404, 'ResourceNotFound', `No resource at ${path}`);
  }

  const sim: AzureSearchSimulator = {
    url: '',
    apiKey,
    indexes,
    calls,
    latencyMs: options.latencyMs ?? 0,
    down: false,
    close: async () => {},
  };

  const answer = async (req: IncomingMessage): Promise<Answer> => {
    if (sim.latencyMs > 0) await new Promise((r) => setTimeout(r, sim.latencyMs));
    if (sim.down) return failure(503, 'ServiceUnavailable', 'The service is unavailable (simulated outage).');
    const key = req.headers['api-key'];
    if (key === undefined) return { status: 401 };
    if (key !== apiKey) return { status: 403 };
    try {
      return await route(req);
    } catch (error) {
      if (error instanceof TooLarge) return failure(413, 'RequestEntityTooLarge', 'The request is larger than 16 MB');
      if (error instanceof DefinitionError || error instanceof BadSearchRequest)
        return failure(400, 'InvalidRequestParameter', error.message);
      throw error;
    }
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    answer(req)
      .catch((error: unknown): Answer => failure(500, 'InternalServerError', (error as Error).message))
      .then((a) => {
        calls.push({ method: req.method ?? '', path: req.url ?? '', status: a.status });
        const headers: Record<string, string> = { 'request-id': randomUUID(), ...(a.headers ?? {}) };
        if (a.text !== undefined) {
          res.writeHead(a.status, headers);
          res.end(a.text);
        } else if (a.body !== undefined) {
          res.writeHead(a.status, {
            'content-type': 'application/json; odata.metadata=minimal; charset=utf-8',
            ...headers,
          });
          res.end(JSON.stringify(a.body));
        } else {
          res.writeHead(a.status, headers);
          res.end();
        }
      });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  url = `http://${options.host ?? '127.0.0.1'}:${address.port}`;
  Object.assign(sim, {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return sim;
}
