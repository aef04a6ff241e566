/**
 * GET /api/dev/outbox?limit=: the `.eml` files outbound mail was written to (local, no relay).
 * Dev only: it answers 404 unless dev sign-in is on and the outbox is in use.
 */
import { ZOutboxQuery } from '../../../shared/api/mail.schemas.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { readQuery } from '../kit/request.js';
import { json } from '../kit/respond.js';

export const devOutboxFunction: FunctionDefinition<Services> = {
  name: 'dev-outbox',
  trigger: { type: 'http', route: 'dev/outbox', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const outbox = s.mail.outbox;
      if (!s.devSignIn || !outbox)
        return problem('REQUEST.NOT_FOUND', 'The dev outbox is off (a relay is set, or not in dev mode)');
      const query = readQuery(request, ZOutboxQuery);
      if (!query.ok) return query.response;
      return json(200, { items: await outbox.list(query.value.limit), nextCursor: null });
    }),
};
