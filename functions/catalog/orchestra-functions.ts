/** The rules engine, routing and notification functions (issue 6), spliced into the catalog. */
import { listNotificationsFunction } from '../http/notifications/list-notifications.function.js';
import { markAllNotificationsReadFunction } from '../http/notifications/mark-all-read.function.js';
import { markNotificationReadFunction } from '../http/notifications/mark-read.function.js';
import {
  getNotificationPreferencesFunction,
  putNotificationPreferencesFunction,
} from '../http/notifications/preferences.function.js';
import {
  addPushSubscriptionFunction,
  listPushSubscriptionsFunction,
  pushConfigFunction,
  removePushSubscriptionFunction,
} from '../http/notifications/push-subscriptions.function.js';
import { unreadCountFunction } from '../http/notifications/unread-count.function.js';
import { getAutoAcceptFunction, putAutoAcceptFunction } from '../http/routing/auto-accept.function.js';
import { myOffersFunction } from '../http/routing/my-offers.function.js';
import { setAvailabilityFunction } from '../http/routing/set-availability.function.js';
import { teamQueueFunction } from '../http/routing/team-queue.function.js';
import { teamWorkloadFunction } from '../http/routing/team-workload.function.js';
import { createRuleFunction } from '../http/rules/create-rule.function.js';
import { deleteRuleFunction } from '../http/rules/delete-rule.function.js';
import { dryRunRulesFunction } from '../http/rules/dry-run-rules.function.js';
import { enableRuleFunction } from '../http/rules/enable-rule.function.js';
import { getRuleFunction } from '../http/rules/get-rule.function.js';
import { listRulesFunction } from '../http/rules/list-rules.function.js';
import { reorderRulesFunction } from '../http/rules/reorder-rules.function.js';
import { updateRuleFunction } from '../http/rules/update-rule.function.js';
import type { Services } from '../services.js';
import {
  notificationsFlushFunction,
  routingSweepFunction,
  rulesScheduleFunction,
} from '../timers/orchestra-timers.function.js';
import type { FunctionDefinition } from './function-definition.js';

export const ORCHESTRA_FUNCTIONS: readonly FunctionDefinition<Services>[] = [
  listRulesFunction,
  createRuleFunction,
  dryRunRulesFunction,
  reorderRulesFunction,
  getRuleFunction,
  updateRuleFunction,
  deleteRuleFunction,
  enableRuleFunction,
  teamWorkloadFunction,
  teamQueueFunction,
  setAvailabilityFunction,
  myOffersFunction,
  getAutoAcceptFunction,
  putAutoAcceptFunction,
  listNotificationsFunction,
  unreadCountFunction,
  markAllNotificationsReadFunction,
  markNotificationReadFunction,
  getNotificationPreferencesFunction,
  putNotificationPreferencesFunction,
  pushConfigFunction,
  listPushSubscriptionsFunction,
  addPushSubscriptionFunction,
  removePushSubscriptionFunction,
  rulesScheduleFunction,
  routingSweepFunction,
  notificationsFlushFunction,
];
