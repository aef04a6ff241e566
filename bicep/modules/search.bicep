// Azure AI Search for the full-text index of tickets (ADR 0018). API keys are off: the Function
// App reaches it with its managed identity only (roles in role-assignments.bicep). The index
// itself (fields, analyzer, scoring profile) is data-plane: the app creates or updates it at start
// from shared/search/ticket-search-document.ts (functions/adapters/search/azure-search-index.ts),
// and a second index `<AZURE_SEARCH_INDEX>-known-errors` from shared/known-errors/known-error-search.ts
// (published known errors, ADR 0034) the same way.
param baseName string
param suffix string
param location string
param tags object
@description('basic: 15 GB per partition, enough for about 1M tickets (ADR 0018); standard for more.')
@allowed([ 'basic', 'standard' ])
param sku string = 'basic'
@description('2 replicas give the read SLA, 3 the read-write SLA.')
@minValue(1)
@maxValue(3)
param replicaCount int = 1
@minValue(1)
@maxValue(3)
param partitionCount int = 1

resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'srch-${baseName}-${suffix}'
  location: location
  tags: tags
  sku: {
    name: sku
  }
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    replicaCount: replicaCount
    partitionCount: partitionCount
    hostingMode: 'default'
    disableLocalAuth: true
    publicNetworkAccess: 'enabled'
    semanticSearch: 'disabled'
  }
}

output name string = search.name
output id string = search.id
output endpoint string = 'https://${search.name}.search.windows.net'
