/**
 * Blackout and maintenance windows (ADR 0031): everyone reads them, leads and admins write them,
 * each write with If-Match (PUT and DELETE require it).
 */
import type { HttpResponseInit } from '@azure/functions';
import { ZChangeWindowInput } from '../../../shared/api/change-schedule.schemas.js';
import type { Role } from '../../../shared/directory/agent.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { ifMatchOf, readId, readJson } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';

const WINDOW_ADMINS: readonly Role[] = ['lead', 'admin'];

export const listChangeWindowsFunction: FunctionDefinition<Services> = {
  name: 'change-windows-list',
  trigger: { type: 'http', route: 'change-windows', methods: ['GET'] },
  handler: (s) => authed(s, ALL_ROLES, async () => json(200, { items: await s.changeWindows.list() })),
};

export const createChangeWindowFunction: FunctionDefinition<Services> = {
  name: 'change-windows-create',
  trigger: { type: 'http', route: 'change-windows', methods: ['POST'] },
  handler: (s) =>
    authed(s, WINDOW_ADMINS, async (request) => {
      const input = await readJson(request, ZChangeWindowInput);
      if (!input.ok) return input.response;
      return fromResult(await s.changeWindows.create(input.value), ({ window, etag }) => {
        const response = json(201, window, etag);
        return { ...response, headers: { ...response.headers, location: `/api/change-windows/${window.id}` } };
      });
    }),
};

export const getChangeWindowFunction: FunctionDefinition<Services> = {
  name: 'change-windows-get',
  trigger: { type: 'http', route: 'change-windows/{id}', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      return fromResult(await s.changeWindows.get(id.value), ({ window, etag }) => json(200, window, etag));
    }),
};

export const replaceChangeWindowFunction: FunctionDefinition<Services> = {
  name: 'change-windows-replace',
  trigger: { type: 'http', route: 'change-windows/{id}', methods: ['PUT'] },
  handler: (s) =>
    authed(s, WINDOW_ADMINS, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const input = await readJson(request, ZChangeWindowInput);
      if (!input.ok) return input.response;
      const result = await s.changeWindows.replace(id.value, input.value, ifMatchOf(request));
      return fromResult(result, ({ window, etag }) => json(200, window, etag));
    }),
};

export const deleteChangeWindowFunction: FunctionDefinition<Services> = {
  name: 'change-windows-delete',
  trigger: { type: 'http', route: 'change-windows/{id}', methods: ['DELETE'] },
  handler: (s) =>
    authed(s, WINDOW_ADMINS, async (request): Promise<HttpResponseInit> => {
      const id = readId(request);
      if (!id.ok) return id.response;
      return fromResult(await s.changeWindows.remove(id.value, ifMatchOf(request)), () => ({ status: 204 }));
    }),
};
