import { describe, expect, it } from 'vitest';
import { compileRoute, RouteTable } from './http-router.js';

const table = new RouteTable([
  compileRoute('tickets/{id}', ['GET', 'PATCH'], 'ticket'),
  compileRoute('tickets/mine', ['GET'], 'mine'),
  compileRoute('tickets', ['GET', 'POST'], 'tickets'),
  compileRoute('assists/{id}/{action}', ['POST'], 'assist-action'),
  compileRoute('assists/{id}/accept', ['POST'], 'assist-accept'),
  compileRoute('reports/{year:int}/{month?}', ['GET'], 'report'),
  compileRoute('files/{*path}', ['GET'], 'file'),
]);

describe('RouteTable', () => {
  it.each([
    ['GET', 'tickets', 'tickets', {}],
    ['GET', 'tickets/', 'tickets', {}],
    ['GET', 'tickets/T-1', 'ticket', { id: 'T-1' }],
    ['GET', 'Tickets/Mine', 'mine', {}],
    ['PATCH', 'tickets/mine', 'ticket', { id: 'mine' }],
    ['POST', 'assists/A-1/accept', 'assist-accept', { id: 'A-1' }],
    ['POST', 'assists/A-1/decline', 'assist-action', { id: 'A-1', action: 'decline' }],
    ['GET', 'reports/2025', 'report', { year: '2025' }],
    ['GET', 'reports/2025/03', 'report', { year: '2025', month: '03' }],
    ['GET', 'files/a/b%20c.txt', 'file', { path: 'a/b c.txt' }],
    ['GET', 'tickets/a%2Fb', 'ticket', { id: 'a/b' }],
  ])('%s /api/%s -> %s', (method, path, target, params) => {
    expect(table.match(method, path)).toEqual({ kind: 'found', target, params });
  });

  it('answers method-not-allowed with the allowed methods of every matching route', () => {
    expect(table.match('DELETE', 'tickets/T-1')).toEqual({ kind: 'method-not-allowed', allow: ['GET', 'PATCH'] });
    expect(table.match('DELETE', 'tickets/mine')).toEqual({ kind: 'method-not-allowed', allow: ['GET', 'PATCH'] });
  });

  it('answers not-found for unknown paths and failed constraints', () => {
    expect(table.match('GET', 'nothing')).toEqual({ kind: 'not-found' });
    expect(table.match('GET', 'reports/abc')).toEqual({ kind: 'not-found' });
    expect(table.match('GET', 'tickets/1/2/3')).toEqual({ kind: 'not-found' });
  });

  it('refuses templates it cannot serve', () => {
    expect(() => compileRoute('x/{id:weird}', ['GET'], 0)).toThrow(/unsupported constraint/);
    expect(() => compileRoute('x/{a?}/{b}', ['GET'], 0)).toThrow(/optional/);
    expect(() => compileRoute('x/{*a}/b', ['GET'], 0)).toThrow(/catch-all/);
  });
});
