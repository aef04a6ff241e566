/** Queue `migration`: one delivery of a migration job started from the admin page (an import slice, a dry run, a shadow report). */
import { ZMigrationJobMessage } from '../../shared/api/migration.schemas.js';
import type { QueueFunctionDefinition } from '../catalog/function-definition.js';
import type { Services } from '../services.js';

export const migrationJobFunction: QueueFunctionDefinition<Services> = {
  name: 'migration-job',
  trigger: { type: 'queue', queueName: 'migration' },
  handler: (s) => async (message, context) => {
    const parsed = ZMigrationJobMessage.safeParse(message.body);
    if (!parsed.success) {
      context.error(`migration message ${message.id} is not a job: ${parsed.error.message}`);
      return;
    }
    const outcome = await s.migrationJobs.runSlice(parsed.data.jobId);
    context.debug(`migration job ${parsed.data.jobId}: ${outcome}`);
  },
};
