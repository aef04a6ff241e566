// Azure Web PubSub for live updates and presence (ADR 0027): the app sends to groups through the
// REST API with its managed identity (Web PubSub Service Owner, role-assignments.bicep) and hands
// browsers short-lived client tokens; access keys are off. Anonymous connections are refused.
param baseName string
param suffix string
param location string
param tags object
@description('Free_F1: 20 connections, 20k messages a day (trying it out); Standard_S1: 1,000 connections and 1M messages a day per unit.')
@allowed([ 'Free_F1', 'Standard_S1' ])
param sku string = 'Standard_S1'
@minValue(1)
@maxValue(100)
param capacity int = 1
@description('The hub the app uses (WEB_PUBSUB_HUB).')
param hubName string = 'itilnext'

resource webPubSub 'Microsoft.SignalRService/webPubSub@2024-03-01' = {
  name: 'wps-${baseName}-${suffix}'
  location: location
  tags: tags
  sku: {
    name: sku
    capacity: capacity
  }
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    disableLocalAuth: true
    disableAadAuth: false
    publicNetworkAccess: 'Enabled'
  }
}

resource hub 'Microsoft.SignalRService/webPubSub/hubs@2024-03-01' = {
  parent: webPubSub
  name: hubName
  properties: {
    anonymousConnectPolicy: 'deny'
  }
}

output name string = webPubSub.name
output endpoint string = 'https://${webPubSub.properties.hostName}'
output hubName string = hub.name
