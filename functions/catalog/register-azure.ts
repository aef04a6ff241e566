/**
 * Registers every catalog entry with the Azure Functions v4 programming model
 * (`app.http` / `app.timer` / `app.serviceBusQueue`), so Azure serves exactly the functions the
 * local host serves. Services are composed lazily on the first invocation (registration must stay
 * synchronous), and each entry's handler is built once from them.
 */
import type { app as azureApp, HttpRequest, InvocationContext, Timer } from '@azure/functions';
import type { BusMessage } from '../../shared/ports/message-bus.js';
import { toBusMessage } from '../adapters/service-bus/service-bus-message-bus.js';
import type {
  FunctionDefinition,
  HttpFunctionDefinition,
  QueueFunctionDefinition,
  TimerFunctionDefinition,
} from './function-definition.js';

export type AzureApp = Pick<typeof azureApp, 'http' | 'timer' | 'serviceBusQueue'>;

/** App setting (or `__fullyQualifiedNamespace` prefix) naming the Service Bus connection. */
export const SERVICE_BUS_CONNECTION = 'ServiceBusConnection';

/** Builds `factory(services)` once; a failed composition is retried on the next call. */
function lazyHandler<S, H>(getServices: () => Promise<S>, factory: (services: S) => H): () => Promise<H> {
  let built: Promise<H> | undefined;
  return () => {
    built ??= getServices().then(factory, (error: unknown) => {
      built = undefined;
      throw error;
    });
    return built;
  };
}

export function registerCatalog<S>(
  app: AzureApp,
  catalog: readonly FunctionDefinition<S>[],
  getServices: () => Promise<S>,
): void {
  for (const entry of catalog) {
    switch (entry.trigger.type) {
      case 'http': {
        const build = lazyHandler(getServices, (entry as HttpFunctionDefinition<S>).handler);
        app.http(entry.name, {
          route: entry.trigger.route,
          methods: [...entry.trigger.methods],
          authLevel: 'anonymous',
          handler: async (request: HttpRequest, context: InvocationContext) => (await build())(request, context),
        });
        break;
      }
      case 'timer': {
        const build = lazyHandler(getServices, (entry as TimerFunctionDefinition<S>).handler);
        app.timer(entry.name, {
          schedule: entry.trigger.schedule,
          handler: async (timer: Timer, context: InvocationContext) => (await build())(timer, context),
        });
        break;
      }
      case 'queue': {
        const build = lazyHandler(getServices, (entry as QueueFunctionDefinition<S>).handler);
        app.serviceBusQueue(entry.name, {
          queueName: entry.trigger.queueName,
          connection: SERVICE_BUS_CONNECTION,
          handler: async (body: unknown, context: InvocationContext) => {
            const message: BusMessage = toBusMessage(body);
            await (await build())(message, context);
          },
        });
        break;
      }
    }
  }
}
