// Alerts: dead-lettered messages, failing functions, the SLA timer not running, and Graph
// subscription renewal failing. Function invocations reach the workspace as AppRequests rows
// whose Name is the catalog function name.
param baseName string
param location string
param tags object
param workspaceId string
param serviceBusId string
@description('Who is told; empty = alerts fire without notification (visible in the portal).')
param alertEmail string
@description('Turn off until the `sla-evaluate` and `graph-subscriptions-renew` functions are deployed.')
param timerAlertsEnabled bool

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-${baseName}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: take(baseName, 12)
    enabled: true
    emailReceivers: empty(alertEmail) ? [] : [
      {
        name: 'operators'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

resource deadLettered 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'alert-${baseName}-dead-lettered'
  location: 'global'
  tags: tags
  properties: {
    description: 'A Service Bus queue holds dead-lettered messages: see the admin dead-letter view.'
    severity: 2
    enabled: true
    scopes: [ serviceBusId ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          name: 'deadLetteredMessages'
          criterionType: 'StaticThresholdCriterion'
          metricNamespace: 'Microsoft.ServiceBus/namespaces'
          metricName: 'DeadletteredMessages'
          dimensions: [
            {
              name: 'EntityName'
              operator: 'Include'
              values: [ '*' ]
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Maximum'
        }
      ]
    }
    actions: [ { actionGroupId: actionGroup.id } ]
  }
}

resource functionFailures 'Microsoft.Insights/scheduledQueryRules@2022-06-15' = {
  name: 'alert-${baseName}-function-failures'
  location: location
  tags: tags
  properties: {
    displayName: 'Function invocations failed'
    description: 'At least one function invocation failed in the last 15 minutes.'
    severity: 2
    enabled: true
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    scopes: [ workspaceId ]
    criteria: {
      allOf: [
        {
          query: 'AppRequests | where Success == false'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: { actionGroups: [ actionGroup.id ] }
  }
}

resource slaTimerSilent 'Microsoft.Insights/scheduledQueryRules@2022-06-15' = {
  name: 'alert-${baseName}-sla-timer-silent'
  location: location
  tags: tags
  properties: {
    displayName: 'SLA timer has not run for 10 minutes'
    description: 'No successful run of the sla-evaluate timer in 10 minutes: SLA warnings and breaches are not raised.'
    severity: 1
    enabled: timerAlertsEnabled
    evaluationFrequency: 'PT5M'
    windowSize: 'PT10M'
    scopes: [ workspaceId ]
    criteria: {
      allOf: [
        {
          query: 'AppRequests | where Name == "sla-evaluate" and Success == true'
          timeAggregation: 'Count'
          operator: 'LessThan'
          threshold: 1
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: { actionGroups: [ actionGroup.id ] }
  }
}

resource graphRenewalFailed 'Microsoft.Insights/scheduledQueryRules@2022-06-15' = {
  name: 'alert-${baseName}-graph-renewal-failed'
  location: location
  tags: tags
  properties: {
    displayName: 'Graph subscription renewal failed'
    description: 'graph-subscriptions-renew failed: inbound mail notifications stop when the subscription expires.'
    severity: 1
    enabled: timerAlertsEnabled
    evaluationFrequency: 'PT15M'
    windowSize: 'PT1H'
    scopes: [ workspaceId ]
    criteria: {
      allOf: [
        {
          query: 'AppRequests | where Name == "graph-subscriptions-renew" and Success == false'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: { actionGroups: [ actionGroup.id ] }
  }
}
