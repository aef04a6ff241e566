/**
 * The `cmdb-sync` timer: each configured CMDB source (Valuemation, a folder of exports) is synced
 * in turn (shared/cmdb/cmdb-sync.ts): a full run the first time, then incremental; a run cut
 * short (time budget, crash) resumes at its saved page on the next tick. Nothing to do without a
 * source. The local timer runner skips a tick while the previous run goes on.
 */
import type { TimerFunctionDefinition } from '../catalog/function-definition.js';
import type { Services } from '../services.js';

export const cmdbSyncFunction: TimerFunctionDefinition<Services> = {
  name: 'cmdb-sync',
  trigger: { type: 'timer', schedule: '20 * * * * *' },
  handler: (s) => async (_timer, context) => {
    for (const sync of s.cmdbSync) {
      const outcome = await sync.run();
      if (outcome.outcome === 'failed' && !outcome.repeated)
        context.warn(`cmdb sync (${sync.source.id}) failed: ${outcome.message}`);
      else if (outcome.outcome === 'finished' && outcome.mode === 'full')
        context.log(`cmdb sync (${sync.source.id}): full run finished (${outcome.pages} pages)`);
      else context.debug(`cmdb sync (${sync.source.id}): ${JSON.stringify(outcome)}`);
    }
  },
};
