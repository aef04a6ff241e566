/** The rules, routing and notification routes (issue 6), spliced into API_ROUTES. */
import { z } from 'zod';
import { ZRuleInput } from '../rules/rule-schema.js';
import type { ApiRoute } from './api-routes.js';
import { page } from './common.schemas.js';
import { ZAgent } from './directory.schemas.js';
import {
  ZListNotificationsQuery,
  ZNotificationPage,
  ZNotificationPreferences,
  ZPreferencesView,
  ZSetAvailability,
  ZTeamQueue,
  ZTeamWorkload,
  ZUnreadCount,
} from './orchestra.schemas.js';
import { ZDryRun, ZDryRunResult, ZEnableRule, ZReorderRules, ZRule } from './rules.schemas.js';

export const ORCHESTRA_API_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    path: 'rules',
    summary: 'Rules in execution order (admin, lead)',
    auth: true,
    response: page(ZRule),
  },
  {
    method: 'POST',
    path: 'rules',
    summary: 'Create a rule (owner-changing actions are refused)',
    auth: true,
    body: ZRuleInput,
    response: ZRule,
    status: 201,
  },
  {
    method: 'POST',
    path: 'rules/dry-run',
    summary: 'Which rules match a ticket and event, and what they would do',
    auth: true,
    body: ZDryRun,
    response: ZDryRunResult,
  },
  {
    method: 'POST',
    path: 'rules/reorder',
    summary: 'Set the execution order (every rule id once)',
    auth: true,
    body: ZReorderRules,
    response: page(ZRule),
  },
  { method: 'GET', path: 'rules/{id}', summary: 'One rule', auth: true, response: ZRule },
  {
    method: 'PUT',
    path: 'rules/{id}',
    summary: 'Replace a rule (If-Match optional)',
    auth: true,
    body: ZRuleInput,
    response: ZRule,
  },
  { method: 'DELETE', path: 'rules/{id}', summary: 'Delete a rule', auth: true, response: z.object({}), status: 204 },
  {
    method: 'POST',
    path: 'rules/{id}/enable',
    summary: 'Enable or disable a rule',
    auth: true,
    body: ZEnableRule,
    response: ZRule,
  },
  {
    method: 'GET',
    path: 'teams/{id}/workload',
    summary: 'Team workload per agent (lead, admin)',
    auth: true,
    response: ZTeamWorkload,
  },
  {
    method: 'GET',
    path: 'teams/{id}/queue',
    summary: "The team's unassigned tickets, priority then age",
    auth: true,
    response: ZTeamQueue,
  },
  {
    method: 'PUT',
    path: 'me/availability',
    summary: 'Set my availability (online offers me queued tickets)',
    auth: true,
    body: ZSetAvailability,
    response: ZAgent,
  },
  {
    method: 'GET',
    path: 'notifications',
    summary: 'My notifications, newest first, with the unread count',
    auth: true,
    query: ZListNotificationsQuery,
    response: ZNotificationPage,
  },
  {
    method: 'GET',
    path: 'notifications/unread-count',
    summary: 'My unread notification count',
    auth: true,
    response: ZUnreadCount,
  },
  {
    method: 'POST',
    path: 'notifications/read-all',
    summary: 'Mark all my notifications read',
    auth: true,
    response: z.object({ marked: z.number().int(), unread: z.number().int() }),
  },
  {
    method: 'POST',
    path: 'notifications/{id}/read',
    summary: 'Mark one notification read',
    auth: true,
    response: ZUnreadCount,
  },
  {
    method: 'GET',
    path: 'me/notification-preferences',
    summary: 'My notification preferences (in-app, email per kind)',
    auth: true,
    response: ZPreferencesView,
  },
  {
    method: 'PUT',
    path: 'me/notification-preferences',
    summary: 'Set my notification preferences',
    auth: true,
    body: ZNotificationPreferences,
    response: ZPreferencesView,
  },
];
