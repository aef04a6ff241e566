/**
 * Every stable error code the API can return. The HTTP edge owns the single table
 * mapping these to statuses (functions/http/problem.ts); clients switch on the code.
 */
export const ERROR_CODES = [
  // request shape (edge)
  'REQUEST.INVALID_JSON',
  'REQUEST.VALIDATION_FAILED',
  'REQUEST.TOO_LARGE',
  'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  'REQUEST.NOT_FOUND',
  'REQUEST.METHOD_NOT_ALLOWED',
  'REQUEST.PRECONDITION_FAILED',
  'AUTH.UNAUTHENTICATED',
  'AUTH.FORBIDDEN',
  // concurrency
  'CONCURRENCY.CONFLICT',
  // tickets
  'TICKET.NOT_FOUND',
  'TICKET.ALREADY_OWNED',
  'TICKET.NOT_OWNER',
  'TICKET.NOT_OWNED',
  'TICKET.ILLEGAL_TRANSITION',
  'TICKET.CLOSED',
  /** The ticket was merged into another (issue 18): act on that one. */
  'TICKET.MERGED',
  'TICKET.REASON_REQUIRED',
  'TICKET.SAME_OWNER',
  'TICKET.CANNOT_OWN',
  // assists
  'ASSIST.NOT_FOUND',
  'ASSIST.ILLEGAL_TRANSITION',
  'ASSIST.NOT_EXPERT',
  'ASSIST.SELF_ASSIST',
  'ASSIST.ALREADY_ANSWERED',
  // changes (issue 16): the kernel's refusals in the change namespace, then the change's own
  'CHANGE.NOT_FOUND',
  'CHANGE.ALREADY_OWNED',
  'CHANGE.NOT_OWNER',
  'CHANGE.ILLEGAL_TRANSITION',
  'CHANGE.CLOSED',
  'CHANGE.REASON_REQUIRED',
  'CHANGE.SAME_OWNER',
  'CHANGE.CANNOT_OWN',
  /** The move exists but its precondition is unmet (`details.missing`: approval, window, close code...). */
  'CHANGE.NOT_READY',
  /** Normal, emergency and unsuccessful changes close through a post-implementation review. */
  'CHANGE.REVIEW_REQUIRED',
  /** The window has conflicts (`details.conflicts`); a change manager may override them with a reason. */
  'CHANGE.SCHEDULE_CONFLICT',
  'CHANGE_TASK.NOT_FOUND',
  'CHANGE_TASK.ILLEGAL_TRANSITION',
  'CHANGE_WINDOW.NOT_FOUND',
  // problems (issue 17): the kernel's refusals in the problem namespace, then the problem's own
  'PROBLEM.NOT_FOUND',
  'PROBLEM.ALREADY_OWNED',
  'PROBLEM.NOT_OWNER',
  'PROBLEM.ILLEGAL_TRANSITION',
  'PROBLEM.CLOSED',
  'PROBLEM.REASON_REQUIRED',
  'PROBLEM.SAME_OWNER',
  'PROBLEM.CANNOT_OWN',
  /** The move or action needs something recorded first (`details.missing`: rootCause, workaround, incidents). */
  'PROBLEM.NOT_READY',
  'PROBLEM.TASK_NOT_FOUND',
  /** A suggested problem (a cluster of recurring incidents) that is not there or no longer open. */
  'PROBLEM.SUGGESTION_NOT_FOUND',
  // change approvals (ADR 0030)
  'CHANGE.TEMPLATE_NOT_FOUND',
  'CAB.MEETING_NOT_FOUND',
  /** The change is not waiting for a CAB decision (no open CAB step). */
  'CAB.NOT_ON_AGENDA',
  'APPROVAL.NOT_FOUND',
  /** Only the named approver decides, for themselves; a requester never approves their own change. */
  'APPROVAL.NOT_APPROVER',
  'APPROVAL.ALREADY_DECIDED',
  // directory
  'AGENT.NOT_FOUND',
  'TEAM.NOT_FOUND',
  'AGENT.EMAIL_TAKEN',
  'TEAM.ID_TAKEN',
  'DIRECTORY.LAST_ADMIN',
  // cmdb
  'CI.NOT_FOUND',
  'CI.DUPLICATE_ASSET_TAG',
  'CI.READ_ONLY',
  'CI.SUGGESTION_NOT_FOUND',
  'RELATION.NOT_FOUND',
  'RELATION.DUPLICATE',
  'RELATION.FORBIDDEN',
  // customers and the CRM
  'CUSTOMER.NOT_FOUND',
  'CUSTOMER.EMAIL_TAKEN',
  'COMPANY.NOT_FOUND',
  'COMPANY.DOMAIN_TAKEN',
  'CRM.NOT_CONFIGURED',
  'CRM.ALREADY_LINKED',
  'CRM.UNAVAILABLE',
  // search
  'SEARCH.INVALID_QUERY',
  // macros, ticket templates and bulk actions (issue 18)
  'MACRO.NOT_FOUND',
  'MACRO.TEMPLATE_INVALID',
  'MACRO.TEMPLATE_FORBIDDEN',
  'MACRO.TEMPLATE_LIMIT',
  'TEMPLATE.NOT_FOUND',
  'BULK.NOT_FOUND',
  // the known error database (issue 17)
  'KNOWN_ERROR.NOT_FOUND',
  'KNOWN_ERROR.ILLEGAL_TRANSITION',
  /** Publishing needs a workaround or a root cause; applying needs a workaround. */
  'KNOWN_ERROR.INCOMPLETE',
  'KNOWN_ERROR.NOT_PUBLISHED',
  /** Only an answered assist becomes a known-error candidate. */
  'ASSIST.NOT_ANSWERED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
