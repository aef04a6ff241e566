import azf from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { routeParamProblem } from './request.js';

const { HttpRequest } = azf;
const withParams = (params: Record<string, string>) =>
  new HttpRequest({ method: 'GET', url: 'http://localhost/api/x', params });

describe('route parameters a store cannot hold', () => {
  it('lets ids, ticket numbers and notification ids through', () => {
    for (const id of ['t_01ABC', 'INC-1042', 'n:ev_01:ag_alice', 'a.b~c-d_e'])
      expect(routeParamProblem(withParams({ id })), id).toBeUndefined();
  });

  it('answers 404 problem for / \\ # ?, control characters and ids over 255 characters', () => {
    for (const id of ['a/b', 'a\\b', 'a#b', 'a?b', 'a\u0000b', 'a\nb', 'x'.repeat(256)]) {
      const problem = routeParamProblem(withParams({ queue: 'events', id }));
      expect(problem?.status, JSON.stringify(id)).toBe(404);
      expect(String(problem?.body)).toContain('is not a valid id');
    }
  });
});
