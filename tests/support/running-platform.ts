/**
 * Starts the real local platform in this process on a random port with a fresh data folder and
 * the demo seed, on SQLite or on Cosmos DB (a Cosmos simulator of its own, set up as
 * `npm run cosmos:setup` does), and gives tests a small client that signs in as a demo agent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Composition, type CompositionOverrides, compose } from '../../functions/composition-root.js';
import { loadConfig } from '../../functions/config/config.js';
import { type LocalPlatform, startLocalPlatform } from '../../infra/local/local-platform.js';
import { seedDemo } from '../../infra/seed/seed-demo.js';
import { type CosmosStandIn, startCosmosStandIn } from '../simulators/cosmos/cosmos-stand-in.js';
import type { E2EStore } from './e2e-stores.js';

export interface RunningPlatform {
  readonly url: string;
  readonly composition: Composition;
  readonly platform: LocalPlatform;
  api<T = unknown>(
    as: string | null,
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: T; headers: Headers }>;
  stop(): Promise<void>;
}

export interface RunningPlatformOptions {
  /** The document store (default sqlite). */
  readonly store?: E2EStore;
  readonly seed?: boolean;
  /** Extra settings, e.g. `{ MAIL_PROVIDER: 'graph-sim', GRAPH_BASE_URL: sim.url }`. */
  readonly env?: Record<string, string>;
  /** Composition overrides (clock, log, Graph retry policy ...). */
  readonly overrides?: CompositionOverrides;
}

export async function startRunningPlatform(options: RunningPlatformOptions = {}): Promise<RunningPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'itil-e2e-'));
  // SMTP_PORT 0: every platform gets its own free port for the SMTP listener (tests run in parallel).
  let cosmos: CosmosStandIn | undefined;
  const storeEnv: Record<string, string> = {};
  if (options.store === 'cosmos') {
    cosmos = await startCosmosStandIn({ setUpDatabase: 'itilnext' });
    Object.assign(storeEnv, { STORE: 'cosmos', COSMOS_ENDPOINT: cosmos.endpoint, COSMOS_KEY: cosmos.key });
  }
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    SMTP_PORT: '0',
    BLOB_STORE: 'file',
    ...storeEnv,
    ...options.env,
  });
  const composition = await compose(config, { log: () => {}, ...options.overrides });
  if (options.seed !== false)
    await seedDemo(
      composition.services.directory,
      composition.services.tickets,
      composition.services.sla.config,
      composition.services.orchestra.rules,
      composition.services.customers.service,
      composition.services.productivity,
    );
  const platform = await startLocalPlatform(composition, { port: 0, host: '127.0.0.1', timers: false, log: () => {} });
  return {
    url: platform.url,
    composition,
    platform,
    async api(as, path, init = {}) {
      const headers: Record<string, string> = { ...(init.headers ?? {}) };
      if (as) headers.authorization = `Dev ${as}`;
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${platform.url}/api/${path}`, {
        method: init.method ?? (init.body !== undefined ? 'POST' : 'GET'),
        headers,
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      });
      const text = await response.text();
      return {
        status: response.status,
        body: (text ? JSON.parse(text) : undefined) as never,
        headers: response.headers,
      };
    },
    async stop() {
      await platform.stop();
      await composition.close();
      await cosmos?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
