/** PUT /api/me/availability {availability}: online / away / offline; coming online offers queued tickets. */
import { ZSetAvailability } from '../../../shared/api/orchestra.schemas.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { readJson } from '../kit/request.js';
import { json } from '../kit/respond.js';

export const setAvailabilityFunction: FunctionDefinition<Services> = {
  name: 'me-availability',
  trigger: { type: 'http', route: 'me/availability', methods: ['PUT'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request, principal) => {
      const body = await readJson(request, ZSetAvailability);
      if (!body.ok) return body.response;
      await s.orchestra.routingUpkeep.setAvailability(principal.agent.id, body.value.availability);
      return json(200, { ...principal.agent, availability: body.value.availability });
    }),
};
