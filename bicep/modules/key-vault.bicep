// Key Vault (RBAC authorization) for the secrets: Graph client secret, HubSpot private app
// token and app client secret (webhook signatures), and the Entra client secret of the Static Web App sign-in. Values are set by the
// operator (docs/deploy.md), never by the template.
param baseName string
param suffix string
param location string
param tags object

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-${baseName}-${take(suffix, 8)}'
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

output name string = vault.name
output id string = vault.id
output uri string = vault.properties.vaultUri
