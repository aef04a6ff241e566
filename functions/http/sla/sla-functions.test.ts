import { beforeEach, describe, expect, it } from 'vitest';
import { invoke } from '../../../tests/support/invoke.js';
import { type TestWorld, testWorld } from '../../../tests/support/test-services.js';
import { SLA_FUNCTIONS } from '../../catalog/sla-catalog.js';
import { createTicketFunction } from '../tickets/create-ticket.function.js';
import { getTicketFunction } from '../tickets/get-ticket.function.js';
import { listTicketsFunction } from '../tickets/list-tickets.function.js';

const fn = (name: string) => {
  const found = SLA_FUNCTIONS.find((f) => f.name === name);
  if (!found) throw new Error(`no function ${name}`);
  return found;
};
const ADMIN = 'admin@demo.local';
const AGENT = 'alice@demo.local';
const OFFICE = [{ start: '08:00', end: '17:00' }];
const office = {
  id: 'office',
  name: 'Office',
  timeZone: 'Europe/Berlin',
  mode: 'business',
  week: { mon: OFFICE, tue: OFFICE },
};
const always = { id: 'always', name: '24x7', timeZone: 'UTC', mode: '24x7' };
const p1 = {
  id: 'p1',
  name: 'P1 fast',
  order: 1,
  conditions: { priorities: ['P1'] },
  targets: { resolution: 60 },
  calendarId: 'always',
  warningThresholds: [75],
};
type Problem = { code: string; errors?: { path: string; message: string }[] };

describe('SLA configuration API', () => {
  let w: TestWorld;
  beforeEach(async () => {
    w = await testWorld();
  });
  const post = (name: string, body: unknown, as = ADMIN) => invoke(fn(name), w.services, { as, body });

  it('lets admins create, read, replace and delete calendars', async () => {
    const created = await post('sla-calendars-create', office);
    expect(created.status).toBe(201);
    const etag = created.headers.get('etag') as string;
    const got = await invoke(fn('sla-calendars-get'), w.services, { as: AGENT, params: { id: 'office' } });
    expect(got.json).toMatchObject({ id: 'office', week: { mon: OFFICE, wed: [] } });
    const replaced = await invoke(fn('sla-calendars-replace'), w.services, {
      as: ADMIN,
      params: { id: 'office' },
      body: { ...office, name: 'Berlin office' },
      headers: { 'if-match': etag },
    });
    expect(replaced.status).toBe(200);
    const stale = await invoke(fn('sla-calendars-replace'), w.services, {
      as: ADMIN,
      params: { id: 'office' },
      body: office,
      headers: { 'if-match': etag },
    });
    expect(stale.status).toBe(412);
    expect((await post('sla-calendars-create', office)).status).toBe(409);
    expect((await invoke(fn('sla-calendars-delete'), w.services, { as: ADMIN, params: { id: 'office' } })).status).toBe(
      204,
    );
    const list = await invoke(fn('sla-calendars-list'), w.services, { as: AGENT });
    expect(list.json).toEqual({ items: [], nextCursor: null });
  });

  it('refuses bad configuration with 422 problem+json naming the field', async () => {
    const overlap = await post('sla-calendars-create', {
      ...office,
      week: {
        wed: [
          { start: '08:00', end: '12:00' },
          { start: '11:00', end: '17:00' },
        ],
      },
    });
    expect(overlap.status).toBe(422);
    expect(overlap.headers.get('content-type')).toContain('application/problem+json');
    expect((overlap.json as Problem).errors?.[0]).toMatchObject({
      path: 'week.wed',
      message: expect.stringContaining('overlap'),
    });
    const zone = await post('sla-calendars-create', { ...office, timeZone: 'Mars/Olympus' });
    expect((zone.json as Problem).errors?.[0]).toMatchObject({
      path: 'timeZone',
      message: 'unknown time zone "Mars/Olympus"',
    });
    await post('sla-calendars-create', always);
    const empty = await post('sla-policies-create', { ...p1, targets: {} });
    expect(empty.status).toBe(422);
    expect((empty.json as Problem).errors?.[0]?.path).toBe('targets');
    const unknownCalendar = await post('sla-policies-create', { ...p1, calendarId: 'nope' });
    expect([unknownCalendar.status, (unknownCalendar.json as Problem).errors?.[0]?.path]).toEqual([422, 'calendarId']);
    expect((await post('sla-policies-create', p1)).status).toBe(201);
    const inUse = await invoke(fn('sla-calendars-delete'), w.services, { as: ADMIN, params: { id: 'always' } });
    expect([inUse.status, (inUse.json as Problem).errors?.[0]?.message]).toEqual([
      422,
      'calendar "always" is used by p1',
    ]);
  });

  it('allows writes to admins only', async () => {
    const refused = await post('sla-calendars-create', office, AGENT);
    expect(refused.status).toBe(403);
    expect((await post('sla-recompute', undefined, AGENT)).status).toBe(403);
  });

  it('previews due times of a sample ticket', async () => {
    await post('sla-calendars-create', office);
    const draft = { ...p1, calendarId: 'office', targets: { firstResponse: 120, resolution: 600 } };
    const preview = await post(
      'sla-preview',
      { policy: draft, ticket: { priority: 'P1' }, createdAt: '2026-06-01T14:00:00Z' },
      AGENT,
    );
    // Monday 16:00 Berlin + 2 business hours -> Tuesday 09:00; + 10 h -> 1 h Monday + 9 h Tuesday = Tuesday 17:00.
    expect(preview.json).toMatchObject({
      policy: { id: 'p1' },
      firstResponse: { targetMs: 7_200_000, dueAt: '2026-06-02T07:00:00.000Z' },
      nextResponse: null,
      resolution: { dueAt: '2026-06-02T15:00:00.000Z' },
    });
    const missing = await post('sla-preview', { policyId: 'nope' }, AGENT);
    expect(missing.status).toBe(422);
  });

  it('puts the SLA on tickets, sorts by it and recomputes open tickets on request', async () => {
    await post('sla-calendars-create', always);
    await post('sla-policies-create', p1);
    const make = (urgency: number) =>
      invoke(createTicketFunction, w.services, {
        as: AGENT,
        body: { title: 'Down', requester: { email: 'c@x.example' }, impact: 1, urgency },
      });
    const slow = (await make(3)).json as { id: string; sla: unknown };
    expect(slow.sla).toBeNull();
    w.clock.advance(5 * 60_000);
    const fast = (await make(1)).json as { id: string; sla: { policyName: string; resolution: { dueAt: string } } };
    expect(fast.sla).toMatchObject({
      policyName: 'P1 fast',
      status: 'ok',
      resolution: { state: 'running', percent: 0 },
    });
    w.clock.advance(30 * 60_000);
    const read = await invoke(getTicketFunction, w.services, { as: AGENT, params: { id: fast.id } });
    expect(read.json).toMatchObject({ sla: { resolution: { elapsedMs: 1_800_000, percent: 50 } } });
    expect(read.json).not.toHaveProperty('slaHistory');
    // Read again in the same second: the same text; a second later the clocks move on.
    const same = await invoke(getTicketFunction, w.services, { as: AGENT, params: { id: fast.id } });
    expect(same.json).toEqual(read.json);
    w.clock.advance(1_000);
    const later = await invoke(getTicketFunction, w.services, { as: AGENT, params: { id: fast.id } });
    expect(later.json).toMatchObject({ sla: { resolution: { elapsedMs: 1_801_000 } } });
    const sorted = await invoke(listTicketsFunction, w.services, { as: AGENT, path: 'tickets?sort=sla' });
    expect((sorted.json as { items: { id: string }[] }).items.map((t) => t.id)).toEqual([fast.id, slow.id]);

    await post('sla-policies-create', { ...p1, id: 'p3', name: 'P3', conditions: { priorities: ['P3'] } });
    const recomputed = await post('sla-recompute', undefined);
    expect(recomputed.json).toEqual({ recomputed: 2, failed: 0 });
    const again = await invoke(getTicketFunction, w.services, { as: AGENT, params: { id: slow.id } });
    expect(again.json).toMatchObject({ sla: { policyName: 'P3' } });
  });

  describe('public holidays for the calendar editor', () => {
    const holidays = (query: string, as = ADMIN) =>
      invoke(fn('sla-holidays'), w.services, { as, path: `sla/holidays?${query}` });

    it("lists a country's regions", async () => {
      const got = await invoke(fn('sla-holiday-countries'), w.services, { as: AGENT });
      expect(got.status).toBe(200);
      const germany = (got.json as { countries: { code: string; regions: { code: string }[] }[] }).countries.find(
        (c) => c.code === 'DE',
      );
      expect(germany?.regions.map((r) => r.code)).toContain('BY');
    });

    it('gives the public holidays of a region, by local date, only public ones', async () => {
      const bavaria = await holidays('country=DE&region=BY&from=2027&to=2027');
      expect(bavaria.status).toBe(200);
      const list = (bavaria.json as { holidays: { date: string; name: string }[] }).holidays;
      expect(list.map((h) => h.date)).toEqual([
        '2027-01-01',
        '2027-01-06',
        '2027-03-26',
        '2027-03-29',
        '2027-05-01',
        '2027-05-06',
        '2027-05-17',
        '2027-05-27',
        '2027-10-03',
        '2027-11-01',
        '2027-12-25',
        '2027-12-26',
      ]);
      expect(list[2]?.name).toBe('Good Friday');
      // Berlin has neither Epiphany nor Corpus Christi.
      const berlin = await holidays('country=DE&region=BE&from=2027&to=2027');
      const dates = (berlin.json as { holidays: { date: string }[] }).holidays.map((h) => h.date);
      expect(dates).not.toContain('2027-01-06');
      expect(dates).not.toContain('2027-05-27');
    });

    it.each([
      ['country=XX&from=2027&to=2027', 'country'],
      ['country=DE&region=ZZ&from=2027&to=2027', 'region'],
      ['country=de&from=2027&to=2027', 'country'],
      ['country=DE&from=2027&to=2040', 'to'],
      ['country=DE&from=2028&to=2027', 'to'],
      ['country=DE', 'from'],
    ])('refuses %s with a 422 naming %s', async (query, path) => {
      const got = await holidays(query);
      expect(got.status).toBe(422);
      expect(got.headers.get('content-type')).toContain('application/problem+json');
      expect((got.json as Problem).errors?.map((e) => e.path)).toContain(path);
    });
  });
});
