import azf from '@azure/functions';
import { describe, expect, it } from 'vitest';
import type { BusMessage } from '../../shared/ports/message-bus.js';
import type { FunctionDefinition, HttpHandler, QueueHandler } from './function-definition.js';
import { type AzureApp, registerCatalog } from './register-azure.js';

const { HttpRequest, InvocationContext } = azf;

interface Services {
  readonly greeting: string;
  readonly seen: BusMessage[];
}

const catalog: FunctionDefinition<Services>[] = [
  {
    name: 'get-ticket',
    trigger: { type: 'http', route: 'tickets/{id}', methods: ['GET', 'PATCH'] },
    handler:
      (s): HttpHandler =>
      async (request) => ({ jsonBody: { greeting: s.greeting, id: request.params.id } }),
  },
  { name: 'sla-sweep', trigger: { type: 'timer', schedule: '0 */5 * * * *' }, handler: () => async () => {} },
  {
    name: 'on-event',
    trigger: { type: 'queue', queueName: 'events' },
    handler:
      (s): QueueHandler =>
      async (message) => {
        s.seen.push(message);
      },
  },
];

type Registration = { kind: string; name: string; options: Record<string, unknown> };

function recordingApp(): { app: AzureApp; registrations: Registration[] } {
  const registrations: Registration[] = [];
  const record = (kind: string) => (name: string, options: object) => {
    registrations.push({ kind, name, options: options as Record<string, unknown> });
  };
  return {
    app: { http: record('http'), timer: record('timer'), serviceBusQueue: record('serviceBusQueue') } as AzureApp,
    registrations,
  };
}

describe('registerCatalog', () => {
  it('registers exactly the catalog: names, triggers, routes, methods, schedules, queues', () => {
    const { app, registrations } = recordingApp();
    registerCatalog(app, catalog, async () => ({ greeting: 'hi', seen: [] }));
    const shape = registrations.map(({ kind, name, options: { handler: _handler, ...rest } }) => ({
      kind,
      name,
      ...rest,
    }));
    const expected = catalog.map((entry) => {
      const t = entry.trigger;
      if (t.type === 'http') {
        return { kind: 'http', name: entry.name, route: t.route, methods: [...t.methods], authLevel: 'anonymous' };
      }
      if (t.type === 'timer') return { kind: 'timer', name: entry.name, schedule: t.schedule };
      return { kind: 'serviceBusQueue', name: entry.name, queueName: t.queueName, connection: 'ServiceBusConnection' };
    });
    expect(shape).toEqual(expected);
    expect(registrations.every((r) => typeof r.options.handler === 'function')).toBe(true);
  });

  it('composes services lazily, once, and calls the http handler through', async () => {
    const { app, registrations } = recordingApp();
    let compositions = 0;
    registerCatalog(app, catalog, async () => {
      compositions++;
      return { greeting: 'hello', seen: [] };
    });
    expect(compositions).toBe(0);
    const handler = registrations[0]?.options.handler as (r: unknown, c: unknown) => Promise<unknown>;
    const request = new HttpRequest({ method: 'GET', url: 'http://localhost/api/tickets/T-1', params: { id: 'T-1' } });
    const context = new InvocationContext({ functionName: 'get-ticket' });
    expect(await handler(request, context)).toEqual({ jsonBody: { greeting: 'hello', id: 'T-1' } });
    await handler(request, context);
    expect(compositions).toBe(1);
  });

  it('hands the queue function a BusMessage parsed from the Service Bus body', async () => {
    const { app, registrations } = recordingApp();
    const services: Services = { greeting: '', seen: [] };
    registerCatalog(app, catalog, async () => services);
    const handler = registrations[2]?.options.handler as (m: unknown, c: unknown) => Promise<void>;
    const message = { id: 'e1', type: 'ticket.created', body: { ticketId: 'T-1' } };
    await handler(JSON.stringify(message), new InvocationContext());
    await handler(Buffer.from(JSON.stringify(message)), new InvocationContext());
    await handler(message, new InvocationContext());
    expect(services.seen).toEqual([message, message, message]);
  });

  it('retries the composition after it failed', async () => {
    const { app, registrations } = recordingApp();
    let attempts = 0;
    registerCatalog(app, catalog, async () => {
      attempts++;
      if (attempts === 1) throw new Error('config missing');
      return { greeting: 'ok', seen: [] };
    });
    const handler = registrations[0]?.options.handler as (r: unknown, c: unknown) => Promise<unknown>;
    const request = new HttpRequest({ method: 'GET', url: 'http://localhost/api/tickets/1', params: { id: '1' } });
    await expect(handler(request, new InvocationContext())).rejects.toThrow('config missing');
    await expect(handler(request, new InvocationContext())).resolves.toEqual({ jsonBody: { greeting: 'ok', id: '1' } });
  });
});
