/** Queue `bulk`: one chunk (up to 25 tickets) of a bulk job, each ticket through its own domain rules. */
import { ZBulkChunkMessage } from '../../shared/api/bulk.schemas.js';
import type { QueueFunctionDefinition } from '../catalog/function-definition.js';
import type { Services } from '../services.js';

export const bulkChunkFunction: QueueFunctionDefinition<Services> = {
  name: 'bulk-chunk',
  trigger: { type: 'queue', queueName: 'bulk' },
  handler: (s) => async (message, context) => {
    const parsed = ZBulkChunkMessage.safeParse(message.body);
    if (!parsed.success) {
      context.error(`bulk message ${message.id} is not a chunk: ${parsed.error.message}`);
      return;
    }
    const handled = await s.productivity.bulk.runChunk(parsed.data.jobId, parsed.data.index);
    context.debug(`bulk ${parsed.data.jobId} chunk ${parsed.data.index}: ${handled} ticket(s)`);
  },
};
