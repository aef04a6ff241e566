/** The SLA routes of the API description (issue 5), spread into API_ROUTES. */
import { z } from 'zod';
import { ZCalendar } from '../sla/calendar.js';
import { ZSlaPolicy } from '../sla/sla-policy.js';
import { ZSlaOla } from '../sla-engine/sla-config.js';
import type { ApiRoute } from './api-routes.js';
import { page } from './common.schemas.js';
import {
  ZHolidayCountries,
  ZHolidayList,
  ZHolidayQuery,
  ZSlaPreview,
  ZSlaPreviewRequest,
  ZSlaRecomputeResult,
} from './sla.schemas.js';

const KINDS = [
  ['calendars', 'SLA calendar', ZCalendar],
  ['policies', 'SLA policy', ZSlaPolicy],
  ['olas', 'assist OLA', ZSlaOla],
] as const;

export const SLA_API_ROUTES: readonly ApiRoute[] = [
  ...KINDS.flatMap(([kind, label, schema]): ApiRoute[] => [
    { method: 'GET', path: `sla/${kind}`, summary: `List ${label}s`, auth: true, response: page(schema) },
    {
      method: 'POST',
      path: `sla/${kind}`,
      summary: `Create a ${label} (admin)`,
      auth: true,
      body: schema,
      response: schema,
      status: 201,
    },
    { method: 'GET', path: `sla/${kind}/{id}`, summary: `One ${label} (ETag)`, auth: true, response: schema },
    {
      method: 'PUT',
      path: `sla/${kind}/{id}`,
      summary: `Replace a ${label} (admin, If-Match)`,
      auth: true,
      body: schema,
      response: schema,
    },
    {
      method: 'DELETE',
      path: `sla/${kind}/{id}`,
      summary: `Delete a ${label} (admin)`,
      auth: true,
      response: z.null(),
      status: 204,
    },
  ]),
  {
    method: 'POST',
    path: 'sla/preview',
    summary: 'Due times of a sample ticket under a policy',
    auth: true,
    body: ZSlaPreviewRequest,
    response: ZSlaPreview,
  },
  {
    method: 'POST',
    path: 'sla/recompute',
    summary: 'Recompute the SLA of every open ticket with the current configuration (admin)',
    auth: true,
    response: ZSlaRecomputeResult,
  },
  {
    method: 'GET',
    path: 'sla/holiday-countries',
    summary: 'Countries and regions whose public holidays a calendar can take',
    auth: true,
    response: ZHolidayCountries,
  },
  {
    method: 'GET',
    path: 'sla/holidays',
    summary: "A country's or region's public holidays for 1 to 5 years (shown before they are added to a calendar)",
    auth: true,
    query: ZHolidayQuery,
    response: ZHolidayList,
  },
];
