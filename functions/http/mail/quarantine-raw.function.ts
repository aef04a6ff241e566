/** GET /api/admin/quarantine/{id}/raw: the quarantined message exactly as received (admins, as a download). */
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ADMIN_ONLY } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { readId } from '../kit/request.js';
import { fileResponse } from './attachment-response.js';

export const quarantineRawFunction: FunctionDefinition<Services> = {
  name: 'admin-quarantine-raw',
  trigger: { type: 'http', route: 'admin/quarantine/{id}/raw', methods: ['GET'] },
  handler: (s) =>
    authed(s, ADMIN_ONLY, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const record = await s.mail.quarantine.get(id.value);
      const raw = record ? await s.mail.quarantine.raw(record) : undefined;
      if (!record || !raw) return problem('REQUEST.NOT_FOUND', `No quarantined message ${id.value}`);
      return fileResponse(raw, 'message/rfc822', `${record.id}.eml`);
    }),
};
