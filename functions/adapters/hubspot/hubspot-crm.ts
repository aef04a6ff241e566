/**
 * The Crm port on HubSpot, through the official SDK (`@hubspot/api-client`, `basePath` points it
 * at the simulator in tests). Lookups: one address with `GET /crm/v3/objects/contacts/{email}
 * ?idProperty=email`, several with the contacts batch read (`idProperty=email`; never the search
 * API, limited to about 5 requests/s); associated companies and deals through the v4
 * associations batch read (a company comes once per association label: de-duplicated, the
 * primary first); companies and deals by batch read; contact owners by id (cached an hour).
 * Every call passes a token bucket at the private-app limit, a timeout and a circuit breaker; a
 * 429 waits as Retry-After / X-HubSpot-RateLimit-Interval-Milliseconds say and is retried here
 * (the SDK's own retries ignore Retry-After), a DAILY 429 stops calls until the limit resets.
 */
import { Client } from '@hubspot/api-client';
import {
  type Crm,
  type CrmCompany,
  type CrmContact,
  type CrmDeal,
  type CrmNote,
  CrmRateLimitedError,
  type CrmStatus,
  CrmUnavailableError,
  type NewCrmContact,
} from '../../../shared/ports/crm.js';
import { CircuitBreaker } from './circuit-breaker.js';
import type { HubSpotSettings } from './hubspot-settings.js';
import { TokenBucket } from './token-bucket.js';

/** Scopes the lookups need; write-back adds the contacts write scope (notes live under it). */
export const READ_SCOPES = [
  'crm.objects.contacts.read',
  'crm.objects.companies.read',
  'crm.objects.deals.read',
  'crm.objects.owners.read',
];
export const WRITE_SCOPES = ['crm.objects.contacts.write'];

/** HubSpot-defined association types: contact -> company (primary), note -> contact. */
const PRIMARY_COMPANY_TYPE = 1;
const NOTE_TO_CONTACT_TYPE = 202;
const CLOSED_STAGES = new Set(['closedwon', 'closedlost']);
const OWNER_TTL_MS = 60 * 60_000;
const MAX_429_RETRIES = 3;

interface SdkError {
  code?: number;
  body?: unknown;
  headers?: Record<string, string>;
  message?: string;
}

type Props = Record<string, string | null>;
interface SimpleObject {
  id: string;
  properties: Props;
}
interface HttpInfo<T> {
  httpStatusCode: number;
  headers: Record<string, string>;
  data: T;
}

const header = (headers: Record<string, string> | undefined, name: string): string | undefined => {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
};

const nextUtcMidnight = (now: number): number => {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
};

export class HubSpotCrm implements Crm {
  private readonly client: Client;
  private readonly bucket: TokenBucket;
  private readonly breaker = new CircuitBreaker();
  private readonly owners = new Map<string, { owner: CrmContact['owner']; at: number }>();
  private dailySpentUntil = 0;
  private calls = 0;
  private lastError: CrmStatus['lastError'] = null;
  private dailyRemaining: number | null = null;
  private dailyLimit: number | null = null;
  private tokenValid: boolean | null = null;
  private scopes: string[] = [];
  private checkedAt: string | null = null;
  private portalId: string | null;

  constructor(
    private readonly settings: HubSpotSettings,
    private readonly now: () => number = Date.now,
  ) {
    // No SDK retries and no SDK limiter: both are done here, with Retry-After.
    this.client = new Client({ accessToken: settings.token, basePath: settings.basePath, numberOfApiCallRetries: 0 });
    this.bucket = new TokenBucket(settings.rateLimit, 10_000, now);
    this.portalId = settings.portalId;
  }

  /** HTTP calls made so far (the benchmark and tests count them). */
  get callCount(): number {
    return this.calls;
  }

  status(): CrmStatus {
    const required = [...READ_SCOPES, ...(this.settings.writeBack ? WRITE_SCOPES : [])];
    return {
      provider: 'hubspot',
      tokenValid: this.tokenValid,
      scopes: this.scopes,
      missingScopes: this.tokenValid ? required.filter((s) => !this.scopes.includes(s)) : [],
      lastError: this.lastError,
      dailyRemaining: this.dailyRemaining,
      dailyLimit: this.dailyLimit,
      dailyLimitSpent: this.now() < this.dailySpentUntil,
      dailyResetsAt: this.now() < this.dailySpentUntil ? new Date(this.dailySpentUntil).toISOString() : null,
      circuit: this.breaker.state,
      calls: this.calls,
      checkedAt: this.checkedAt,
    };
  }

  async checkToken(): Promise<CrmStatus> {
    try {
      const info = await this.call('token info', async () => {
        const response = await this.client.apiRequest({
          method: 'POST',
          path: '/oauth/v2/private-apps/get/access-token-info',
          body: { tokenKey: this.settings.token },
        });
        const body = (await response.json()) as { scopes?: string[]; hubId?: number; message?: string };
        const headers = Object.fromEntries(response.headers.entries());
        if (!response.ok) throw { code: response.status, body, headers } satisfies SdkError;
        return { httpStatusCode: response.status, headers, data: body };
      });
      this.tokenValid = true;
      this.scopes = info.scopes ?? [];
      if (!this.portalId && info.hubId) this.portalId = String(info.hubId);
    } catch (error) {
      if (!(error instanceof CrmRateLimitedError || error instanceof CrmUnavailableError)) throw error;
      if (/token|401|403/.test(error.message)) this.tokenValid = false;
    }
    this.checkedAt = new Date(this.now()).toISOString();
    return this.status();
  }

  async lookupContacts(emails: readonly string[]): Promise<ReadonlyMap<string, CrmContact | null>> {
    const wanted = [...new Set(emails.map((e) => e.toLowerCase()))];
    const properties = ['email', 'firstname', 'lastname', 'phone', 'hubspot_owner_id', ...this.settings.contactFields];
    let contacts: SimpleObject[];
    if (wanted.length === 1) {
      const one = await this.call('contact by email', () =>
        this.client.crm.contacts.basicApi.getByIdWithHttpInfo(
          wanted[0] as string,
          properties,
          undefined,
          undefined,
          false,
          'email',
        ),
      ).catch((error: unknown) => {
        if (error instanceof NotFound) return null;
        throw error;
      });
      contacts = one ? [one as unknown as SimpleObject] : [];
    } else {
      const batch = await this.call('contacts batch read', () =>
        this.client.crm.contacts.batchApi.readWithHttpInfo(
          { inputs: wanted.map((id) => ({ id })), idProperty: 'email', properties, propertiesWithHistory: [] },
          false,
        ),
      );
      contacts = (batch.results ?? []) as unknown as SimpleObject[];
    }
    const result = new Map<string, CrmContact | null>(wanted.map((e) => [e, null]));
    if (contacts.length === 0) return result;
    const ids = contacts.map((c) => c.id);
    const [companyLinks, dealLinks] = await Promise.all([
      this.associated(ids, 'companies'),
      this.associated(ids, 'deals'),
    ]);
    const companyIds = [...new Set([...companyLinks.values()].flat().map((l) => l.id))];
    const dealIds = [...new Set([...dealLinks.values()].flat().map((l) => l.id))];
    const ownerIds = [
      ...new Set(contacts.map((c) => c.properties.hubspot_owner_id).filter((id): id is string => !!id)),
    ];
    const [companies, deals] = await Promise.all([
      this.companies(companyIds),
      this.deals(dealIds),
      this.loadOwners(ownerIds),
    ]);
    for (const c of contacts) {
      const email = (c.properties.email ?? '').toLowerCase();
      const links = companyLinks.get(c.id) ?? [];
      const ordered = [...links].sort((a, b) => Number(b.primary) - Number(a.primary));
      const name = [c.properties.firstname, c.properties.lastname].filter(Boolean).join(' ') || null;
      const contact: CrmContact = {
        id: c.id,
        email,
        name,
        phone: c.properties.phone ?? null,
        fields: Object.fromEntries(this.settings.contactFields.map((f) => [f, c.properties[f] ?? null])),
        owner: c.properties.hubspot_owner_id ? (this.owners.get(c.properties.hubspot_owner_id)?.owner ?? null) : null,
        companies: ordered.map((l) => companies.get(l.id)).filter((co): co is CrmCompany => co !== undefined),
        openDeals: (dealLinks.get(c.id) ?? []).map((l) => deals.get(l.id)).filter((d): d is CrmDeal => d !== undefined),
        url: this.portalId ? `https://app.hubspot.com/contacts/${this.portalId}/record/0-1/${c.id}` : null,
      };
      // The batch read answers by the address HubSpot stores; match it back to what was asked.
      if (result.has(email)) result.set(email, contact);
      else if (wanted.length === 1) result.set(wanted[0] as string, contact);
    }
    return result;
  }

  async createContact(input: NewCrmContact): Promise<{ id: string }> {
    const created = await this.call('create contact', () =>
      this.client.crm.contacts.basicApi.createWithHttpInfo({
        properties: {
          email: input.email,
          ...(input.firstName ? { firstname: input.firstName } : {}),
          ...(input.lastName ? { lastname: input.lastName } : {}),
          ...(input.phone ? { phone: input.phone } : {}),
        },
        associations: input.companyId
          ? [
              {
                to: { id: input.companyId },
                types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: PRIMARY_COMPANY_TYPE }],
              },
            ]
          : [],
      }),
    ).catch((error: unknown) => {
      // Someone created it meanwhile (another agent, HubSpot's own forms): link to that one.
      const existing = error instanceof Conflict ? /Existing ID: (\d+)/.exec(error.message)?.[1] : undefined;
      if (existing) return { id: existing };
      throw error;
    });
    return { id: created.id };
  }

  async findNote(contactId: string, marker: string): Promise<string | null> {
    const links = await this.call('contact notes', () =>
      this.client.crm.associations.v4.basicApi.getPageWithHttpInfo('contacts', contactId, 'notes', undefined, 500),
    );
    const ids = (links.results ?? []).map((r) => String(r.toObjectId));
    if (ids.length === 0) return null;
    const notes = await this.call('notes batch read', () =>
      this.client.crm.objects.notes.batchApi.readWithHttpInfo(
        { inputs: ids.slice(0, 100).map((id) => ({ id })), properties: ['hs_note_body'], propertiesWithHistory: [] },
        false,
      ),
    );
    const found = (notes.results ?? []).find((n) => (n.properties.hs_note_body ?? '').includes(marker));
    return found?.id ?? null;
  }

  async addNote(note: CrmNote): Promise<{ id: string }> {
    const created = await this.call('create note', () =>
      this.client.crm.objects.notes.basicApi.createWithHttpInfo({
        properties: { hs_timestamp: note.at, hs_note_body: note.body },
        associations: [
          {
            to: { id: note.contactId },
            types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: NOTE_TO_CONTACT_TYPE }],
          },
        ],
      }),
    );
    return { id: created.id };
  }

  /** v4 associations batch read; each target once (HubSpot lists it once per label), `primary` when typed so. */
  private async associated(
    fromIds: readonly string[],
    to: 'companies' | 'deals',
  ): Promise<Map<string, { id: string; primary: boolean }[]>> {
    const out = new Map<string, { id: string; primary: boolean }[]>();
    if (fromIds.length === 0) return out;
    const page = await this.call(`associations contacts->${to}`, () =>
      this.client.crm.associations.v4.batchApi.getPageWithHttpInfo('contacts', to, {
        inputs: fromIds.map((id) => ({ id })),
      }),
    );
    for (const r of page.results ?? []) {
      const byId = new Map<string, { id: string; primary: boolean }>();
      for (const link of r.to ?? []) {
        const id = String(link.toObjectId);
        const primary = (link.associationTypes ?? []).some(
          (t) => t.typeId === PRIMARY_COMPANY_TYPE && String(t.category) === 'HUBSPOT_DEFINED',
        );
        const seen = byId.get(id);
        byId.set(id, { id, primary: primary || (seen?.primary ?? false) });
      }
      out.set(String(r._from.id), [...byId.values()]);
    }
    return out;
  }

  private async companies(ids: readonly string[]): Promise<Map<string, CrmCompany>> {
    const out = new Map<string, CrmCompany>();
    const { tierProperty, companyFields, tierMap } = this.settings;
    for (let i = 0; i < ids.length; i += 100) {
      const batch = await this.call('companies batch read', () =>
        this.client.crm.companies.batchApi.readWithHttpInfo(
          {
            inputs: ids.slice(i, i + 100).map((id) => ({ id })),
            properties: ['name', 'domain', tierProperty, ...companyFields],
            propertiesWithHistory: [],
          },
          false,
        ),
      );
      for (const c of (batch.results ?? []) as unknown as SimpleObject[]) {
        const raw = c.properties[tierProperty]?.trim() || null;
        out.set(c.id, {
          id: c.id,
          name: c.properties.name ?? null,
          domain: c.properties.domain ?? null,
          rawTier: raw,
          tier: raw ? (tierMap.get(raw.toLowerCase()) ?? raw.toLowerCase()) : null,
          fields: Object.fromEntries(companyFields.map((f) => [f, c.properties[f] ?? null])),
        });
      }
    }
    return out;
  }

  private async deals(ids: readonly string[]): Promise<Map<string, CrmDeal>> {
    const out = new Map<string, CrmDeal>();
    for (let i = 0; i < ids.length; i += 100) {
      const batch = await this.call('deals batch read', () =>
        this.client.crm.deals.batchApi.readWithHttpInfo(
          {
            inputs: ids.slice(i, i + 100).map((id) => ({ id })),
            properties: ['dealname', 'dealstage', 'amount', 'hs_is_closed'],
            propertiesWithHistory: [],
          },
          false,
        ),
      );
      for (const d of (batch.results ?? []) as unknown as SimpleObject[]) {
        const stage = d.properties.dealstage ?? null;
        if (d.properties.hs_is_closed === 'true' || (stage && CLOSED_STAGES.has(stage))) continue;
        out.set(d.id, { id: d.id, name: d.properties.dealname ?? null, stage, amount: d.properties.amount ?? null });
      }
    }
    return out;
  }

  private async loadOwners(ids: readonly string[]): Promise<void> {
    const now = this.now();
    for (const id of ids) {
      const cached = this.owners.get(id);
      if (cached && now - cached.at < OWNER_TTL_MS) continue;
      const owner = await this.call('owner', () =>
        this.client.crm.owners.ownersApi.getByIdWithHttpInfo(Number(id), 'id', false),
      ).catch((error: unknown) => {
        if (error instanceof NotFound) return null;
        throw error;
      });
      this.owners.set(id, {
        owner: owner
          ? {
              id,
              name: [owner.firstName, owner.lastName].filter(Boolean).join(' ') || null,
              email: owner.email ?? null,
            }
          : null,
        at: now,
      });
    }
  }

  /**
   * One HubSpot call: circuit, daily limit, token bucket, timeout, rate-limit headers; 429s wait
   * and retry; 404 becomes NotFound; outages become CrmUnavailableError.
   */
  private async call<T>(what: string, run: () => Promise<HttpInfo<T> | T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      if (this.now() < this.dailySpentUntil)
        throw new CrmRateLimitedError('the HubSpot daily limit is spent', this.dailySpentUntil - this.now(), true);
      if (!this.breaker.allow())
        throw new CrmUnavailableError(`HubSpot circuit open after repeated failures (${what})`);
      await this.bucket.take();
      this.calls++;
      try {
        const answer = await this.withTimeout(run(), what);
        this.breaker.success();
        if (answer && typeof answer === 'object' && 'httpStatusCode' in answer && 'data' in answer) {
          const info = answer as HttpInfo<T>;
          this.noteDailyBudget(info.headers);
          return info.data;
        }
        return answer as T;
      } catch (error) {
        const e = error as SdkError;
        if (error instanceof CrmUnavailableError) {
          this.noteFailure(error.message);
          throw error;
        }
        if (e.code === 404) {
          this.breaker.success();
          throw new NotFound(what);
        }
        if (e.code === 429) {
          this.breaker.success();
          const policy = (e.body as { policyName?: string } | undefined)?.policyName;
          const retryAfter = Number(header(e.headers, 'retry-after') ?? Number.NaN) * 1000;
          const interval = Number(header(e.headers, 'x-hubspot-ratelimit-interval-milliseconds') ?? Number.NaN);
          const waitMs = Number.isFinite(retryAfter) ? retryAfter : Number.isFinite(interval) ? interval : 10_000;
          if (policy === 'DAILY') {
            this.dailySpentUntil = Number.isFinite(retryAfter) ? this.now() + retryAfter : nextUtcMidnight(this.now());
            this.dailyRemaining = 0;
            this.noteFailure(`daily limit spent (${what})`);
            throw new CrmRateLimitedError('the HubSpot daily limit is spent', this.dailySpentUntil - this.now(), true);
          }
          this.bucket.pause(waitMs);
          this.noteFailure(`rate limited (${policy ?? 'unknown policy'}) on ${what}; waiting ${waitMs} ms`);
          if (attempt >= MAX_429_RETRIES)
            throw new CrmRateLimitedError(`HubSpot rate limit (${policy ?? '429'}) on ${what}`, waitMs, false);
          continue;
        }
        if (e.code === 409) {
          this.breaker.success();
          throw new Conflict(`${what}: ${(e.body as { message?: string } | undefined)?.message ?? 'conflict'}`);
        }
        if (e.code === 401 || e.code === 403) {
          this.breaker.success();
          this.tokenValid = false;
          const message = `HubSpot refused the token (${e.code}) on ${what}`;
          this.noteFailure(message);
          throw new CrmUnavailableError(message);
        }
        this.breaker.failure();
        const message = `HubSpot ${what} failed: ${e.code ? `HTTP ${e.code}` : (e.message ?? String(error))}`;
        this.noteFailure(message);
        throw new CrmUnavailableError(message);
      }
    }
  }

  private withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.breaker.failure();
        reject(new CrmUnavailableError(`HubSpot ${what} took longer than ${this.settings.timeoutMs} ms`));
      }, this.settings.timeoutMs);
      promise.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  /** HubSpot sends the day's budget and what is left of it on every answer. */
  private noteDailyBudget(headers: Record<string, string>): void {
    const left = header(headers, 'x-hubspot-ratelimit-daily-remaining');
    if (left !== undefined && left !== '') this.dailyRemaining = Number(left);
    const max = header(headers, 'x-hubspot-ratelimit-daily');
    if (max !== undefined && max !== '') this.dailyLimit = Number(max);
  }

  private noteFailure(message: string): void {
    this.lastError = { at: new Date(this.now()).toISOString(), message };
  }
}

/** HubSpot answered 409: the object exists already (its message names the existing id). */
class Conflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Conflict';
  }
}

/** HubSpot answered 404 for this object. */
class NotFound extends Error {
  constructor(what: string) {
    super(`${what}: not found`);
    this.name = 'NotFound';
  }
}
