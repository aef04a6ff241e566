/**
 * THE function catalog: every function of the product, declared once. The Azure entry registers
 * these with @azure/functions; the local host serves exactly these.
 */
import { listDeadLettersFunction } from '../http/admin/list-dead-letters.function.js';
import { listMigrationsFunction } from '../http/admin/list-migrations.function.js';
import { listQueuesFunction } from '../http/admin/list-queues.function.js';
import {
  getMigrationJobFunction,
  listMigrationJobsFunction,
  resumeMigrationJobFunction,
  startMigrationJobFunction,
} from '../http/admin/migration-jobs.functions.js';
import { requeueDeadLetterFunction } from '../http/admin/requeue-dead-letter.function.js';
import { assistActionFunction } from '../http/assists/assist-action.function.js';
import { getAssistFunction } from '../http/assists/get-assist.function.js';
import { listAssistsFunction } from '../http/assists/list-assists.function.js';
import { CI_FUNCTIONS } from '../http/cmdb/ci.functions.js';
import { CI_GRAPH_FUNCTIONS } from '../http/cmdb/ci-graph.functions.js';
import { CI_TICKETS_FUNCTIONS } from '../http/cmdb/ci-tickets.functions.js';
import { CMDB_SYNC_FUNCTIONS } from '../http/cmdb/cmdb-sync.functions.js';
import { devAgentsFunction } from '../http/directory/dev-agents.function.js';
import { getMeFunction } from '../http/directory/get-me.function.js';
import { listAgentsFunction } from '../http/directory/list-agents.function.js';
import { listTeamsFunction } from '../http/directory/list-teams.function.js';
import {
  setAgentReachByEmailFunction,
  setTeamReachByEmailFunction,
} from '../http/directory/reach-by-email.function.js';
import { LIVE_FUNCTIONS } from '../http/live/live.functions.js';
import { graphLifecycleFunction } from '../http/mail/graph-lifecycle.function.js';
import { graphWebhookFunction } from '../http/mail/graph-webhook.function.js';
import { searchTicketsFunction } from '../http/search/search-tickets.function.js';
import { healthFunction } from '../http/system/health.function.js';
import { openApiFunction } from '../http/system/openapi.function.js';
import { acceptTicketFunction } from '../http/tickets/accept-ticket.function.js';
import { addNoteFunction } from '../http/tickets/add-note.function.js';
import { changeStatusFunction } from '../http/tickets/change-status.function.js';
import { createTicketFunction } from '../http/tickets/create-ticket.function.js';
import { getTicketFunction } from '../http/tickets/get-ticket.function.js';
import { getTimelineFunction } from '../http/tickets/get-timeline.function.js';
import { listTicketAssistsFunction } from '../http/tickets/list-ticket-assists.function.js';
import { listTicketsFunction } from '../http/tickets/list-tickets.function.js';
import { mergeTicketFunction } from '../http/tickets/merge-ticket.function.js';
import { replyFunction } from '../http/tickets/reply.function.js';
import { requestAssistFunction } from '../http/tickets/request-assist.function.js';
import { transferTicketFunction } from '../http/tickets/transfer-ticket.function.js';
import { updateTicketFunction } from '../http/tickets/update-ticket.function.js';
import { domainEventsFunction } from '../queues/domain-events.function.js';
import { migrationJobFunction } from '../queues/migration-job.function.js';
import type { Services } from '../services.js';
import { cmdbSyncFunction } from '../timers/cmdb-sync.function.js';
import { graphDeltaCatchUpFunction } from '../timers/graph-delta-catch-up.function.js';
import { graphSubscriptionsRenewFunction } from '../timers/graph-subscriptions-renew.function.js';
import { outboxSweepFunction } from '../timers/outbox-sweep.function.js';
import { ADMIN_FUNCTIONS } from './admin-functions.js';
import { CHANGE_FUNCTIONS } from './change-functions.js';
import { CUSTOMER_FUNCTIONS } from './customer-functions.js';
import type { FunctionDefinition } from './function-definition.js';
import { KNOWN_ERROR_FUNCTIONS } from './known-error-functions.js';
import { MAIL_FUNCTIONS } from './mail-functions.js';
import { ORCHESTRA_FUNCTIONS } from './orchestra-functions.js';
import { PROBLEM_FUNCTIONS } from './problem-functions.js';
import { PRODUCTIVITY_FUNCTIONS } from './productivity-functions.js';
import { REPORT_FUNCTIONS } from './report-functions.js';
import { SLA_FUNCTIONS } from './sla-catalog.js';

export const CATALOG: readonly FunctionDefinition<Services>[] = [
  healthFunction,
  openApiFunction,
  getMeFunction,
  devAgentsFunction,
  listAgentsFunction,
  listTeamsFunction,
  setTeamReachByEmailFunction,
  setAgentReachByEmailFunction,
  createTicketFunction,
  listTicketsFunction,
  searchTicketsFunction,
  getTicketFunction,
  updateTicketFunction,
  acceptTicketFunction,
  transferTicketFunction,
  mergeTicketFunction,
  changeStatusFunction,
  getTimelineFunction,
  addNoteFunction,
  replyFunction,
  listTicketAssistsFunction,
  requestAssistFunction,
  listAssistsFunction,
  getAssistFunction,
  assistActionFunction,
  listDeadLettersFunction,
  requeueDeadLetterFunction,
  listQueuesFunction,
  listMigrationsFunction,
  startMigrationJobFunction,
  listMigrationJobsFunction,
  getMigrationJobFunction,
  resumeMigrationJobFunction,
  migrationJobFunction,
  domainEventsFunction,
  outboxSweepFunction,
  graphWebhookFunction,
  graphLifecycleFunction,
  graphSubscriptionsRenewFunction,
  graphDeltaCatchUpFunction,
  ...SLA_FUNCTIONS,
  ...ORCHESTRA_FUNCTIONS,
  ...MAIL_FUNCTIONS,
  ...CI_FUNCTIONS,
  ...CI_GRAPH_FUNCTIONS,
  ...CMDB_SYNC_FUNCTIONS,
  cmdbSyncFunction,
  ...CI_TICKETS_FUNCTIONS,
  ...CUSTOMER_FUNCTIONS,
  ...CHANGE_FUNCTIONS,
  ...KNOWN_ERROR_FUNCTIONS,
  ...PROBLEM_FUNCTIONS,
  ...REPORT_FUNCTIONS,
  ...PRODUCTIVITY_FUNCTIONS,
  ...ADMIN_FUNCTIONS,
  ...LIVE_FUNCTIONS,
];
