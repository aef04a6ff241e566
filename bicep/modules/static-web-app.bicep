// Static Web App (Standard: needed for a linked backend and custom Entra ID sign-in). Its
// sign-in app settings name Key Vault secrets, read with the site's own identity.
param baseName string
param suffix string
@description('Static Web Apps exist in a few regions only (westeurope, westus2, centralus, eastus2, eastasia).')
param location string
param tags object
param entraClientId string
param keyVaultName string

resource site 'Microsoft.Web/staticSites@2023-12-01' = {
  name: 'swa-${baseName}-${suffix}'
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  identity: { type: 'SystemAssigned' }
  properties: {
    // Deployed from the CLI (infra/deploy.sh), not from a repository.
    allowConfigFileUpdates: true
    stagingEnvironmentPolicy: 'Disabled'
  }
}

// Read by staticwebapp.config.json (auth.identityProviders.azureActiveDirectory.registration).
resource appSettings 'Microsoft.Web/staticSites/config@2023-12-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    AZURE_CLIENT_ID: entraClientId
    AZURE_CLIENT_SECRET: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=swa-entra-client-secret)'
  }
}

output name string = site.name
output defaultHostname string = site.properties.defaultHostname
output principalId string = site.identity.principalId
