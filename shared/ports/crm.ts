/**
 * Crm: the port to an external CRM (HubSpot) that enriches the built-in customer directory.
 * The core never waits on it unbounded: the cache (shared/customers/crm-cache.ts) calls it in
 * the background and bounds how long ticket creation waits. Adapters translate the CRM's wire
 * format and errors into these shapes (functions/adapters/hubspot/).
 */

/** A company as the CRM knows it, with the tier already mapped to ours (null: none or unmapped). */
export interface CrmCompany {
  readonly id: string;
  readonly name: string | null;
  readonly domain: string | null;
  readonly tier: string | null;
  /** The CRM's own value of the tier property, before mapping. */
  readonly rawTier: string | null;
  /** The configured company fields to show (label -> value). */
  readonly fields: Readonly<Record<string, string | null>>;
}

export interface CrmDeal {
  readonly id: string;
  readonly name: string | null;
  readonly stage: string | null;
  readonly amount: string | null;
}

/** What the CRM says about one email address. */
export interface CrmContact {
  readonly id: string;
  readonly email: string;
  readonly name: string | null;
  readonly phone: string | null;
  /** The configured contact fields to show (label -> value). */
  readonly fields: Readonly<Record<string, string | null>>;
  /** The contact owner (an account manager in the CRM), when one is set. */
  readonly owner: { readonly id: string; readonly name: string | null; readonly email: string | null } | null;
  /** Associated companies, each once however many labels associate it; the primary one first. */
  readonly companies: readonly CrmCompany[];
  readonly openDeals: readonly CrmDeal[];
  /** Where an agent sees the record in the CRM (null when the account is not known). */
  readonly url: string | null;
}

export interface CrmStatus {
  readonly provider: string;
  readonly tokenValid: boolean | null;
  readonly scopes: readonly string[];
  readonly missingScopes: readonly string[];
  readonly lastError: { readonly at: string; readonly message: string } | null;
  /** Calls left today and the day's budget, as HubSpot's X-HubSpot-RateLimit-Daily(-Remaining) last said. */
  readonly dailyRemaining: number | null;
  readonly dailyLimit: number | null;
  readonly dailyLimitSpent: boolean;
  /** When calls resume after a DAILY 429 (null while the limit is not spent). */
  readonly dailyResetsAt: string | null;
  readonly circuit: 'closed' | 'open' | 'half-open';
  readonly calls: number;
  readonly checkedAt: string | null;
}

export interface NewCrmContact {
  readonly email: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly phone: string | null;
  /** The CRM company to associate the new contact with, when known. */
  readonly companyId: string | null;
}

export interface CrmNote {
  readonly contactId: string;
  readonly body: string;
  readonly at: string;
  /** A marker written into the note, found again by `findNote` so a retry never writes a second note. */
  readonly marker: string;
}

export interface Crm {
  /** Looks several addresses up at once; a missing key or null means the CRM does not know it. */
  lookupContacts(emails: readonly string[]): Promise<ReadonlyMap<string, CrmContact | null>>;
  /** Creates the contact; when the CRM has that address already (a race), answers that contact's id. */
  createContact(input: NewCrmContact): Promise<{ readonly id: string }>;
  /** The id of a note carrying `marker` on that contact, if one was written before. */
  findNote(contactId: string, marker: string): Promise<string | null>;
  addNote(note: CrmNote): Promise<{ readonly id: string }>;
  /** Token, scopes and rate-limit state as last seen (no call). */
  status(): CrmStatus;
  /** Asks the CRM about the token (valid, scopes) and returns the status. */
  checkToken(): Promise<CrmStatus>;
}

/** The CRM did not answer usefully in time: outage, timeout, open circuit, 5xx. */
export class CrmUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CrmUnavailableError';
  }
}

/** The CRM refused for its rate limit; `daily` when the day's budget is spent. */
export class CrmRateLimitedError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number,
    readonly daily: boolean,
  ) {
    super(message);
    this.name = 'CrmRateLimitedError';
  }
}
