/** POST /api/sla/preview: due times of a sample ticket under a stored or draft policy (admin preview). */
import { ZSlaPreviewRequest } from '../../../shared/api/sla.schemas.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { readJson } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';

export const slaPreviewFunction: FunctionDefinition<Services> = {
  name: 'sla-preview',
  trigger: { type: 'http', route: 'sla/preview', methods: ['POST'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const input = await readJson(request, ZSlaPreviewRequest);
      if (!input.ok) return input.response;
      return fromResult(await s.sla.admin.preview(input.value), (preview) => json(200, preview));
    }),
};
