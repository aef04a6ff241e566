/**
 * ensureCosmosContainers against @vercel/cosmosdb-server: creates what CONTAINERS describes,
 * can run again, and repairs an existing container whose composite indexes drifted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosmosIndexingPolicy, ensureCosmosContainers } from '../../functions/adapters/cosmos/cosmos-setup.js';
import { CONTAINER_NAMES, CONTAINERS } from '../../shared/storage/containers.js';
import { type CosmosStandIn, startCosmosStandIn } from './cosmos-stand-in.js';

describe('ensureCosmosContainers', () => {
  let standIn: CosmosStandIn;
  beforeAll(async () => {
    standIn = await startCosmosStandIn();
  });
  afterAll(async () => {
    await standIn?.stop();
  });

  it('creates every container with its partition key and composite indexes, and can run again', async () => {
    await ensureCosmosContainers(standIn.client, 'setup-a');
    await ensureCosmosContainers(standIn.client, 'setup-a');
    const database = standIn.client.database('setup-a');
    for (const name of CONTAINER_NAMES) {
      const { resource } = await database.container(name).read();
      expect(resource?.partitionKey?.paths).toEqual([CONTAINERS[name].partitionKeyPath]);
      expect(resource?.indexingPolicy?.compositeIndexes).toEqual(
        cosmosIndexingPolicy(CONTAINERS[name]).compositeIndexes,
      );
    }
  });

  it('replaces the indexing policy of an existing container whose composite indexes differ', async () => {
    const { database } = await standIn.client.databases.createIfNotExists({ id: 'setup-b' });
    await database.containers.create({ id: 'tickets', partitionKey: { paths: ['/ticketId'] } });
    await ensureCosmosContainers(standIn.client, 'setup-b');
    const { resource } = await database.container('tickets').read();
    expect(resource?.indexingPolicy?.compositeIndexes).toEqual(
      cosmosIndexingPolicy(CONTAINERS.tickets).compositeIndexes,
    );
  });
});
