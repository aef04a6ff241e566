// The Function App on Flex Consumption (Linux, Node 20) with a system-assigned identity and an
// app setting for every key of the configuration schema (functions/config/config.ts) that Azure
// needs. Secrets are Key Vault references; everything else reaches Azure by managed identity.
param baseName string
param suffix string
param location string
param tags object
param storageAccountName string
param deploymentContainerUrl string
param blobEndpoint string
param appInsightsConnectionString string
param cosmosEndpoint string
param cosmosDatabase string
param serviceBusNamespace string
@description('Azure AI Search endpoint (https://<name>.search.windows.net).')
param searchEndpoint string
@description('Azure Web PubSub endpoint (https://<name>.webpubsub.azure.com), for live updates.')
param webPubSubEndpoint string
param keyVaultName string
param staticWebAppHostname string
param tenantId string
@description('Audience of bearer tokens for direct API callers (Application ID URI); empty = SWA sign-in only.')
param apiAudience string
param queueMaxDeliveries int
@description('The support mailbox customers write to (Graph application access is limited to it).')
param supportAddress string
param supportName string = 'ITIL-NEXT Support'
@description('Client id of the Graph mail app registration (docs/deploy.md step 2).')
param graphClientId string
@allowed([ 'debug', 'info', 'warn', 'error' ])
param logLevel string = 'info'
@description('The CRM enriching the customer directory (ADR 0017): none, or hubspot (token and client secret in Key Vault).')
@allowed([ 'none', 'hubspot' ])
param crmProvider string = 'none'
@description('HubSpot mapping: the company property holding the tier, its values mapped to ours (Strategic=enterprise,...), the fields shown.')
param hubspotTierProperty string = 'tier'
param hubspotTierMap string = ''
param hubspotContactFields string = 'jobtitle,lifecyclestage'
param hubspotCompanyFields string = 'industry,numberofemployees'
@description('The private app\'s limit per 10 s: 100 (Free/Starter) or 190 (Professional/Enterprise).')
@minValue(1)
@maxValue(190)
param hubspotRateLimit int = 100
@description('Notes on the HubSpot contact when a ticket is created and resolved (needs crm.objects.contacts.write).')
param hubspotWriteBack bool = false
@description('HubSpot account id for "Open in HubSpot" links; empty = read from the token.')
param hubspotPortalId string = ''
@description('The CMDB source mastering the CIs it supplies (ADR 0020): none, or valuemation (client secret in Key Vault).')
@allowed([ 'none', 'valuemation' ])
param valuemationProvider string = 'none'
@description('Valuemation\'s root URL and the OAuth client id of the integration user (client credentials).')
param valuemationBaseUrl string = ''
param valuemationClientId string = ''
@minValue(1)
@maxValue(1000)
param valuemationPageSize int = 500
@minValue(0)
@maxValue(8760)
param valuemationFullSyncHours int = 24
param maximumInstanceCount int
param instanceMemoryMB int

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${baseName}-${suffix}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: { reserved: true }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: 'func-${baseName}-${suffix}'
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      // Flex Consumption takes the runtime here; FUNCTIONS_WORKER_RUNTIME must not be an app setting.
      runtime: {
        name: 'node'
        version: '20'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
        { name: 'STORE', value: 'cosmos' }
        { name: 'QUEUE', value: 'servicebus' }
        { name: 'AUTH_MODE', value: 'azure' }
        { name: 'COSMOS_ENDPOINT', value: cosmosEndpoint }
        { name: 'COSMOS_DATABASE', value: cosmosDatabase }
        { name: 'SERVICEBUS_NAMESPACE', value: serviceBusNamespace }
        // Identity-based connection named `ServiceBusConnection` for the queue triggers.
        { name: 'ServiceBusConnection__fullyQualifiedNamespace', value: serviceBusNamespace }
        { name: 'QUEUE_MAX_DELIVERIES', value: string(queueMaxDeliveries) }
        { name: 'LOG_LEVEL', value: logLevel }
        { name: 'SEED_DEMO', value: 'false' }
        { name: 'MAIL_PROVIDER', value: 'graph' }
        { name: 'SUPPORT_ADDRESS', value: supportAddress }
        { name: 'SUPPORT_NAME', value: supportName }
        { name: 'SMTP_LISTEN', value: 'false' }
        { name: 'BLOB_STORE', value: 'azure' }
        { name: 'BLOB_ACCOUNT_URL', value: blobEndpoint }
        { name: 'BLOB_CONTAINER', value: 'attachments' }
        { name: 'SEARCH_PROVIDER', value: 'azure-search' }
        { name: 'AZURE_SEARCH_ENDPOINT', value: searchEndpoint }
        { name: 'AZURE_SEARCH_INDEX', value: 'tickets' }
        { name: 'LIVE_PROVIDER', value: 'web-pubsub' }
        { name: 'WEB_PUBSUB_ENDPOINT', value: webPubSubEndpoint }
        // The hub web-pubsub.bicep creates.
        { name: 'WEB_PUBSUB_HUB', value: 'itilnext' }
        { name: 'MAIL_SIGNING_SECRET', value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=mail-signing-secret)' }
        { name: 'AZURE_TENANT_ID', value: tenantId }
        { name: 'AZURE_API_AUDIENCE', value: apiAudience }
        { name: 'AZURE_SWA_HOSTNAME', value: staticWebAppHostname }
        { name: 'GRAPH_TENANT_ID', value: tenantId }
        { name: 'GRAPH_CLIENT_ID', value: graphClientId }
        { name: 'GRAPH_MAILBOXES', value: supportAddress }
        { name: 'GRAPH_CLIENT_SECRET', value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=graph-client-secret)' }
        { name: 'CRM_PROVIDER', value: crmProvider }
        { name: 'HUBSPOT_TOKEN', value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=hubspot-token)' }
        // Signs HubSpot's webhook calls (X-HubSpot-Signature-v3); unset secret = webhooks refused.
        { name: 'HUBSPOT_CLIENT_SECRET', value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=hubspot-client-secret)' }
        { name: 'HUBSPOT_TIER_PROPERTY', value: hubspotTierProperty }
        { name: 'HUBSPOT_TIER_MAP', value: hubspotTierMap }
        { name: 'HUBSPOT_CONTACT_FIELDS', value: hubspotContactFields }
        { name: 'HUBSPOT_COMPANY_FIELDS', value: hubspotCompanyFields }
        { name: 'HUBSPOT_RATE_LIMIT', value: string(hubspotRateLimit) }
        { name: 'HUBSPOT_WRITE_BACK', value: string(hubspotWriteBack) }
        { name: 'HUBSPOT_PORTAL_ID', value: hubspotPortalId }
        // Valuemation (ADR 0020), read by the cmdb-sync timer; while the provider is none nothing is read.
        { name: 'VALUEMATION_PROVIDER', value: valuemationProvider }
        { name: 'VALUEMATION_BASE_URL', value: valuemationBaseUrl }
        { name: 'VALUEMATION_CLIENT_ID', value: valuemationClientId }
        { name: 'VALUEMATION_CLIENT_SECRET', value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=valuemation-client-secret)' }
        { name: 'VALUEMATION_PAGE_SIZE', value: string(valuemationPageSize) }
        { name: 'VALUEMATION_FULL_SYNC_HOURS', value: string(valuemationFullSyncHours) }
        // Web push (ADR 0024): one VAPID key pair for every instance (`npx web-push generate-vapid-keys`).
        { name: 'PUSH_PROVIDER', value: 'web-push' }
        { name: 'VAPID_SUBJECT', value: 'mailto:${supportAddress}' }
        { name: 'VAPID_PUBLIC_KEY', value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=vapid-public-key)' }
        { name: 'VAPID_PRIVATE_KEY', value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=vapid-private-key)' }
      ]
    }
  }
}

output name string = site.name
output id string = site.id
output principalId string = site.identity.principalId
output defaultHostname string = site.properties.defaultHostName
