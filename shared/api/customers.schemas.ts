/** Customer directory request and response schemas: contacts, companies, the ticket's customer panel, the CRM. */
import { z } from 'zod';
import { ZCursor, ZId, ZLimit } from './common.schemas.js';

const ZName = z.string().trim().min(1).max(200);
const ZEmail = z.email().max(254);
const ZDomain = z.string().trim().min(3).max(253);
const ZNotes = z.string().max(10_000);
const ZTier = z.string().trim().min(1).max(50).nullable();
/** A BCP 47 language tag such as `en` or `de-DE`. */
const ZLanguage = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as en or de-DE')
  .nullable();
const ZTimeZone = z
  .string()
  .trim()
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Europe/Berlin')
  .nullable();
const ZPhone = z
  .string()
  .trim()
  .max(40)
  .regex(/^[+0-9 ()./-]*$/, 'must be a phone number')
  .nullable();

export const ZTicketCustomer = z.object({
  contactId: z.string(),
  companyId: z.string().nullable(),
  companyName: z.string().nullable(),
  tier: z.string().nullable(),
  tierSource: z.enum(['directory', 'crm']).nullable(),
  accountManagerId: z.string().nullable(),
  crmId: z.string().nullable(),
  enrichment: z.enum(['pending', 'complete', 'local']),
});

export const ZCreateContact = z.strictObject({
  name: ZName,
  emails: z.array(ZEmail).min(1).max(20),
  phone: ZPhone.optional(),
  language: ZLanguage.optional(),
  timeZone: ZTimeZone.optional(),
  companyId: ZId.nullable().optional(),
  notes: ZNotes.optional(),
});
export type TCreateContact = z.infer<typeof ZCreateContact>;

export const ZUpdateContact = ZCreateContact.partial().refine(
  (patch) => Object.keys(patch).length > 0,
  'name at least one field to change',
);
export type TUpdateContact = z.infer<typeof ZUpdateContact>;

export const ZCreateCompany = z.strictObject({
  name: ZName,
  domains: z.array(ZDomain).max(50).default([]),
  tier: ZTier.optional(),
  accountManagerId: ZId.nullable().optional(),
  notes: ZNotes.optional(),
});
export type TCreateCompany = z.infer<typeof ZCreateCompany>;

export const ZUpdateCompany = ZCreateCompany.partial().refine(
  (patch) => Object.keys(patch).length > 0,
  'name at least one field to change',
);
export type TUpdateCompany = z.infer<typeof ZUpdateCompany>;

export const ZListContactsQuery = z.strictObject({
  q: z.string().trim().min(1).max(100).optional(),
  companyId: ZId.optional(),
  limit: ZLimit,
  cursor: ZCursor.optional(),
});
export type TListContactsQuery = z.infer<typeof ZListContactsQuery>;

export const ZListCompaniesQuery = z.strictObject({
  q: z.string().trim().min(1).max(100).optional(),
  tier: z.string().trim().min(1).max(50).optional(),
  limit: ZLimit,
  cursor: ZCursor.optional(),
});
export type TListCompaniesQuery = z.infer<typeof ZListCompaniesQuery>;

export const ZContact = z.object({
  id: z.string(),
  name: z.string(),
  emails: z.array(z.string()).readonly(),
  phone: z.string().nullable(),
  language: z.string().nullable(),
  timeZone: z.string().nullable(),
  companyId: z.string().nullable(),
  notes: z.string(),
  crmId: z.string().nullable(),
  source: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TContact = z.infer<typeof ZContact>;

export const ZCompany = z.object({
  id: z.string(),
  name: z.string(),
  domains: z.array(z.string()).readonly(),
  tier: z.string().nullable(),
  accountManagerId: z.string().nullable(),
  notes: z.string(),
  crmId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TCompany = z.infer<typeof ZCompany>;

const ZTicketLine = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  status: z.string(),
  priority: z.string(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  slaStatus: z.string().nullable(),
});
export type TTicketLine = z.infer<typeof ZTicketLine>;

export const ZCustomerInsights = z.object({
  open: z.array(ZTicketLine),
  recent: z.array(ZTicketLine),
  last90Days: z.object({
    tickets: z.number().int(),
    resolved: z.number().int(),
    slaBreaches: z.number().int(),
    medianResolutionMinutes: z.number().nullable(),
  }),
  /** True when the counts stopped at the read limit. */
  truncated: z.boolean(),
});
export type TCustomerInsights = z.infer<typeof ZCustomerInsights>;

const ZCrmCompany = z.object({
  id: z.string(),
  name: z.string().nullable(),
  domain: z.string().nullable(),
  tier: z.string().nullable(),
  rawTier: z.string().nullable(),
  fields: z.record(z.string(), z.string().nullable()),
});

export const ZCrmContactView = z.object({
  state: z.enum(['found', 'missing', 'pending', 'off']),
  stale: z.boolean(),
  fetchedAt: z.string().nullable(),
  contact: z
    .object({
      id: z.string(),
      email: z.string(),
      name: z.string().nullable(),
      phone: z.string().nullable(),
      fields: z.record(z.string(), z.string().nullable()),
      owner: z.object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable() }).nullable(),
      companies: z.array(ZCrmCompany),
      openDeals: z.array(
        z.object({
          id: z.string(),
          name: z.string().nullable(),
          stage: z.string().nullable(),
          amount: z.string().nullable(),
        }),
      ),
      url: z.string().nullable(),
    })
    .nullable(),
});
export type TCrmContactView = z.infer<typeof ZCrmContactView>;

export const ZContactDetail = z.object({
  contact: ZContact,
  company: ZCompany.nullable(),
  insights: ZCustomerInsights,
  crm: ZCrmContactView,
});
export type TContactDetail = z.infer<typeof ZContactDetail>;

export const ZCompanyDetail = z.object({
  company: ZCompany,
  contacts: z.array(ZContact),
  insights: ZCustomerInsights,
});
export type TCompanyDetail = z.infer<typeof ZCompanyDetail>;

/** GET /tickets/{id}/customer: the agent's customer panel. */
export const ZCustomerPanel = z.object({
  /** What the ticket recorded at creation (or the last re-evaluation). */
  recorded: ZTicketCustomer.nullable(),
  contact: ZContact.nullable(),
  company: ZCompany.nullable(),
  accountManager: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  /** The tier the customer has now (directory or CRM); differs from `recorded.tier` after a change. */
  currentTier: z.string().nullable(),
  tierChanged: z.boolean(),
  insights: ZCustomerInsights.nullable(),
  crm: ZCrmContactView,
});
export type TCustomerPanel = z.infer<typeof ZCustomerPanel>;

export const ZCrmStatusResponse = z.object({
  provider: z.string(),
  enabled: z.boolean(),
  tokenValid: z.boolean().nullable(),
  scopes: z.array(z.string()),
  missingScopes: z.array(z.string()),
  lastError: z.object({ at: z.string(), message: z.string() }).nullable(),
  dailyRemaining: z.number().nullable(),
  dailyLimit: z.number().nullable(),
  dailyLimitSpent: z.boolean(),
  dailyResetsAt: z.string().nullable(),
  circuit: z.enum(['closed', 'open', 'half-open']),
  calls: z.number().int(),
  checkedAt: z.string().nullable(),
  cache: z.object({
    lookups: z.number().int(),
    hits: z.number().int(),
    staleServed: z.number().int(),
    refreshes: z.number().int(),
    failures: z.number().int(),
  }),
});
export type TCrmStatusResponse = z.infer<typeof ZCrmStatusResponse>;

/** HubSpot webhook body: an array of events (only the fields we read are checked). */
export const ZHubSpotWebhookEvents = z
  .array(
    z.looseObject({
      subscriptionType: z.string().max(100),
      objectId: z.union([z.number(), z.string()]).optional(),
      eventId: z.union([z.number(), z.string()]).optional(),
      occurredAt: z.number().optional(),
      propertyName: z.string().optional(),
      mergedObjectIds: z.array(z.union([z.number(), z.string()])).optional(),
      primaryObjectId: z.union([z.number(), z.string()]).optional(),
      newObjectId: z.union([z.number(), z.string()]).optional(),
    }),
  )
  .max(1_000);
export type THubSpotWebhookEvents = z.infer<typeof ZHubSpotWebhookEvents>;
