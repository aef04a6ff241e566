/** Cosmos containers, Service Bus queues, roles and wiring in bicep/ against the code. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cosmosIndexingPolicy } from '../../functions/adapters/cosmos/cosmos-setup.js';
import { BICEP_CONTAINERS_FILE, bicepCosmosContainersJson } from '../../infra/bicep-cosmos-containers.js';
import { QUEUE_NAMES } from '../../shared/ports/message-bus.js';
import { CONTAINER_NAMES, CONTAINERS } from '../../shared/storage/containers.js';
import { at, evaluate, resourceBodies, Scope } from './bicep/evaluate.js';
import { bicepFile, bicepPath, bicepSource, moduleScope, ROOT } from './template-helpers.js';

const CONTAINER_TYPE = 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers';
const QUEUE_TYPE = 'Microsoft.ServiceBus/namespaces/queues';
const queuesOf = (file = bicepFile('modules/service-bus.bicep')) =>
  resourceBodies(file, QUEUE_TYPE, moduleScope(file)).map((q) => q.body);

describe('Cosmos DB containers (bicep/modules/cosmos.bicep)', () => {
  const containers = resourceBodies(bicepFile('modules/cosmos.bicep'), CONTAINER_TYPE);

  it('declares every container of CONTAINERS with the same partition key path', () => {
    const declared = containers.map((c) => [at(c.body, 'name'), at(c.body, 'properties.resource.partitionKey.paths')]);
    expect(declared).toEqual(CONTAINER_NAMES.map((name) => [name, [CONTAINERS[name].partitionKeyPath]]));
  });

  it('gives each container the indexing policy cosmos:setup applies, with the composite indexes of CONTAINERS', () => {
    for (const c of containers) {
      const name = at(c.body, 'name') as keyof typeof CONTAINERS;
      const policy = at(c.body, 'properties.resource.indexingPolicy');
      expect(policy).toEqual(cosmosIndexingPolicy(CONTAINERS[name]));
      const composites = JSON.stringify(at(policy, 'compositeIndexes'));
      for (const index of CONTAINERS[name].compositeIndexes.filter((i) => i.length > 1)) {
        const expected = index.map((f) => ({
          path: `/${f.path.replaceAll('.', '/')}`,
          order: f.direction === 'asc' ? 'ascending' : 'descending',
        }));
        expect(composites).toContain(JSON.stringify(expected));
      }
    }
  });

  it('keeps the generated container list fresh (npx tsx infra/bicep-cosmos-containers.ts)', () => {
    expect(readFileSync(BICEP_CONTAINERS_FILE, 'utf8')).toBe(bicepCosmosContainersJson());
  });

  it('disables keys and grants the Function App the Built-in Data Contributor role', () => {
    const [account] = resourceBodies(bicepFile('modules/cosmos.bicep'), 'Microsoft.DocumentDB/databaseAccounts');
    expect(at(account?.body ?? null, 'properties.disableLocalAuth')).toBe(true);
    const roles = bicepFile('modules/role-assignments.bicep');
    const [assignment] = resourceBodies(
      roles,
      'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments',
      moduleScope(roles),
    );
    expect(at(assignment?.body ?? null, 'properties.principalId')).toBe('<functionPrincipalId>');
    const scope = new Scope(roles);
    expect(scope.lookup('cosmosDataContributor')).toBe('00000000-0000-0000-0000-000000000002');
  });
});

describe('Service Bus queues (bicep/modules/service-bus.bicep)', () => {
  it('declares every queue of QUEUE_NAMES with dead-lettering and duplicate detection', () => {
    const queues = queuesOf();
    for (const name of QUEUE_NAMES) {
      const queue = queues.find((q) => at(q, 'name') === name);
      expect(queue, `queue ${name}`).toBeDefined();
      expect(at(queue ?? null, 'properties.deadLetteringOnMessageExpiration')).toBe(true);
      expect(at(queue ?? null, 'properties.requiresDuplicateDetection')).toBe(true);
      expect(at(queue ?? null, 'properties.maxDeliveryCount')).toBe(5);
    }
  });

  // ADR 0012: a crashed instance's messages come back after the lock (1 min); a live handler keeps
  // its lock by renewal until the host times it out, so it is never delivered twice while it runs.
  it('locks a message for 1 minute, renewed by the host for as long as a function may run', () => {
    const host = JSON.parse(readFileSync(join(ROOT, 'host.json'), 'utf8')) as {
      functionTimeout: string;
      extensions: { serviceBus: { maxAutoLockRenewalDuration: string } };
    };
    const seconds = (hms: string) => hms.split(':').reduce((total, part) => total * 60 + Number(part), 0);
    for (const queue of queuesOf())
      expect(at(queue, 'properties.lockDuration'), String(at(queue, 'name'))).toBe('PT1M');
    expect(seconds(host.extensions.serviceBus.maxAutoLockRenewalDuration)).toBeGreaterThanOrEqual(
      seconds(host.functionTimeout),
    );
  });

  it('does not count a queue that is only in a comment', () => {
    const path = 'modules/service-bus.bicep';
    const source = readFileSync(bicepPath(path), 'utf8').replace("  'events'\n", "  // 'events'\n");
    expect(queuesOf(bicepSource(path, source)).map((q) => at(q, 'name'))).not.toContain('events');
  });

  it('grants the Function App Data Sender and Data Receiver, with local auth off', () => {
    const [ns] = resourceBodies(bicepFile('modules/service-bus.bicep'), 'Microsoft.ServiceBus/namespaces');
    expect(at(ns?.body ?? null, 'properties.disableLocalAuth')).toBe(true);
    const roles = new Scope(bicepFile('modules/role-assignments.bicep')).lookup('roles');
    expect(roles).toMatchObject({
      serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39',
      serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0',
      storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
      keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6',
    });
  });
});

describe('Azure AI Search (bicep/modules/search.bicep)', () => {
  it('runs with API keys off and a managed identity, on a tier that holds the index (ADR 0018)', () => {
    const file = bicepFile('modules/search.bicep');
    const [service] = resourceBodies(file, 'Microsoft.Search/searchServices', moduleScope(file));
    expect(at(service?.body ?? null, 'properties.disableLocalAuth')).toBe(true);
    expect(at(service?.body ?? null, 'identity.type')).toBe('SystemAssigned');
    expect(at(service?.body ?? null, 'sku.name')).toBe('basic');
    expect(at(service?.body ?? null, 'properties.replicaCount')).toBe(2); // prod: the read SLA
  });

  it('grants the Function App index data and index definition rights on that service only', () => {
    const roles = bicepFile('modules/role-assignments.bicep');
    const ids = new Scope(roles).lookup('roles');
    expect(ids).toMatchObject({
      searchIndexDataContributor: '8ebe5a00-799e-43f5-93ac-243d3dce84a7',
      searchServiceContributor: '7ca78c08-252a-4471-8644-bb5ff32d4ba0',
    });
    const grants = resourceBodies(roles, 'Microsoft.Authorization/roleAssignments', moduleScope(roles));
    const source = readFileSync(bicepPath('modules/role-assignments.bicep'), 'utf8');
    for (const [symbol, role] of [
      ['searchData', 'searchIndexDataContributor'],
      ['searchIndexes', 'searchServiceContributor'],
    ]) {
      const grant = grants.find((g) => g.symbol === symbol);
      expect(at(grant?.body ?? null, 'properties.principalId'), symbol).toBe('<functionPrincipalId>');
      const block = source.slice(source.indexOf(`resource ${symbol} `)).split('\n}\n')[0] ?? '';
      expect(block).toContain('scope: search\n');
      expect(block).toContain(`roles.${role})`);
    }
  });
});

describe('main.bicep wiring', () => {
  const main = bicepFile('main.bicep');

  it('passes every module exactly the params it declares, and each module parses', () => {
    for (const s of main.statements) {
      if (s.kind !== 'module') continue;
      const module = bicepFile(s.path);
      const passed = Object.keys(at(evaluate(s.value, new Scope(main)), 'params') as object).sort();
      const declared = module.statements.filter((p) => p.kind === 'param');
      const required = declared.filter((p) => p.kind === 'param' && !p.defaultValue).map((p) => p.name);
      expect(
        required.filter((p) => !passed.includes(p)),
        `${s.path} missing params`,
      ).toEqual([]);
      expect(
        passed.filter((p) => !declared.some((d) => d.kind === 'param' && d.name === p)),
        `${s.path} unknown params`,
      ).toEqual([]);
    }
  });

  it('outputs the Function App and Static Web App URLs', () => {
    const outputs = main.statements.filter((s) => s.kind === 'output').map((s) => (s.kind === 'output' ? s.name : ''));
    expect(outputs).toEqual(expect.arrayContaining(['functionAppUrl', 'staticWebAppUrl']));
  });

  it('has parameter files that name only params of main.bicep and give every required one', () => {
    const params = main.statements.filter((s) => s.kind === 'param');
    for (const env of ['dev', 'prod']) {
      const path = bicepPath(`main.parameters.${env}.json`);
      expect(existsSync(path)).toBe(true);
      const given = Object.keys((JSON.parse(readFileSync(path, 'utf8')) as { parameters: object }).parameters);
      expect(given.filter((g) => !params.some((p) => p.kind === 'param' && p.name === g))).toEqual([]);
      const required = params
        .filter((p) => p.kind === 'param' && !p.defaultValue)
        .map((p) => (p.kind === 'param' ? p.name : ''));
      expect(required.filter((r) => !given.includes(r))).toEqual([]);
    }
  });

  it('links the Function App to a Standard Static Web App', () => {
    const [swa] = resourceBodies(bicepFile('modules/static-web-app.bicep'), 'Microsoft.Web/staticSites');
    expect(at(swa?.body ?? null, 'sku.name')).toBe('Standard');
    const linked = bicepFile('modules/linked-backend.bicep');
    const [link] = resourceBodies(linked, 'Microsoft.Web/staticSites/linkedBackends', moduleScope(linked));
    expect(at(link?.body ?? null, 'properties.backendResourceId')).toBe('<functionAppId>');
  });
});

describe('web/staticwebapp.config.json', () => {
  const config = JSON.parse(readFileSync(join(ROOT, 'web', 'staticwebapp.config.json'), 'utf8')) as {
    routes: { route: string; allowedRoles?: string[]; statusCode?: number }[];
  };

  it('requires sign-in everywhere except the Entra ID login route', () => {
    const open = config.routes.filter((r) => r.allowedRoles?.includes('anonymous')).map((r) => r.route);
    expect(open.every((route) => route.startsWith('/.auth/'))).toBe(true);
    expect(open).toContain('/.auth/login/aad');
    expect(config.routes.find((r) => r.route === '/*')?.allowedRoles).toEqual(['authenticated']);
    expect(config.routes.find((r) => r.route === '/api/*')?.allowedRoles).toEqual(['authenticated']);
  });
});
