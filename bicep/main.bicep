// ITIL-NEXT on Azure: Function App (Flex Consumption) over Cosmos DB, Service Bus and Blob
// Storage, a Static Web App in front, Key Vault for secrets, Application Insights and alerts.
// Deploy with infra/deploy.sh (see docs/deploy.md).
targetScope = 'resourceGroup'

@allowed([ 'dev', 'prod' ])
param environmentName string
param location string = resourceGroup().location
@description('Static Web Apps regions: westeurope, westus2, centralus, eastus2, eastasia.')
param staticWebAppLocation string = 'westeurope'
@minLength(3)
@maxLength(8)
param baseName string = 'itilnext'
param cosmosDatabase string = 'itilnext'
param cosmosServerless bool = true
param cosmosMaxThroughput int = 1000
param functionMaxInstances int = 40
param functionInstanceMemoryMB int = 2048
@description('Deliveries before a queue message is dead-lettered.')
param queueMaxDeliveries int = 5
@allowed([ 'debug', 'info', 'warn', 'error' ])
param logLevel string = 'info'
@description('Client id of the Entra app registration agents sign in with (docs/deploy.md step 1).')
param entraClientId string
@description('The support mailbox address customers write to.')
param supportAddress string
@description('Client id of the Graph mail app registration (docs/deploy.md step 2).')
param graphClientId string
@description('Application ID URI accepted on bearer tokens of direct API callers; empty = none.')
param apiAudience string = ''
param alertEmail string = ''
@description('Azure AI Search tier and replicas (ADR 0018: basic holds about 1M tickets; 2 replicas for the read SLA).')
@allowed([ 'basic', 'standard' ])
param searchSku string = 'basic'
param searchReplicaCount int = 1
@description('Web PubSub tier for live updates and presence (ADR 0027).')
@allowed([ 'Free_F1', 'Standard_S1' ])
param webPubSubSku string = 'Standard_S1'
param timerAlertsEnabled bool = true
@description('CRM enriching the customer directory: none or hubspot (ADR 0017; README "Configure HubSpot").')
@allowed([ 'none', 'hubspot' ])
param crmProvider string = 'none'
@description('HubSpot mapping (README "Configure HubSpot"): tier property, tier values mapped to ours, fields shown.')
param hubspotTierProperty string = 'tier'
param hubspotTierMap string = ''
param hubspotContactFields string = 'jobtitle,lifecyclestage'
param hubspotCompanyFields string = 'industry,numberofemployees'
@minValue(1)
@maxValue(190)
param hubspotRateLimit int = 100
param hubspotWriteBack bool = false
param hubspotPortalId string = ''
@description('Where CIs also come from: none or valuemation (ADR 0020; its client secret in Key Vault as valuemation-client-secret).')
@allowed([ 'none', 'valuemation' ])
param valuemationProvider string = 'none'
@description('Valuemation\'s root URL (/oauth/token and /api/v1/... below it) and the OAuth client id of the integration user.')
param valuemationBaseUrl string = ''
param valuemationClientId string = ''
@minValue(1)
@maxValue(1000)
param valuemationPageSize int = 500
@description('Hours between full runs, which retire CIs Valuemation no longer lists; 0 = only the first and requested ones.')
@minValue(0)
@maxValue(8760)
param valuemationFullSyncHours int = 24

var suffix = uniqueString(resourceGroup().id, environmentName)
var tags = {
  application: 'itil-next'
  environment: environmentName
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    baseName: baseName
    suffix: suffix
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    baseName: baseName
    suffix: suffix
    location: location
    tags: tags
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    baseName: baseName
    suffix: suffix
    location: location
    tags: tags
    databaseName: cosmosDatabase
    serverless: cosmosServerless
    maxThroughput: cosmosMaxThroughput
  }
}

module serviceBus 'modules/service-bus.bicep' = {
  name: 'service-bus'
  params: {
    baseName: baseName
    suffix: suffix
    location: location
    tags: tags
    maxDeliveryCount: queueMaxDeliveries
  }
}

module search 'modules/search.bicep' = {
  name: 'search'
  params: {
    baseName: baseName
    suffix: suffix
    location: location
    tags: tags
    sku: searchSku
    replicaCount: searchReplicaCount
  }
}

module webPubSub 'modules/web-pubsub.bicep' = {
  name: 'web-pubsub'
  params: {
    baseName: baseName
    suffix: suffix
    location: location
    tags: tags
    sku: webPubSubSku
  }
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  params: {
    baseName: baseName
    suffix: suffix
    location: location
    tags: tags
  }
}

module staticWebApp 'modules/static-web-app.bicep' = {
  name: 'static-web-app'
  params: {
    baseName: baseName
    suffix: suffix
    location: staticWebAppLocation
    tags: tags
    entraClientId: entraClientId
    keyVaultName: keyVault.outputs.name
  }
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  params: {
    baseName: baseName
    suffix: suffix
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    blobEndpoint: storage.outputs.blobEndpoint
    appInsightsConnectionString: monitoring.outputs.connectionString
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabase: cosmosDatabase
    serviceBusNamespace: serviceBus.outputs.fullyQualifiedNamespace
    searchEndpoint: search.outputs.endpoint
    webPubSubEndpoint: webPubSub.outputs.endpoint
    keyVaultName: keyVault.outputs.name
    staticWebAppHostname: staticWebApp.outputs.defaultHostname
    tenantId: tenant().tenantId
    apiAudience: apiAudience
    queueMaxDeliveries: queueMaxDeliveries
    supportAddress: supportAddress
    graphClientId: graphClientId
    logLevel: logLevel
    crmProvider: crmProvider
    hubspotTierProperty: hubspotTierProperty
    hubspotTierMap: hubspotTierMap
    hubspotContactFields: hubspotContactFields
    hubspotCompanyFields: hubspotCompanyFields
    hubspotRateLimit: hubspotRateLimit
    hubspotWriteBack: hubspotWriteBack
    hubspotPortalId: hubspotPortalId
    valuemationProvider: valuemationProvider
    valuemationBaseUrl: valuemationBaseUrl
    valuemationClientId: valuemationClientId
    valuemationPageSize: valuemationPageSize
    valuemationFullSyncHours: valuemationFullSyncHours
    maximumInstanceCount: functionMaxInstances
    instanceMemoryMB: functionInstanceMemoryMB
  }
}

module roles 'modules/role-assignments.bicep' = {
  name: 'role-assignments'
  params: {
    functionPrincipalId: functionApp.outputs.principalId
    staticWebAppPrincipalId: staticWebApp.outputs.principalId
    cosmosAccountName: cosmos.outputs.name
    serviceBusName: serviceBus.outputs.name
    searchServiceName: search.outputs.name
    webPubSubName: webPubSub.outputs.name
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
  }
}

module linkedBackend 'modules/linked-backend.bicep' = {
  name: 'linked-backend'
  params: {
    staticWebAppName: staticWebApp.outputs.name
    functionAppId: functionApp.outputs.id
    location: staticWebAppLocation
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    baseName: baseName
    location: location
    tags: tags
    workspaceId: monitoring.outputs.workspaceId
    serviceBusId: serviceBus.outputs.id
    alertEmail: alertEmail
    timerAlertsEnabled: timerAlertsEnabled
  }
}

output functionAppName string = functionApp.outputs.name
output functionAppUrl string = 'https://${functionApp.outputs.defaultHostname}'
output staticWebAppName string = staticWebApp.outputs.name
output staticWebAppUrl string = 'https://${staticWebApp.outputs.defaultHostname}'
output cosmosEndpoint string = cosmos.outputs.endpoint
output cosmosDatabase string = cosmosDatabase
output keyVaultName string = keyVault.outputs.name
