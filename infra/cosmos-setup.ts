/**
 * Deploy-time command (`npm run cosmos:setup`): creates the Cosmos DB database and every
 * container of CONTAINERS with its partition key and indexing policy. Idempotent.
 *
 * Reads COSMOS_ENDPOINT and COSMOS_DATABASE; authenticates with COSMOS_KEY when set, otherwise
 * with DefaultAzureCredential (managed identity, Azure CLI login, ...).
 */
import { CosmosClient } from '@azure/cosmos';
import { DefaultAzureCredential } from '@azure/identity';
import { ensureCosmosContainers } from '../functions/adapters/cosmos/cosmos-setup.js';

function required(name: string): string {
  const value = process.env[name]?.trim();
  if (!value) throw new Error(`${name} must be set`);
  return value;
}

async function main(): Promise<void> {
  const endpoint = required('COSMOS_ENDPOINT');
  const databaseId = required('COSMOS_DATABASE');
  const key = process.env['COSMOS_KEY']?.trim();
  const client = key
    ? new CosmosClient({ endpoint, key })
    : new CosmosClient({ endpoint, aadCredentials: new DefaultAzureCredential() });
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
