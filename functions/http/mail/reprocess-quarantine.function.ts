/**
 * POST /api/admin/quarantine/{id}/reprocess {forceNewTicket?}: runs a quarantined message
 * through ingestion again (after a fix, or to open a ticket for robot mail on purpose).
 */
import { ZReprocessQuarantine } from '../../../shared/api/mail.schemas.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ADMIN_ONLY } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { readId, readOptionalJson } from '../kit/request.js';
import { json } from '../kit/respond.js';

export const reprocessQuarantineFunction: FunctionDefinition<Services> = {
  name: 'admin-quarantine-reprocess',
  trigger: { type: 'http', route: 'admin/quarantine/{id}/reprocess', methods: ['POST'] },
  handler: (s) =>
    authed(s, ADMIN_ONLY, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const body = await readOptionalJson(request, ZReprocessQuarantine);
      if (!body.ok) return body.response;
      const record = await s.mail.quarantine.get(id.value);
      if (!record) return problem('REQUEST.NOT_FOUND', `No quarantined message ${id.value}`);
      if (record.status === 'reprocessed') return json(200, { status: 'duplicate', ticketId: record.ticketId });
      const raw = await s.mail.quarantine.raw(record);
      if (!raw) return problem('REQUEST.NOT_FOUND', `The raw message of ${id.value} is missing`);
      const outcome = await s.mail.ingestion.ingest(
        {
          ref: record.ref,
          raw,
          receivedAt: record.at,
          ...(record.conversationId ? { conversationId: record.conversationId } : {}),
        },
        { fromQuarantine: record, forceNewTicket: body.value.forceNewTicket },
      );
      return json(200, {
        status: outcome.status,
        ticketId: 'ticketId' in outcome ? outcome.ticketId : null,
        ...(outcome.status === 'quarantined' ? { reason: outcome.reason } : {}),
      });
    }),
};
