// Links the Function App to the Static Web App as its `/api` backend. Linking also sets up the
// Function App's authentication ("Azure Static Web Apps (Linked)") so that direct calls are refused.
param staticWebAppName string
param functionAppId string
param location string

resource site 'Microsoft.Web/staticSites@2023-12-01' existing = {
  name: staticWebAppName
}

resource backend 'Microsoft.Web/staticSites/linkedBackends@2023-12-01' = {
  parent: site
  name: 'functions'
  properties: {
    backendResourceId: functionAppId
    region: location
  }
}
