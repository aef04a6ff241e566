/**
 * /api/macros: the macros the caller may use (searchable, most used first), create, read,
 * change (If-Match) and delete them (personal: their owner; team: the team's leads and admins;
 * shared: leads and admins), and the placeholder list the editor shows.
 */
import { ZCreateMacro, ZListMacrosQuery, ZUpdateMacro } from '../../../shared/api/macros.schemas.js';
import { toMacroDto } from '../../../shared/macros/macro.js';
import { PLACEHOLDERS } from '../../../shared/macros/macro-context.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { ifMatchOf, readId, readJson, readQuery } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';

export const listMacrosFunction: FunctionDefinition<Services> = {
  name: 'macros-list',
  trigger: { type: 'http', route: 'macros', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request, principal) => {
      const query = readQuery(request, ZListMacrosQuery);
      if (!query.ok) return query.response;
      const found = await s.productivity.macros.list(query.value, principal.actor);
      return json(200, { items: found.map((f) => toMacroDto(f.macro, f.canManage)), nextCursor: null });
    }),
};

export const macroPlaceholdersFunction: FunctionDefinition<Services> = {
  name: 'macros-placeholders',
  trigger: { type: 'http', route: 'macros/placeholders', methods: ['GET'] },
  handler: (s) => authed(s, ALL_ROLES, async () => json(200, PLACEHOLDERS)),
};

export const createMacroFunction: FunctionDefinition<Services> = {
  name: 'macros-create',
  trigger: { type: 'http', route: 'macros', methods: ['POST'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request, principal) => {
      const input = await readJson(request, ZCreateMacro);
      if (!input.ok) return input.response;
      const created = await s.productivity.macros.create(input.value, principal.actor);
      return fromResult(created, ({ macro, etag }) => json(201, toMacroDto(macro, true), etag));
    }),
};

export const getMacroFunction: FunctionDefinition<Services> = {
  name: 'macros-get',
  trigger: { type: 'http', route: 'macros/{id}', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request, principal) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const found = await s.productivity.macros.get(id.value, principal.actor);
      return fromResult(found, ({ macro, etag, canManage }) => json(200, toMacroDto(macro, canManage), etag));
    }),
};

export const updateMacroFunction: FunctionDefinition<Services> = {
  name: 'macros-update',
  trigger: { type: 'http', route: 'macros/{id}', methods: ['PATCH'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request, principal) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const patch = await readJson(request, ZUpdateMacro);
      if (!patch.ok) return patch.response;
      const updated = await s.productivity.macros.update(id.value, patch.value, principal.actor, ifMatchOf(request));
      return fromResult(updated, ({ macro, etag }) => json(200, toMacroDto(macro, true), etag));
    }),
};

export const deleteMacroFunction: FunctionDefinition<Services> = {
  name: 'macros-delete',
  trigger: { type: 'http', route: 'macros/{id}', methods: ['DELETE'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request, principal) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      return fromResult(await s.productivity.macros.remove(id.value, principal.actor), () => ({ status: 204 }));
    }),
};
