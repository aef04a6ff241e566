/**
 * POST /api/cmdb/import (admin): a CSV or JSON export of CIs, a dry run unless `dryRun: false`.
 * Answers what would be (or was) created, updated and left unchanged, and every rejected row with
 * its line and reason; a file that cannot be read at all is a 422 naming why.
 */
import { ZImportCis } from '../../../shared/api/cmdb.schemas.js';
import { parseCiFile } from '../../adapters/cmdb/ci-file-parser.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ADMIN_ONLY } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { readJson } from '../kit/request.js';
import { json } from '../kit/respond.js';

export const importCisFunction: FunctionDefinition<Services> = {
  name: 'cmdb-import',
  trigger: { type: 'http', route: 'cmdb/import', methods: ['POST'] },
  handler: (s) =>
    authed(s, ADMIN_ONLY, async (request, principal) => {
      const input = await readJson(request, ZImportCis);
      if (!input.ok) return input.response;
      const file = parseCiFile(input.value.format, input.value.content, s.cmdb.classes);
      if (!file.ok)
        return problem('REQUEST.VALIDATION_FAILED', file.message, [{ path: 'content', message: file.message }]);
      const report = await s.cmdbImport.run(file.rows, file.rejected, {
        dryRun: input.value.dryRun,
        actor: principal.actor,
      });
      return json(200, report);
    }),
};
