/**
 * Deploy-time command (`npm run cosmos:setup`): creates the Cosmos DB database and every
 * container of CONTAINERS with its partition key and indexing policy. Idempotent; an existing
 * container whose composite indexes differ gets its indexing policy replaced.
 *
 * Reads COSMOS_ENDPOINT and COSMOS_DATABASE (default `itilnext`, as in bicep/); authenticates
 * with COSMOS_KEY when set, otherwise with DefaultAzureCredential (managed identity, Azure CLI
 * login, ...). Works against the local stand-in (http) and Azure (https).
 */
import { createCosmosClient } from '../functions/adapters/cosmos/cosmos-client.js';
import { ensureCosmosContainers } from '../functions/adapters/cosmos/cosmos-setup.js';

async function main(): Promise<void> {
  const endpoint = process.env['COSMOS_ENDPOINT']?.trim();
  if (!endpoint) throw new Error('COSMOS_ENDPOINT must be set (e.g. https://<account>.documents.azure.com:443/)');
  const databaseId = process.env['COSMOS_DATABASE']?.trim() || 'itilnext';
  const client = createCosmosClient({ endpoint, key: process.env['COSMOS_KEY']?.trim() });
  try {
    await ensureCosmosContainers(client, databaseId);
    console.log(`Cosmos DB database "${databaseId}" and its containers are ready at ${endpoint}`);
  } finally {
    client.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
