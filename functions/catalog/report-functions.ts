/** The reporting functions (issue 19), spread into THE catalog. */
import {
  deleteReportSubscriptionFunction,
  listReportSubscriptionsFunction,
  putReportSubscriptionFunction,
} from '../http/reports/report-subscriptions.functions.js';
import {
  exportReportFunction,
  exportReportTicketsFunction,
  exportTicketListFunction,
  getReportFunction,
  reportTicketsFunction,
} from '../http/reports/reports.functions.js';
import type { Services } from '../services.js';
import { reportMailFunction } from '../timers/report-mail.function.js';
import type { FunctionDefinition } from './function-definition.js';

export const REPORT_FUNCTIONS: readonly FunctionDefinition<Services>[] = [
  getReportFunction,
  exportReportFunction,
  reportTicketsFunction,
  exportReportTicketsFunction,
  exportTicketListFunction,
  listReportSubscriptionsFunction,
  putReportSubscriptionFunction,
  deleteReportSubscriptionFunction,
  reportMailFunction,
];
