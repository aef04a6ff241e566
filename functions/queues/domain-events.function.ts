/** Queue `events`: hands each domain event to its subscribers (idempotent by event id). */
import type { DomainEvent } from '../../shared/events/domain-event.js';
import type { QueueFunctionDefinition } from '../catalog/function-definition.js';
import type { Services } from '../services.js';

export const domainEventsFunction: QueueFunctionDefinition<Services> = {
  name: 'domain-events',
  trigger: { type: 'queue', queueName: 'events' },
  handler: (s) => async (message, context) => {
    const ran = await s.events.dispatch(message.body as DomainEvent);
    if (ran.length > 0) context.debug(`event ${message.id} (${message.type}) -> ${ran.join(', ')}`);
  },
};
