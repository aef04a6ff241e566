/**
 * Starts @vercel/cosmosdb-server (an in-memory Cosmos DB speaking the real REST protocol) on a
 * free loopback port and hands out a CosmosClient for it. Used by the contract tests only.
 */
import type { AddressInfo } from 'node:net';
import { CosmosClient } from '@azure/cosmos';
import { createHttpServer } from '@vercel/cosmosdb-server';

/** The Cosmos emulator's published well-known key; the stand-in accepts any key. */
const EMULATOR_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

export interface CosmosStandIn {
  readonly client: CosmosClient;
  readonly endpoint: string;
  stop(): Promise<void>;
}

export async function startCosmosStandIn(): Promise<CosmosStandIn> {
  const server = createHttpServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new CosmosClient({
    endpoint,
    key: EMULATOR_KEY,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  return {
    client,
    endpoint,
    stop: async () => {
      client.dispose();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
