import { describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../shared/api/api-routes.js';
import { buildOpenApiDocument } from '../../shared/api/openapi.js';
import { QUEUE_NAMES } from '../../shared/ports/message-bus.js';
import { CATALOG } from './catalog.js';

describe('the function catalog', () => {
  it('names every function once', () => {
    const names = CATALOG.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('declares exactly the routes the API documents (and the OpenAPI document shows)', () => {
    const served = CATALOG.flatMap((f) =>
      f.trigger.type === 'http'
        ? f.trigger.methods.map((m) => `${m} ${f.trigger.type === 'http' ? f.trigger.route : ''}`)
        : [],
    ).sort();
    const documented = API_ROUTES.map((r) => `${r.method} ${r.path}`).sort();
    expect(served).toEqual(documented);
    const openapi = buildOpenApiDocument('test');
    const inDoc = Object.entries(openapi.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.slice('/api/'.length)}`))
      .sort();
    expect(inDoc).toEqual(documented);
  });

  it('generates request schemas that reject unknown fields', () => {
    const openapi = buildOpenApiDocument('test') as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: { additionalProperties?: unknown } }> } }>
      >;
    };
    const create = openapi.paths['/api/tickets']?.post?.requestBody?.content['application/json']?.schema;
    expect(create?.additionalProperties).toBe(false);
  });

  it('feeds every queue trigger from a known queue and every timer from a six-field schedule', () => {
    for (const f of CATALOG) {
      if (f.trigger.type === 'timer') expect(f.trigger.schedule.split(' ')).toHaveLength(6);
      if (f.trigger.type === 'queue') expect(QUEUE_NAMES).toContain(f.trigger.queueName);
    }
  });
});
