// Service Bus Standard namespace with every queue of QUEUE_NAMES (shared/ports/message-bus.ts).
// Local auth is off: the Function App reaches it with its managed identity only.
param baseName string
param suffix string
param location string
param tags object
@description('Deliveries before a message is dead-lettered; the same number as QUEUE_MAX_DELIVERIES locally.')
param maxDeliveryCount int

resource namespace 'Microsoft.ServiceBus/namespaces@2021-11-01' = {
  name: 'sb-${baseName}-${suffix}'
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
  }
}

// Every queue of QUEUE_NAMES. Publishers set messageId = the event or message id, so duplicate
// detection drops a second publish of the same message (e.g. an outbox event the sweep re-sends).
var queueNames = [
  'events'
  'inbound-mail'
  'outbound-mail'
  'bulk'
  'migration'
]

resource queues 'Microsoft.ServiceBus/namespaces/queues@2021-11-01' = [for name in queueNames: {
  parent: namespace
  name: name
  properties: {
    maxDeliveryCount: maxDeliveryCount
    // Peek-lock for 1 minute: a message held by a crashed instance is redelivered after at most
    // that; a running handler keeps its lock, the Functions host renewing it for up to 5 minutes
    // (host.json maxAutoLockRenewalDuration = functionTimeout). ADR 0012.
    lockDuration: 'PT1M'
    defaultMessageTimeToLive: 'P14D'
    deadLetteringOnMessageExpiration: true
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT1H'
    enablePartitioning: false
    maxSizeInMegabytes: 1024
  }
}]

output name string = namespace.name
output id string = namespace.id
output fullyQualifiedNamespace string = '${namespace.name}.servicebus.windows.net'
