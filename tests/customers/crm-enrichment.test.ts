/**
 * CRM enrichment on in-memory ports with a fake CRM: the CRM's tier wins, a burst of tickets from
 * one requester costs one lookup per TTL (stale served after it, refreshed once), a slow CRM
 * never holds ticket creation past the wait (and only a few creations wait at once), its late
 * answer lands as a timeline entry (the tier applies only before the first response), and
 * write-back never writes a note twice.
 */
import { describe, expect, it } from 'vitest';
import { wireServices } from '../../functions/composition-root.js';
import { DEFAULT_CUSTOMER_SETTINGS } from '../../functions/customer-services.js';
import { seedCustomers } from '../../infra/seed/customer-seed.js';
import { DEMO_AGENTS, DEMO_TEAMS } from '../../infra/seed/demo-organisation.js';
import { seedSlaDefaults } from '../../infra/seed/sla-defaults.js';
import type { Actor } from '../../shared/kernel/actor.js';
import { FakeCrm } from '../fakes/fake-crm.js';
import { InMemoryDocumentStore } from '../fakes/in-memory-document-store.js';
import { RecordingBus } from '../fakes/recording-bus.js';
import { CountingIds, ManualClock } from '../support/test-services.js';

const lead: Actor = { kind: 'agent', agentId: 'ag_lee', roles: ['lead'], teamIds: ['service-desk'] };
const alice: Actor = { kind: 'agent', agentId: 'ag_alice', roles: ['agent'], teamIds: ['service-desk'] };

async function world(crm: FakeCrm, waitMs = 300, writeBack = false) {
  const store = new InMemoryDocumentStore();
  const clock = new ManualClock(new Date('2026-06-01T08:00:00.000Z'));
  const s = wireServices(
    {
      store,
      bus: new RecordingBus(),
      clock,
      ids: new CountingIds(),
      log: () => {},
      crm,
      customerSettings: { ...DEFAULT_CUSTOMER_SETTINGS, waitMs, writeBack },
    },
    { AUTH_MODE: 'dev', STORE: 'sqlite', QUEUE: 'local' },
  );
  for (const team of DEMO_TEAMS) await s.directory.saveTeam(team);
  for (const a of DEMO_AGENTS) await s.directory.saveAgent(a);
  await seedSlaDefaults(s.sla.config);
  await seedCustomers(s.customers.service, s.sla.config);
  const open = async (email: string) => {
    const r = await s.tickets.create(
      {
        type: 'incident',
        title: 'Help',
        description: '',
        requester: { email, name: 'X' },
        impact: 2,
        urgency: 2,
        channel: 'email',
      },
      lead,
    );
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  return { s, clock, open };
}

describe('CRM enrichment', () => {
  it("takes the CRM company's tier over the directory's and links the contact", async () => {
    const crm = new FakeCrm().know({
      email: 'raj.patel@contoso.example',
      id: '77',
      tier: 'enterprise',
      companyName: 'Contoso (CRM)',
    });
    const { open } = await world(crm);
    const made = await open('raj.patel@contoso.example');
    expect(made.ticket.customer).toMatchObject({
      tier: 'enterprise',
      tierSource: 'crm',
      crmId: '77',
      enrichment: 'complete',
    });
    expect(made.sla?.policyId).toBe('enterprise');
  });

  it('asks the CRM once per address per TTL however many tickets arrive, then serves stale and refreshes once', async () => {
    const crm = new FakeCrm().know({ email: 'a@b.example', tier: 'business' });
    crm.delayMs = 20;
    const { s, clock, open } = await world(crm);
    await Promise.all(Array.from({ length: 20 }, () => open('a@b.example')));
    expect(crm.lookups.flat().filter((e) => e === 'a@b.example')).toHaveLength(1);
    clock.advance(16 * 60_000);
    const stale = await s.customers.cache?.get('a@b.example', 0);
    expect(stale).toMatchObject({ state: 'found', stale: true });
    await Promise.all(Array.from({ length: 5 }, () => open('a@b.example')));
    await new Promise((r) => setTimeout(r, 60));
    expect(crm.lookups.flat().filter((e) => e === 'a@b.example')).toHaveLength(2);
  });

  it('never holds ticket creation past the wait; the late answer sets the tier before the first response', async () => {
    const crm = new FakeCrm().know({ email: 'slow@b.example', tier: 'enterprise' });
    crm.delayMs = 400;
    const { s, open } = await world(crm, 50);
    const started = Date.now();
    const made = await open('slow@b.example');
    expect(Date.now() - started).toBeLessThan(350);
    expect(made.ticket.customer).toMatchObject({ enrichment: 'pending', tier: null });
    expect(await s.customers.enrichment.enrich(made.ticket.id, 2_000)).toBe('tier-applied');
    const after = await s.queries.get(made.ticket.id);
    expect(after.ok && after.value.ticket.customerTier).toBe('enterprise');
    expect(after.ok && after.value.ticket.sla?.policyId).toBe('enterprise');
    const entries = (await s.queries.timeline(made.ticket.id, 50)).items;
    expect(entries.find((e) => e.kind === 'customer_enriched')?.data).toMatchObject({ tierApplied: true });
    // Enriching again is a no-op.
    expect(await s.customers.enrichment.enrich(made.ticket.id, 0)).toBe('nothing-to-do');
  });

  it('lets only a few creations wait at once: in a burst the others go on at once and are enriched after', async () => {
    const emails = Array.from({ length: 6 }, (_, i) => `burst${i}@b.example`);
    const crm = new FakeCrm();
    for (const email of emails) crm.know({ email, tier: 'enterprise' });
    crm.delayMs = 200;
    const { s, open } = await world(crm, 1_000);
    const made = await Promise.all(emails.map(open));
    const states = made.map((m) => m.ticket.customer?.enrichment);
    // DEFAULT_CUSTOMER_SETTINGS.maxWaiting (2) waited for the answer; the other four did not.
    expect(states.filter((e) => e === 'complete')).toHaveLength(DEFAULT_CUSTOMER_SETTINGS.maxWaiting);
    expect(states.filter((e) => e === 'pending')).toHaveLength(emails.length - DEFAULT_CUSTOMER_SETTINGS.maxWaiting);
    expect(crm.lookups).toHaveLength(1);
    for (const m of made.filter((x) => x.ticket.customer?.enrichment === 'pending'))
      expect(await s.customers.enrichment.enrich(m.ticket.id, 1_000)).toBe('tier-applied');
    for (const m of made) {
      const after = await s.queries.get(m.ticket.id);
      expect(after.ok && after.value.ticket).toMatchObject({
        customerTier: 'enterprise',
        sla: { policyId: 'enterprise' },
      });
    }
  });

  it('records but does not apply a late tier once the customer has been answered', async () => {
    const crm = new FakeCrm().know({ email: 'late@b.example', tier: 'enterprise' });
    crm.down = true;
    const { s, clock, open } = await world(crm, 50);
    const made = await open('late@b.example');
    expect(made.ticket.customer?.enrichment).toBe('pending');
    await s.tickets.accept(made.ticket.id, alice);
    const replied = await s.tickets.reply(made.ticket.id, { body: 'On it', cc: [] }, alice);
    expect(replied.ok).toBe(true);
    crm.down = false;
    // The failed lookup backs off (30 s); after that the sweep asks again and records the answer.
    clock.advance(31_000);
    expect(await s.customers.enrichment.sweep(50, 1_000)).toMatchObject({ enriched: 1, 'tier-applied': 0 });
    const after = await s.queries.get(made.ticket.id);
    expect(after.ok && after.value.ticket.customerTier).toBe(null);
    expect(after.ok && after.value.ticket.customer?.enrichment).toBe('complete');
    const entry = (await s.queries.timeline(made.ticket.id, 50)).items.find((e) => e.kind === 'customer_enriched');
    expect(entry?.data).toMatchObject({ tierApplied: false, crmTier: 'enterprise' });
    expect(after.ok && after.value.ticket.ownerId).toBe('ag_alice');
  });

  it('keeps tickets flowing with local data while the CRM is down', async () => {
    const crm = new FakeCrm();
    crm.down = true;
    const { open } = await world(crm, 50);
    const made = await Promise.all(['x1@northwind.example', 'x2@northwind.example'].map(open));
    for (const m of made) expect(m.ticket.customer).toMatchObject({ tier: 'enterprise', enrichment: 'pending' });
  });

  it('writes one note per ticket and kind, even when the event is delivered again', async () => {
    const crm = new FakeCrm().know({ email: 'w@b.example', id: '88', tier: null });
    const { s, open } = await world(crm, 300, true);
    const made = await open('w@b.example');
    const event = {
      id: 'ev1',
      type: 'ticket.created' as const,
      ticketId: made.ticket.id,
      occurredAt: made.ticket.createdAt,
      actor: { kind: 'system' as const, name: 't' },
      data: {},
    };
    const sub = s.customers.writeBack?.subscriber;
    await sub?.handle(event);
    await sub?.handle(event);
    expect(crm.notes).toHaveLength(1);
    expect(crm.notes[0]).toMatchObject({ contactId: '88' });
  });
});
