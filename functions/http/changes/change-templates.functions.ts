/**
 * The standard-change catalog over HTTP (issue 16, ADR 0030): list and read templates, make a
 * standard change from one (pre-approved, no CAB, schedulable at once), and the admins' edits
 * (create or replace by id, If-Match with the ETag read).
 */
import { ZChangeTemplateInput, ZFromTemplate } from '../../../shared/api/change-templates.schemas.js';
import { toChangeDto } from '../../../shared/changes/change-use-cases.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ADMIN_ONLY, ALL_ROLES, OWNING_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { ifMatchOf, readId, readJson } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';

export const listChangeTemplatesFunction: FunctionDefinition<Services> = {
  name: 'change-templates-list',
  trigger: { type: 'http', route: 'change-templates', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async () => json(200, { items: await s.changeTemplates.list(), nextCursor: null })),
};

export const getChangeTemplateFunction: FunctionDefinition<Services> = {
  name: 'change-templates-get',
  trigger: { type: 'http', route: 'change-templates/{id}', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const found = await s.changeTemplates.get(id.value);
      if (!found) return problem('CHANGE.TEMPLATE_NOT_FOUND', `No standard-change template ${id.value}`);
      return json(200, found.template, found.etag ?? undefined);
    }),
};

export const putChangeTemplateFunction: FunctionDefinition<Services> = {
  name: 'admin-change-templates-put',
  trigger: { type: 'http', route: 'admin/change-templates/{id}', methods: ['PUT'] },
  handler: (s) =>
    authed(s, ADMIN_ONLY, async (request, principal) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const input = await readJson(request, ZChangeTemplateInput);
      if (!input.ok) return input.response;
      const saved = await s.changeTemplates.save(id.value, input.value, principal.actor, ifMatchOf(request) ?? null);
      return fromResult(saved, ({ template, etag }) => json(200, template, etag));
    }),
};

export const changeFromTemplateFunction: FunctionDefinition<Services> = {
  name: 'change-templates-create-change',
  trigger: { type: 'http', route: 'change-templates/{id}/changes', methods: ['POST'] },
  handler: (s) =>
    authed(s, OWNING_ROLES, async (request, principal) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const input = await readJson(request, ZFromTemplate);
      if (!input.ok) return input.response;
      const made = await s.changeTemplates.createChange(id.value, input.value, principal.actor);
      return fromResult(made, ({ change, etag }) => {
        const response = json(201, toChangeDto(change), etag);
        return { ...response, headers: { ...response.headers, location: `/api/changes/${change.id}` } };
      });
    }),
};
