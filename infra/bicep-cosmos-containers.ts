/**
 * Writes bicep/modules/cosmos-containers.json: every container of CONTAINERS with its partition
 * key path and the indexing policy `npm run cosmos:setup` applies, so the Bicep deployment and the
 * setup command never fight over a container. Run `npx tsx infra/bicep-cosmos-containers.ts`
 * after changing shared/storage/containers.ts (infra/deploy.sh does it; a test checks freshness).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cosmosIndexingPolicy } from '../functions/adapters/cosmos/cosmos-setup.js';
import { CONTAINER_NAMES, CONTAINERS } from '../shared/storage/containers.js';

export const BICEP_CONTAINERS_FILE = fileURLToPath(new URL('../bicep/modules/cosmos-containers.json', import.meta.url));

export const bicepCosmosContainers = () =>
  CONTAINER_NAMES.map((name) => ({
    name,
    partitionKeyPath: CONTAINERS[name].partitionKeyPath,
    indexingPolicy: cosmosIndexingPolicy(CONTAINERS[name]),
  }));

export const bicepCosmosContainersJson = (): string => `${JSON.stringify(bicepCosmosContainers(), null, 2)}\n`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(BICEP_CONTAINERS_FILE, bicepCosmosContainersJson());
  console.log(`wrote ${BICEP_CONTAINERS_FILE}`);
}
