/**
 * What both Graph webhook routes share: the subscription validation handshake (Graph POSTs
 * `?validationToken=...` and wants the decoded token back as text/plain within 10 s), and the
 * refusal when Graph is not the configured mail provider.
 */
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { problem } from '../kit/problem.js';

/** The handshake answer, or undefined when this is not a validation request. */
export const validationHandshake = (request: HttpRequest): HttpResponseInit | undefined => {
  const token = request.query.get('validationToken'); // URLSearchParams has already decoded it
  if (token === null) return undefined;
  return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: token };
};

export const graphNotConfigured = (): HttpResponseInit =>
  problem('REQUEST.NOT_FOUND', 'Microsoft Graph is not the configured mail provider (MAIL_PROVIDER)');
