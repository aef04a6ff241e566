/** GET /api/me/offers: the unowned tickets routing offers the caller, P1 first (one accept makes each theirs). */
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { OWNING_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { json } from '../kit/respond.js';

export const myOffersFunction: FunctionDefinition<Services> = {
  name: 'me-offers',
  trigger: { type: 'http', route: 'me/offers', methods: ['GET'] },
  handler: (s) =>
    authed(s, OWNING_ROLES, async (_request, principal) => {
      const offered = await s.orchestra.routingQueries.offersTo(principal.agent.id);
      return json(200, { items: await s.queries.present(offered) });
    }),
};
