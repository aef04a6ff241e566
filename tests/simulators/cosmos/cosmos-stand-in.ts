/**
 * The Cosmos DB simulator: @vercel/cosmosdb-server (an in-memory Cosmos DB speaking the real
 * REST protocol) on a free loopback port, driven by the real @azure/cosmos SDK through the
 * product's own client factory. Used by the contract suites, the end-to-end tests on Cosmos and
 * `STORE=cosmos-sim npm start`.
 *
 * Its gaps against Azure (../shared/STACK.md): no OFFSET/LIMIT, no GROUP BY, the partitionKey
 * query option is ignored, transactional batch is not atomic, no change feed after the first
 * read, no TTL, nothing persists (a restart starts empty), and every response charges 1 RU.
 */
import type { AddressInfo } from 'node:net';
import type { CosmosClient } from '@azure/cosmos';
import { createHttpServer } from '@vercel/cosmosdb-server';
import { createCosmosClient } from '../../../functions/adapters/cosmos/cosmos-client.js';
import { ensureCosmosContainers } from '../../../functions/adapters/cosmos/cosmos-setup.js';

/** The Cosmos emulator's published well-known key; the stand-in accepts any key. */
export const EMULATOR_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

export interface CosmosStandIn {
  readonly client: CosmosClient;
  readonly endpoint: string;
  readonly key: string;
  stop(): Promise<void>;
}

export interface StandInOptions {
  /** Creates this database with every container of CONTAINERS, as `npm run cosmos:setup` does. */
  readonly setUpDatabase?: string;
  /** Loopback port; 0 (the default) picks a free one. */
  readonly port?: number;
}

export async function startCosmosStandIn(options: StandInOptions = {}): Promise<CosmosStandIn> {
  const server = createHttpServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = createCosmosClient({ endpoint, key: EMULATOR_KEY });
  if (options.setUpDatabase) await ensureCosmosContainers(client, options.setUpDatabase);
  return {
    client,
    endpoint,
    key: EMULATOR_KEY,
    stop: async () => {
      client.dispose();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
