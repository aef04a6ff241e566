/** GET /api/admin/quarantine?status=&reason=&limit=&cursor=: messages the mail channel could not place (admins). */
import { ZQuarantineQuery } from '../../../shared/api/mail.schemas.js';
import type { QuarantineRecord } from '../../../shared/mail/quarantine.js';
import { quarantineReasonKind } from '../../../shared/mail/quarantine-reasons.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ADMIN_ONLY } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { readQuery } from '../kit/request.js';
import { json } from '../kit/respond.js';

export const quarantineView = (q: QuarantineRecord) => ({
  id: q.id,
  status: q.status,
  at: q.at,
  reason: q.reason,
  reasonKind: quarantineReasonKind(q.reason),
  ref: q.ref,
  size: q.size,
  messageId: q.messageId,
  from: q.from,
  subject: q.subject,
  attempts: q.attempts,
  ticketId: q.ticketId,
  rawUrl: `/api/admin/quarantine/${q.id}/raw`,
});

export const listQuarantineFunction: FunctionDefinition<Services> = {
  name: 'admin-quarantine',
  trigger: { type: 'http', route: 'admin/quarantine', methods: ['GET'] },
  handler: (s) =>
    authed(s, ADMIN_ONLY, async (request) => {
      const query = readQuery(request, ZQuarantineQuery);
      if (!query.ok) return query.response;
      const { status, limit, cursor, reason } = query.value;
      const page = await s.mail.quarantine.list(status, limit, cursor, reason);
      return json(200, { items: page.items.map(quarantineView), nextCursor: page.nextCursor });
    }),
};
