/**
 * The one way the product builds a Cosmos DB client (the app and `npm run cosmos:setup`): with
 * the account key when one is configured, otherwise with DefaultAzureCredential (managed
 * identity in Azure, the Azure CLI login on a workstation). A plain-http endpoint (the local
 * stand-in) has no regional endpoints to discover, and discovery would switch to https.
 */
import { CosmosClient } from '@azure/cosmos';
import { DefaultAzureCredential } from '@azure/identity';

export interface CosmosConnection {
  readonly endpoint: string;
  readonly key?: string | undefined;
}

export function createCosmosClient({ endpoint, key }: CosmosConnection): CosmosClient {
  return new CosmosClient({
    endpoint,
    ...(key ? { key } : { aadCredentials: new DefaultAzureCredential() }),
    connectionPolicy: { enableEndpointDiscovery: !endpoint.startsWith('http://') },
  });
}
