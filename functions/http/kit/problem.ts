/**
 * The ONE table from error codes to HTTP statuses, and the application/problem+json shape
 * (RFC 9457) every refusal is sent as. Clients switch on `code`, people read `detail`.
 */
import type { HttpResponseInit } from '@azure/functions';
import type { TProblem } from '../../../shared/api/common.schemas.js';
import type { ErrorCode } from '../../../shared/kernel/error-codes.js';
import type { DomainError } from '../../../shared/kernel/result.js';

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  'REQUEST.INVALID_JSON': 400,
  'REQUEST.VALIDATION_FAILED': 422,
  'REQUEST.TOO_LARGE': 413,
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': 415,
  'REQUEST.NOT_FOUND': 404,
  'REQUEST.METHOD_NOT_ALLOWED': 405,
  'REQUEST.PRECONDITION_FAILED': 412,
  'AUTH.UNAUTHENTICATED': 401,
  'AUTH.FORBIDDEN': 403,
  'CONCURRENCY.CONFLICT': 409,
  'TICKET.NOT_FOUND': 404,
  'TICKET.ALREADY_OWNED': 409,
  'TICKET.NOT_OWNER': 403,
  'TICKET.NOT_OWNED': 409,
  'TICKET.ILLEGAL_TRANSITION': 409,
  'TICKET.CLOSED': 409,
  'TICKET.MERGED': 409,
  'TICKET.REASON_REQUIRED': 422,
  'TICKET.SAME_OWNER': 409,
  'TICKET.CANNOT_OWN': 403,
  'ASSIST.NOT_FOUND': 404,
  'ASSIST.ILLEGAL_TRANSITION': 409,
  'ASSIST.NOT_EXPERT': 403,
  'ASSIST.SELF_ASSIST': 422,
  'ASSIST.ALREADY_ANSWERED': 409,
  'CHANGE.NOT_FOUND': 404,
  'CHANGE.ALREADY_OWNED': 409,
  'CHANGE.NOT_OWNER': 403,
  'CHANGE.ILLEGAL_TRANSITION': 409,
  'CHANGE.CLOSED': 409,
  'CHANGE.REASON_REQUIRED': 422,
  'CHANGE.SAME_OWNER': 409,
  'CHANGE.CANNOT_OWN': 403,
  'CHANGE.NOT_READY': 409,
  'CHANGE.REVIEW_REQUIRED': 409,
  'CHANGE.SCHEDULE_CONFLICT': 409,
  'CHANGE_TASK.NOT_FOUND': 404,
  'CHANGE_TASK.ILLEGAL_TRANSITION': 409,
  'CHANGE_WINDOW.NOT_FOUND': 404,
  'PROBLEM.NOT_FOUND': 404,
  'PROBLEM.ALREADY_OWNED': 409,
  'PROBLEM.NOT_OWNER': 403,
  'PROBLEM.ILLEGAL_TRANSITION': 409,
  'PROBLEM.CLOSED': 409,
  'PROBLEM.REASON_REQUIRED': 422,
  'PROBLEM.SAME_OWNER': 409,
  'PROBLEM.CANNOT_OWN': 403,
  'PROBLEM.NOT_READY': 409,
  'PROBLEM.TASK_NOT_FOUND': 404,
  'PROBLEM.SUGGESTION_NOT_FOUND': 404,
  'CHANGE.TEMPLATE_NOT_FOUND': 404,
  'CAB.MEETING_NOT_FOUND': 404,
  'CAB.NOT_ON_AGENDA': 409,
  'APPROVAL.NOT_FOUND': 404,
  'APPROVAL.NOT_APPROVER': 403,
  'APPROVAL.ALREADY_DECIDED': 409,
  'AGENT.NOT_FOUND': 404,
  'TEAM.NOT_FOUND': 404,
  'AGENT.EMAIL_TAKEN': 409,
  'TEAM.ID_TAKEN': 409,
  'DIRECTORY.LAST_ADMIN': 409,
  'CI.NOT_FOUND': 404,
  'CI.DUPLICATE_ASSET_TAG': 409,
  'CI.READ_ONLY': 409,
  'CI.SUGGESTION_NOT_FOUND': 404,
  'RELATION.NOT_FOUND': 404,
  'RELATION.DUPLICATE': 409,
  'RELATION.FORBIDDEN': 422,
  'CUSTOMER.NOT_FOUND': 404,
  'CUSTOMER.EMAIL_TAKEN': 409,
  'COMPANY.NOT_FOUND': 404,
  'COMPANY.DOMAIN_TAKEN': 409,
  'CRM.NOT_CONFIGURED': 409,
  'CRM.ALREADY_LINKED': 409,
  'CRM.UNAVAILABLE': 503,
  'SEARCH.INVALID_QUERY': 422,
  'MACRO.NOT_FOUND': 404,
  'MACRO.TEMPLATE_INVALID': 422,
  'MACRO.TEMPLATE_FORBIDDEN': 422,
  'MACRO.TEMPLATE_LIMIT': 422,
  'TEMPLATE.NOT_FOUND': 404,
  'BULK.NOT_FOUND': 404,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  503: 'Service Unavailable',
};

export const problemResponse = (error: DomainError, errors?: TProblem['errors']): HttpResponseInit => {
  const status = STATUS_BY_CODE[error.code];
  const body: TProblem & Record<string, unknown> = {
    type: `https://itil-next.dev/problems/${error.code.toLowerCase().replace('.', '/')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail: error.message,
    code: error.code,
    ...(errors ? { errors } : {}),
    ...(error.details ?? {}),
  };
  return {
    status,
    headers: {
      'content-type': 'application/problem+json',
      ...(status === 401 ? { 'www-authenticate': 'Bearer, Dev' } : {}),
    },
    body: JSON.stringify(body),
  };
};

export const problem = (code: ErrorCode, detail: string, errors?: TProblem['errors']): HttpResponseInit =>
  problemResponse({ code, message: detail }, errors);
