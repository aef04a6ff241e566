/** The caller's scheduled report mails: GET/PUT/DELETE reports/subscriptions (leads and admins). */
import { ZReportSubscriptionInput } from '../../../shared/api/reports.schemas.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { readId, readJson } from '../kit/request.js';
import { json } from '../kit/respond.js';
import { REPORT_ROLES } from './reports.functions.js';

export const listReportSubscriptionsFunction: FunctionDefinition<Services> = {
  name: 'reports-subscriptions-list',
  trigger: { type: 'http', route: 'reports/subscriptions', methods: ['GET'] },
  handler: (s) =>
    authed(s, REPORT_ROLES, async (_request, principal) =>
      json(200, { items: await s.reports.subscriptions.list(principal.agent.id) }),
    ),
};

export const putReportSubscriptionFunction: FunctionDefinition<Services> = {
  name: 'reports-subscriptions-put',
  trigger: { type: 'http', route: 'reports/subscriptions', methods: ['POST'] },
  handler: (s) =>
    authed(s, REPORT_ROLES, async (request, principal) => {
      const body = await readJson(request, ZReportSubscriptionInput);
      if (!body.ok) return body.response;
      return json(200, await s.reports.subscriptions.put(principal.agent.id, body.value));
    }),
};

export const deleteReportSubscriptionFunction: FunctionDefinition<Services> = {
  name: 'reports-subscriptions-delete',
  trigger: { type: 'http', route: 'reports/subscriptions/{id}', methods: ['DELETE'] },
  handler: (s) =>
    authed(s, REPORT_ROLES, async (request, principal) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const removed = await s.reports.subscriptions.remove(principal.agent.id, id.value);
      return removed ? { status: 204 } : problem('REQUEST.NOT_FOUND', `You have no report subscription ${id.value}`);
    }),
};
