/**
 * /api/cmdb/...: the CMDB's CIs. Everyone signed in reads and searches (the CI picker); admins
 * create and change CIs (a Valuemation CI is read-only here: CI.READ_ONLY). PATCH honours If-Match.
 * CIs are never deleted: PATCH `status: retired` retires one, and tickets keep their links.
 */
import {
  ZCreateCi,
  ZHistoryQuery,
  ZListCisQuery,
  ZSearchCisQuery,
  ZUpdateCi,
} from '../../../shared/api/cmdb.schemas.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ADMIN_ONLY, ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { ifMatchOf, readId, readJson, readQuery } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';
import { toCiDto } from './ci-dto.js';
import { importCisFunction } from './import-cis.function.js';

const ciResponse = (status: number) => (saved: { ci: Parameters<typeof toCiDto>[0]; etag: string }) =>
  json(status, toCiDto(saved.ci), saved.etag);

export const CI_FUNCTIONS: readonly FunctionDefinition<Services>[] = [
  importCisFunction,
  {
    name: 'cmdb-classes',
    trigger: { type: 'http', route: 'cmdb/classes', methods: ['GET'] },
    handler: (s) => authed(s, ALL_ROLES, async () => json(200, { items: s.cmdb.classes.all() })),
  },
  {
    name: 'cmdb-search',
    trigger: { type: 'http', route: 'cmdb/search', methods: ['GET'] },
    handler: (s) =>
      authed(s, ALL_ROLES, async (request) => {
        const query = readQuery(request, ZSearchCisQuery);
        if (!query.ok) return query.response;
        return json(200, { items: await s.cmdb.search(query.value.q, query.value.limit) });
      }),
  },
  {
    name: 'cmdb-cis-list',
    trigger: { type: 'http', route: 'cmdb/cis', methods: ['GET'] },
    handler: (s) =>
      authed(s, ALL_ROLES, async (request) => {
        const query = readQuery(request, ZListCisQuery);
        if (!query.ok) return query.response;
        const { limit, cursor, name, q, ...filter } = query.value;
        const page = await s.cmdb.list(
          { ...filter, ...(name ? { namePrefix: name } : {}), ...(q ? { text: q } : {}) },
          limit,
          cursor,
        );
        return json(200, { items: page.items.map(toCiDto), nextCursor: page.nextCursor });
      }),
  },
  {
    name: 'cmdb-cis-create',
    trigger: { type: 'http', route: 'cmdb/cis', methods: ['POST'] },
    handler: (s) =>
      authed(s, ADMIN_ONLY, async (request, principal) => {
        const input = await readJson(request, ZCreateCi);
        if (!input.ok) return input.response;
        return fromResult(await s.cmdb.create(input.value, principal.actor), ciResponse(201));
      }),
  },
  {
    name: 'cmdb-cis-get',
    trigger: { type: 'http', route: 'cmdb/cis/{id}', methods: ['GET'] },
    handler: (s) =>
      authed(s, ALL_ROLES, async (request) => {
        const id = readId(request);
        if (!id.ok) return id.response;
        return fromResult(await s.cmdb.get(id.value), ciResponse(200));
      }),
  },
  {
    name: 'cmdb-cis-update',
    trigger: { type: 'http', route: 'cmdb/cis/{id}', methods: ['PATCH'] },
    handler: (s) =>
      authed(s, ADMIN_ONLY, async (request, principal) => {
        const id = readId(request);
        if (!id.ok) return id.response;
        const input = await readJson(request, ZUpdateCi);
        if (!input.ok) return input.response;
        const ifMatch = ifMatchOf(request);
        return fromResult(
          await s.cmdb.update(id.value, input.value, principal.actor, ifMatch ? { ifMatch } : {}),
          ciResponse(200),
        );
      }),
  },
  {
    name: 'cmdb-cis-history',
    trigger: { type: 'http', route: 'cmdb/cis/{id}/history', methods: ['GET'] },
    handler: (s) =>
      authed(s, ALL_ROLES, async (request) => {
        const id = readId(request);
        if (!id.ok) return id.response;
        const query = readQuery(request, ZHistoryQuery);
        if (!query.ok) return query.response;
        const page = await s.cmdb.history(id.value, query.value.limit, query.value.cursor);
        return fromResult(page, (p) =>
          json(200, { items: p.items.map(({ docType: _d, ...e }) => e), nextCursor: p.nextCursor }),
        );
      }),
  },
];
