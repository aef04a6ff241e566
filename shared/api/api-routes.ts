/**
 * The API described once for people and tools: each route with its schemas. The OpenAPI
 * document is generated from this table, and a test checks it matches the function catalog.
 */

import { z } from 'zod';
import { ADMIN_API_ROUTES } from './admin-routes.js';
import { ZAssist, ZAssistActionBody, ZListAssistsQuery, ZRequestAssist } from './assists.schemas.js';
import { CAB_AND_TEMPLATE_API_ROUTES, CHANGE_APPROVAL_API_ROUTES } from './change-approvals-routes.js';
import { CHANGE_SCHEDULE_API_ROUTES } from './change-schedule-routes.js';
import { CHANGE_API_ROUTES } from './changes-routes.js';
import { CI_TICKETS_API_ROUTES } from './ci-tickets-routes.js';
import { CMDB_API_ROUTES } from './cmdb-routes.js';
import { page } from './common.schemas.js';
import { CUSTOMER_API_ROUTES } from './customers-routes.js';
import { ZAgent, ZSetReachByEmail, ZTeam } from './directory.schemas.js';
import { KNOWN_ERROR_API_ROUTES } from './known-errors-routes.js';
import { LIVE_API_ROUTES } from './live-routes.js';
import { ZGraphNotificationBatch, ZGraphNotificationOutcome } from './mail-graph.schemas.js';
import { MAIL_API_ROUTES } from './mail-routes.js';
import { ZMigrationJob, ZMigrationJobs, ZMigrationRuns, ZStartMigrationJob } from './migration.schemas.js';
import { ORCHESTRA_API_ROUTES } from './orchestra-routes.js';
import { PROBLEM_API_ROUTES } from './problems-routes.js';
import { PRODUCTIVITY_API_ROUTES } from './productivity-routes.js';
import { ZHealth, ZQueuesResponse } from './queue.schemas.js';
import { REPORT_API_ROUTES } from './reports-routes.js';
import { ZSearchQuery, ZSearchResponse } from './search.schemas.js';
import { SLA_API_ROUTES } from './sla-routes.js';
import {
  ZAddNote,
  ZChangeStatus,
  ZCreateTicket,
  ZListTicketsQuery,
  ZMergeTicket,
  ZReply,
  ZTicket,
  ZTimelineEntry,
  ZTimelineQuery,
  ZTransferTicket,
  ZUpdateTicket,
} from './tickets.schemas.js';

export interface ApiRoute {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path under /api in Azure route syntax. */
  readonly path: string;
  readonly summary: string;
  readonly auth: boolean;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  readonly response: z.ZodType;
  readonly status?: number;
}

const ZDeadLetter = z.object({
  queue: z.string(),
  message: z.object({ id: z.string(), type: z.string(), body: z.unknown() }),
  deliveryCount: z.number().int(),
  reason: z.string(),
  deadLetteredAt: z.string(),
});

export const API_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    path: 'health',
    summary: 'Liveness, which adapters run, and queue depths (messages waiting, in flight, next lock expiry)',
    auth: false,
    response: ZHealth,
  },
  {
    method: 'GET',
    path: 'openapi.json',
    summary: 'This document',
    auth: false,
    response: z.object({ openapi: z.string() }),
  },
  { method: 'GET', path: 'me', summary: 'The signed-in agent', auth: true, response: ZAgent },
  {
    method: 'GET',
    path: 'dev/agents',
    summary: 'Dev sign-in: the agents one can sign in as (AUTH_MODE=dev only)',
    auth: false,
    response: page(z.object({ email: z.string(), name: z.string(), roles: z.array(z.string()) })),
  },
  { method: 'GET', path: 'agents', summary: 'Agents', auth: true, response: page(ZAgent) },
  { method: 'GET', path: 'teams', summary: 'Teams', auth: true, response: page(ZTeam) },
  {
    method: 'PUT',
    path: 'teams/{id}/reach-by-email',
    summary: "Where the team's assist requests go by mail (a team mailbox), or null (admins and the team's leads)",
    auth: true,
    body: ZSetReachByEmail,
    response: ZTeam,
  },
  {
    method: 'PUT',
    path: 'agents/{id}/reach-by-email',
    summary: "Where an agent's assist requests also go by mail, or null (admins)",
    auth: true,
    body: ZSetReachByEmail,
    response: ZAgent,
  },
  {
    method: 'POST',
    path: 'tickets',
    summary: 'Open a ticket',
    auth: true,
    body: ZCreateTicket,
    response: ZTicket,
    status: 201,
  },
  {
    method: 'GET',
    path: 'tickets',
    summary: 'List and search tickets',
    auth: true,
    query: ZListTicketsQuery,
    response: page(ZTicket),
  },
  {
    method: 'GET',
    path: 'search',
    summary:
      'Full-text search: words (all must match), "phrases", -word, requester:, number:, tag:; the typed ticket number first; snippets and the fields that matched',
    auth: true,
    query: ZSearchQuery,
    response: ZSearchResponse,
  },
  { method: 'GET', path: 'tickets/{id}', summary: 'One ticket by id or number (ETag)', auth: true, response: ZTicket },
  {
    method: 'PATCH',
    path: 'tickets/{id}',
    summary: 'Edit ticket fields',
    auth: true,
    body: ZUpdateTicket,
    response: ZTicket,
  },
  {
    method: 'POST',
    path: 'tickets/{id}/accept',
    summary: 'Take ownership of an unowned ticket',
    auth: true,
    response: ZTicket,
  },
  {
    method: 'POST',
    path: 'tickets/{id}/transfer',
    summary: 'Transfer ownership (owner or lead/admin)',
    auth: true,
    body: ZTransferTicket,
    response: ZTicket,
  },
  {
    method: 'POST',
    path: 'tickets/{id}/merge',
    summary:
      'Merge this duplicate into another ticket (id or number): closed as merged, its mail threads there, its open assists moved or withdrawn (an agent who may edit both)',
    auth: true,
    body: ZMergeTicket,
    response: ZTicket,
  },
  {
    method: 'POST',
    path: 'tickets/{id}/status',
    summary: 'Change status',
    auth: true,
    body: ZChangeStatus,
    response: ZTicket,
  },
  {
    method: 'GET',
    path: 'tickets/{id}/timeline',
    summary: 'The timeline, oldest first',
    auth: true,
    query: ZTimelineQuery,
    response: page(ZTimelineEntry),
  },
  {
    method: 'POST',
    path: 'tickets/{id}/timeline',
    summary: 'Add a note',
    auth: true,
    body: ZAddNote,
    response: ZTicket,
  },
  {
    method: 'POST',
    path: 'tickets/{id}/replies',
    summary: 'Reply to the customer by email (owner)',
    auth: true,
    body: ZReply,
    response: ZTicket,
  },
  { method: 'GET', path: 'tickets/{id}/assists', summary: 'Assists of a ticket', auth: true, response: page(ZAssist) },
  {
    method: 'POST',
    path: 'tickets/{id}/assists',
    summary: 'Ask an agent or team for help',
    auth: true,
    body: ZRequestAssist,
    response: ZAssist,
    status: 201,
  },
  {
    method: 'GET',
    path: 'assists',
    summary: 'Assists for an expert',
    auth: true,
    query: ZListAssistsQuery,
    response: page(ZAssist),
  },
  { method: 'GET', path: 'assists/{id}', summary: 'One assist', auth: true, response: ZAssist },
  {
    method: 'POST',
    path: 'assists/{id}/{action}',
    summary: 'accept, contribute, answer, decline or withdraw an assist',
    auth: true,
    body: ZAssistActionBody,
    response: ZAssist,
  },
  {
    method: 'GET',
    path: 'admin/dead-letters',
    summary: 'Dead-lettered messages (admin)',
    auth: true,
    response: page(ZDeadLetter),
  },
  {
    method: 'GET',
    path: 'admin/queues',
    summary: 'Per queue: messages waiting, scheduled, in flight with their lock expiry, dead-lettered (admin)',
    auth: true,
    response: ZQueuesResponse,
  },
  {
    method: 'GET',
    path: 'admin/migrations',
    summary: "Each source's import: progress (cursor, counts), when it finished, refused rows with reasons (admin)",
    auth: true,
    response: ZMigrationRuns,
  },
  {
    method: 'POST',
    path: 'admin/migrations/jobs',
    summary: 'Start an import (a dry run unless dryRun: false) or a shadow report as a queued job (admin)',
    auth: true,
    body: ZStartMigrationJob,
    response: ZMigrationJob,
    status: 202,
  },
  {
    method: 'GET',
    path: 'admin/migrations/jobs',
    summary: 'The latest migration jobs with their progress and results (admin)',
    auth: true,
    response: ZMigrationJobs,
  },
  {
    method: 'GET',
    path: 'admin/migrations/jobs/{id}',
    summary: "One migration job: phase, counts, unmapped values, refused rows, the shadow report's rows (admin)",
    auth: true,
    response: ZMigrationJob,
  },
  {
    method: 'POST',
    path: 'admin/migrations/jobs/{id}/resume',
    summary: 'Queue an interrupted migration job again; it resumes after the last finished page (admin)',
    auth: true,
    response: ZMigrationJob,
    status: 202,
  },
  {
    method: 'POST',
    path: 'admin/dead-letters/{queue}/{id}/requeue',
    summary: 'Requeue a dead letter (admin)',
    auth: true,
    response: z.object({ requeued: z.string() }),
  },
  {
    method: 'POST',
    path: 'mail/graph/notifications',
    summary: 'Microsoft Graph change notifications (validationToken handshake; clientState-checked)',
    auth: false,
    body: ZGraphNotificationBatch,
    response: ZGraphNotificationOutcome,
    status: 202,
  },
  {
    method: 'POST',
    path: 'mail/graph/lifecycle',
    summary: 'Microsoft Graph lifecycle notifications (reauthorizationRequired, subscriptionRemoved, missed)',
    auth: false,
    body: ZGraphNotificationBatch,
    response: ZGraphNotificationOutcome,
    status: 202,
  },
  ...SLA_API_ROUTES,
  ...ORCHESTRA_API_ROUTES,
  ...MAIL_API_ROUTES,
  ...CMDB_API_ROUTES,
  ...CHANGE_API_ROUTES,
  ...CHANGE_APPROVAL_API_ROUTES,
  ...CAB_AND_TEMPLATE_API_ROUTES,
  ...CHANGE_SCHEDULE_API_ROUTES,
  ...KNOWN_ERROR_API_ROUTES,
  ...PROBLEM_API_ROUTES,
  ...CI_TICKETS_API_ROUTES,
  ...CUSTOMER_API_ROUTES,
  ...REPORT_API_ROUTES,
  ...PRODUCTIVITY_API_ROUTES,
  ...ADMIN_API_ROUTES,
  ...LIVE_API_ROUTES,
];
