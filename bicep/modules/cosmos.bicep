// Cosmos DB for NoSQL: the account (serverless unless told otherwise), the database and every
// container of CONTAINERS (shared/storage/containers.ts). The container list is generated from
// the code into cosmos-containers.json (`npx tsx infra/bicep-cosmos-containers.ts`) so the
// partition keys and indexing policies are exactly the ones `npm run cosmos:setup` applies.
param baseName string
param suffix string
param location string
param tags object
param databaseName string
@description('Serverless (pay per request). false = provisioned autoscale throughput on the database.')
param serverless bool
@description('Autoscale maximum RU/s of the database when serverless is false.')
param maxThroughput int

var containers = loadJsonContent('cosmos-containers.json')

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: 'cosmos-${baseName}-${suffix}'
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    capabilities: serverless ? [ { name: 'EnableServerless' } ] : []
    // Keys are off: the Function App and operators authenticate with Entra ID (data-plane RBAC).
    disableLocalAuth: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: { id: databaseName }
    options: serverless ? {} : { autoscaleSettings: { maxThroughput: maxThroughput } }
  }
}

resource cosmosContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = [for c in containers: {
  parent: database
  name: c.name
  properties: {
    resource: {
      id: c.name
      partitionKey: {
        paths: [ c.partitionKeyPath ]
        kind: 'Hash'
        version: 2
      }
      indexingPolicy: c.indexingPolicy
    }
  }
}]

output name string = account.name
output endpoint string = account.properties.documentEndpoint
