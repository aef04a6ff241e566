/**
 * /api/sla/{calendars|policies|olas}[/{id}]: admin CRUD of the SLA configuration. Reading is open
 * to every signed-in agent (the UI shows policy names), writing to admins. Bodies are validated by
 * the model's zod schemas (422 naming the field: overlapping intervals, unknown time zone, a policy
 * without targets); PUT and DELETE honour If-Match.
 */
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { z } from 'zod';
import {
  SLA_CONFIG_SCHEMAS,
  type SlaConfigItem,
  type SlaConfigKind,
} from '../../../shared/sla-engine/sla-config-repository.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ADMIN_ONLY, ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { ifMatchOf, readId, readJson } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';

const ZAnyObject = z.record(z.string(), z.unknown());

/** The body as the kind's item; on PUT the path id fills in (or must equal) the body's id. */
async function readItem<K extends SlaConfigKind>(
  request: HttpRequest,
  kind: K,
  pathId?: string,
): Promise<{ ok: true; value: SlaConfigItem<K> } | { ok: false; response: HttpResponseInit }> {
  const body = await readJson(request, ZAnyObject);
  if (!body.ok) return body;
  if (pathId !== undefined && body.value.id !== undefined && body.value.id !== pathId)
    return {
      ok: false,
      response: problem('REQUEST.VALIDATION_FAILED', `The body's id must be "${pathId}"`, [
        { path: 'id', message: `must be "${pathId}"` },
      ]),
    };
  const parsed = SLA_CONFIG_SCHEMAS[kind].safeParse(pathId === undefined ? body.value : { ...body.value, id: pathId });
  if (parsed.success) return { ok: true, value: parsed.data as SlaConfigItem<K> };
  const errors = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  return {
    ok: false,
    response: problem(
      'REQUEST.VALIDATION_FAILED',
      `The body is not valid: ${errors.map((e) => `${e.path || 'body'}: ${e.message}`).join('; ')}`,
      errors,
    ),
  };
}

export const slaConfigFunctions = (kind: SlaConfigKind): FunctionDefinition<Services>[] => [
  {
    name: `sla-${kind}-list`,
    trigger: { type: 'http', route: `sla/${kind}`, methods: ['GET'] },
    handler: (s) =>
      authed(s, ALL_ROLES, async () =>
        json(200, { items: (await s.sla.admin.list(kind)).map((found) => found.item), nextCursor: null }),
      ),
  },
  {
    name: `sla-${kind}-create`,
    trigger: { type: 'http', route: `sla/${kind}`, methods: ['POST'] },
    handler: (s) =>
      authed(s, ADMIN_ONLY, async (request) => {
        const item = await readItem(request, kind);
        if (!item.ok) return item.response;
        return fromResult(await s.sla.admin.save(kind, item.value, { create: true }), (saved) => ({
          ...json(201, saved.item, saved.etag),
          headers: {
            'content-type': 'application/json; charset=utf-8',
            etag: `"${saved.etag}"`,
            location: `/api/sla/${kind}/${saved.item.id}`,
          },
        }));
      }),
  },
  {
    name: `sla-${kind}-get`,
    trigger: { type: 'http', route: `sla/${kind}/{id}`, methods: ['GET'] },
    handler: (s) =>
      authed(s, ALL_ROLES, async (request) => {
        const id = readId(request);
        if (!id.ok) return id.response;
        return fromResult(await s.sla.admin.get(kind, id.value), (found) => json(200, found.item, found.etag));
      }),
  },
  {
    name: `sla-${kind}-replace`,
    trigger: { type: 'http', route: `sla/${kind}/{id}`, methods: ['PUT'] },
    handler: (s) =>
      authed(s, ADMIN_ONLY, async (request) => {
        const id = readId(request);
        if (!id.ok) return id.response;
        const item = await readItem(request, kind, id.value);
        if (!item.ok) return item.response;
        const ifMatch = ifMatchOf(request);
        const saved = await s.sla.admin.save(kind, item.value, { create: false, ...(ifMatch ? { ifMatch } : {}) });
        return fromResult(saved, (done) => json(200, done.item, done.etag));
      }),
  },
  {
    name: `sla-${kind}-delete`,
    trigger: { type: 'http', route: `sla/${kind}/{id}`, methods: ['DELETE'] },
    handler: (s) =>
      authed(s, ADMIN_ONLY, async (request) => {
        const id = readId(request);
        if (!id.ok) return id.response;
        return fromResult(await s.sla.admin.remove(kind, id.value, ifMatchOf(request)), () => ({ status: 204 }));
      }),
  },
];
