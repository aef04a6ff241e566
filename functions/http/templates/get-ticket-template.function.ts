/** GET /api/ticket-templates/{id}: one template with its ETag (the admin editor's If-Match). */
import { toTemplateDto } from '../../../shared/intake/ticket-templates.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { readId } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';

export const getTicketTemplateFunction: FunctionDefinition<Services> = {
  name: 'ticket-templates-get',
  trigger: { type: 'http', route: 'ticket-templates/{id}', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const found = await s.productivity.templates.get(id.value);
      return fromResult(found, ({ template, etag }) => json(200, toTemplateDto(template), etag));
    }),
};
