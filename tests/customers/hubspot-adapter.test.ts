/**
 * The HubSpot adapter through the real SDK (`@hubspot/api-client`) against the simulator's wire
 * format: lookups by email (one, or a batch), companies once however many labels, tier mapping,
 * owners, open deals only, creation, notes, rate limits (Retry-After, DAILY), outages and the
 * circuit breaker, and the token check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubSpotCrm } from '../../functions/adapters/hubspot/hubspot-crm.js';
import { parseTierMap } from '../../functions/adapters/hubspot/hubspot-settings.js';
import { CrmRateLimitedError, CrmUnavailableError } from '../../shared/ports/crm.js';
import { type HubSpotSimulator, startHubSpotSimulator } from '../simulators/hubspot/hubspot-simulator.js';

const adapter = (sim: HubSpotSimulator, over: Partial<ConstructorParameters<typeof HubSpotCrm>[0]> = {}) =>
  new HubSpotCrm({
    token: sim.token,
    basePath: sim.url,
    portalId: null,
    tierProperty: 'tier',
    tierMap: parseTierMap('Strategic=enterprise,Growth=business'),
    contactFields: ['jobtitle'],
    companyFields: ['industry'],
    rateLimit: 100,
    timeoutMs: 2_000,
    writeBack: true,
    ...over,
  });

describe('HubSpot adapter (SDK against the simulator)', () => {
  let sim: HubSpotSimulator;
  beforeAll(async () => {
    sim = await startHubSpotSimulator({ demo: true });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('looks one contact up by email: company once (primary first), mapped tier, owner, open deals only', async () => {
    const crm = adapter(sim);
    await crm.checkToken();
    const found = await crm.lookupContacts(['Olivia.Brandt@northwind.example']);
    const olivia = found.get('olivia.brandt@northwind.example');
    expect(olivia).toMatchObject({
      name: 'Olivia Brandt',
      fields: { jobtitle: 'IT Manager' },
      owner: { id: '501', email: 'alice@demo.local', name: 'Alice Agent' },
      openDeals: [{ name: 'Northwind renewal 2027', stage: 'contractsent', amount: '120000' }],
    });
    expect(olivia?.companies).toHaveLength(1);
    expect(olivia?.companies[0]).toMatchObject({
      name: 'Northwind Traders',
      rawTier: 'Strategic',
      tier: 'enterprise',
      fields: { industry: 'Retail' },
    });
    expect(olivia?.url).toBe(`https://app.hubspot.com/contacts/${sim.account.portalId}/record/0-1/${olivia?.id}`);
    expect(sim.requests.some((r) => r.path.startsWith('/crm/v3/objects/contacts/olivia.brandt'))).toBe(true);
  });

  it('looks several up in one batch read (unknown addresses come back as null)', async () => {
    const crm = adapter(sim);
    const before = sim.requests.filter((r) => r.path === '/crm/v3/objects/contacts/batch/read').length;
    const found = await crm.lookupContacts([
      'raj.patel@contoso.example',
      'fiona@fabrikam.example',
      'nobody@nowhere.example',
    ]);
    expect(sim.requests.filter((r) => r.path === '/crm/v3/objects/contacts/batch/read').length).toBe(before + 1);
    expect(found.get('raj.patel@contoso.example')?.companies[0]?.tier).toBe('business');
    expect(found.get('fiona@fabrikam.example')?.companies[0]?.tier).toBe('enterprise');
    expect(found.get('nobody@nowhere.example')).toBeNull();
  });

  it('creates a contact, then writes and finds a note on it', async () => {
    const crm = adapter(sim);
    const { id } = await crm.createContact({
      email: 'new.person@fabrikam.example',
      firstName: 'New',
      lastName: 'Person',
      phone: null,
      companyId: null,
    });
    expect((await crm.lookupContacts(['new.person@fabrikam.example'])).get('new.person@fabrikam.example')?.id).toBe(id);
    // A second create (another agent at the same moment) gets HubSpot's 409 and links to the same contact.
    const again = await crm.createContact({
      email: 'new.person@fabrikam.example',
      firstName: 'New',
      lastName: null,
      phone: null,
      companyId: null,
    });
    expect(again.id).toBe(id);
    expect(crm.status().circuit).toBe('closed');
    expect(await crm.findNote(id, '[marker-1]')).toBeNull();
    const note = await crm.addNote({
      contactId: id,
      body: '[marker-1] Ticket opened',
      at: new Date().toISOString(),
      marker: '[marker-1]',
    });
    expect(await crm.findNote(id, '[marker-1]')).toBe(note.id);
  });

  it('waits out a TEN_SECONDLY_ROLLING 429 as Retry-After says, then succeeds', async () => {
    const crm = adapter(sim);
    sim.rateLimitNext(1, 'TEN_SECONDLY_ROLLING', 1);
    const started = Date.now();
    const found = await crm.lookupContacts(['marcus.lee@northwind.example']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(found.get('marcus.lee@northwind.example')?.name).toBe('Marcus Lee');
    expect(crm.status().lastError?.message).toMatch(/TEN_SECONDLY_ROLLING/);
  });

  it('stops calling on a DAILY 429 and shows the spent limit', async () => {
    const crm = adapter(sim);
    sim.rateLimitNext(1, 'DAILY');
    await expect(crm.lookupContacts(['marcus.lee@northwind.example'])).rejects.toBeInstanceOf(CrmRateLimitedError);
    const calls = sim.apiCalls();
    await expect(crm.lookupContacts(['marcus.lee@northwind.example'])).rejects.toMatchObject({ daily: true });
    expect(sim.apiCalls()).toBe(calls);
    expect(crm.status()).toMatchObject({ dailyLimitSpent: true, dailyRemaining: 0 });
  });

  it('turns an outage into CrmUnavailableError and opens the circuit after repeated failures', async () => {
    const crm = adapter(sim);
    sim.down = true;
    try {
      for (let i = 0; i < 5; i++)
        await expect(crm.lookupContacts(['raj.patel@contoso.example'])).rejects.toBeInstanceOf(CrmUnavailableError);
      expect(crm.status().circuit).toBe('open');
      const calls = sim.requests.length;
      await expect(crm.lookupContacts(['raj.patel@contoso.example'])).rejects.toThrow(/circuit open/);
      expect(sim.requests.length).toBe(calls);
    } finally {
      sim.down = false;
    }
  });

  it('times a slow call out', async () => {
    const crm = adapter(sim, { timeoutMs: 100 });
    sim.latencyMs = 300;
    try {
      await expect(crm.lookupContacts(['raj.patel@contoso.example'])).rejects.toThrow(/longer than 100 ms/);
    } finally {
      sim.latencyMs = 0;
    }
  });

  it('checks the token: valid with its scopes, or refused', async () => {
    expect(await adapter(sim).checkToken()).toMatchObject({ tokenValid: true, missingScopes: [] });
    const bad = adapter(sim, { token: 'pat-wrong' });
    expect((await bad.checkToken()).tokenValid).toBe(false);
    await expect(bad.lookupContacts(['raj.patel@contoso.example'])).rejects.toThrow(/refused the token/);
  });
});
