/**
 * Runs the one DocumentStore contract against both adapters: SQLite on a file in a temp folder,
 * and Cosmos DB through @vercel/cosmosdb-server started here (one fresh database per test), plus
 * the in-memory fake that unit tests use, so the fake cannot drift from the real adapters.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll } from 'vitest';
import { CosmosDocumentStore } from '../../functions/adapters/cosmos/cosmos-document-store.js';
import { ensureCosmosContainers } from '../../functions/adapters/cosmos/cosmos-setup.js';
import { openSqliteDatabase } from '../../functions/adapters/sqlite/sqlite-database.js';
import { SqliteDocumentStore } from '../../functions/adapters/sqlite/sqlite-document-store.js';
import { InMemoryDocumentStore } from '../fakes/in-memory-document-store.js';
import { type CosmosStandIn, startCosmosStandIn } from '../simulators/cosmos/cosmos-stand-in.js';
import { describeDocumentStoreContract } from './document-store-contract.js';

const folder = mkdtempSync(join(tmpdir(), 'itil-store-contract-'));
const openDatabases: Database.Database[] = [];
let sqliteCount = 0;
afterAll(() => {
  for (const db of openDatabases) db.close();
  rmSync(folder, { recursive: true, force: true });
});

describeDocumentStoreContract('sqlite', async () => {
  sqliteCount += 1;
  const db = openSqliteDatabase(join(folder, `store-${sqliteCount}`, 'documents.db'));
  openDatabases.push(db);
  return new SqliteDocumentStore(db);
});

let standIn: CosmosStandIn;
let cosmosCount = 0;
beforeAll(async () => {
  standIn = await startCosmosStandIn();
});
afterAll(async () => {
  await standIn?.stop();
});

describeDocumentStoreContract(
  'cosmosdb-server',
  async () => {
    cosmosCount += 1;
    const databaseId = `contract-${cosmosCount}`;
    await ensureCosmosContainers(standIn.client, databaseId);
    return new CosmosDocumentStore(standIn.client.database(databaseId));
  },
  { nonAtomicBatch: 'transactional batch is not atomic there, earlier operations stay applied' },
);

describeDocumentStoreContract('in-memory fake', async () => new InMemoryDocumentStore());
