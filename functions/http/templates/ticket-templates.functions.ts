/**
 * /api/ticket-templates: every agent lists the active templates (the new-ticket form); leads and
 * admins create, change (If-Match) and delete them, and list inactive ones with `?all=true`.
 */
import { z } from 'zod';
import { ZCreateTicketTemplate, ZUpdateTicketTemplate } from '../../../shared/api/ticket-templates.schemas.js';
import { toTemplateDto } from '../../../shared/intake/ticket-templates.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES, OWNING_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { ifMatchOf, readId, readJson, readQuery } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';

export const ZListTemplatesQuery = z.strictObject({ all: z.enum(['true', 'false']).optional() });

export const listTicketTemplatesFunction: FunctionDefinition<Services> = {
  name: 'ticket-templates-list',
  trigger: { type: 'http', route: 'ticket-templates', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const query = readQuery(request, ZListTemplatesQuery);
      if (!query.ok) return query.response;
      const items = await s.productivity.templates.list({ all: query.value.all === 'true' });
      return json(200, { items: items.map(toTemplateDto), nextCursor: null });
    }),
};

export const createTicketTemplateFunction: FunctionDefinition<Services> = {
  name: 'ticket-templates-create',
  trigger: { type: 'http', route: 'ticket-templates', methods: ['POST'] },
  handler: (s) =>
    authed(s, OWNING_ROLES, async (request, principal) => {
      const input = await readJson(request, ZCreateTicketTemplate);
      if (!input.ok) return input.response;
      const created = await s.productivity.templates.create(input.value, principal.actor);
      return fromResult(created, ({ template, etag }) => json(201, toTemplateDto(template), etag));
    }),
};

export const updateTicketTemplateFunction: FunctionDefinition<Services> = {
  name: 'ticket-templates-update',
  trigger: { type: 'http', route: 'ticket-templates/{id}', methods: ['PATCH'] },
  handler: (s) =>
    authed(s, OWNING_ROLES, async (request, principal) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const patch = await readJson(request, ZUpdateTicketTemplate);
      if (!patch.ok) return patch.response;
      const updated = await s.productivity.templates.update(id.value, patch.value, principal.actor, ifMatchOf(request));
      return fromResult(updated, ({ template, etag }) => json(200, toTemplateDto(template), etag));
    }),
};

export const deleteTicketTemplateFunction: FunctionDefinition<Services> = {
  name: 'ticket-templates-delete',
  trigger: { type: 'http', route: 'ticket-templates/{id}', methods: ['DELETE'] },
  handler: (s) =>
    authed(s, OWNING_ROLES, async (request, principal) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      return fromResult(await s.productivity.templates.remove(id.value, principal.actor), () => ({ status: 204 }));
    }),
};
