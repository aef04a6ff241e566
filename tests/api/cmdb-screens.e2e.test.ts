/**
 * The CMDB's screen APIs on both stores (issue 15): the CI list's filters, suggested CIs from an
 * inbound mail (host name, asset tag, the sender's workstation) accepted and dismissed by an agent,
 * the ticket header's other open incidents on the same CIs or services, a CI's tickets, and the
 * neighbourhood with grouping.
 */
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_STORES } from '../support/e2e-stores.js';
import { type RunningPlatform, startRunningPlatform } from '../support/running-platform.js';

const ADMIN = 'admin@demo.local';
const LEAD = 'lead@demo.local';
type Ci = { id: string; name: string };
type Ticket = {
  id: string;
  number: string;
  ownerId: string | null;
  affectedCis?: { ciId: string; primary: boolean }[];
};
type Facts = {
  suggestions: { ciId: string; reason: string; ci: { name: string } | null }[];
  otherOpenIncidents: { number: string; via: { kind: string; name: string } }[];
  businessServices: { ci: { name: string } }[];
};

describe.each(E2E_STORES)('the CMDB screens over HTTP (%s)', { timeout: 60_000 }, (store) => {
  let p: RunningPlatform;
  let send: (from: string, subject: string, text: string) => Promise<void>;
  beforeAll(async () => {
    p = await startRunningPlatform({ store });
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: p.platform.smtpPort as number,
      secure: false,
      ignoreTLS: true,
    });
    send = async (from, subject, text) => {
      await transport.sendMail({ from, to: 'support@demo.local', subject, text });
    };
  }, 60_000);
  afterAll(async () => {
    await p?.stop();
  });

  const ci = async (body: Record<string, unknown>) => {
    const made = await p.api<Ci>(ADMIN, 'cmdb/cis', { body });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    return made.body;
  };
  const relate = async (fromId: string, type: string, toId: string) =>
    expect((await p.api(ADMIN, `cmdb/cis/${fromId}/relations`, { body: { type, toId } })).status).toBe(201);
  const ticketFrom = async (email: string): Promise<Ticket> => {
    const until = Date.now() + 15_000;
    for (;;) {
      await p.platform.drainQueue();
      const list = await p.api<{ items: Ticket[] }>(LEAD, `tickets?q=${encodeURIComponent(email)}&limit=5`);
      if (list.body.items[0]) return list.body.items[0];
      if (Date.now() > until) throw new Error(`no ticket from ${email}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  let ids: Record<'srv' | 'app' | 'svc' | 'laptop' | 'other', string>;
  it('filters the CI list by class, environment, criticality, owner team and text', async () => {
    const srv = await ci({
      name: 'scr-web-01',
      ciClass: 'server',
      hostNames: ['scrweb01.corp.example'],
      criticality: 2,
      ownerTeamId: 'service-desk',
    });
    const app = await ci({ name: 'scr-shop', ciClass: 'application', environment: 'staging' });
    const svc = await ci({ name: 'scr-Webshop', ciClass: 'business_service', criticality: 1 });
    const laptop = await ci({
      name: 'scr-laptop-dana',
      ciClass: 'workstation',
      assetTag: 'SCR-LAP-7',
      attributes: { assignedTo: 'dana@customer.example' },
    });
    const other = await ci({ name: 'scr-other', ciClass: 'server', hostNames: ['scrother01'] });
    ids = { srv: srv.id, app: app.id, svc: svc.id, laptop: laptop.id, other: other.id };
    await relate(app.id, 'runs_on', srv.id);
    await relate(svc.id, 'depends_on', app.id);
    await relate(svc.id, 'depends_on', other.id);
    const names = async (query: string) =>
      (await p.api<{ items: Ci[] }>(LEAD, `cmdb/cis?${query}`)).body.items.map((c) => c.name);
    expect(await names('q=scr-&ciClass=server')).toEqual(['scr-other', 'scr-web-01']);
    expect(await names('q=scrweb01')).toEqual(['scr-web-01']);
    expect(await names('environment=staging')).toEqual(['scr-shop']);
    expect(await names('q=scr&criticality=1')).toEqual(['scr-Webshop']);
    expect(await names('ownerTeamId=service-desk')).toEqual(['scr-web-01']);
    expect(await names('q=dana@customer')).toEqual(['scr-laptop-dana']);
    expect((await p.api(LEAD, 'cmdb/cis?criticality=9')).status).toBe(422);
  });

  let first: Ticket;
  it('suggests CIs from a mail without setting them; an agent accepts one and dismisses another', async () => {
    await send(
      'Dana <dana@customer.example>',
      'scrweb01.corp.example is down',
      'Since 9:00. My laptop SCR-LAP-7 is fine.',
    );
    first = await ticketFrom('dana@customer.example');
    expect(first.affectedCis ?? []).toEqual([]);
    const facts = await p.api<Facts>(LEAD, `tickets/${first.id}/cis`);
    expect(facts.body.suggestions.map((s) => [s.ci?.name, s.reason])).toEqual([
      ['scr-web-01', 'host_name'],
      ['scr-laptop-dana', 'asset_tag'],
    ]);
    const accepted = await p.api<Ticket>(LEAD, `tickets/${first.id}/cis/suggestions`, {
      body: { ciId: ids.srv, action: 'accept' },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.affectedCis).toEqual([{ ciId: ids.srv, primary: true }]);
    expect(accepted.body.ownerId).toBeNull();
    const dismissed = await p.api<Ticket>(LEAD, `tickets/${first.id}/cis/suggestions`, {
      body: { ciId: ids.laptop, action: 'dismiss' },
    });
    expect(dismissed.status).toBe(200);
    const after = await p.api<Facts>(LEAD, `tickets/${first.id}/cis`);
    expect(after.body.suggestions).toEqual([]);
    expect(after.body.businessServices.map((s) => s.ci.name)).toEqual(['scr-Webshop']);
    const again = await p.api<{ code: string }>(LEAD, `tickets/${first.id}/cis/suggestions`, {
      body: { ciId: ids.laptop, action: 'accept' },
    });
    expect([again.status, again.body.code]).toEqual([404, 'CI.SUGGESTION_NOT_FOUND']);
    const bad = await p.api(LEAD, `tickets/${first.id}/cis/suggestions`, { body: { ciId: ids.srv, action: 'maybe' } });
    expect(bad.status).toBe(422);
  });

  it("suggests the sender's workstation, and shows other open incidents on the same CI or service", async () => {
    await send('Dana <dana@customer.example>', 'Webshop checkout fails', 'No host named here.');
    const until = Date.now() + 15_000;
    let second: Ticket | undefined;
    while (!second) {
      await p.platform.drainQueue();
      const list = await p.api<{ items: Ticket[] }>(LEAD, 'tickets?q=checkout&limit=5');
      second = list.body.items[0];
      if (!second && Date.now() > until) throw new Error('no second ticket');
    }
    const facts = await p.api<Facts>(LEAD, `tickets/${second.id}/cis`);
    expect(facts.body.suggestions.map((s) => [s.ci?.name, s.reason])).toEqual([['scr-laptop-dana', 'workstation']]);
    // The second ticket is on another server of the same service: the first shows through the service.
    const set = await p.api(LEAD, `tickets/${second.id}/cis`, {
      method: 'PUT',
      body: { cis: [{ ciId: ids.other, primary: true }] },
    });
    expect(set.status).toBe(200);
    const view = await p.api<Facts>(LEAD, `tickets/${second.id}/cis`);
    expect(view.body.otherOpenIncidents.map((i) => [i.number, i.via.kind, i.via.name])).toEqual([
      [first.number, 'service', 'scr-Webshop'],
    ]);
    const onSrv = await p.api<{ open: { number: string }[]; recent: { number: string }[] }>(
      LEAD,
      `cmdb/cis/${ids.srv}/tickets`,
    );
    expect([onSrv.body.open.map((t) => t.number), onSrv.body.recent.map((t) => t.number)]).toEqual([
      [first.number],
      [first.number],
    ]);
    await p.api(LEAD, `tickets/${first.id}/accept`, { body: {} });
    const resolved = await p.api(LEAD, `tickets/${first.id}/status`, { body: { status: 'resolved', reason: 'fixed' } });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    const later = await p.api<{ open: unknown[]; recent: { status: string }[] }>(LEAD, `cmdb/cis/${ids.srv}/tickets`);
    expect([later.body.open, later.body.recent.map((t) => t.status)]).toEqual([[], ['resolved']]);
    expect((await p.api<Facts>(LEAD, `tickets/${second.id}/cis`)).body.otherOpenIncidents).toEqual([]);
  });

  it('answers the neighbourhood with paths, and 404 for a missing CI', async () => {
    const found = await p.api<{ nodes: { name: string; depth: number; path: { label: string | null }[] }[] }>(
      LEAD,
      `cmdb/cis/${ids.srv}/neighbourhood?depth=2`,
    );
    expect(found.body.nodes.map((n) => [n.name, n.depth]).sort()).toEqual([
      ['scr-Webshop', 2],
      ['scr-shop', 1],
      ['scr-web-01', 0],
    ]);
    expect(found.body.nodes.find((n) => n.name === 'scr-Webshop')?.path.map((s) => s.label)).toEqual([
      null,
      'runs',
      'is needed by',
    ]);
    expect((await p.api(LEAD, 'cmdb/cis/ci_nope/neighbourhood')).status).toBe(404);
    expect((await p.api(LEAD, `cmdb/cis/${ids.srv}/neighbourhood?depth=7`)).status).toBe(422);
  });
});
