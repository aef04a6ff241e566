/**
 * Cosmos DB setup against @vercel/cosmosdb-server: ensureCosmosContainers creates what CONTAINERS
 * describes, can run again, and repairs an existing container whose composite indexes drifted;
 * `npm run cosmos:setup` works against a plain-http endpoint; start-up on Cosmos names the
 * containers that are missing instead of dying with an SDK stack trace.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkCosmosContainers,
  cosmosIndexingPolicy,
  ensureCosmosContainers,
} from '../../functions/adapters/cosmos/cosmos-setup.js';
import { compose } from '../../functions/composition-root.js';
import { ConfigError, loadConfig } from '../../functions/config/config.js';
import { CONTAINER_NAMES, CONTAINERS } from '../../shared/storage/containers.js';
import { type CosmosStandIn, startCosmosStandIn } from '../simulators/cosmos/cosmos-stand-in.js';

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

  it('npm run cosmos:setup creates the database over plain http with the key, and says so', async () => {
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'infra/cosmos-setup.ts'], {
      env: { ...process.env, COSMOS_ENDPOINT: standIn.endpoint, COSMOS_KEY: standIn.key, COSMOS_DATABASE: 'setup-c' },
    });
    expect(stdout).toContain('"setup-c" and its containers are ready');
    expect(await checkCosmosContainers(standIn.client.database('setup-c'))).toEqual({ missing: [], stalePolicies: [] });
  }, 30_000);

  it('start-up on Cosmos names the missing containers and the command that creates them', async () => {
    const { database } = await standIn.client.databases.createIfNotExists({ id: 'setup-d' });
    await database.containers.create({ id: 'tickets', partitionKey: { paths: ['/ticketId'] } });
    const dataDir = mkdtempSync(join(tmpdir(), 'itil-cosmos-check-'));
    try {
      const config = loadConfig({
        STORE: 'cosmos',
        COSMOS_ENDPOINT: standIn.endpoint,
        COSMOS_KEY: standIn.key,
        COSMOS_DATABASE: 'setup-d',
        DATA_DIR: dataDir,
        BLOB_STORE: 'file',
      });
      const failure = await compose(config, { log: () => {} }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(ConfigError);
      const missing = CONTAINER_NAMES.filter((n) => n !== 'tickets');
      expect((failure as Error).message).toContain(`has no container ${missing.join(', ')}`);
      expect((failure as Error).message).toContain('npm run cosmos:setup');
      expect(await checkCosmosContainers(database)).toEqual({
        missing,
        stalePolicies: ['tickets'],
      });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
