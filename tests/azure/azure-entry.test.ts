/** functions/azure-entry.ts: registers exactly the catalog, composes once, telemetry only when configured. */
import { describe, expect, it, vi } from 'vitest';

const recorded = vi.hoisted(() => [] as { kind: string; name: string; options: Record<string, unknown> }[]);
const monitor = vi.hoisted(() => ({ calls: 0 }));

vi.mock('@azure/functions', () => {
  const record = (kind: string) => (name: string, options: Record<string, unknown>) => {
    recorded.push({ kind, name, options });
  };
  return { default: { app: { http: record('http'), timer: record('timer'), serviceBusQueue: record('queue') } } };
});
vi.mock('@azure/monitor-opentelemetry', () => ({ useAzureMonitor: () => (monitor.calls += 1) }));

const { CATALOG } = await import('../../functions/catalog/catalog.js');
const { SERVICE_BUS_CONNECTION } = await import('../../functions/catalog/register-azure.js');
const entry = await import('../../functions/azure-entry.js');

describe('Azure entry', () => {
  it('registers exactly the catalog: name, trigger, route, methods, schedule, queue', () => {
    const expected = CATALOG.map((f) => {
      const t = f.trigger;
      if (t.type === 'http') return { kind: 'http', name: f.name, route: t.route, methods: [...t.methods] };
      if (t.type === 'timer') return { kind: 'timer', name: f.name, schedule: t.schedule };
      return { kind: 'queue', name: f.name, queueName: t.queueName, connection: SERVICE_BUS_CONNECTION };
    });
    const actual = recorded.map(({ kind, name, options: o }) => {
      if (kind === 'http') return { kind, name, route: o['route'], methods: o['methods'] };
      if (kind === 'timer') return { kind, name, schedule: o['schedule'] };
      return { kind, name, queueName: o['queueName'], connection: o['connection'] };
    });
    expect(actual).toEqual(expected);
    expect(recorded.every((r) => typeof r.options['handler'] === 'function')).toBe(true);
  });

  it('did not start telemetry without a connection string', () => {
    expect(monitor.calls).toBe(0);
  });

  it('starts telemetry only when APPLICATIONINSIGHTS_CONNECTION_STRING is set', () => {
    const start = vi.fn();
    expect(entry.startTelemetry({}, start)).toBe(false);
    expect(entry.startTelemetry({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=k' }, start)).toBe(true);
    expect(start).toHaveBeenCalledTimes(1);
    expect(start.mock.calls[0]?.[0]).toMatchObject({
      azureMonitorExporterOptions: { connectionString: 'InstrumentationKey=k' },
    });
  });

  it('composes the services once, and again after a failed attempt', async () => {
    const services = { marker: true };
    const build = vi
      .fn()
      .mockRejectedValueOnce(new Error('cosmos unreachable'))
      .mockResolvedValue({ services, close: async () => {} });
    const get = entry.servicesOnce({} as never, build);
    await expect(get()).rejects.toThrow('cosmos unreachable');
    expect(await get()).toBe(services);
    expect(await get()).toBe(services);
    expect(build).toHaveBeenCalledTimes(2);
  });

  it('logs adapter choices at start-up, never endpoints or secrets', () => {
    const line = entry.startupSummary({
      STORE: 'cosmos',
      QUEUE: 'servicebus',
      AUTH_MODE: 'azure',
      LOG_LEVEL: 'info',
      COSMOS_ENDPOINT: 'https://secret-account.documents.azure.com',
      MAIL_SIGNING_SECRET: 'very-secret-signing-key',
    } as never);
    expect(line).toContain('store=cosmos');
    expect(line).not.toMatch(/secret/);
  });
});
