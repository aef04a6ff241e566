/**
 * /api/cmdb/sync (admin): the CMDB sync's status per source (Valuemation, the export folder) for
 * the admin page, and "full sync now" (the next timer tick starts a full run, which also retires
 * the CIs Valuemation no longer lists). The sync itself runs in the `cmdb-sync` timer.
 */
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ADMIN_ONLY } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { readId } from '../kit/request.js';
import { json } from '../kit/respond.js';

export const CMDB_SYNC_FUNCTIONS: readonly FunctionDefinition<Services>[] = [
  {
    name: 'cmdb-sync-status',
    trigger: { type: 'http', route: 'cmdb/sync', methods: ['GET'] },
    handler: (s) =>
      authed(s, ADMIN_ONLY, async () =>
        json(200, { items: await Promise.all(s.cmdbSync.map((sync) => sync.status())) }),
      ),
  },
  {
    name: 'cmdb-sync-request-full',
    trigger: { type: 'http', route: 'cmdb/sync/{source}/full', methods: ['POST'] },
    handler: (s) =>
      authed(s, ADMIN_ONLY, async (request) => {
        const source = readId(request, 'source');
        if (!source.ok) return source.response;
        const sync = s.cmdbSync.find((x) => x.source.id === source.value);
        if (!sync) return problem('REQUEST.NOT_FOUND', `No CMDB source ${source.value} is configured`);
        await sync.requestFull();
        return json(202, await sync.status());
      }),
  },
];
