/**
 * The built-in customer directory's records: contacts (people who write to support) and
 * companies (with the mail domains that identify them, a tier and an account manager). Stored in
 * the `customers` container, one partition per record; the lookup keys (an address, a domain)
 * are documents of their own so the mail path finds a contact or company with point reads.
 */

export interface ContactSnapshot {
  readonly id: string;
  readonly name: string;
  /** Lower-cased; the first is the primary address. */
  readonly emails: readonly string[];
  readonly phone: string | null;
  /** BCP 47 tag, e.g. `de-DE`. */
  readonly language: string | null;
  /** IANA zone, e.g. `Europe/Berlin`. */
  readonly timeZone: string | null;
  readonly companyId: string | null;
  readonly notes: string;
  /** The CRM record this contact is linked to (HubSpot contact id), when known. */
  readonly crmId: string | null;
  /** How the contact came to be: an inbound mail, an agent, the CRM. */
  readonly source: 'mail' | 'agent' | 'ticket' | 'crm' | 'seed' | 'import';
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface CompanySnapshot {
  readonly id: string;
  readonly name: string;
  /** Lower-cased mail domains (`acme.example`); a sender at one of them (or a subdomain) belongs here. */
  readonly domains: readonly string[];
  /** Free-form tier name SLA policies, rules and routing match on (`enterprise`, `business`...). */
  readonly tier: string | null;
  /** The agent who manages the account. */
  readonly accountManagerId: string | null;
  readonly notes: string;
  /** The CRM company this one is linked to (HubSpot company id), when known. */
  readonly crmId: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * The customer facts a ticket records when it is created (and on an explicit re-evaluation):
 * SLA matching, rules and routing read these, as of that moment. The panel reads the live records.
 */
export interface TicketCustomer {
  readonly contactId: string;
  readonly companyId: string | null;
  readonly companyName: string | null;
  readonly tier: string | null;
  /** Where the tier came from: the built-in directory or the CRM (which wins when it has one). */
  readonly tierSource: 'directory' | 'crm' | null;
  readonly accountManagerId: string | null;
  /** The CRM contact id, when the CRM knows the requester. */
  readonly crmId: string | null;
  /**
   * `pending`: the CRM had not answered within the wait; the enrichment lands later as a timeline
   * entry. `complete`: the CRM answered (or said it does not know them). `local`: no CRM configured.
   */
  readonly enrichment: 'pending' | 'complete' | 'local';
}
