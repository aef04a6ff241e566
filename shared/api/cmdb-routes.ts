/** The CMDB routes of the API description (issue 15), spread into API_ROUTES. */
import { z } from 'zod';
import type { ApiRoute } from './api-routes.js';
import { ZTicketCiFacts } from './ci-tickets.schemas.js';
import {
  ZAddRelation,
  ZCi,
  ZCiHistoryEntry,
  ZCiRelation,
  ZCiSearchHit,
  ZCreateCi,
  ZHistoryQuery,
  ZImpact,
  ZImpactQuery,
  ZImportCis,
  ZImportReport,
  ZListCisQuery,
  ZSearchCisQuery,
  ZSetAffectedCis,
  ZUpdateCi,
} from './cmdb.schemas.js';
import { ZCmdbSyncSource, ZCmdbSyncStatus } from './cmdb-sync.schemas.js';
import { page } from './common.schemas.js';
import { ZTicket } from './tickets.schemas.js';

export const CMDB_API_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    path: 'cmdb/classes',
    summary: 'CI classes and their attributes',
    auth: true,
    response: z.object({
      items: z.array(z.object({ id: z.string(), label: z.string(), attributes: z.record(z.string(), z.unknown()) })),
    }),
  },
  {
    method: 'GET',
    path: 'cmdb/search',
    summary: 'CIs by name, asset tag, serial, host name or IP address prefix (the CI picker)',
    auth: true,
    query: ZSearchCisQuery,
    response: z.object({ items: z.array(ZCiSearchHit) }),
  },
  {
    method: 'GET',
    path: 'cmdb/cis',
    summary: 'CIs by name, filtered by class and status',
    auth: true,
    query: ZListCisQuery,
    response: page(ZCi),
  },
  {
    method: 'POST',
    path: 'cmdb/cis',
    summary: 'Create a CI (admin)',
    auth: true,
    body: ZCreateCi,
    response: ZCi,
    status: 201,
  },
  { method: 'GET', path: 'cmdb/cis/{id}', summary: 'One CI (ETag)', auth: true, response: ZCi },
  {
    method: 'PATCH',
    path: 'cmdb/cis/{id}',
    summary: 'Change a CI (admin, If-Match); `status: retired` retires it; Valuemation CIs are read-only',
    auth: true,
    body: ZUpdateCi,
    response: ZCi,
  },
  {
    method: 'GET',
    path: 'cmdb/cis/{id}/history',
    summary: "The CI's history, newest first",
    auth: true,
    query: ZHistoryQuery,
    response: page(ZCiHistoryEntry),
  },
  {
    method: 'GET',
    path: 'cmdb/cis/{id}/relations',
    summary: "The CI's relations, both directions",
    auth: true,
    response: z.object({ items: z.array(ZCiRelation) }),
  },
  {
    method: 'POST',
    path: 'cmdb/cis/{id}/relations',
    summary: 'Relate the CI to another (admin); a duplicate is 409, a type the classes forbid 422',
    auth: true,
    body: ZAddRelation,
    response: z.object({ id: z.string(), type: z.string(), fromId: z.string(), toId: z.string() }).loose(),
    status: 201,
  },
  {
    method: 'DELETE',
    path: 'cmdb/cis/{id}/relations/{relationId}',
    summary: 'Remove a relation (admin)',
    auth: true,
    response: z.null(),
    status: 204,
  },
  {
    method: 'GET',
    path: 'cmdb/cis/{id}/impact',
    summary: 'Downstream (what breaks if it fails) or upstream (what it needs), bounded in depth and items, with paths',
    auth: true,
    query: ZImpactQuery,
    response: ZImpact,
  },
  {
    method: 'POST',
    path: 'cmdb/import',
    summary: 'Import a CSV/JSON export (admin); dry run by default: created, updated, rejected with reasons',
    auth: true,
    body: ZImportCis,
    response: ZImportReport,
  },
  {
    method: 'GET',
    path: 'cmdb/sync',
    summary:
      'CMDB sync status per source (Valuemation, export folder): watermarks, run going on, last run with counts and rejections, last error (admin)',
    auth: true,
    response: ZCmdbSyncStatus,
  },
  {
    method: 'POST',
    path: 'cmdb/sync/{source}/full',
    summary:
      'Ask for a full sync of a source at the next timer tick (admin); it retires CIs the source no longer lists',
    auth: true,
    response: ZCmdbSyncSource,
    status: 202,
  },
  {
    method: 'GET',
    path: 'tickets/{id}/cis',
    summary:
      "The ticket's affected CIs, the business services impacted, suggested CIs and other open incidents on the same CIs or services",
    auth: true,
    response: ZTicketCiFacts,
  },
  {
    method: 'PUT',
    path: 'tickets/{id}/cis',
    summary: "Set the ticket's affected CIs, one primary (If-Match; a timeline entry)",
    auth: true,
    body: ZSetAffectedCis,
    response: ZTicket,
  },
];
