/**
 * GET /api/sla/holiday-countries and GET /api/sla/holidays?country=DE&region=BY&from=2027&to=2028:
 * public holidays the calendar editor shows before an admin adds them to a calendar (issue 19).
 * Reading only; the calendar itself is saved through /api/sla/calendars with If-Match.
 */
import { ZHolidayQuery } from '../../../shared/api/sla.schemas.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { readQuery } from '../kit/request.js';
import { json } from '../kit/respond.js';

export const slaHolidayFunctions: readonly FunctionDefinition<Services>[] = [
  {
    name: 'sla-holiday-countries',
    trigger: { type: 'http', route: 'sla/holiday-countries', methods: ['GET'] },
    handler: (s) => authed(s, ALL_ROLES, async () => json(200, { countries: s.sla.holidays.countries() })),
  },
  {
    name: 'sla-holidays',
    trigger: { type: 'http', route: 'sla/holidays', methods: ['GET'] },
    handler: (s) =>
      authed(s, ALL_ROLES, async (request) => {
        const query = readQuery(request, ZHolidayQuery);
        if (!query.ok) return query.response;
        const { country, region, from, to } = query.value;
        const holidays = s.sla.holidays.holidays(country, region, from, to);
        if (!holidays) {
          const [path, message] = region
            ? ['region', `no holiday rules for region ${region} of ${country}`]
            : ['country', `no holiday rules for country ${country}`];
          return problem('REQUEST.VALIDATION_FAILED', `The query string is not valid: ${path}: ${message}`, [
            { path, message },
          ]);
        }
        return json(200, { country, region: region ?? null, holidays });
      }),
  },
];
