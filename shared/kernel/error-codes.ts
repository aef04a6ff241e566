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
  'TICKET.REASON_REQUIRED',
  'TICKET.SAME_OWNER',
  'TICKET.CANNOT_OWN',
  // assists
  'ASSIST.NOT_FOUND',
  'ASSIST.ILLEGAL_TRANSITION',
  'ASSIST.NOT_EXPERT',
  'ASSIST.SELF_ASSIST',
  'ASSIST.ALREADY_ANSWERED',
  // directory
  'AGENT.NOT_FOUND',
  'TEAM.NOT_FOUND',
  // cmdb
  'CI.NOT_FOUND',
  'CI.DUPLICATE_ASSET_TAG',
  'CI.READ_ONLY',
  'RELATION.NOT_FOUND',
  'RELATION.DUPLICATE',
  'RELATION.FORBIDDEN',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
