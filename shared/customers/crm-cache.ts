/**
 * The CRM cache in the document store (`customers` container, `crm:<address>`): what the CRM
 * said about an address, for a TTL, served stale while a refresh runs (stale-while-revalidate).
 * At most one CRM lookup per address per TTL however many tickets arrive: in this process one
 * refresh per address at a time, across instances a claim written on the cache document under
 * its etag (whoever loses the race waits for the winner's answer). A cold address makes its
 * caller wait at most `waitMs`; the lookup goes on in the background and fills the cache.
 * Webhooks invalidate entries (`invalidate*`), which makes the next read refresh them.
 */
import type { Clock } from '../ports/clock.js';
import { type Crm, type CrmContact, CrmRateLimitedError } from '../ports/crm.js';
import { ConcurrencyConflictError, type DocumentStore, type StoredDocument } from '../ports/document-store.js';
import { keyId } from './customer-keys.js';
import { LookupBatcher } from './lookup-batcher.js';
import { normalizeEmail } from './mail-domain.js';

export interface CrmCacheSettings {
  readonly ttlMs: number;
  /** How long a refresh claim holds before another instance may take over (a crashed refresher). */
  readonly claimMs: number;
  /** After a failed lookup, how long the entry waits before the next try. */
  readonly failureBackoffMs: number;
}

export const DEFAULT_CRM_CACHE: CrmCacheSettings = { ttlMs: 15 * 60_000, claimMs: 30_000, failureBackoffMs: 30_000 };

export type CrmLookup =
  | { readonly state: 'found'; readonly contact: CrmContact; readonly stale: boolean; readonly fetchedAt: string }
  | { readonly state: 'missing'; readonly stale: boolean; readonly fetchedAt: string }
  | { readonly state: 'pending'; readonly reason: string };

interface CacheDoc extends StoredDocument {
  readonly docType: 'crm-contact';
  readonly pk: string;
  readonly email: string;
  readonly status: 'found' | 'missing' | 'pending';
  readonly contact: CrmContact | null;
  readonly fetchedAt: string | null;
  readonly expiresAt: string;
  readonly claimUntil: string | null;
  readonly lastError: string | null;
  /** Indexed: webhooks find entries by the CRM's contact and primary company id. */
  readonly crmContactId: string | null;
  readonly crmCompanyId: string | null;
}

const EPOCH = '1970-01-01T00:00:00.000Z';
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface CrmCacheStats {
  lookups: number;
  hits: number;
  staleServed: number;
  refreshes: number;
  failures: number;
}

export class CrmCache {
  private readonly inflight = new Map<string, Promise<CrmLookup>>();
  private readonly batcher: LookupBatcher;
  readonly stats: CrmCacheStats = { lookups: 0, hits: 0, staleServed: 0, refreshes: 0, failures: 0 };

  constructor(
    private readonly store: DocumentStore,
    crm: Crm,
    private readonly clock: Clock,
    private readonly settings: CrmCacheSettings = DEFAULT_CRM_CACHE,
    private readonly log: (line: string) => void = () => {},
  ) {
    this.batcher = new LookupBatcher(crm, { max: 100, maxInFlight: 2, windowMs: 5 });
  }

  /** What the CRM says about `email`: at once when cached (fresh or stale), else within `waitMs`. */
  async get(email: string, waitMs: number): Promise<CrmLookup> {
    const address = normalizeEmail(email);
    this.stats.lookups++;
    const id = keyId('crm', address);
    const found = await this.store.read<CacheDoc>('customers', id, id);
    const doc = found?.doc;
    const now = this.clock.now().toISOString();
    if (doc && doc.status !== 'pending' && doc.fetchedAt) {
      const fresh = now < doc.expiresAt;
      if (fresh) this.stats.hits++;
      else {
        this.stats.staleServed++;
        void this.refresh(address, found);
      }
      return lookupOf(doc, !fresh);
    }
    const refreshing = this.refresh(address, found);
    return Promise.race([
      refreshing,
      sleep(waitMs).then((): CrmLookup => ({ state: 'pending', reason: `the CRM did not answer within ${waitMs} ms` })),
    ]);
  }

  /** Marks the entries of these CRM contacts stale (webhook: a property changed, a merge). */
  async invalidateContacts(crmContactIds: readonly string[]): Promise<number> {
    return this.invalidateWhere('crmContactId', crmContactIds);
  }

  /** Marks stale every entry whose primary company is one of these (webhook: company property changed). */
  async invalidateCompanies(crmCompanyIds: readonly string[]): Promise<number> {
    return this.invalidateWhere('crmCompanyId', crmCompanyIds);
  }

  /** Asks the CRM about an address now, whatever the cache holds (after "create in CRM"); waits at most `waitMs`. */
  async revalidate(email: string, waitMs: number): Promise<CrmLookup> {
    const address = normalizeEmail(email);
    const id = keyId('crm', address);
    const found = await this.store.read<CacheDoc>('customers', id, id);
    const fresh = found ? { ...found, doc: { ...found.doc, claimUntil: null, lastError: null } } : undefined;
    return Promise.race([
      this.refresh(address, fresh),
      sleep(waitMs).then((): CrmLookup => ({ state: 'pending', reason: `the CRM did not answer within ${waitMs} ms` })),
    ]);
  }

  /** Marks an address stale (after "create in CRM"). */
  async invalidateEmail(email: string): Promise<void> {
    const id = keyId('crm', normalizeEmail(email));
    const found = await this.store.read<CacheDoc>('customers', id, id);
    if (found) await this.expire(found.doc, found.etag);
  }

  /** The cached contact of an address, whatever its age (no CRM call). */
  async peek(email: string): Promise<CrmLookup | undefined> {
    const id = keyId('crm', normalizeEmail(email));
    const doc = (await this.store.read<CacheDoc>('customers', id, id))?.doc;
    if (!doc || doc.status === 'pending' || !doc.fetchedAt) return undefined;
    return lookupOf(doc, this.clock.now().toISOString() >= doc.expiresAt);
  }

  private async invalidateWhere(field: 'crmContactId' | 'crmCompanyId', ids: readonly string[]): Promise<number> {
    let count = 0;
    for (const value of ids) {
      const page = await this.store.query<CacheDoc>('customers', {
        where: [
          { field: 'docType', op: 'eq', value: 'crm-contact' },
          { field, op: 'eq', value },
        ],
        limit: 100,
      });
      for (const item of page.items) {
        await this.expire(item.doc, item.etag);
        count++;
      }
    }
    return count;
  }

  private async expire(doc: CacheDoc, etag: string): Promise<void> {
    try {
      // Invalidated means "ask again now", whatever back-off a failed lookup had set.
      const expired: CacheDoc = {
        ...doc,
        expiresAt: EPOCH,
        ...(doc.lastError ? { claimUntil: null, lastError: null } : {}),
      };
      await this.store.batch('customers', doc.pk, [{ op: 'replace', doc: expired, ifMatch: etag }]);
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError)) throw error;
      // A refresh wrote it meanwhile; make sure what it wrote is not kept for a full TTL.
      const again = await this.store.read<CacheDoc>('customers', doc.pk, doc.id);
      if (again) await this.expire(again.doc, again.etag);
    }
  }

  private refresh(address: string, found: { doc: CacheDoc; etag: string } | undefined): Promise<CrmLookup> {
    const running = this.inflight.get(address);
    if (running) return running;
    const run = this.claimAndFetch(address, found).finally(() => this.inflight.delete(address));
    this.inflight.set(address, run);
    return run;
  }

  private async claimAndFetch(address: string, found: { doc: CacheDoc; etag: string } | undefined): Promise<CrmLookup> {
    const id = keyId('crm', address);
    const now = this.clock.now();
    const at = now.toISOString();
    if (found?.doc.claimUntil && found.doc.claimUntil > at) {
      // A failed lookup's back-off (lastError set) is not a refresh in progress: nothing to wait for.
      if (found.doc.lastError)
        return found.doc.status !== 'pending' && found.doc.fetchedAt
          ? lookupOf(found.doc, true)
          : {
              state: 'pending',
              reason: `the CRM failed (${found.doc.lastError}); retrying after ${found.doc.claimUntil}`,
            };
      return this.waitForOther(address, found.doc);
    }
    const claim: CacheDoc = {
      ...(found?.doc ?? emptyDoc(id, address)),
      claimUntil: new Date(now.getTime() + this.settings.claimMs).toISOString(),
      lastError: null,
    };
    let claimEtag: string;
    try {
      [claimEtag] = (await this.store.batch('customers', id, [
        found ? { op: 'replace', doc: claim, ifMatch: found.etag } : { op: 'create', doc: claim },
      ])) as [string];
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError)) throw error;
      return this.waitForOther(address, found?.doc);
    }
    this.stats.refreshes++;
    let contact: CrmContact | null;
    try {
      contact = await this.batcher.lookup(address);
    } catch (error) {
      this.stats.failures++;
      const message = error instanceof Error ? error.message : String(error);
      const backoff =
        error instanceof CrmRateLimitedError
          ? Math.max(error.retryAfterMs, this.settings.failureBackoffMs)
          : this.settings.failureBackoffMs;
      const failed: CacheDoc = {
        ...claim,
        lastError: message,
        claimUntil: new Date(this.clock.now().getTime() + backoff).toISOString(),
      };
      await this.store.batch('customers', id, [{ op: 'replace', doc: failed, ifMatch: claimEtag }]).catch(() => {});
      this.log(`crm: lookup of ${address} failed: ${message}`);
      return claim.status === 'pending' || !claim.fetchedAt
        ? { state: 'pending', reason: message }
        : lookupOf(claim, true);
    }
    const fetchedAt = this.clock.now();
    const written: CacheDoc = {
      ...claim,
      status: contact ? 'found' : 'missing',
      contact,
      fetchedAt: fetchedAt.toISOString(),
      expiresAt: new Date(fetchedAt.getTime() + this.settings.ttlMs).toISOString(),
      claimUntil: null,
      lastError: null,
      crmContactId: contact?.id ?? null,
      crmCompanyId: contact?.companies[0]?.id ?? null,
    };
    try {
      await this.store.batch('customers', id, [{ op: 'replace', doc: written, ifMatch: claimEtag }]);
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError)) throw error;
      // A webhook invalidated the entry while we asked: keep the answer, but stale, so the next read asks again.
      await this.store.batch('customers', id, [{ op: 'upsert', doc: { ...written, expiresAt: EPOCH } }]);
    }
    return lookupOf(written, false);
  }

  /** Another instance holds the refresh claim: read its answer as it lands (bounded by the claim). */
  private async waitForOther(address: string, seen: CacheDoc | undefined): Promise<CrmLookup> {
    const id = keyId('crm', address);
    const until = Date.now() + this.settings.claimMs;
    while (Date.now() < until) {
      await sleep(100);
      const doc = (await this.store.read<CacheDoc>('customers', id, id))?.doc;
      if (doc && doc.status !== 'pending' && doc.fetchedAt && doc.fetchedAt !== seen?.fetchedAt)
        return lookupOf(doc, false);
      if (doc?.lastError && doc.lastError !== seen?.lastError) break;
    }
    return seen && seen.status !== 'pending' && seen.fetchedAt
      ? lookupOf(seen, true)
      : { state: 'pending', reason: 'another instance is asking the CRM' };
  }
}

const emptyDoc = (id: string, email: string): CacheDoc => ({
  id,
  pk: id,
  docType: 'crm-contact',
  email,
  status: 'pending',
  contact: null,
  fetchedAt: null,
  expiresAt: EPOCH,
  claimUntil: null,
  lastError: null,
  crmContactId: null,
  crmCompanyId: null,
});

const lookupOf = (doc: CacheDoc, stale: boolean): CrmLookup =>
  doc.status === 'found' && doc.contact
    ? { state: 'found', contact: doc.contact, stale, fetchedAt: doc.fetchedAt as string }
    : { state: 'missing', stale, fetchedAt: doc.fetchedAt as string };
