/**
 * HubSpot webhooks: the signature is checked first (v3, hubspot-signature.ts), then each event
 * invalidates the CRM cache: `contact.propertyChange` and `contact.deletion` the contact's
 * entry, `contact.merge` the entries of every merged contact and of the one they became,
 * `company.propertyChange` the entries whose primary company it is. Other subscriptions are
 * acknowledged and ignored. Nothing else happens here: the next lookup refreshes (ADR 0017).
 */
import type { THubSpotWebhookEvents } from '../../../shared/api/customers.schemas.js';
import type { CrmCache } from '../../../shared/customers/crm-cache.js';
import { type SignatureCheck, verifyV3 } from './hubspot-signature.js';

export interface WebhookOutcome {
  readonly events: number;
  readonly invalidated: number;
  readonly ignored: number;
}

export class HubSpotWebhooks {
  constructor(
    private readonly d: {
      readonly secret: string | null;
      /** The URI HubSpot signed (HUBSPOT_WEBHOOK_URL), when the request's own URL differs (proxies). */
      readonly publicUrl: string | null;
      readonly cache: CrmCache;
      readonly now: () => number;
    },
  ) {}

  get configured(): boolean {
    return this.d.secret !== null;
  }

  verify(request: {
    method: string;
    url: string;
    body: string;
    signature: string | null;
    timestamp: string | null;
  }): SignatureCheck {
    if (!this.d.secret) return { ok: false, reason: 'HUBSPOT_CLIENT_SECRET is not set: webhooks are refused' };
    const uri = this.d.publicUrl ? this.d.publicUrl + new URL(request.url).search : request.url;
    return verifyV3({ ...request, uri, secret: this.d.secret, now: this.d.now() });
  }

  async handle(events: THubSpotWebhookEvents): Promise<WebhookOutcome> {
    const contacts = new Set<string>();
    const companies = new Set<string>();
    let ignored = 0;
    for (const e of events) {
      const id = e.objectId === undefined ? null : String(e.objectId);
      switch (e.subscriptionType) {
        case 'contact.propertyChange':
        case 'contact.deletion':
        case 'contact.privacyDeletion':
          if (id) contacts.add(id);
          break;
        case 'contact.merge':
          for (const merged of e.mergedObjectIds ?? []) contacts.add(String(merged));
          if (e.primaryObjectId !== undefined) contacts.add(String(e.primaryObjectId));
          if (e.newObjectId !== undefined) contacts.add(String(e.newObjectId));
          if (id) contacts.add(id);
          break;
        case 'company.propertyChange':
        case 'company.deletion':
          if (id) companies.add(id);
          break;
        default:
          ignored++;
      }
    }
    const invalidated =
      (await this.d.cache.invalidateContacts([...contacts])) + (await this.d.cache.invalidateCompanies([...companies]));
    return { events: events.length, invalidated, ignored };
  }
}
