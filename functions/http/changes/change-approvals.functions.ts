/**
 * Change approvals over HTTP (issue 16, ADR 0030): "Approvals for me", a change's approvals, an
 * approver's decision (If-Match on the change), and the admins' approval settings (the decision
 * table and the groups' people; versioned, ETag). Refusals are the domain's codes as problem+json.
 */
import {
  ZApprovalDecisionInput,
  ZApprovalSettingsInput,
  ZMyApprovalsQuery,
} from '../../../shared/api/change-approvals.schemas.js';
import { toChangeDto } from '../../../shared/changes/change-use-cases.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ADMIN_ONLY, ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { ifMatchOf, readId, readJson, readQuery } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';

export const myApprovalsFunction: FunctionDefinition<Services> = {
  name: 'approvals-mine',
  trigger: { type: 'http', route: 'approvals/mine', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request, principal) => {
      const query = readQuery(request, ZMyApprovalsQuery);
      if (!query.ok) return query.response;
      const items = await s.changeApprovals.mine(principal.actor, query.value.limit);
      return json(200, { items, nextCursor: null });
    }),
};

export const changeApprovalsFunction: FunctionDefinition<Services> = {
  name: 'changes-approvals',
  trigger: { type: 'http', route: 'changes/{id}/approvals', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const changeId = await s.changes.resolveId(id.value);
      if (!changeId) return problem('CHANGE.NOT_FOUND', `No change ${id.value}`);
      return fromResult(await s.changeApprovals.ofChange(changeId), ({ approvals, etag }) =>
        json(200, approvals, etag),
      );
    }),
};

export const decideApprovalFunction: FunctionDefinition<Services> = {
  name: 'changes-approval-decision',
  trigger: { type: 'http', route: 'changes/{id}/approvals/{approvalId}/decision', methods: ['POST'] },
  // Experts approve too (a CI owner team's expert may be its approver); each only their own.
  handler: (s) =>
    authed(s, ALL_ROLES, async (request, principal) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const approvalId = readId(request, 'approvalId');
      if (!approvalId.ok) return approvalId.response;
      const input = await readJson(request, ZApprovalDecisionInput);
      if (!input.ok) return input.response;
      const changeId = await s.changes.resolveId(id.value);
      if (!changeId) return problem('CHANGE.NOT_FOUND', `No change ${id.value}`);
      const ifMatch = ifMatchOf(request);
      const result = await s.changeApprovals.decide(
        changeId,
        approvalId.value,
        input.value,
        principal.actor,
        ifMatch ? { ifMatch } : {},
      );
      return fromResult(result, ({ change, etag }) => json(200, toChangeDto(change), etag));
    }),
};

export const getApprovalSettingsFunction: FunctionDefinition<Services> = {
  name: 'admin-approval-policy-get',
  trigger: { type: 'http', route: 'admin/approval-policy', methods: ['GET'] },
  handler: (s) =>
    authed(s, ADMIN_ONLY, async () => {
      const { settings, etag } = await s.changeApprovals.settings();
      return json(200, settings, etag ?? undefined);
    }),
};

export const putApprovalSettingsFunction: FunctionDefinition<Services> = {
  name: 'admin-approval-policy-put',
  trigger: { type: 'http', route: 'admin/approval-policy', methods: ['PUT'] },
  handler: (s) =>
    authed(s, ADMIN_ONLY, async (request, principal) => {
      const input = await readJson(request, ZApprovalSettingsInput);
      if (!input.ok) return input.response;
      const ifMatch = ifMatchOf(request) ?? null;
      const { etag } = await s.changeApprovals.settings();
      // A saved version is replaced only by someone who read it (no blind overwrite).
      if (etag !== null && ifMatch === null)
        return problem('REQUEST.PRECONDITION_FAILED', 'Send If-Match with the ETag of the settings you read');
      const saved = await s.changeApprovals.saveSettings(input.value, principal.actor, etag === null ? null : ifMatch);
      return fromResult(saved, (done) => json(200, done.settings, done.etag));
    }),
};
